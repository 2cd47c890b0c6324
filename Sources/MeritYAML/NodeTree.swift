/// The storage of loaded documents: one flat table of node records, the children of every collection in
/// one array, the text of every scalar in one byte buffer. Loading appends to three arrays instead of
/// allocating a string and an array per node; a `Node` is a position in this table.
final class NodeTree: Sendable {
    enum Kind: UInt8 {
        case scalar, sequence, mapping
    }

    /// One node; plain data, so the table copies and frees without reference counting.
    struct Record {
        var kind: Kind
        var style: Scalar.Style
        /// Index into `tags`, or -1 when untagged.
        var tag: Int32
        var line: UInt32
        var column: UInt32
        /// Scalars: byte offset into `text`. Collections: index into `children`.
        var start: Int
        /// Scalars: byte length. Sequences: item count. Mappings: 2 × pair count (key, value, key, value…).
        var count: Int
    }

    let file: String
    let records: [Record]
    let children: [Int32]
    let text: [UInt8]
    let tags: [String]

    init(file: String, records: [Record], children: [Int32], text: [UInt8], tags: [String]) {
        self.file = file
        self.records = records
        self.children = children
        self.text = text
        self.tags = tags
    }

    func string(_ record: Record) -> String {
        text.withUnsafeBufferPointer { buffer in
            String(decoding: UnsafeBufferPointer(rebasing: buffer[record.start..<record.start + record.count]), as: UTF8.self)
        }
    }

    /// Whether a scalar's text is exactly `name`, without building a string.
    func textEquals(_ record: Record, _ name: String) -> Bool {
        var name = name
        return name.withUTF8 { key in
            guard key.count == record.count else { return false }
            return text.withUnsafeBufferPointer { buffer in
                key.count == 0 || memcmp(buffer.baseAddress! + record.start, key.baseAddress!, key.count) == 0
            }
        }
    }

    /// Whether two scalars have the same bytes.
    func sameText(_ a: Record, _ b: Record) -> Bool {
        guard a.count == b.count else { return false }
        return text.withUnsafeBufferPointer { buffer in
            a.count == 0 || memcmp(buffer.baseAddress! + a.start, buffer.baseAddress! + b.start, a.count) == 0
        }
    }

    /// Whether an untagged plain scalar is null: empty, `~`, or `null` in its three spellings.
    func isNullPlain(_ record: Record) -> Bool {
        switch record.count {
        case 0: return true
        case 1: return text[record.start] == UInt8(ascii: "~")
        case 4: return plainKind(record) == .null
        default: return false
        }
    }

    /// What an untagged plain scalar resolves to, read from its bytes.
    func plainKind(_ record: Record) -> CoreSchema.PlainKind {
        text.withUnsafeBufferPointer { buffer in
            CoreSchema.kindOfPlain(UnsafeBufferPointer(rebasing: buffer[record.start..<record.start + record.count]))
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
