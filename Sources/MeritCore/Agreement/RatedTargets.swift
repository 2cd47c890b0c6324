/// A batch's ratings as targets (one participant's competency in one exercise) and their assessors'
/// values, in flat arrays: a 100,000-person batch is four million targets and twelve thousand assessors,
/// which a targets × assessors table (or a dictionary per target) cannot hold. NE is no rating.
struct RatedTargets {
    /// Assessor codes by id, in order of first appearance.
    var assessorCodes: [String] = []
    /// By target.
    var person: [Int32] = []
    var competency: [Int32] = []
    var instrument: [Int32] = []
    /// Where each target's ratings start in `assessor` and `value`; one more entry for the end.
    var start: [Int] = [0]
    /// By rating, grouped by target, each target's by assessor id.
    var assessor: [Int32] = []
    var value: [Double] = []

    var count: Int { person.count }

    init(_ participants: [(nip: String, ratings: [Rating])]) {
        var ids: [String: Int32] = [:]
        var recent: [(code: String, id: Int32)] = [("", -1), ("", -1)]
        var scored: [(competency: Int32, instrument: Int32, assessor: Int32, value: Double)] = []
        for (index, participant) in participants.enumerated() {
            scored.removeAll(keepingCapacity: true)
            for rating in participant.ratings {
                guard case .score(let value) = rating.value else { continue }
                let id: Int32
                // A participant's ratings come from two or three assessors: the last two seen answer
                // most lookups without hashing.
                if let recent = recent.first(where: { $0.id >= 0 && $0.code == rating.assessor }) {
                    id = recent.id
                } else if let known = ids[rating.assessor] {
                    id = known
                    recent = [(rating.assessor, known), recent[0]]
                } else {
                    id = Int32(assessorCodes.count)
                    ids[rating.assessor] = id
                    assessorCodes.append(rating.assessor)
                    recent = [(rating.assessor, id), recent[0]]
                }
                scored.append((Int32(rating.competency), Int32(rating.instrument), id, value.doubleValue))
            }
            scored.sort { ($0.competency, $0.instrument, $0.assessor) < ($1.competency, $1.instrument, $1.assessor) }
            for (position, rating) in scored.enumerated() {
                let previous = position > 0 ? scored[position - 1] : nil
                if previous?.competency != rating.competency || previous?.instrument != rating.instrument {
                    if position > 0 { start.append(value.count) }
                    person.append(Int32(index))
                    competency.append(rating.competency)
                    instrument.append(rating.instrument)
                } else if previous?.assessor == rating.assessor {
                    // One assessor's rating of a target once: the store holds no repeats.
                    continue
                }
                assessor.append(rating.assessor)
                value.append(rating.value)
            }
            if !scored.isEmpty { start.append(value.count) }
        }
    }

    /// The ratings of target `t`.
    func range(_ t: Int) -> Range<Int> { start[t]..<start[t + 1] }
}
