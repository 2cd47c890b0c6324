/// A value a template reads: text, a whole number, a yes/no, a list, or an object with named fields.
///
/// Views hand the templates typed values instead of `Any`: a lookup is one `switch` on the field name
/// and no dynamic cast (with `Any`, casts and reflection were four fifths of rendering a plan, measured
/// with `perf` on `merit bench reports`).
public enum TemplateValue {
    case text(String)
    case number(Int)
    case flag(Bool)
    case list([TemplateValue])
    case object(any TemplateObject)

    /// Whether `{{#name}}` renders its content (and `{{^name}}` does not): everything but `false` and an
    /// empty list, as in Mustache; a missing value (nil) is false too.
    var isTruthy: Bool {
        switch self {
        case .flag(let flag): flag
        case .list(let items): !items.isEmpty
        case .text, .number, .object: true
        }
    }
}

/// Something with named fields a template can read (`{{name}}`, `{{#name}}…{{/name}}`, `{{a.b}}`).
public protocol TemplateObject {
    /// The field called `name`, or nil when there is none (or it is absent, as an optional is).
    func value(named name: String) -> TemplateValue?
}

extension TemplateValue {
    /// Optional text: nil stays missing (false in a section, nothing when interpolated).
    public static func maybe(_ text: String?) -> TemplateValue? { text.map(TemplateValue.text) }

    /// An optional object.
    public static func maybe(_ object: (some TemplateObject)?) -> TemplateValue? { object.map { .object($0) } }

    /// A list of objects.
    public static func objects(_ objects: [some TemplateObject]) -> TemplateValue { .list(objects.map { .object($0) }) }

    /// A list of text lines.
    public static func texts(_ texts: [String]) -> TemplateValue { .list(texts.map(TemplateValue.text)) }
}

/// Fields by name, for views put together where they are used (the pages of `merit serve`).
public struct TemplateFields: TemplateObject, ExpressibleByDictionaryLiteral {
    public var fields: [String: TemplateValue]

    public init(_ fields: [String: TemplateValue] = [:]) { self.fields = fields }

    public init(dictionaryLiteral elements: (String, TemplateValue)...) {
        fields = Dictionary(elements) { $1 }
    }

    public subscript(name: String) -> TemplateValue? {
        get { fields[name] }
        set { fields[name] = newValue }
    }

    public func value(named name: String) -> TemplateValue? { fields[name] }
}

/// Labels as `{{l.key}}`: the label's text by its key.
public struct LabelFields: TemplateObject, Sendable {
    public let texts: [String: String]

    public init(texts: [String: String]) { self.texts = texts }

    public func value(named name: String) -> TemplateValue? { texts[name].map(TemplateValue.text) }
}
