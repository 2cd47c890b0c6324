import Foundation
import MeritCore

/// Writes a generated cohort as the four CSV files assessors and HR hand over.
public enum CohortFiles {
    public static let names = ["profiles.csv", "ratings.csv", "tests.csv", "levels.csv"]

    /// Writes into `folder` (created if needed); `excel` writes what Excel in the Indonesian locale saves
    /// (BOM, `;`, decimal comma, CRLF). Returns the paths written.
    @discardableResult
    public static func write(_ cohort: CohortGenerator.Cohort, to folder: String, excel: Bool = false) throws -> [String] {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let writer = excel ? CSVWriter.excelIndonesia : CSVWriter(lineEnd: "\n")
        func number(_ text: String) -> CSVWriter.Cell { text == "NE" ? .text("NE") : .number(text) }
        let date = cohort.date.description
        let documents: [(String, [String], [[CSVWriter.Cell]])] = [
            (
                "profiles.csv",
                ["nip", "name", "unit", "position", "job_level", "education", "education_field", "rank", "trainings", "experience_years", "performance"],
                cohort.profiles.map { profile in
                    [
                        .text(profile.nip), .text(profile.name), .text(profile.unit), .text(profile.position), .text(profile.jobLevel),
                        .text(profile.education?.rawValue ?? ""), .text(profile.educationField ?? ""), .text(profile.rank?.description ?? ""),
                        .text(profile.trainings.joined(separator: "|")), .number(profile.experienceYears.map(String.init) ?? ""),
                        .text(profile.performance ?? ""),
                    ]
                }
            ),
            (
                "ratings.csv", ["nip", "instrument", "competency", "assessor", "rating", "batch", "date"],
                cohort.ratings.map { [.text($0.nip), .text($0.instrument), .text($0.competency), .text($0.assessor), number($0.rating), .text(cohort.batch), .text(date)] }
            ),
            (
                "tests.csv", ["nip", "instrument", "raw_score", "batch", "date"],
                cohort.tests.map { [.text($0.nip), .text($0.instrument), .number(String($0.raw)), .text(cohort.batch), .text(date)] }
            ),
            (
                "levels.csv", ["nip", "competency", "level", "batch", "note"],
                cohort.levels.map { [.text($0.nip), .text($0.competency), .number(String($0.level)), .text(cohort.batch), .text($0.note)] }
            ),
        ]
        var paths: [String] = []
        for (name, header, rows) in documents {
            let path = (folder as NSString).appendingPathComponent(name)
            try AtomicFile.write(Data(writer.document(header: header, rows: rows).utf8), to: path)
            paths.append(path)
        }
        return paths
    }
}
