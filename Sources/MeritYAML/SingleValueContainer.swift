/// Reads the node itself as one value.
struct SingleValueContainer: SingleValueDecodingContainer {
    let decoder: NodeDecoderImpl

    var codingPath: [any CodingKey] { decoder.codingPath }

    func decodeNil() -> Bool {
        decoder.node.isNull
    }

    func decode(_ type: Int.Type) throws -> Int {
        try ScalarDecoding.integer(type, decoder.node, codingPath)
    }

    func decode(_ type: Int8.Type) throws -> Int8 {
        try ScalarDecoding.integer(type, decoder.node, codingPath)
    }

    func decode(_ type: Int16.Type) throws -> Int16 {
        try ScalarDecoding.integer(type, decoder.node, codingPath)
    }

    func decode(_ type: Int32.Type) throws -> Int32 {
        try ScalarDecoding.integer(type, decoder.node, codingPath)
    }

    func decode(_ type: Int64.Type) throws -> Int64 {
        try ScalarDecoding.integer(type, decoder.node, codingPath)
    }

    func decode(_ type: UInt.Type) throws -> UInt {
        try ScalarDecoding.integer(type, decoder.node, codingPath)
    }

    func decode(_ type: UInt8.Type) throws -> UInt8 {
        try ScalarDecoding.integer(type, decoder.node, codingPath)
    }

    func decode(_ type: UInt16.Type) throws -> UInt16 {
        try ScalarDecoding.integer(type, decoder.node, codingPath)
    }

    func decode(_ type: UInt32.Type) throws -> UInt32 {
        try ScalarDecoding.integer(type, decoder.node, codingPath)
    }

    func decode(_ type: UInt64.Type) throws -> UInt64 {
        try ScalarDecoding.integer(type, decoder.node, codingPath)
    }

    func decode(_ type: Double.Type) throws -> Double {
        try ScalarDecoding.float(type, decoder.node, codingPath)
    }

    func decode(_ type: Float.Type) throws -> Float {
        try ScalarDecoding.float(type, decoder.node, codingPath)
    }

    func decode(_ type: Bool.Type) throws -> Bool {
        try ScalarDecoding.bool(decoder.node, codingPath)
    }

    func decode(_ type: String.Type) throws -> String {
        try ScalarDecoding.string(decoder.node, codingPath)
    }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try T(from: decoder)
    }
}
