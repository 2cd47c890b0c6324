import MeritYAML

/// Turns UTF-16 (Excel's "Unicode Text") into UTF-8 chunk by chunk, so the CSV reader parses one
/// encoding. A code unit or a surrogate pair split between two chunks waits for the next one; an
/// unpaired surrogate is an error.
struct UTF16Transcoder {
    let bigEndian: Bool
    private var pendingByte: UInt8?
    private var pendingHigh: UInt16?
    /// Code units read so far, for the place of an error.
    private var units = 0

    init(bigEndian: Bool) {
        self.bigEndian = bigEndian
    }

    mutating func append<Bytes: Collection>(_ bytes: Bytes, to output: inout [UInt8], file: String, final: Bool) throws(CSVError)
    where Bytes.Element == UInt8 {
        output.reserveCapacity(output.count + bytes.count)
        for byte in bytes {
            guard let first = pendingByte else {
                pendingByte = byte
                continue
            }
            pendingByte = nil
            let unit = bigEndian ? UInt16(first) << 8 | UInt16(byte) : UInt16(byte) << 8 | UInt16(first)
            units += 1
            try take(unit, &output, file: file)
        }
        if final && (pendingByte != nil || pendingHigh != nil) {
            throw CSVError(at: .file(file), "the UTF-16 text ends in the middle of a character; save the file again as CSV UTF-8")
        }
    }

    private mutating func take(_ unit: UInt16, _ output: inout [UInt8], file: String) throws(CSVError) {
        if let high = pendingHigh {
            pendingHigh = nil
            guard (0xDC00...0xDFFF).contains(unit) else { throw unpaired(file) }
            let scalar = 0x10000 + (UInt32(high - 0xD800) << 10 | UInt32(unit - 0xDC00))
            UTF8Bytes.append(scalar, to: &output)
            return
        }
        switch unit {
        case 0xD800...0xDBFF: pendingHigh = unit
        case 0xDC00...0xDFFF: throw unpaired(file)
        default: UTF8Bytes.append(UInt32(unit), to: &output)
        }
    }

    private func unpaired(_ file: String) -> CSVError {
        CSVError(at: .file(file), "invalid UTF-16 (an unpaired surrogate at code unit \(units)); save the file again as CSV UTF-8")
    }
}
