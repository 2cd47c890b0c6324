@testable import MeritCore
import Testing

@Suite struct QualificationTypesTests {
    @Test func educationLevelsAreOrderedWithD4EqualToS1() {
        #expect(EducationLevel.sd < .smp && EducationLevel.smp < .sma && EducationLevel.d3 < .d4)
        #expect(EducationLevel.d4.meets(.s1) && EducationLevel.s1.meets(.d4))
        #expect(!EducationLevel.d3.meets(.s1))
        #expect(EducationLevel.s3.meets(.s2))
    }

    @Test(arguments: [
        ("S-1", EducationLevel.s1), ("D-III", .d3), ("DIV", .d4), ("SMK", .sma), ("SLTA", .sma), ("s2", .s2),
    ])
    func educationSpellings(text: String, expected: EducationLevel) {
        #expect(EducationLevel(parsing: text) == expected)
    }

    @Test func unknownEducation() {
        #expect(EducationLevel(parsing: "Sarjana Muda") == nil)
    }

    @Test func golonganIsOrderedAndNamed() throws {
        let penata = try #require(Golongan(parsing: "III/c"))
        #expect(penata.description == "III/c" && penata.pangkat == "Penata")
        #expect(Golongan(parsing: "IIId") == Golongan(parsing: "III/D"))
        #expect(try #require(Golongan(parsing: "II/d")) < penata)
        #expect(Golongan.all.count == 17)
        #expect(Golongan.all == Golongan.all.sorted())
        #expect(Golongan(parsing: "IV/e")?.pangkat == "Pembina Utama")
    }

    @Test(arguments: ["III/e", "V/a", "IV", "", "I/f"])
    func impossibleGolongan(text: String) {
        #expect(Golongan(parsing: text) == nil)
    }

    @Test func trainingsMatchByAnyAcceptedName() {
        let pka = TrainingRequirement(name: "Pelatihan Kepemimpinan Administrator", accepts: ["PKA"], priority: .penting)
        #expect(pka.isSatisfied(by: ["Diklat Teknis", " pka "]))
        #expect(!pka.isSatisfied(by: ["PKP"]))
    }

    /// The education field's search by bytes answers as String's own search, on ASCII and off it.
    @Test(arguments: [
        ("manajemen sumber daya manusia", "manajemen"), ("ilmu administrasi negara", "administrasi"), ("hukum", "hukum tata negara"),
        ("teknik sipil", "sipil "), ("teknik sipil", ""), ("", "hukum"), ("aab", "ab"), ("ekonomi", "ekonomi"),
        ("café", "cafe"), ("cafe\u{301}", "cafe"), ("psikologi\r\nklinis", "\r"), ("ilmu komunikasi", "komunikasi"),
    ])
    func educationFieldSearchIsStringContains(text: String, part: String) {
        #expect(QualificationCheck.text(text, holds: part) == text.contains(part))
    }
    /// The field check in place (trimmed, lower-cased on the fly) answers as lower-casing and trimming a
    /// copy and then searching it, on ASCII and off it.
    @Test(arguments: [
        ("  Manajemen SDM ", ["manajemen"]), ("HUKUM", ["hukum tata negara", "hukum"]), ("Teknik Sipil", ["sipil "]),
        ("\tEkonomi\n", ["ekonomi"]), ("   ", ["manajemen"]), ("", [""]), ("Psikologi", [""]), ("Café", ["café"]),
        ("CAFE\u{301}", ["cafe"]), ("Ilmu\u{A0}Komunikasi", ["komunikasi"]), ("\u{A0}Hukum", ["hukum"]), ("Hukum", []),
        ("Statistika", ["sta\u{301}"]), ("AB\u{7F}C", ["ab"]),
    ])
    func educationFieldCheckIsNormalizedSearch(field: String, accepted: [String]) {
        let normalized = field.lowercased().trimmingSpaces
        let expected = !normalized.isEmpty && accepted.contains { normalized.contains($0) }
        #expect(QualificationCheck.field(field, holdsAnyOf: accepted) == expected)
    }

    @Test func noFieldIsNotAccepted() {
        #expect(!QualificationCheck.field(nil, holdsAnyOf: ["hukum"]))
    }

    /// Trimming returns the text itself when nothing is to trim, and trims white space of any kind.
    @Test(arguments: [
        ("Baik", "Baik"), (" Baik", "Baik"), ("Baik\r\n", "Baik"), ("\u{A0}Baik\u{2003}", "Baik"), ("Sangat Baik", "Sangat Baik"),
        ("", ""), ("  ", ""), ("é", "é"), ("a\u{301}", "a\u{301}"),
    ])
    func trimmingSpaces(text: String, trimmed: String) {
        #expect(text.trimmingSpaces == trimmed)
    }
}
