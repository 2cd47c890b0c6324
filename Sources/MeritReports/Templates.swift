import Foundation

/// The report templates: from a folder HR can edit (`Reports/templates`, or `--templates DIR`), each
/// template falling back to the built-in copy when the folder lacks it.
///
/// A file in the folder is used exactly or refused: one that cannot be read as UTF-8 text, one whose
/// Mustache is wrong (with its line and column), and a `.mustache` file that is no template's name (a
/// misspelt `plan.htm.mustache` would otherwise leave the built-in plan in use without a word).
public struct ReportTemplates: Sendable {
    /// The reports' templates and their parts, and the pages of `merit serve` (`site-*`).
    public static let names = BuiltInTemplates.all.keys.sorted()

    let set: TemplateSet
    /// Where each template came from (a file path, or "built-in").
    public let sources: [String: String]

    public init(folder: String?) throws(TemplateError) {
        var texts: [String: String] = [:]
        var sources: [String: String] = [:]
        for name in Self.names {
            texts[name] = BuiltInTemplates.all[name]!
            sources[name] = "built-in"
        }
        if let folder {
            for (name, path) in try Self.files(in: folder) {
                guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
                    throw TemplateError(template: path, message: "the template cannot be read as UTF-8 text: save it as UTF-8, or remove it to use the built-in one")
                }
                texts[name] = text
                sources[name] = path
            }
        }
        set = try TemplateSet(texts) { name in sources[name] == "built-in" ? name : sources[name] ?? name }
        self.sources = sources
    }

    /// The folder's templates by name; any other `.mustache` file is refused.
    private static func files(in folder: String) throws(TemplateError) -> [(name: String, path: String)] {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: folder) else {
            throw TemplateError(template: folder, message: "the templates folder cannot be read")
        }
        var files: [(name: String, path: String)] = []
        for entry in entries.sorted() where entry.hasSuffix(".mustache") {
            let name = String(entry.dropLast(".mustache".count))
            let path = (folder as NSString).appendingPathComponent(entry)
            guard names.contains(name) else {
                let known = names.map { $0 + ".mustache" }.joined(separator: ", ")
                throw TemplateError(template: path, message: "no report uses a template called '\(name)': rename it to one of \(known), or move it out of the folder")
            }
            files.append((name, path))
        }
        return files
    }

    public func render(_ view: some TemplateObject, template name: String) -> String {
        set.render(view, template: name)
    }
}
