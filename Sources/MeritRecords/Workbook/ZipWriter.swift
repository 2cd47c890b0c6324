import SystemZlib

/// Writes a ZIP archive in memory (PKWARE APPNOTE 6.3: local headers, central directory, end record),
/// each entry deflated by the system zlib, as the workbook reader (`ZipArchive`) reads them back.
/// Entries are small (a report's sheet), so there is no ZIP64 and no streaming.
public enum ZipWriter {
    public struct WriteError: Error, CustomStringConvertible {
        public var description: String
    }

    /// The archive of `entries` in order; names are UTF-8 (flag bit 11).
    public static func archive(_ entries: [(name: String, bytes: [UInt8])]) throws -> [UInt8] {
        var out: [UInt8] = []
        var central: [UInt8] = []
        for entry in entries {
            let name = Array(entry.name.utf8)
            let packed = try deflate(entry.bytes)
            let crc = entry.bytes.withUnsafeBufferPointer { UInt32(crc32(0, $0.baseAddress, uInt($0.count))) }
            guard packed.count < Int(UInt32.max), entry.bytes.count < Int(UInt32.max), out.count < Int(UInt32.max) else {
                throw WriteError(description: "a workbook part of 4 GB or more needs ZIP64, which the writer does not make")
            }
            let offset = UInt32(out.count)
            // Local header: signature, version 2.0, UTF-8 names, deflate, 1980-01-01 00:00.
            append32(0x0403_4b50, &out)
            for value: UInt16 in [20, 0x0800, 8, 0, 0x0021] { append16(value, &out) }
            append32(crc, &out)
            append32(UInt32(packed.count), &out)
            append32(UInt32(entry.bytes.count), &out)
            append16(UInt16(name.count), &out)
            append16(0, &out)
            out += name
            out += packed
            // Its central directory record.
            append32(0x0201_4b50, &central)
            for value: UInt16 in [20, 20, 0x0800, 8, 0, 0x0021] { append16(value, &central) }
            append32(crc, &central)
            append32(UInt32(packed.count), &central)
            append32(UInt32(entry.bytes.count), &central)
            append16(UInt16(name.count), &central)
            for value: UInt16 in [0, 0, 0, 0] { append16(value, &central) }
            append32(0, &central)
            append32(offset, &central)
            central += name
        }
        let directoryOffset = UInt32(out.count)
        out += central
        append32(0x0605_4b50, &out)
        for value: UInt16 in [0, 0, UInt16(entries.count), UInt16(entries.count)] { append16(value, &out) }
        append32(UInt32(central.count), &out)
        append32(directoryOffset, &out)
        append16(0, &out)
        return out
    }

    /// Raw deflate (no zlib header), as ZIP entries hold it.
    static func deflate(_ bytes: [UInt8]) throws -> [UInt8] {
        var stream = z_stream()
        guard deflateInit2_(&stream, 6, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw WriteError(description: "zlib could not start deflating")
        }
        defer { deflateEnd(&stream) }
        var out = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(bytes.count))) + 64)
        var input = bytes
        let status = input.withUnsafeMutableBufferPointer { source in
            out.withUnsafeMutableBufferPointer { target in
                stream.next_in = source.baseAddress
                stream.avail_in = uInt(source.count)
                stream.next_out = target.baseAddress
                stream.avail_out = uInt(target.count)
                return SystemZlib.deflate(&stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END else { throw WriteError(description: "zlib could not deflate a workbook part (status \(status))") }
        out.removeLast(out.count - Int(stream.total_out))
        return out
    }

    private static func append16(_ value: UInt16, _ out: inout [UInt8]) {
        out.append(UInt8(value & 0xff))
        out.append(UInt8(value >> 8))
    }

    private static func append32(_ value: UInt32, _ out: inout [UInt8]) {
        for shift in stride(from: 0, to: 32, by: 8) { out.append(UInt8((value >> UInt32(shift)) & 0xff)) }
    }
}
