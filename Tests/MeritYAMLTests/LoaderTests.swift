import MeritYAML
import Testing

@Suite struct LoaderTests {
    @Test func marksAreOneBasedLinesAndCharacterColumns() throws {
        let root = try load("a: 1\nb:\n  - x\n  - é: y\n")[0].root
        #expect(root.mark == SourceMark(file: "test.yaml", line: 1, column: 1))
        let pairs = try #require(root.mapping)
        #expect(pairs[1].key.mark.line == 2)
        let items = try #require(pairs[1].value.sequence)
        #expect(items[0].mark == SourceMark(file: "test.yaml", line: 3, column: 5))
        let inner = try #require(items[1].mapping)
        #expect(inner[0].value.mark == SourceMark(file: "test.yaml", line: 4, column: 8))
    }

    @Test func byteOrderMarkDoesNotShiftColumns() throws {
        let documents = try YAMLLoader().load(contentsOf: fixtures + "bom.yaml")
        let pairs = try #require(documents[0].root.mapping)
        #expect(pairs[0].key.mark.line == 1 && pairs[0].key.mark.column == 1)
        #expect(pairs[0].key.scalar?.text == "kind")
        #expect(pairs[2].value.mark == SourceMark(file: fixtures + "bom.yaml", line: 3, column: 7))
    }

    @Test func byteOrderMarkDecodes() throws {
        struct Head: Decodable { var kind: String; var id: String; var name: String }
        let head = try YAMLDecoder().decode(Head.self, from: readBytes(fixtures + "bom.yaml"), file: "bom.yaml")
        #expect(head.kind == "competency-dictionary" && head.name == "x3")
    }

    @Test func multiDocumentStream() throws {
        let documents = try load("a: 1\n---\n- 2\n---\n...\n")
        #expect(documents.count == 3)
        #expect(documents[1].root.sequence?.count == 1)
        #expect(documents[2].root.isNull)
        #expect(try load("").isEmpty)
    }

    @Test func syntaxErrorCarriesLibyamlContext() {
        let error = yamlError { try load("a: 1\nb: [1, 2\nc: 3\n") }
        #expect(error?.kind == .syntax)
        #expect(
            error?.description
                == "test.yaml:3:2: did not find expected ',' or ']' (while parsing a flow sequence at 2:4)")
    }

    @Test func invalidUTF8IsLocated() {
        let error = yamlError { try YAMLLoader().load(Array("a: b\nc: d".utf8) + [0xFF], file: "bad.yaml") }
        #expect(error?.kind == .syntax)
        #expect(error?.description == "bad.yaml:2:5: invalid leading UTF-8 octet (byte 0xff)")
    }

    @Test func duplicateKeyPointsAtTheSecondKey() {
        let error = yamlError { try load("id: a\nname: x\nid: b\n") }
        #expect(error?.kind == .duplicateKey)
        #expect(error?.description == "test.yaml:3:1: duplicate key \"id\" (first defined at 1:1)")
    }

    @Test func duplicateKeysInLargeMappings() {
        let text = (0..<40).map { "k\($0): \($0)\n" }.joined() + "k7: again\n"
        let error = yamlError { try load(text) }
        #expect(error?.description == "test.yaml:41:1: duplicate key \"k7\" (first defined at 8:1)")
    }

    @Test func keysWithTheSameValueAreDuplicates() {
        let error = yamlError { try load("1: a\n0x1: b\n") }
        #expect(error?.description == "test.yaml:2:1: duplicate key 0x1 (first defined at 1:1)")
        let quoted = yamlError { try load("a: 1\n'a': 2\n") }
        #expect(quoted?.description == "test.yaml:2:1: duplicate key \"a\" (first defined at 1:1)")
    }

    @Test func keysOfDifferentTypesAreDistinct() throws {
        let pairs = try #require(try load("1: int\n\"1\": string\n")[0].root.mapping)
        #expect(pairs.count == 2)
    }

    @Test func aliasesAreResolved() throws {
        let root = try load("base: &b {level: 3}\ncopy: *b\n")[0].root
        #expect(root["copy"]?["level"]?.scalar?.text == "3")
    }

    @Test func undefinedAlias() {
        let error = yamlError { try load("a: &x 1\nb: *y\n") }
        #expect(error?.kind == .undefinedAlias)
        #expect(error?.description == "test.yaml:2:4: undefined alias '*y': no anchor '&y' before it in this document")
    }

    @Test func anchorsDoNotCrossDocuments() {
        let error = yamlError { try load("a: &x 1\n---\nb: *x\n") }
        #expect(error?.kind == .undefinedAlias)
        #expect(error?.mark.line == 3)
    }

    @Test func recursiveAliasIsRefused() {
        let error = yamlError { try load("a: &x [1, *x]\n") }
        #expect(error?.description == "test.yaml:1:11: alias '*x' refers to a node that contains it (recursive data is not supported)")
    }

    @Test func tooDeepDocument() {
        let text = String(repeating: "[", count: 300) + String(repeating: "]", count: 300)
        let error = yamlError { try load(text) }
        #expect(error?.kind == .limitExceeded)
        #expect(error?.description == "test.yaml:1:257: the document nests deeper than 256 levels")
    }

    @Test func depthLimitIsConfigurable() throws {
        let text = "a:\n  b:\n    c: 1\n"
        #expect(throws: YAMLError.self) { try load(text, limits: YAMLLimits(maxDepth: 2)) }
        _ = try load(text, limits: YAMLLimits(maxDepth: 3))
    }

    /// "Billion laughs": nine levels of ten aliases would expand to 10⁹ nodes; the loader stops at the limit.
    @Test(.timeLimit(.minutes(1))) func aliasBombIsRefused() {
        var text = "a0: &a0 [lol]\n"
        for level in 1...9 {
            let previous = Array(repeating: "*a\(level - 1)", count: 10).joined(separator: ", ")
            text += "a\(level): &a\(level) [\(previous)]\n"
        }
        let error = yamlError { try load(text) }
        #expect(error?.kind == .limitExceeded)
        #expect(error?.mark.line == 7)
        #expect(error?.message == "aliases expand to more than 1000000 nodes; refusing the document (alias bomb?)")
    }

    @Test func sizeLimit() {
        let error = yamlError { try load("a: 123456789\n", limits: YAMLLimits(maxBytes: 8)) }
        #expect(error?.description == "test.yaml: the file is 13 bytes, over the limit of 8 bytes")
    }

    @Test func missingFileIsAnIOError() {
        let error = yamlError { try YAMLLoader().load(contentsOf: "/nonexistent/merit.yaml") }
        #expect(error?.kind == .io)
        #expect(error?.description == "/nonexistent/merit.yaml: cannot read the file: no such file")
    }

    @Test func scalarStylesAndTags() throws {
        let root = try load("a: 'x'\nb: \"y\"\nc: |\n  z\nd: !!str 12\ne: !local 5\n")[0].root
        #expect(root["a"]?.scalar?.style == .singleQuoted)
        #expect(root["b"]?.scalar?.style == .doubleQuoted)
        #expect(root["c"]?.scalar == Scalar("z\n", style: .literal))
        #expect(root["d"]?.tag == CoreSchema.strTag)
        #expect(root["e"]?.tag == "!local")
    }
}
