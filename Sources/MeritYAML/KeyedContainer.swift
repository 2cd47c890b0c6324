/// Reads a mapping's values by key; every key asked for is marked used (the rest are unknown keys).
struct KeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let decoder: NodeDecoderImpl

    var codingPath: [any CodingKey] { decoder.codingPath }

    var allKeys: [Key] {
        (0..<decoder.node.pairCount).compactMap { pair in
            guard let text = decoder.node.key(at: pair).text, let key = Key(stringValue: text) else { return nil }
            decoder.markUsed(pair)
            return key
        }
    }

    func contains(_ key: Key) -> Bool {
        decoder.lookup(key.stringValue) != nil
    }

    /// The path of a value, built only when an error needs it.
    private func path(_ key: Key) -> [any CodingKey] {
        codingPath + [key]
    }

    /// The value for `key`; a missing key is an error at the mapping.
    private func node(_ key: Key) throws(YAMLError) -> Node {
        guard let position = decoder.lookup(key.stringValue) else {
            throw YAMLError(
                .missingKey, at: decoder.node.mark, path: DecodingContext.pathString(codingPath),
                "missing required key '\(key.stringValue)'")
        }
        return decoder.node.value(at: position)
    }

    func decodeNil(forKey key: Key) throws -> Bool {
        try node(key).isNull
    }

    /// The value for `key` unless it is absent or null: one lookup for optional properties.
    private func present(_ key: Key) -> Node? {
        guard let position = decoder.lookup(key.stringValue) else { return nil }
        let value = decoder.node.value(at: position)
        return value.isNull ? nil : value
    }

    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? {
        guard let value = present(key) else { return nil }
        return try ScalarDecoding.string(value, path(key))
    }

    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? {
        guard let value = present(key) else { return nil }
        return try ScalarDecoding.integer(type, value, path(key))
    }

    func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? {
        guard let value = present(key) else { return nil }
        return try ScalarDecoding.float(type, value, path(key))
    }

    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? {
        guard let value = present(key) else { return nil }
        return try ScalarDecoding.bool(value, path(key))
    }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        guard let value = present(key) else { return nil }
        return try decoder.context.unbox(type, from: value, parent: decoder, step: .key(key))
    }

    func decode(_ type: Int.Type, forKey key: Key) throws -> Int {
        try ScalarDecoding.integer(type, node(key), path(key))
    }

    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 {
        try ScalarDecoding.integer(type, node(key), path(key))
    }

    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 {
        try ScalarDecoding.integer(type, node(key), path(key))
    }

    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 {
        try ScalarDecoding.integer(type, node(key), path(key))
    }

    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 {
        try ScalarDecoding.integer(type, node(key), path(key))
    }

    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt {
        try ScalarDecoding.integer(type, node(key), path(key))
    }

    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 {
        try ScalarDecoding.integer(type, node(key), path(key))
    }

    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 {
        try ScalarDecoding.integer(type, node(key), path(key))
    }

    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 {
        try ScalarDecoding.integer(type, node(key), path(key))
    }

    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 {
        try ScalarDecoding.integer(type, node(key), path(key))
    }

    func decode(_ type: Double.Type, forKey key: Key) throws -> Double {
        try ScalarDecoding.float(type, node(key), path(key))
    }

    func decode(_ type: Float.Type, forKey key: Key) throws -> Float {
        try ScalarDecoding.float(type, node(key), path(key))
    }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool {
        try ScalarDecoding.bool(node(key), path(key))
    }

    func decode(_ type: String.Type, forKey key: Key) throws -> String {
        try ScalarDecoding.string(node(key), path(key))
    }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try decoder.context.unbox(type, from: node(key), parent: decoder, step: .key(key))
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        try child(key).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try child(key).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder {
        decoder
    }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        try child(key)
    }

    private func child(_ key: Key) throws -> NodeDecoderImpl {
        NodeDecoderImpl(node: try node(key), parent: decoder, step: .key(key), context: decoder.context)
    }
}
