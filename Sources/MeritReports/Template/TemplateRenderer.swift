/// Renders compiled nodes over a context stack, as Mustache does: a name is looked up from the innermost
/// value outward; `{{#list}}` renders once per item with the item innermost; `{{#object}}` once with the
/// object innermost; `{{#flag}}` once when true; `{{^name}}` when the value is false, empty or missing.
struct TemplateRenderer {
    let set: TemplateSet
    var stack: [TemplateValue]
    var output = ""

    init(set: TemplateSet, stack: [TemplateValue]) {
        self.set = set
        self.stack = stack
        output.reserveCapacity(32 * 1024)
    }

    /// `contentType` is the template's until a pragma changes it for the rest of the nodes.
    mutating func render(_ nodes: [TemplateNode], contentType: TemplateContentType) {
        var contentType = contentType
        for node in nodes {
            switch node {
            case .text(let text):
                output += text
            case .value(let name, let escaped):
                guard let value = lookup(name) else { continue }
                switch value {
                case .text(let text): output += escaped ? contentType.escape(text) : text
                case .number(let number): output += String(number)
                case .flag(let flag): output += flag ? "true" : "false"
                case .list, .object: continue
                }
            case .section(let name, let inner, let inverted):
                let value = lookup(name)
                let truthy = value?.isTruthy ?? false
                if inverted {
                    if !truthy { render(inner, contentType: contentType) }
                    continue
                }
                guard truthy, let value else { continue }
                switch value {
                case .list(let items):
                    for item in items { renderPushing(item, inner, contentType: contentType) }
                case .flag:
                    render(inner, contentType: contentType)
                case .text, .number, .object:
                    renderPushing(value, inner, contentType: contentType)
                }
            case .partial(let name, let indentation, _):
                render(set.partial(name, indentation: indentation), contentType: contentType)
            case .contentType(let type):
                contentType = type
            }
        }
    }

    private mutating func renderPushing(_ value: TemplateValue, _ nodes: [TemplateNode], contentType: TemplateContentType) {
        stack.append(value)
        render(nodes, contentType: contentType)
        stack.removeLast()
    }

    /// The first part of a name from the innermost value that has it; later parts from that value alone.
    private func lookup(_ name: TemplateName) -> TemplateValue? {
        guard let first = name.parts.first else { return stack.last }
        var found: TemplateValue?
        for frame in stack.reversed() {
            if case .object(let object) = frame, let value = object.value(named: first) {
                found = value
                break
            }
        }
        guard var value = found else { return nil }
        for part in name.parts.dropFirst() {
            guard case .object(let object) = value, let next = object.value(named: part) else { return nil }
            value = next
        }
        return value
    }
}
