/// The agency's merit-system evidence (issue 17): the figures of the career-development, promotion and
/// information-system aspects that rest on Merit's data, each with its definition, the counts behind it,
/// and no names (the talent pools' names only in HR's variant, from `keyPositions`).
///
/// - standards: positions the employees hold that have a competency standard in the library;
/// - valid profiles: employees whose latest assessment is dated and within `validity-years`;
/// - plans: assessed people whose drafted development plan reaches `minimum-jp-per-year`;
/// - key positions (`key-position: true`): the talent pool is everyone qualified for the position whose
///   result against it is in the top two selection bands and whose own valid result is in the top boxes,
///   ready now in the top band, ready with development in the second; successors are the pool without
///   the position's holders, at least two or flagged. Pools are found through the shortlist of the best
///   `poolLimit` candidates: a pool that fills it is shown as at least that many;
/// - gaps by competency, with the planned activities (`GapSummary`, small groups withheld).
public struct MeritEvidence: Sendable {
    /// A share: `count` of `of`.
    public struct Share: Sendable, Hashable {
        public var count: Int
        public var of: Int
        public var value: Rational? { of == 0 ? nil : Rational(count) / Rational(of) }
    }

    public struct Candidate: Sendable, Hashable {
        public var nip: String
        public var name: String
        public var readyNow: Bool
        public var isHolder: Bool
    }

    public struct KeyPosition: Sendable, Hashable {
        public var position: String
        public var title: String
        public var holders: Int
        public var pool: [Candidate]
        /// The shortlist filled up with fitting candidates: there may be more.
        public var isTruncated: Bool
        public var readyNow: Int { pool.count { $0.readyNow } }
        public var successors: Int { pool.count { !$0.isHolder } }
        public var needsSuccessors: Bool { successors < 2 }
    }

    public static let poolLimit = 100

    public var standards: Share
    public var validProfiles: Share
    public var plans: Share
    public var keyPositions: [KeyPosition]
    public var gaps: GapSummary

    /// `shortlists`: for each key position of the library (`Library.keyPositions` order) its best
    /// candidates, as `CandidatePool.shortlists(_:top: poolLimit)` gives them.
    public init(
        library: Library, employees: [PersonProfile], results: [PersonResult], plans: [String: DevelopmentPlan],
        shortlists: [[Shortlist.Entry]], gaps: GapSummary, referenceDate: CalendarDate
    ) {
        let held = Set(employees.map(\.position))
        standards = Share(count: held.count { library.positions[$0] != nil }, of: held.count)
        // Places in `results`, not copies: a result is large, and a cohort is 100,000 of them.
        let byNIP = Dictionary(results.indices.map { (results[$0].evidence.nip, $0) }, uniquingKeysWith: { first, _ in first })
        // Valid: dated, and within the validity period at the reference date (with or without a position).
        let years = library.scoring.validityYears
        func isValid(_ nip: String) -> Bool {
            guard let index = byNIP[nip], let date = results[index].levels.assessedOn else { return false }
            return !Validity(assessedOn: date, years: years, referenceDate: referenceDate).isExpired
        }
        validProfiles = Share(count: employees.count { isValid($0.nip) }, of: employees.count)
        self.plans = Share(
            count: results.count { $0.match != nil && plans[$0.evidence.nip]?.meetsMinimum == true }, of: results.count { $0.match != nil })
        let bands = library.scoring.categorySet("selection")?.bands.map(\.id) ?? []
        let top = library.scoring.fairness.topBoxes
        var holders: [String: Int] = [:]
        for employee in employees { holders[employee.position, default: 0] += 1 }
        keyPositions = zip(library.keyPositions, shortlists).map { position, entries in
            var pool: [Candidate] = []
            var fitting = 0
            for entry in entries {
                let match = entry.match
                guard match.qualification.isQualified, let band = match.category("selection")?.band.id,
                    let rank = bands.firstIndex(of: band), rank < 2
                else { continue }
                fitting += 1
                guard isValid(match.nip), let index = byNIP[match.nip], let box = results[index].match?.talent.box?.number, top.contains(box)
                else { continue }
                let profile = results[index].profile
                pool.append(Candidate(nip: match.nip, name: profile?.name ?? "", readyNow: rank == 0, isHolder: profile?.position == position.id))
            }
            return KeyPosition(
                position: position.id, title: position.title, holders: holders[position.id] ?? 0, pool: pool,
                isTruncated: entries.count >= Self.poolLimit && fitting == entries.count)
        }
        self.gaps = gaps
    }
}

extension Library {
    /// The key positions (`key-position: true`), in the library's position order.
    public var keyPositions: [PositionStandard] { positionsInOrder.filter(\.isKey) }
}
