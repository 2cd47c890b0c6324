#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import SystemZlib

/// The ZIP archive a workbook is (APPNOTE 6.3.10: end of central directory, its ZIP64 form, the central
/// directory, local headers; stored and deflated entries), read from a file or from memory, one entry
/// streamed at a time through zlib.
///
/// Our own rather than ZIPFoundation's reader, because the fuzz targets found three faults there that a
/// hostile upload would reach (0.9.20): a truncated deflate stream makes its Linux inflate loop spin for
/// ever at the end of the file; a memory-backed archive traps on an entry offset past its end
/// (weichsel/ZIPFoundation#394); opening an archive by path leaks its path string. Here every read is
/// bounded by the entry's compressed size and the file's size, every entry by its declared size, and a
/// damaged archive is an error.
/// Immutable once open (its entries are read in `init`), and read with `pread`, which keeps no shared
/// file offset: one thread may inflate a sheet while another reads the workbook's other parts.
final class ZipArchive: @unchecked Sendable {
    struct Entry {
        var path: String
        var method: UInt16
        var flags: UInt16
        var crc: UInt32
        var compressedSize: UInt64
        var uncompressedSize: UInt64
        var localHeaderOffset: UInt64
    }

    private enum Storage {
        case file(Int32)
        case memory([UInt8])
    }

    private let storage: Storage
    let size: UInt64
    private(set) var entries: [String: Entry] = [:]

    /// The most entries a workbook may have, and the largest entry it may hold (a sheet of a million rows
    /// is about 250 MB of XML).
    static let maxEntries = 10_000
    static let maxEntrySize: UInt64 = 4 << 30

