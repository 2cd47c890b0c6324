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
}
