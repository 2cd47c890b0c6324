/// One box of the talent grid with who is in it (names only for HR's variant).
public struct TalentGridBox: Sendable, Hashable, Codable {
    public var number: Int
    public var potential: String
    public var performance: String
    public var label: String
    public var actions: [String]
    public var count: Int
    /// NIPs in the box, sorted; left empty in the counts-only variant.
    public var people: [String]
}

/// The 9-box grid of a cohort (PermenPANRB 3/2020): counts per box, and who, for HR.
public struct TalentGrid: Sendable, Hashable, Codable {
    public var boxes: [TalentGridBox]
    /// People without a box because no performance is on record.
    public var unplaced: Int
    /// People without a box because their result is undecided (incomplete): no potential band.
    public var undecided: Int

    public init(_ results: [PersonResult], settings: NineBoxSettings, withNames: Bool) {
        var members: [Int: [String]] = [:]
        var unplaced = 0
        var undecided = 0
        for result in results {
            guard let box = result.match?.talent.box else {
                if result.match?.isDecided == false { undecided += 1 } else { unplaced += 1 }
                continue
            }
            members[box.number, default: []].append(result.evidence.nip)
        }
        boxes = settings.boxes.map { box in
            TalentGridBox(
                number: box.number, potential: box.potential, performance: box.performance, label: box.label,
                actions: box.actions, count: members[box.number]?.count ?? 0,
                people: withNames ? (members[box.number] ?? []).sorted() : [])
        }
        self.unplaced = unplaced
        self.undecided = undecided
    }
}
