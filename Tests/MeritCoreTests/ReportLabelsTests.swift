import MeritCore
import Testing

@Suite struct ReportLabelsTests {
    let labels = ReportLabels(language: "id", texts: [
        "jpm_sentence": "Nilai total kompetensi {name} adalah {total} dari total {maximum} atau setara dengan {jpm}% JPM.",
        "plain": "Rencana Pengembangan Individu",
        "odd": "{ {unknown} {name}",
    ])

    @Test func placeholdersAreFilledInOnePass() {
        let text = labels.text("jpm_sentence", ["name": "Budi {jpm}", "total": "45", "maximum": "51", "jpm": "88,24"])
        #expect(text == "Nilai total kompetensi Budi {jpm} adalah 45 dari total 51 atau setara dengan 88,24% JPM.")
    }

    @Test func unknownPlaceholdersAndStrayBracesStay() {
        #expect(labels.text("odd", ["name": "Sari"]) == "{ {unknown} Sari")
        #expect(labels.text("plain", ["name": "Sari"]) == "Rencana Pengembangan Individu")
    }

    @Test func aMissingKeyIsVisible() {
        #expect(labels.text("title_plan") == "⟦title_plan⟧")
    }
}
