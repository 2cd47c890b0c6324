import Dispatch
import Synchronization

/// One person's scored assessment: levels, and the match against their position or a target.
public struct PersonResult: Sendable {
    public var evidence: ParticipantEvidence
    public var profile: PersonProfile?
    public var levels: ParticipantLevels
    /// Nil when there is no position to compare with (no profile and no target).
    public var match: PositionMatch?
}

/// Scores a whole cohort: integrates every person's evidence with their battery, then matches them with
/// their current position, or with one target position.
public struct CohortScorer: Sendable {
    public let library: Library
    public let scorer: Scorer

    public init(library: Library, referenceDate: CalendarDate) {
        self.library = library
        self.scorer = Scorer(library: library, referenceDate: referenceDate)
    }

    /// Scores everyone, on `threads` threads (each takes a contiguous share; the order is kept).
    public func score(
        _ evidence: [ParticipantEvidence], profiles: [String: PersonProfile], target: PositionStandard? = nil,
        threads: Int = 1, progress: (@Sendable (Int) -> Void)? = nil
    ) -> [PersonResult] {
        let parts = max(1, min(threads, evidence.count / 1_000))
        guard parts > 1 else { return scoreSlice(evidence[...], profiles: profiles, target: target, progress: progress) }
        let share = (evidence.count + parts - 1) / parts
        let slices: [ArraySlice<ParticipantEvidence>] = (0..<parts).map { part in
            evidence[min(evidence.count, part * share)..<min(evidence.count, (part + 1) * share)]
        }
        let results = Mutex([[PersonResult]](repeating: [], count: parts))
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            let scored: [PersonResult]
            if part == 0 {
                scored = scoreSlice(slices[part], profiles: profiles, target: target, progress: progress)
            } else {
                scored = scoreSlice(slices[part], profiles: profiles, target: target, progress: nil)
            }
            results.withLock { all in all[part] = scored }
        }
        return results.withLock { all in all.flatMap { $0 } }
    }

    private func scoreSlice(
        _ evidence: ArraySlice<ParticipantEvidence>, profiles: [String: PersonProfile], target: PositionStandard?,
        progress: ((Int) -> Void)?
    ) -> [PersonResult] {
        var integrators: [String: Integrator] = [:]
        var results: [PersonResult] = []
        results.reserveCapacity(evidence.count)
        for (index, participant) in evidence.enumerated() {
            if let result = score(participant, profile: profiles[participant.nip], target: target, integrators: &integrators) {
                results.append(result)
            }
            if index % 10_000 == 9_999 { progress?(index + 1) }
        }
        return results
    }

    /// Scores one person (nil when the library has no such battery); `integrators` keeps each battery's
    /// integrator from one call to the next.
    public func score(
        _ participant: ParticipantEvidence, profile: PersonProfile?, target: PositionStandard?, integrators: inout [String: Integrator]
    ) -> PersonResult? {
        guard let integrator = integrator(of: participant, &integrators) else { return nil }
        return result(participant, profile: profile, target: target, levels: integrator.levels(participant))
    }

    /// Scores one person with the ratings `ratings` adds (`Integrator.levels(_:ratings:)`) before those of
    /// `participant`, as `score(_:profile:target:integrators:)` would with them in `participant.ratings`.
    public func score(
        _ participant: ParticipantEvidence, profile: PersonProfile?, target: PositionStandard?, integrators: inout [String: Integrator],
        ratings: (inout Integrator.Cells) throws -> Void
    ) rethrows -> PersonResult? {
        guard let integrator = integrator(of: participant, &integrators) else { return nil }
        return result(participant, profile: profile, target: target, levels: try integrator.levels(participant, ratings: ratings))
    }

    private func integrator(of participant: ParticipantEvidence, _ integrators: inout [String: Integrator]) -> Integrator? {
        if let known = integrators[participant.battery] { return known }
        guard let battery = library.batteries[participant.battery] else { return nil }
        let integrator = Integrator(library: library, battery: battery)
        integrators[participant.battery] = integrator
        return integrator
    }

    private func result(_ participant: ParticipantEvidence, profile: PersonProfile?, target: PositionStandard?, levels: ParticipantLevels) -> PersonResult {
        var match: PositionMatch?
        if let target {
            match = scorer.match(levels, profile: profile, position: target)
        } else if let profile, let position = library.positions[profile.position], let requirements = library.requirements(ofPosition: profile.position) {
            match = scorer.match(levels, profile: profile, position: position, requirements: requirements)
        }
        return PersonResult(evidence: participant, profile: profile, levels: levels, match: match)
    }

    /// The integrator of a participant's battery, for explanations.
    public func integrator(for evidence: ParticipantEvidence) -> Integrator? {
        library.batteries[evidence.battery].map { Integrator(library: library, battery: $0) }
    }
}
