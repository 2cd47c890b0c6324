import Hummingbird
import NIOCore

/// The request context of `merit serve`: Hummingbird's basic one, plus the peer's address for the audit
/// log and the sign-in limiter.
public struct MeritRequestContext: RequestContext, RemoteAddressRequestContext {
    public var coreContext: CoreRequestContextStorage
    public let remoteAddress: SocketAddress?

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress
    }

    /// The address as the audit log shows it.
    var address: String { remoteAddress?.ipAddress ?? "unknown" }
}
