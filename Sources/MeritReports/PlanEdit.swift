import MeritCore

/// The part of a development plan HR may edit (`PlanDraftReview.editable`): the activities, the notes and
/// the signatures. The server saves it as a plan version; everything else is rebuilt from the store.
public struct PlanEdit: Codable, Sendable, Hashable {
    public var activities: [PlannedActivity]
    public var notes: String
    public var signatures: [PlanDocument.Signature]

    public init(activities: [PlannedActivity], notes: String, signatures: [PlanDocument.Signature]) {
        self.activities = activities
        self.notes = notes
        self.signatures = signatures
    }

    /// The editable part of `document` as it stands.
    public init(of document: PlanDocument) {
        self.init(activities: document.plan.activities, notes: document.notes, signatures: document.signatures)
    }

    /// `fresh` (rebuilt from the store) with this edit, marked edited on `editedOn` (yyyy-mm-dd).
    public func applied(to fresh: PlanDocument, editedOn: String) -> PlanDocument {
        var document = fresh
        document.plan.activities = activities
        document.notes = notes
        document.signatures = signatures
        document.edited = editedOn
        return document
    }
}
