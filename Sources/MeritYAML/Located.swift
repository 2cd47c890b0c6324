/// A decoded value together with where it was written, for errors found after decoding
/// (an unknown reference, an out-of-range level) that must still point at the file, line and column.
public struct Located<Value: Decodable>: Decodable {
    public var value: Value
    public var mark: SourceMark

    public init(_ value: Value, at mark: SourceMark) {
        self.value = value
        self.mark = mark
    }

    public init(from decoder: any Decoder) throws {
        guard let nodeDecoder = decoder as? any YAMLNodeDecoder else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "Located values decode from YAML only"))
        }
        mark = nodeDecoder.node.mark
        value = try Value(from: decoder)
    }
}

extension Located: Sendable where Value: Sendable {}
extension Located: Equatable where Value: Equatable {}
extension Located: Hashable where Value: Hashable {}

/// A mapping read in document order, each key with its place: `required: {M.01: 3, M.02: 4}`.
public struct OrderedMapping<Value: Decodable>: Decodable {
    public struct Entry {
        public var key: String
        public var keyMark: SourceMark
        public var value: Value
    }

    public var entries: [Entry]

    public init(entries: [Entry]) {
        self.entries = entries
    }

    public init(from decoder: any Decoder) throws {
        guard let nodeDecoder = decoder as? any YAMLNodeDecoder else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "ordered mappings decode from YAML only"))
        }
        let container = try decoder.container(keyedBy: AnyKey.self)
        var entries: [Entry] = []
        for pair in nodeDecoder.node.mapping ?? [] {
            let text = try ScalarDecoding.string(pair.key, decoder.codingPath)
            let value = try container.decode(Value.self, forKey: AnyKey(text))
            entries.append(Entry(key: text, keyMark: pair.key.mark, value: value))
        }
        self.entries = entries
    }
}

extension OrderedMapping: Sendable where Value: Sendable {}
extension OrderedMapping.Entry: Sendable where Value: Sendable {}
