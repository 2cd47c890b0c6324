/// Reads a sequence's items in order.
struct UnkeyedContainer: UnkeyedDecodingContainer {
    let decoder: NodeDecoderImpl
    let itemCount: Int
    private(set) var currentIndex = 0

    init(decoder: NodeDecoderImpl) {
        self.decoder = decoder
        self.itemCount = decoder.node.childCount
    }

    var codingPath: [any CodingKey] { decoder.codingPath }
    var count: Int? { itemCount }
    var isAtEnd: Bool { currentIndex >= itemCount }

    /// The next item and its index; reading past the end is an error at the sequence.
    private mutating func next() throws(YAMLError) -> (Node, Int) {
        guard !isAtEnd else {
            throw YAMLError(
                .missingKey, at: decoder.node.mark, path: DecodingContext.pathString(codingPath),
                "expected more items: the sequence has only \(itemCount)")
        }
        defer { currentIndex += 1 }
        return (decoder.node.child(currentIndex), currentIndex)
    }

    private func path(_ index: Int) -> [any CodingKey] {
        codingPath + [AnyKey(index: index)]
    }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd, decoder.node.child(currentIndex).isNull else { return false }
        currentIndex += 1
        return true
    }

    mutating func decode(_ type: Int.Type) throws -> Int {
        let (item, index) = try next()
        return try ScalarDecoding.integer(type, item, path(index))
    }

    mutating func decode(_ type: Int8.Type) throws -> Int8 {
        let (item, index) = try next()
        return try ScalarDecoding.integer(type, item, path(index))
    }

    mutating func decode(_ type: Int16.Type) throws -> Int16 {
        let (item, index) = try next()
        return try ScalarDecoding.integer(type, item, path(index))
    }

    mutating func decode(_ type: Int32.Type) throws -> Int32 {
        let (item, index) = try next()
        return try ScalarDecoding.integer(type, item, path(index))
    }

    mutating func decode(_ type: Int64.Type) throws -> Int64 {
        let (item, index) = try next()
        return try ScalarDecoding.integer(type, item, path(index))
    }

    mutating func decode(_ type: UInt.Type) throws -> UInt {
        let (item, index) = try next()
        return try ScalarDecoding.integer(type, item, path(index))
    }

    mutating func decode(_ type: UInt8.Type) throws -> UInt8 {
        let (item, index) = try next()
        return try ScalarDecoding.integer(type, item, path(index))
    }

    mutating func decode(_ type: UInt16.Type) throws -> UInt16 {
        let (item, index) = try next()
        return try ScalarDecoding.integer(type, item, path(index))
    }

    mutating func decode(_ type: UInt32.Type) throws -> UInt32 {
        let (item, index) = try next()
        return try ScalarDecoding.integer(type, item, path(index))
    }

    mutating func decode(_ type: UInt64.Type) throws -> UInt64 {
        let (item, index) = try next()
        return try ScalarDecoding.integer(type, item, path(index))
    }

    mutating func decode(_ type: Double.Type) throws -> Double {
        let (item, index) = try next()
        return try ScalarDecoding.float(type, item, path(index))
    }

    mutating func decode(_ type: Float.Type) throws -> Float {
        let (item, index) = try next()
        return try ScalarDecoding.float(type, item, path(index))
    }

    mutating func decode(_ type: Bool.Type) throws -> Bool {
        let (item, index) = try next()
        return try ScalarDecoding.bool(item, path(index))
    }

    mutating func decode(_ type: String.Type) throws -> String {
        let (item, index) = try next()
        return try ScalarDecoding.string(item, path(index))
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let (item, index) = try next()
        return try decoder.context.unbox(type, from: item, parent: decoder, step: .index(index))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        try child().container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        try child().unkeyedContainer()
    }

    mutating func superDecoder() throws -> any Decoder {
        try child()
    }

    private mutating func child() throws -> NodeDecoderImpl {
        let (item, index) = try next()
        return NodeDecoderImpl(node: item, parent: decoder, step: .index(index), context: decoder.context)
    }
}
