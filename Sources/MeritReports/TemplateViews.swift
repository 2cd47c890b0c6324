// The views answer the templates' lookups by name, typed (see `TemplateValue`). A field added to a view
// must be answered here too: `ViewKeysTests` fails for any stored field that is not.

extension PlanView: TemplateObject {
    public func value(named key: String) -> TemplateValue? {
        switch key {
        case "l": .object(l)
        case "language": .text(language)
        case "generatedOn": .text(generatedOn)
        case "person": .object(person)
        case "validity": .text(validity)
        case "assessment": .object(assessment)
        case "qualifiedText": .text(qualifiedText)
        case "hasReasons": .flag(hasReasons)
        case "actions": .texts(actions)
        case "hasActions": .flag(hasActions)
        case "radarSVG": .text(radarSVG)
        case "competencies": .objects(competencies)
        case "strengths": .texts(strengths)
        case "hasStrengths": .flag(hasStrengths)
        case "activities": .objects(activities)
        case "hasActivities": .flag(hasActivities)
        case "totalJP": .number(totalJP)
        case "jpNote": .text(jpNote)
        case "jpShort": .flag(jpShort)
        case "edited": .maybe(edited)
        case "notAssessed": .maybe(notAssessed)
        case "talentLine": .text(talentLine)
        case "criticalLegend": .maybe(criticalLegend)
        case "letterhead": .maybe(letterhead)
        case "pageCSS": .text(pageCSS)
        case "signedAt": .maybe(signedAt)
        case "notes": .texts(notes)
        case "hasNotes": .flag(hasNotes)
        case "signatures": .objects(signatures)
        case "history": .objects(history)
        case "hasHistory": .flag(hasHistory)
        default: nil
        }
    }
}

extension PlanDocument.HistoryEntry: TemplateObject {
    public func value(named key: String) -> TemplateValue? {
        switch key {
        case "batch": .text(batch)
        case "assessedOn": .text(assessedOn)
        case "position": .text(position)
        case "jpm": .text(jpm)
        case "selection": .text(selection)
        case "mapping": .text(mapping)
        case "box": .text(box)
        default: nil
        }
    }
}

extension PlanDocument.Signature: TemplateObject {
    public func value(named key: String) -> TemplateValue? {
        switch key {
        case "role": .text(role)
        case "name": .text(name)
        case "nip": .text(nip)
        case "date": .text(date)
        default: nil
        }
    }
}

extension PlanView.Row: TemplateObject {
    public func value(named key: String) -> TemplateValue? {
        switch key {
        case "code": .text(code)
        case "name": .text(name)
        case "required": .text(required)
        case "level": .text(level)
        case "gap": .text(gap)
        case "critical": .flag(critical)
        case "below": .flag(below)
        case "flags": .text(flags)
        case "evidence": .objects(evidence)
        case "hasEvidence": .flag(hasEvidence)
        case "working": .text(working)
        default: nil
        }
    }
}

extension PlanView.Activity: TemplateObject {
    public func value(named key: String) -> TemplateValue? {
        switch key {
        case "title": .text(title)
        case "route": .text(route)
        case "type": .text(type)
        case "jp": .number(jp)
        case "quarter": .text(quarter)
        case "competency": .text(competency)
        case "targetLevel": .number(targetLevel)
        case "reason": .text(reason)
        default: nil
        }
    }
}

extension PlanDocument.Person: TemplateObject {
    public func value(named key: String) -> TemplateValue? {
        switch key {
        case "nip": .text(nip)
        case "name": .text(name)
        case "unit": .text(unit)
        case "position": .text(position)
        case "positionTitle": .text(positionTitle)
        case "jobLevel": .text(jobLevel)
        case "batch": .text(batch)
        case "assessedOn": .text(assessedOn)
        case "validUntil": .text(validUntil)
        case "expired": .flag(expired)
        case "validityRule": .text(validityRule)
        case "undated": .flag(undated)
        default: nil
        }
    }
}

