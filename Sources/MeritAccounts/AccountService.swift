import Foundation
import HummingbirdBcrypt
import MeritCore
import MeritIO

/// Accounts as `merit user` and the server's sign-in use them: passwords hashed with bcrypt (cost 12;
/// hummingbird-auth's HummingbirdBcrypt), never stored, shown or logged in clear.
public struct AccountService: Sendable {
    /// The store's accounts part: SQLite's `MeritStore` or a `PostgresStore` bound to an agency.
    public let store: any ApplicationStore
    /// bcrypt's cost: 12 takes about a quarter of a second here, which is what slows guessing.
    public var cost: UInt8 = 12

    public init(store: any ApplicationStore, cost: UInt8 = 12) {
        self.store = store
        self.cost = cost
    }

    public enum PasswordError: Error, Equatable, CustomStringConvertible {
        case tooShort(Int)
        case tooLong

        public var description: String {
            switch self {
            case .tooShort(let count): "the password has \(count) characters; use at least \(AccountService.minimumLength)"
            case .tooLong: "the password is longer than 72 bytes, which bcrypt cannot use whole; use a shorter one"
            }
        }
    }

    public static let minimumLength = 12

    /// Creates an account; with no password given, one is generated and returned (shown once, never stored).
    @discardableResult
    public func add(_ name: String, role: Role, password: String?, assessor: String? = nil, by actor: AuditActor) async throws -> String? {
        let chosen = password ?? Self.generatedPassword()
        try Self.check(chosen)
        let account = Account(name: name, role: role, createdAt: actor.at, assessor: assessor)
        try await store.addAccount(account, passwordHash: Bcrypt.hash(chosen, cost: cost), by: actor)
        return password == nil ? chosen : nil
    }

    /// A new password for an account; generated (and returned) when none is given.
    @discardableResult
    public func reset(_ name: String, password: String?, by actor: AuditActor) async throws -> String? {
        let chosen = password ?? Self.generatedPassword()
        try Self.check(chosen)
        try await store.resetPassword(account: name, passwordHash: Bcrypt.hash(chosen, cost: cost), by: actor)
        return password == nil ? chosen : nil
    }

    /// The account when the name and password match and it is enabled; nil otherwise (the same answer for
    /// an unknown name, a wrong password and a disabled account, so none can be told from the others).
    public func signIn(_ name: String, password: String) async throws -> Account? {
        guard let (account, hash) = try await store.account(named: name) else {
            // As long as a real check, so the time taken says nothing about whether the name exists.
            _ = Bcrypt.verify(password, hash: Self.absentHash)
            return nil
        }
        guard Bcrypt.verify(password, hash: hash), !account.disabled else { return nil }
        return account
    }

    /// Refuses a password Merit will not set (checked before a store is opened or made).
    public static func check(_ password: String) throws {
        guard password.count >= minimumLength else { throw PasswordError.tooShort(password.count) }
        guard password.utf8.count <= 72 else { throw PasswordError.tooLong }
    }

    /// 20 characters from an alphabet without look-alikes (no 0/O, 1/l/I): about 112 bits.
    public static func generatedPassword() -> String {
        let alphabet = Array("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<20).map { _ in alphabet[Int(generator.next(upperBound: UInt(alphabet.count)))] })
    }

    /// A hash of nothing anyone knows, checked against when the name is unknown.
    private static let absentHash = Bcrypt.hash(generatedPassword(), cost: 12)
}
