/// Named templates compiled once, rendered many times from any thread; partials (`{{> name}}`) name
/// other templates of the set.
///
/// Everything that could fail is found when the set is made, with the template, line and column: a
/// syntax error, a partial no template of the set is called, partials that include each other in a circle.
/// Rendering then cannot fail.
public struct TemplateSet: Sendable {
    private var templates: [String: [TemplateNode]] = [:]
    /// Partials used with indentation, compiled from their text with every line indented (the
    /// specification indents the partial's lines before rendering, not the values inserted into them).
    private var indented: [String: [String: [TemplateNode]]] = [:]

    /// `sources` maps each name to its text; `origin` names where a template came from in messages (a
    /// file path, or the name itself).
    public init(_ sources: [String: String], origin: (String) -> String = { $0 }) throws(TemplateError) {
        for (name, text) in sources {
            templates[name] = try Self.compile(text, origin: origin(name))
        }
        var pending = templates.flatMap { name, nodes in Self.partials(in: nodes).map { (from: name, use: $0) } }
        while let next = pending.popLast() {
            guard let text = sources[next.use.name] else {
                let names = templates.keys.sorted().joined(separator: ", ")
                throw TemplateError(
                    template: origin(next.from), line: next.use.at.line, column: next.use.at.column,
                    message: "no template called '\(next.use.name)' for this partial (have: \(names))")
            }
            guard !next.use.indentation.isEmpty, indented[next.use.name]?[next.use.indentation] == nil else { continue }
            let nodes = try Self.compile(Self.indent(text, by: next.use.indentation), origin: origin(next.use.name))
            indented[next.use.name, default: [:]][next.use.indentation] = nodes
            pending += Self.partials(in: nodes).map { (from: next.use.name, use: $0) }
        }
        try refuseCycles(origin: origin)
    }

    public var names: [String] { templates.keys.sorted() }

    /// `template` rendered with `root` at the bottom of the context. Asking for a template the set does not
    /// have is a mistake in Merit's code (the names are Merit's own), never a blank page.
    public func render(_ root: some TemplateObject, template name: String) -> String {
        guard let nodes = templates[name] else { preconditionFailure("no template called '\(name)' (have: \(names.joined(separator: ", ")))") }
        var renderer = TemplateRenderer(set: self, stack: [.object(root)])
        renderer.render(nodes, contentType: .html)
        return renderer.output
    }

    func partial(_ name: String, indentation: String) -> [TemplateNode] {
        indentation.isEmpty ? templates[name] ?? [] : indented[name]?[indentation] ?? []
    }

    // MARK: Checks

    private static func compile(_ text: String, origin: String) throws(TemplateError) -> [TemplateNode] {
        var parser = TemplateParser(text)
        do {
            return try parser.parse()
        } catch {
            throw TemplateError(template: origin, line: error.line, column: error.column, message: error.message)
        }
    }

    private struct PartialUse {
        var name: String
        var indentation: String
        var at: TemplateLocation
    }

    private static func partials(in nodes: [TemplateNode]) -> [PartialUse] {
        nodes.flatMap { node -> [PartialUse] in
            switch node {
            case .partial(let name, let indentation, let at): [PartialUse(name: name, indentation: indentation, at: at)]
            case .section(_, let inner, _): partials(in: inner)
            case .text, .value, .contentType: []
            }
        }
    }

    /// Partials that include each other in a circle would render without end: refused.
    private func refuseCycles(origin: (String) -> String) throws(TemplateError) {
        var done: Set<String> = []
        func visit(_ name: String, path: [String]) throws(TemplateError) {
            if let start = path.firstIndex(of: name) {
                let circle = (path[start...] + [name]).joined(separator: " → ")
                let use = Self.partials(in: templates[path.last!] ?? []).first { $0.name == name }!
                throw TemplateError(
                    template: origin(path.last!), line: use.at.line, column: use.at.column,
                    message: "partials include each other without end (\(circle))")
            }
            guard !done.contains(name) else { return }
            for use in Self.partials(in: templates[name] ?? []) { try visit(use.name, path: path + [name]) }
            done.insert(name)
        }
        for name in templates.keys.sorted() { try visit(name, path: []) }
    }

    /// Every line of `text` that has content, with `indentation` before it.
    private static func indent(_ text: String, by indentation: String) -> String {
        var out = ""
        var atLineStart = true
        for character in text {
            if atLineStart && !character.isNewline { out += indentation }
            out.append(character)
            atLineStart = character.isNewline
        }
        return out
    }
}

/// A template that cannot be used, with where (1-based line and column) and why.
public struct TemplateError: Error, CustomStringConvertible, Equatable {
    public var template: String
    public var line: Int?
    public var column: Int?
    public var message: String

    public init(template: String, line: Int? = nil, column: Int? = nil, message: String) {
        self.template = template
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String {
        let place = [template, line.map(String.init), column.map(String.init)].compactMap { $0 }.joined(separator: ":")
        return "\(place): error: \(message)"
    }
}
