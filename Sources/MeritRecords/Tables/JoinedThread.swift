#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A thread that its starter waits for to have ended, not just to have signalled.
///
/// Foundation's `Thread` keeps its closure (and whatever that captured: a workbook's bytes, a record
/// file) until the thread's own teardown, which runs after any semaphore the closure signals. A caller
/// that returns at the signal can therefore leave those bytes alive for a moment on a thread that is
/// ending; LeakSanitizer under libFuzzer reported exactly that, now and then, as one leaked allocation of
/// the input's size (`Tests/Fuzz/Fixed/README.md`, issue 10). `join()` returns only when the thread has
/// ended and its closure has been released.
public final class JoinedThread: @unchecked Sendable {
    private final class Body {
        let run: () -> Void
        init(_ run: @escaping () -> Void) { self.run = run }
    }

    private let thread: pthread_t
    private var joined = false

    /// Starts `body` on a new thread with the given stack size.
    public init(stackSize: Int = 8 << 20, _ body: @escaping @Sendable () -> Void) {
        // Allocated rather than `pthread_attr_t()`: that initializer is synthesised in whichever C module
        // imported the type first, which a member-import-visibility build does not accept here.
        let attributes = UnsafeMutablePointer<pthread_attr_t>.allocate(capacity: 1)
        pthread_attr_init(attributes)
        defer {
            pthread_attr_destroy(attributes)
            attributes.deallocate()
        }
        pthread_attr_setstacksize(attributes, stackSize)
        let context = Unmanaged.passRetained(Body(body)).toOpaque()
        var thread = pthread_t()
        let started = pthread_create(&thread, attributes, { context in
            // The body (and its captures) is released here, before the thread ends.
            Unmanaged<Body>.fromOpaque(context!).takeRetainedValue().run()
            return nil
        }, context)
        precondition(started == 0, "pthread_create failed (\(started))")
        self.thread = thread
    }

    /// Waits until the thread has ended; later calls return at once. Call from one thread only.
    public func join() {
        guard !joined else { return }
        pthread_join(thread, nil)
        joined = true
    }

    deinit { join() }
}