    init(path: String) throws(ZipError) {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw ZipError("the file cannot be read") }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            close(descriptor)
            throw ZipError("the file cannot be read")
        }
        storage = .file(descriptor)
        size = UInt64(status.st_size)
        try readDirectory()
    }

    init(bytes: [UInt8]) throws(ZipError) {
        storage = .memory(bytes)
        size = UInt64(bytes.count)
        try readDirectory()
    }

    deinit {
        if case .file(let descriptor) = storage { close(descriptor) }
    }

    // MARK: Reading bytes

    /// `count` bytes at `offset`, all of them or an error.
    private func read(_ offset: UInt64, _ count: Int) throws(ZipError) -> [UInt8] {
        guard count >= 0, offset <= size, UInt64(count) <= size - offset else { throw ZipError("it ends early (a part lies past the end of the file)") }
        switch storage {
        case .memory(let bytes):
            return Array(bytes[Int(offset)..<Int(offset) + count])
        case .file(let descriptor):
            var buffer = [UInt8](repeating: 0, count: count)
            var done = 0
            while done < count {
                let got = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress! + done, count - done, off_t(offset) + off_t(done)) }
                guard got > 0 else { throw ZipError("the file cannot be read to its end") }
                done += got
            }
            return buffer
        }
    }

    private static func u16(_ bytes: [UInt8], _ at: Int) -> UInt16 { UInt16(bytes[at]) | UInt16(bytes[at + 1]) << 8 }
    private static func u32(_ bytes: [UInt8], _ at: Int) -> UInt32 { UInt32(u16(bytes, at)) | UInt32(u16(bytes, at + 2)) << 16 }
    private static func u64(_ bytes: [UInt8], _ at: Int) -> UInt64 { UInt64(u32(bytes, at)) | UInt64(u32(bytes, at + 4)) << 32 }

    // MARK: Central directory

    private func readDirectory() throws(ZipError) {
        // The end record is in the last 22 + 65,535 bytes (its comment may be that long).
        let tail = min(size, 22 + 65_535)
        let end = try read(size - tail, Int(tail))
        guard end.count >= 22, let at = stride(from: end.count - 22, through: 0, by: -1).first(where: { Self.u32(end, $0) == 0x0605_4B50 }) else {
            throw ZipError("it has no end of central directory (not a ZIP archive, or cut short)")
        }
        var count = UInt64(Self.u16(end, at + 10))
        var directorySize = UInt64(Self.u32(end, at + 12))
        var directoryOffset = UInt64(Self.u32(end, at + 16))
        if count == 0xFFFF || directorySize == 0xFFFF_FFFF || directoryOffset == 0xFFFF_FFFF {
            // ZIP64: a locator just before the end record points at the ZIP64 end record.
            let endOffset = size - tail + UInt64(at)
            guard endOffset >= 20 else { throw ZipError("its ZIP64 end record is missing") }
            let locator = try read(endOffset - 20, 20)
            guard Self.u32(locator, 0) == 0x0706_4B50 else { throw ZipError("its ZIP64 end record is missing") }
            let record = try read(Self.u64(locator, 8), 56)
            guard Self.u32(record, 0) == 0x0606_4B50 else { throw ZipError("its ZIP64 end record is damaged") }
            count = Self.u64(record, 32)
            directorySize = Self.u64(record, 40)
            directoryOffset = Self.u64(record, 48)
        }
        guard count <= UInt64(Self.maxEntries) else { throw ZipError("it has \(count) entries; a workbook has a few dozen") }
        guard directoryOffset <= size, directorySize <= size - directoryOffset, directorySize <= 64 << 20 else {
            throw ZipError("its central directory lies past the end of the file")
        }
        let directory = try read(directoryOffset, Int(directorySize))
        var position = 0
        for _ in 0..<count {
            guard position + 46 <= directory.count, Self.u32(directory, position) == 0x0201_4B50 else {
                throw ZipError("its central directory is damaged")
            }
            let nameLength = Int(Self.u16(directory, position + 28))
            let extraLength = Int(Self.u16(directory, position + 30))
            let commentLength = Int(Self.u16(directory, position + 32))
            guard position + 46 + nameLength + extraLength + commentLength <= directory.count else { throw ZipError("its central directory is damaged") }
            var entry = Entry(
                path: String(decoding: directory[position + 46..<position + 46 + nameLength], as: UTF8.self),
                method: Self.u16(directory, position + 10), flags: Self.u16(directory, position + 8),
                crc: Self.u32(directory, position + 16), compressedSize: UInt64(Self.u32(directory, position + 20)),
                uncompressedSize: UInt64(Self.u32(directory, position + 24)), localHeaderOffset: UInt64(Self.u32(directory, position + 42)))
            try Self.readZIP64Extra(Array(directory[position + 46 + nameLength..<position + 46 + nameLength + extraLength]), into: &entry)
            if entries[entry.path] == nil { entries[entry.path] = entry }
            position += 46 + nameLength + extraLength + commentLength
        }
    }

    /// Sizes and offset too large for 32 bits are in the ZIP64 extra field (header 0x0001), in this order.
    private static func readZIP64Extra(_ extra: [UInt8], into entry: inout Entry) throws(ZipError) {
        var position = 0
        while position + 4 <= extra.count {
            let id = u16(extra, position)
            let length = Int(u16(extra, position + 2))
            guard position + 4 + length <= extra.count else { return }
            if id == 0x0001 {
                var field = position + 4
                func next() throws(ZipError) -> UInt64 {
                    guard field + 8 <= position + 4 + length else { throw ZipError("an entry's ZIP64 sizes are damaged") }
                    defer { field += 8 }
                    return u64(extra, field)
                }
                if entry.uncompressedSize == 0xFFFF_FFFF { entry.uncompressedSize = try next() }
                if entry.compressedSize == 0xFFFF_FFFF { entry.compressedSize = try next() }
                if entry.localHeaderOffset == 0xFFFF_FFFF { entry.localHeaderOffset = try next() }
            }
            position += 4 + length
        }
    }

    // MARK: Entries

    /// Streams an entry's content through `consume`, a chunk at a time; the content's length and CRC-32
    /// are checked against the directory's.
    func stream(_ entry: Entry, chunkSize: Int = 1 << 18, _ consume: ([UInt8]) throws -> Void) throws {
        guard entry.flags & 0x1 == 0 else { throw ZipError("'\(entry.path)' is encrypted: the workbook has a password; remove it and save again") }
        guard entry.method == 0 || entry.method == 8 else {
            throw ZipError("'\(entry.path)' is compressed with method \(entry.method), which Merit does not read; save the workbook again")
        }
        guard entry.uncompressedSize <= Self.maxEntrySize else { throw ZipError("'\(entry.path)' is larger than \(Self.maxEntrySize >> 30) GB") }
        let header = try read(entry.localHeaderOffset, 30)
        guard Self.u32(header, 0) == 0x0403_4B50 else { throw ZipError("the local header of '\(entry.path)' is damaged") }
        let dataOffset = entry.localHeaderOffset + 30 + UInt64(Self.u16(header, 26)) + UInt64(Self.u16(header, 28))
        guard dataOffset <= size, entry.compressedSize <= size - dataOffset else { throw ZipError("'\(entry.path)' lies past the end of the file") }
        var crc = crc32(0, nil, 0)
        var produced: UInt64 = 0
        func emit(_ chunk: [UInt8]) throws {
            produced += UInt64(chunk.count)
            guard produced <= entry.uncompressedSize else { throw ZipError("'\(entry.path)' holds more than its declared \(entry.uncompressedSize) bytes") }
            crc = chunk.withUnsafeBufferPointer { crc32(crc, $0.baseAddress, uInt($0.count)) }
            try consume(chunk)
        }
        if entry.method == 0 {
            var offset: UInt64 = 0
            while offset < entry.compressedSize {
                let count = Int(min(UInt64(chunkSize), entry.compressedSize - offset))
                try emit(try read(dataOffset + offset, count))
                offset += UInt64(count)
            }
        } else {
            try inflate(entry, from: dataOffset, chunkSize: chunkSize, emit)
        }
        guard produced == entry.uncompressedSize else { throw ZipError("'\(entry.path)' ends early (\(produced) of \(entry.uncompressedSize) bytes)") }
        guard UInt32(crc) == entry.crc else { throw ZipError("'\(entry.path)' does not match its checksum (CRC-32): the file is damaged") }
    }

    /// Raw deflate (RFC 1951), fed no more than the entry's compressed bytes; it must end within them.
    private func inflate(_ entry: Entry, from dataOffset: UInt64, chunkSize: Int, _ emit: ([UInt8]) throws -> Void) throws {
        var stream = z_stream()
        guard inflateInit2_(&stream, -MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw ZipError("zlib could not start")
        }
        defer { inflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: chunkSize)
        var offset: UInt64 = 0
        var ended = false
        while !ended {
            guard offset < entry.compressedSize else { throw ZipError("'\(entry.path)' ends in the middle of its compressed data") }
            var input = try read(dataOffset + offset, Int(min(UInt64(chunkSize), entry.compressedSize - offset)))
            offset += UInt64(input.count)
            try input.withUnsafeMutableBufferPointer { input in
                stream.next_in = input.baseAddress
                stream.avail_in = uInt(input.count)
                repeat {
                    let result = output.withUnsafeMutableBufferPointer { out -> Int32 in
                        stream.next_out = out.baseAddress
                        stream.avail_out = uInt(out.count)
                        return SystemZlib.inflate(&stream, Z_NO_FLUSH)
                    }
                    guard result == Z_OK || result == Z_STREAM_END || result == Z_BUF_ERROR else {
                        throw ZipError("'\(entry.path)' holds damaged compressed data")
                    }
                    let count = output.count - Int(stream.avail_out)
                    if count > 0 { try emit(Array(output[..<count])) }
                    if result == Z_STREAM_END {
                        ended = true
                        break
                    }
                    if result == Z_BUF_ERROR && count == 0 { break }
                } while stream.avail_in > 0 || stream.avail_out == 0
            }
        }
    }
}

/// A ZIP archive that cannot be read, and why.
struct ZipError: Error {
    var message: String

    init(_ message: String) {
        self.message = message
    }
}
