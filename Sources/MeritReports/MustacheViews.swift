import Mustache

// Views answer the templates' lookups by name directly: the default (reflection through `Mirror`) is
// far slower, and a plan has hundreds of lookups.

extension PlanView: MustacheParent {
    public func child(named key: String) -> Any? {
        switch key {
        case "l": l
        case "language": language
        case "generatedOn": generatedOn
        case "person": person
        case "validity": validity
        case "assessment": assessment
        case "qualifiedText": qualifiedText
        case "hasReasons": hasReasons
        case "actions": actions
        case "hasActions": hasActions
        case "radarSVG": radarSVG
        case "competencies": competencies
        case "strengths": strengths
        case "hasStrengths": hasStrengths
        case "activities": activities
        case "hasActivities": hasActivities
        case "totalJP": totalJP
        case "jpNote": jpNote
        case "jpShort": jpShort
        case "edited": edited
        case "notAssessed": notAssessed
        case "talentLine": talentLine
        case "criticalLegend": criticalLegend
        case "letterhead": letterhead
        case "pageCSS": pageCSS
        case "signedAt": signedAt
        case "notes": notes
        case "hasNotes": hasNotes
        case "signatures": signatures
        default: nil
        }
    }
}

extension PlanDocument.Signature: MustacheParent {
    public func child(named key: String) -> Any? {
        switch key {
        case "role": role
        case "name": name
        case "nip": nip
        case "date": date
        default: nil
        }
    }
}

extension PlanView.Row: MustacheParent {
    public func child(named key: String) -> Any? {
        switch key {
        case "code": code
        case "name": name
        case "required": required
        case "level": level
        case "gap": gap
        case "critical": critical
        case "below": below
        case "flags": flags
        case "evidence": evidence
        case "hasEvidence": hasEvidence
        case "working": working
        default: nil
        }
    }
}

extension PlanView.Activity: MustacheParent {
    public func child(named key: String) -> Any? {
        switch key {
        case "title": title
        case "route": route
        case "type": type
        case "jp": jp
        case "quarter": quarter
        case "competency": competency
        case "targetLevel": targetLevel
        case "reason": reason
        default: nil
        }
    }
}

extension PlanDocument.Person: MustacheParent {
    public func child(named key: String) -> Any? {
        switch key {
        case "nip": nip
        case "name": name
        case "unit": unit
        case "position": position
        case "positionTitle": positionTitle
        case "jobLevel": jobLevel
        case "batch": batch
        case "assessedOn": assessedOn
        case "validUntil": validUntil
        case "expired": expired
        case "validityRule": validityRule
        case "undated": undated
        default: nil
        }
    }
}

extension PlanDocument.EvidenceLine: MustacheParent {
    public func child(named key: String) -> Any? {
        switch key {
        case "instrument": instrument
        case "detail": detail
        default: nil
        }
    }
}

extension PlanDocument.Assessment: MustacheParent {
    public func child(named key: String) -> Any? {
        switch key {
        case "jpm": jpm
        case "jpmSentence": jpmSentence
        case "jpmWorking": jpmWorking
        case "completeness": completeness
        case "decided": decided
        case "belowCount": belowCount
        case "selection": selection
        case "selectionNote": selectionNote
        case "mapping": mapping
        case "qualified": qualified
        case "reasons": reasons
        case "box": box
        case "boxLabel": boxLabel
        case "potential": potential
        case "performance": performance
        case "competencies": competencies
        default: nil
        }
    }
}

extension GapsView: MustacheParent {
    public func child(named key: String) -> Any? {
        switch key {
        case "l": l
        case "language": language
        case "generatedOn": generatedOn
        case "grouping": grouping
        case "minimumNote": minimumNote
        case "distributionHeading": distributionHeading
        case "groups": groups
        case "suppressedLine": suppressedLine
        case "chartSVG": chartSVG
        case "letterhead": letterhead
        case "pageCSS": pageCSS
        default: nil
        }
    }
}

extension GapsView.Group: MustacheParent {
    public func child(named key: String) -> Any? {
        switch key {
        case "label": label
        case "assessed": assessed
        case "below": below
        case "meanGap": meanGap
        case "meanShortfall": meanShortfall
        case "distribution": distribution
        case "activities": activities
        case "hasActivities": hasActivities
        default: nil
        }
    }
}

extension GapsView.Activity: MustacheParent {
    public func child(named key: String) -> Any? {
        switch key {
        case "title": title
        case "route": route
        case "participants": participants
        case "totalJP": totalJP
        default: nil
        }
    }
}

extension TalentView: MustacheParent {
    public func child(named key: String) -> Any? {
        switch key {
        case "l": l
        case "language": language
        case "generatedOn": generatedOn
        case "variant": variant
        case "gridSVG": gridSVG
        case "boxes": boxes
        case "unplacedLine": unplacedLine
        case "withheldNote": withheldNote
        case "letterhead": letterhead
        case "pageCSS": pageCSS
        default: nil
        }
    }
}

extension TalentView.Box: MustacheParent {
    public func child(named key: String) -> Any? {
        switch key {
        case "number": number
        case "label": label
        case "count": count
        case "actions": actions
        case "people": people
        case "hasPeople": hasPeople
        default: nil
        }
    }
}

extension TalentView.Person: MustacheParent {
    public func child(named key: String) -> Any? {
        switch key {
        case "nip": nip
        case "name": name
        case "position": position
        default: nil
        }
    }
}

// Text and numbers render through `MustacheCustomRenderable`, Mustache's second check for a value: without it
// each `{{value}}` fails two more casts and goes through `String(describing:)` (measured with `perf` on
// `merit bench reports`). The text is the same as Mustache's own `String(describing:)` gives.
extension String: @retroactive MustacheCustomRenderable {
    public var renderText: String { self }
    public var isNull: Bool { false }
}

extension Int: @retroactive MustacheCustomRenderable {
    public var renderText: String { String(self) }
    public var isNull: Bool { false }
}
