/// One box of the talent grid with who is in it (names only for HR's variant).
public struct TalentGridBox: Sendable, Hashable, Codable {
    public var number: Int
    public var potential: String
    public var performance: String
    public var label: String
    public var actions: [String]
    /// How many people are in the box; nil when withheld in the counts-only variant (`SmallCounts`).
    public var count: Int?
    /// NIPs in the box, sorted; left empty in the counts-only variant.
    public var people: [String]
}

/// The 9-box grid of a cohort (PermenPANRB 3/2020): counts per box, and who, for HR.
public struct TalentGrid: Sendable, Hashable, Codable {
    public var boxes: [TalentGridBox]
    /// People without a box because no performance is on record (nil when withheld).
    public var unplaced: Int?
    /// People without a box because their result is undecided (incomplete): no potential band (nil when withheld).
    public var undecided: Int?
    /// Counts-only: counts under this were withheld; with names, nil (HR's variant names everyone anyway).
    public var minimumGroupSize: Int?

    /// With names, every count as it is; counts only, counts under `minimumGroupSize` are withheld, with
    /// the boxes, the unplaced and the undecided as one table (`SmallCounts`).
    public init(_ results: [PersonResult], settings: NineBoxSettings, withNames: Bool, minimumGroupSize: Int) {
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
        let counts = settings.boxes.map { members[$0.number]?.count ?? 0 } + [unplaced, undecided]
        let shown = withNames ? counts.map(Optional.some) : SmallCounts.suppress(counts, minimum: minimumGroupSize)
        boxes = settings.boxes.enumerated().map { index, box in
            TalentGridBox(
                number: box.number, potential: box.potential, performance: box.performance, label: box.label,
                actions: box.actions, count: shown[index],
                people: withNames ? (members[box.number] ?? []).sorted() : [])
        }
        self.unplaced = shown[shown.count - 2]
        self.undecided = shown[shown.count - 1]
        self.minimumGroupSize = withNames ? nil : minimumGroupSize
    }
}
