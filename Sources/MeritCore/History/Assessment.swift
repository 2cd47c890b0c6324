/// One assessment of one person, as its own batch's evidence scores it (issue 17): what a history shows
/// and what movement between periods compares. Kept small: a cohort over years is millions of these.
public struct Assessment: Sendable, Hashable {
    public var nip: String
    public var batch: String
    public var assessedOn: CalendarDate?
    /// The position, unit and job level of the profile the assessment was scored with.
    public var position: String?
    public var unit: String?
    public var jobLevel: String?
    /// The level of each competency that has one, by competency ref.
    public var levels: AssessedLevels
    /// Nil without a position to compare with.
    public var jpm: Rational?
    /// Band ids; nil when undecided (an incomplete result) or there is no such category set.
    public var selection: String?
    public var mapping: String?
    /// The 9-box number; nil when the result has no place (undecided, or no SKP).
    public var box: Int?
    /// Meets the position's qualifications (nil without a position).
    public var isQualified: Bool?

    public init(_ result: PersonResult, batch: String) {
        nip = result.evidence.nip
        self.batch = batch
        assessedOn = result.levels.assessedOn
        position = result.profile?.position
        unit = result.profile?.unit
        jobLevel = result.profile?.jobLevel
        var levels = AssessedLevels()
        levels.reserveCapacity(result.levels.competencies.count)
        for competency in result.levels.competencies {
            if let level = competency.level { levels.append(competency.competency, level) }
        }
        self.levels = levels
        let match = result.match
        jpm = match?.jpm.value
        selection = match?.category("selection")?.band.id
        mapping = match?.category("mapping")?.band.id
        box = match?.talent.box?.number
        isQualified = match?.qualification.isQualified
    }
}

/// Each person's assessments, oldest first (by date, then batch order), by NIP.
public struct CohortHistory: Sendable {
    /// Batch names oldest first.
    public var batches: [String]
    public var people: [String: [Assessment]]

    /// `assessments` has one array per batch, in the order of `batches`. Each assessment is moved into its
    /// person's array, not copied (a copy took a reference count per text, and freeing the originals gave
    /// them back), and each person's array is made once, for as many batches as there are.
    public init(batches: [String], assessments: consuming [[Assessment]]) {
        self.batches = batches
        var people: [String: [Assessment]] = [:]
        people.reserveCapacity(assessments.map(\.count).max() ?? 0)
        let count = assessments.count
        for index in assessments.indices {
            var batch: [Assessment] = []
            swap(&batch, &assessments[index])
            // From the end, to move each one out; a person has one assessment per batch, so the order of
            // each person's assessments is still the batches' order.
            while let assessment = batch.popLast() {
                people[assessment.nip, default: Self.array(for: count)].append(assessment)
            }
        }
        self.people = people
    }

    private static func array(for batches: Int) -> [Assessment] {
        var array: [Assessment] = []
        array.reserveCapacity(batches)
        return array
    }

    /// The assessments of one batch, by NIP.
    public func batch(_ name: String) -> [String: Assessment] {
        var found: [String: Assessment] = [:]
        found.reserveCapacity(people.count)
        for (nip, assessments) in people {
            if let assessment = assessments.last(where: { $0.batch == name }) { found[nip] = assessment }
        }
        return found
    }
}
