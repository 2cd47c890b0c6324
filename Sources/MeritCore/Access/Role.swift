/// What an account may do in Merit (the server enforces it on every route and download).
///
/// Personal data protection (UU 27/2022 PDP: processing limited to its purpose, and data kept from those
/// who do not need it) is why the training unit sees aggregates only.
public enum Role: String, Sendable, CaseIterable, Codable {
    /// Accounts and the library check; no person's result.
    case admin
    /// Uploads ratings; sees the evidence of the events they rated and the integration list.
    case asesor
    /// Everything about people: plans, shortlists, names.
    case hr
    /// The training unit: aggregated summaries and counts only, small groups withheld.
    case pelatihan

    /// Whether this role may see one person's name, NIP or single-person figures.
    public var seesPeople: Bool {
        switch self {
        case .hr, .asesor: true
        case .admin, .pelatihan: false
        }
    }
}

/// An account of the served application. The password hash is never shown or logged.
public struct Account: Sendable, Equatable {
    public var name: String
    public var role: Role
    public var disabled: Bool
    public var createdAt: String
    /// An assessor's code as the rating files write it (`asesor-05`): the ratings this account may see.
    public var assessor: String?

    public init(name: String, role: Role, disabled: Bool = false, createdAt: String, assessor: String? = nil) {
        self.name = name
        self.role = role
        self.disabled = disabled
        self.createdAt = createdAt
        self.assessor = assessor
    }

    /// Why an assessor code cannot go with an account: only an assessor's account has one, and it is a code
    /// as the rating files write it (1–64 characters, no spaces). Nil when it can.
    public static func assessorProblem(_ code: String?, role: Role) -> String? {
        guard let code else { return nil }
        guard role == .asesor else { return "an assessor code is for an account with the role asesor" }
        guard (1...64).contains(code.count), !code.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.properties.generalCategory == .control }) else {
            return "'\(code)' is not an assessor code as the rating files write it (1 to 64 characters, no spaces)"
        }
        return nil
    }

    /// An account name: 3 to 32 of a–z, 0–9, `.`, `_`, `-`, starting with a letter (it appears in the
    /// audit log and in URLs, so nothing that needs escaping).
    public static func isValidName(_ name: String) -> Bool {
        guard (3...32).contains(name.count), let first = name.unicodeScalars.first, ("a"..."z").contains(first) else { return false }
        return name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || "._-".unicodeScalars.contains($0) }
    }
}

/// One entry of the audit log: who did what to which object, when and from where (UU 27/2022 PDP: the
/// controller keeps a record of its processing of personal data).
public struct AuditEntry: Sendable, Equatable {
    public var at: String
    public var account: String
    public var address: String
    public var action: String
    /// What was acted on: `person:NIP`, `account:NAME`, `file:NAME`, …
    public var object: String

    public init(at: String, account: String, address: String, action: String, object: String) {
        self.at = at
        self.account = account
        self.address = address
        self.action = action
        self.object = object
    }
}
