import Foundation

/// A queue between one producing and one consuming thread, holding at most `capacity` items: the
/// producer waits when it runs ahead, the consumer when it catches up.
public final class BoundedQueue<Item>: @unchecked Sendable {
    private let condition = NSCondition()
    private var items: [Item] = []
    private let capacity: Int
    private var finished = false
    private var cancelled = false

    public init(capacity: Int) {
        self.capacity = capacity
    }

    /// Adds an item; false when the consumer has stopped (the producer should stop too).
    @discardableResult
    public func put(_ item: Item) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while items.count >= capacity && !cancelled { condition.wait() }
        if cancelled { return false }
        items.append(item)
        condition.broadcast()
        return true
    }

    /// The next item, or nil once the producer has finished and everything is taken (or on cancel).
    public func take() -> Item? {
        condition.lock()
        defer { condition.unlock() }
        while items.isEmpty && !finished && !cancelled { condition.wait() }
        if cancelled || items.isEmpty { return nil }
        let item = items.removeFirst()
        condition.broadcast()
        return item
    }

    public func finish() {
        condition.lock()
        finished = true
        condition.broadcast()
        condition.unlock()
    }

    public func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }

    public var isCancelled: Bool {
        condition.lock()
        defer { condition.unlock() }
        return cancelled
    }
}
