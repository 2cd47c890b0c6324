import Synchronization

/// File names interned to small numbers, so every node can name its file without carrying a string
/// (a node copy then costs no reference counting for its file).
enum SourceFiles {
    private struct Table {
        var names: [String] = []
        var ids: [String: UInt32] = [:]
    }

    private static let table = Mutex(Table())

    static func id(for name: String) -> UInt32 {
        table.withLock { table in
            if let id = table.ids[name] { return id }
            let id = UInt32(table.names.count)
            table.names.append(name)
            table.ids[name] = id
            return id
        }
    }

    static func name(_ id: UInt32) -> String {
        table.withLock { $0.names[Int(id)] }
    }
}
