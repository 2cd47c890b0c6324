import MeritYAML

/// One input record, from a CSV row or a YAML/JSON mapping, read by column slot (the kind's columns in
/// `RecordKind.requiredColumns + optionalColumns` order).
public struct RecordView {
    enum Backing {
        /// A table's row, and which field each slot reads (-1: the column is absent). Both are lent by
        /// `RecordFile.forEachRecord` for the call only, so making a view costs no reference counting.
        case csv(TableRow, fieldOfSlot: UnsafeBufferPointer<Int>)
        case node(Node, keyOfSlot: [String?])
    }

    /// A record cut from a wide sheet's row.
    enum Wide {
        /// One competency's cell (`first`: the row's first filled cell).
        case cell(competency: Int, first: Bool)
        /// A row whose competency cells are all empty.
        case emptyRow
    }

    let backing: Backing
    /// 1-based line of the record.
    public let line: Int
    let wide: Wide?
    /// How a table's fields are named in messages (owned by the record file).
    unowned(unsafe) let labels: ColumnLabels?

    init(backing: Backing, line: Int, labels: ColumnLabels? = nil, wide: Wide? = nil) {
        self.backing = backing
        self.line = line
        self.labels = labels
        self.wide = wide
    }

    /// `column 'rating' (E)` for a table's field; nil for YAML/JSON (whose marks point at the key).
    public func label(_ slot: Int) -> String? {
        guard case .csv(_, let fields) = backing, let labels, fields[slot] >= 0 else { return nil }
        return labels.names[fields[slot]]
    }

    /// What the field's cell held (always `.text` in a CSV or YAML/JSON file).
    public func cellKind(_ slot: Int) -> CellKind {
        guard case .csv(let row, let fields) = backing, fields[slot] >= 0 else { return .text }
        return row.kind(fields[slot])
    }

    /// Whether this is the first (or only) record of its row: row-level values are read once.
    public var isFirstOfRow: Bool {
        if case .cell(_, let first)? = wide { return first }
        return true
    }

    /// The field's text, or nil when the column is absent or the field empty (spaces trimmed).
    public func text(_ slot: Int) -> String? {
        switch backing {
        case .csv(let row, let fields):
            let field = fields[slot]
            guard field >= 0, !row.isEmpty(field) else { return nil }
            return row.trimmed(field)
        case .node(let node, let keys):
            guard let key = keys[slot], let value = node[key], !value.isNull else { return nil }
            return value.scalar?.text.trimmingSpacesAndTabs ?? value.kindDescription
        }
    }

    /// Calls `body` with the field's bytes (untrimmed for CSV): the fast path for repeated values.
    public func withBytes<T>(_ slot: Int, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
        switch backing {
        case .csv(let row, let fields):
            return fields[slot] >= 0 ? body(row.bytes(fields[slot])) : body(UnsafeBufferPointer(start: nil, count: 0))
        case .node:
            var text = self.text(slot) ?? ""
            return text.withUTF8(body)
        }
    }

    /// Where the field is (the record's place when the column is absent).
    public func mark(_ slot: Int) -> SourceMark {
        switch backing {
        case .csv(let row, let fields):
            return fields[slot] >= 0 ? row.mark(fields[slot]) : row.mark
        case .node(let node, let keys):
            if let key = keys[slot], let value = node[key] { return value.mark }
            return node.mark
        }
    }

    /// Where the record starts.
    public var mark: SourceMark {
        switch backing {
        case .csv(let row, _): row.mark
        case .node(let node, _): node.mark
        }
    }

    /// Whether the file has this column at all.
    public func has(_ slot: Int) -> Bool {
        switch backing {
        case .csv(_, let fields): fields[slot] >= 0
        case .node(let node, let keys): keys[slot].map { node[$0] != nil } ?? false
        }
    }
}