extension PlanDocument.EvidenceLine: TemplateObject {
    public func value(named key: String) -> TemplateValue? {
        switch key {
        case "instrument": .text(instrument)
        case "detail": .text(detail)
        default: nil
        }
    }
}

extension PlanDocument.Assessment: TemplateObject {
    public func value(named key: String) -> TemplateValue? {
        switch key {
        case "jpm": .text(jpm)
        case "jpmSentence": .text(jpmSentence)
        case "jpmWorking": .text(jpmWorking)
        case "completeness": .text(completeness)
        case "decided": .flag(decided)
        case "belowCount": .text(belowCount)
        case "selection": .text(selection)
        case "selectionNote": .maybe(selectionNote)
        case "mapping": .text(mapping)
        case "qualified": .flag(qualified)
        case "reasons": .texts(reasons)
        case "box": box.map(TemplateValue.number)
        case "boxLabel": .text(boxLabel)
        case "potential": .text(potential)
        case "performance": .text(performance)
        default: nil
        }
    }
}

extension GapsView: TemplateObject {
    public func value(named key: String) -> TemplateValue? {
        switch key {
        case "l": .object(l)
        case "language": .text(language)
        case "generatedOn": .text(generatedOn)
        case "grouping": .text(grouping)
        case "minimumNote": .text(minimumNote)
        case "distributionHeading": .text(distributionHeading)
        case "groups": .objects(groups)
        case "suppressedLine": .maybe(suppressedLine)
        case "chartSVG": .text(chartSVG)
        case "letterhead": .maybe(letterhead)
        case "pageCSS": .text(pageCSS)
        default: nil
        }
    }
}

extension GapsView.Group: TemplateObject {
    public func value(named key: String) -> TemplateValue? {
        switch key {
        case "label": .text(label)
        case "assessed": .number(assessed)
        case "below": .number(below)
        case "meanGap": .text(meanGap)
        case "meanShortfall": .text(meanShortfall)
        case "distribution": .text(distribution)
        case "activities": .objects(activities)
        case "hasActivities": .flag(hasActivities)
        default: nil
        }
    }
}

extension GapsView.Activity: TemplateObject {
    public func value(named key: String) -> TemplateValue? {
        switch key {
        case "title": .text(title)
        case "route": .text(route)
        case "participants": .text(participants)
        case "totalJP": .text(totalJP)
        default: nil
        }
    }
}

extension TalentView: TemplateObject {
    public func value(named key: String) -> TemplateValue? {
        switch key {
        case "l": .object(l)
        case "language": .text(language)
        case "generatedOn": .text(generatedOn)
        case "variant": .text(variant)
        case "gridSVG": .text(gridSVG)
        case "boxes": .objects(boxes)
        case "unplacedLine": .maybe(unplacedLine)
        case "withheldNote": .maybe(withheldNote)
        case "letterhead": .maybe(letterhead)
        case "pageCSS": .text(pageCSS)
        default: nil
        }
    }
}

extension TalentView.Box: TemplateObject {
    public func value(named key: String) -> TemplateValue? {
        switch key {
        case "number": .number(number)
        case "label": .text(label)
        case "count": .text(count)
        case "actions": .text(actions)
        case "people": .objects(people)
        case "hasPeople": .flag(hasPeople)
        default: nil
        }
    }
}

extension TalentView.Person: TemplateObject {
    public func value(named key: String) -> TemplateValue? {
        switch key {
        case "nip": .text(nip)
        case "name": .text(name)
        case "position": .text(position)
        default: nil
        }
    }
}

extension Letterhead: TemplateObject {
    func value(named key: String) -> TemplateValue? {
        switch key {
        case "parent": .maybe(parent)
        case "name": .text(name)
        case "address": .maybe(address)
        case "logo": .maybe(logo)
        default: nil
        }
    }
}
