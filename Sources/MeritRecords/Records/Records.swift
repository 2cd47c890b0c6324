import MeritCore
import MeritLibrary

/// A validated rating row.
public struct RatingRecord: Sendable, Hashable {
    public var nip: String
    public var instrument: Int
    public var competency: Int
    public var assessor: String
    public var value: RatingValue
    public var batch: String
    public var date: CalendarDate?
    public var note: String?
    public var line: Int
}

/// A validated test score row.
public struct TestRecord: Sendable, Hashable {
    public var nip: String
    public var instrument: Int
    public var raw: Rational
    public var batch: String
    public var date: CalendarDate?
    public var line: Int
}

/// A validated agreed-level row.
public struct LevelRecord: Sendable, Hashable {
    public var nip: String
    public var competency: Int
    public var level: Rational
    public var batch: String
    /// The day the level was agreed (a provider's recap dates its results; their validity counts from it).
    public var date: CalendarDate?
    public var note: String?
    public var line: Int
}

/// A validated profile row.
public struct ProfileRecord: Sendable, Hashable {
    public var profile: PersonProfile
    public var asOf: CalendarDate?
    public var line: Int
}

/// An assessment provider's own result for a person, from the `jpm` / `category` columns of a levels
/// file: kept so Merit's results can be checked against it (DESIGN.md "Input files").
public struct ProviderClaim: Sendable, Hashable {
    public var nip: String
    public var batch: String
    /// The JPM as written, with a decimal point (`78.57`), and its value; its decimals say how it was rounded.
    public var jpmText: String?
    public var jpm: Rational?
    /// The category set and band the `category` cell names (`selection`, `MMS`).
    public var categorySet: String?
    public var category: String?
    public var line: Int
}

/// One validated record of any kind.
public enum InputRecord: Sendable, Hashable {
    case profile(ProfileRecord)
    case rating(RatingRecord)
    case test(TestRecord)
    case level(LevelRecord)
    case claim(ProviderClaim)

    /// The line the record was read from.
    public var line: Int {
        switch self {
        case .profile(let record): record.line
        case .rating(let record): record.line
        case .test(let record): record.line
        case .level(let record): record.line
        case .claim(let record): record.line
        }
    }
}

/// A few recent byte strings and what they stood for: input columns repeat (the same NIP for a
/// person's 54 ratings, two assessors, nine competencies), so most rows are checked by one `memcmp`.
struct ByteMemo<Value> {
    private var keys: [[UInt8]] = []
    private var values: [Value] = []
    private var next = 0
    let capacity: Int

    init(capacity: Int = 16) {
        self.capacity = capacity
    }

    func lookup(_ bytes: UnsafeBufferPointer<UInt8>) -> Value? {
        for (index, key) in keys.enumerated() where key.count == bytes.count {
            let equal = key.withUnsafeBufferPointer { stored in
                bytes.count == 0 || memcmp(stored.baseAddress!, bytes.baseAddress!, bytes.count) == 0
            }
            if equal { return values[index] }
        }
        return nil
    }

    mutating func insert(_ bytes: UnsafeBufferPointer<UInt8>, _ value: Value) {
        if keys.count < capacity {
            keys.append(Array(bytes))
            values.append(value)
        } else {
            keys[next] = Array(bytes)
            values[next] = value
            next = (next + 1) % capacity
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
