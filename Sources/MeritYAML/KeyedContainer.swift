/// Reads a mapping's values by key; every key asked for is marked used (the rest are unknown keys).
struct KeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let decoder: NodeDecoderImpl

    var codingPath: [any CodingKey] { decoder.codingPath }

    var allKeys: [Key] {
        decoder.pairs.enumerated().compactMap { offset, pair in
            guard let text = pair.key.scalar?.text, let key = Key(stringValue: text) else { return nil }
            decoder.markUsed(offset)
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
        return decoder.pairs[position].value
    }

    func decodeNil(forKey key: Key) throws -> Bool {
        try node(key).isNull
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
