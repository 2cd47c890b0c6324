import Foundation
import MeritCore

/// A signed-in account: the session cookie's token names it on the server; the CSRF token goes in every form.
public struct Session: Sendable {
    public var account: String
    public var role: Role
    public var csrf: String
    public var expires: Date
    /// The assessor code of an assessor's account (whose ratings they may see).
    public var assessor: String?
}

/// Sessions in memory: a server restart signs everyone out. A session ends `lifetime` after it began
/// (8 hours: a working day), or when its account is disabled.
public actor Sessions {
    private var byToken: [String: Session] = [:]
    public let lifetime: TimeInterval

    public init(lifetime: TimeInterval = 8 * 3600) {
        self.lifetime = lifetime
    }

    /// A new session; its token (for the cookie).
    public func start(account: Account, now: Date = Date()) -> (token: String, session: Session) {
        let session = Session(
            account: account.name, role: account.role, csrf: Self.token(), expires: now.addingTimeInterval(lifetime), assessor: account.assessor)
        let token = Self.token()
        byToken[token] = session
        return (token, session)
    }

    /// The session of a cookie's token, when it has not expired.
    public func session(_ token: String, now: Date = Date()) -> Session? {
        guard let session = byToken[token] else { return nil }
        guard session.expires > now else {
            byToken[token] = nil
            return nil
        }
        return session
    }

    public func end(_ token: String) {
        byToken[token] = nil
    }

    /// 32 random bytes as hex (256 bits, from the system's generator).
    static func token() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }
}

/// Failed sign-ins per account and per address: after `limit` failures within `window`, that account or
/// address is refused until the window has passed (guessing passwords takes days, not minutes).
public actor SignInLimiter {
    private var failures: [String: [Date]] = [:]
    public let limit: Int
    public let window: TimeInterval

    public init(limit: Int = 5, window: TimeInterval = 15 * 60) {
        self.limit = limit
        self.window = window
    }

    public func isLimited(account: String, address: String, now: Date = Date()) -> Bool {
        [key(account: account), key(address: address)].contains { recent($0, now: now).count >= limit }
    }

    public func failed(account: String, address: String, now: Date = Date()) {
        for key in [key(account: account), key(address: address)] { failures[key] = recent(key, now: now) + [now] }
    }

    public func succeeded(account: String) {
        failures[key(account: account)] = nil
    }

    private func recent(_ key: String, now: Date) -> [Date] {
        (failures[key] ?? []).filter { now.timeIntervalSince($0) < window }
    }

    private func key(account: String) -> String { "account:" + account }
    private func key(address: String) -> String { "address:" + address }
}
