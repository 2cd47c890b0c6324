import Foundation
import MeritYAML

/// Comparing a draft with the store's document as the generic trees their JSON encodings make: the same
/// keys the draft was written with, so a difference is named by the path HR sees in the file.
extension PlanDraftReview {
    enum PathStep: Hashable {
        case key(String)
        case index(Int)
    }

    static func tree(_ document: PlanDocument) -> Any? {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        guard let data = try? encoder.encode(document) else { return nil }
        return try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
    }

    /// `plan.activities[2].quarter`
    static func text(_ path: [PathStep]) -> String {
        var text = ""
        for step in path {
            switch step {
            case .key(let key): text += text.isEmpty ? key : "." + key
            case .index(let index): text += "[\(index)]"
            }
        }
        return text
    }

    /// Every path at which the two trees differ, outside the editable ones; a list of another length is
    /// one difference (the list's own path), not one per entry.
    static func compare(_ drafted: Any, _ stored: Any, at path: [PathStep], into differences: inout [[PathStep]]) {
        if editable.contains(text(path)) { return }
        switch (drafted, stored) {
        case (let a as [String: Any], let b as [String: Any]):
            for key in Set(a.keys).union(b.keys).sorted() {
                let next = path + [.key(key)]
                guard let left = a[key], let right = b[key] else {
                    if !editable.contains(text(next)) { differences.append(next) }
                    continue
                }
                compare(left, right, at: next, into: &differences)
            }
        case (let a as [Any], let b as [Any]):
            guard a.count == b.count else { return differences.append(path) }
            for index in a.indices { compare(a[index], b[index], at: path + [.index(index)], into: &differences) }
        default:
            if let a = drafted as? NSObject, let b = stored as? NSObject, a.isEqual(b) { return }
            differences.append(path)
        }
    }

    static func value(at path: [PathStep], in tree: Any) -> Any? {
        var current: Any? = tree
        for step in path {
            switch step {
            case .key(let key): current = (current as? [String: Any])?[key]
            case .index(let index):
                guard let list = current as? [Any], list.indices.contains(index) else { return nil }
                current = list[index]
            }
        }
        return current
    }

    static func describe(_ value: Any) -> String {
        switch value {
        case let list as [Any]: "a list of \(list.count)"
        case is [String: Any]: "a mapping"
        case let text as String: "'\(text)'"
        default:
            // JSON's own spelling of a number or a boolean (NSNumber cannot tell them apart portably).
            (try? JSONSerialization.data(withJSONObject: [value])).map { String(decoding: $0.dropFirst().dropLast(), as: UTF8.self) } ?? "null"
        }
    }

    static func node(at path: [PathStep], in root: Node) -> Node? {
        var current: Node? = root
        for step in path {
            switch step {
            case .key(let key): current = current?[key]
            case .index(let index):
                guard let list = current?.sequence, list.indices.contains(index) else { return nil }
                current = list[index]
            }
        }
        return current
    }

    /// The deepest node of `path` the draft has (the mapping a missing key belongs in).
    static func nearest(_ path: [PathStep], in root: Node) -> Node {
        var length = path.count
        while length > 0 {
            if let node = node(at: Array(path.prefix(length)), in: root) { return node }
            length -= 1
        }
        return root
    }
}
