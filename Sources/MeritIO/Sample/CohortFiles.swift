import Foundation
import MeritCore

/// Writes a generated cohort as the four CSV files assessors and HR hand over, streaming (a cohort of a
/// hundred thousand people never sits in memory) and atomically (temporary files renamed at the end).
public enum CohortFiles {
    public static let names = ["profiles.csv", "ratings.csv", "tests.csv", "levels.csv"]

    public struct Counts: Sendable {
        public var profiles = 0
        public var ratings = 0
        public var tests = 0
        public var levels = 0
    }

    /// Generates into `folder` (created if needed); `excel` writes what Excel in the Indonesian locale saves
    /// (BOM, `;`, decimal comma, CRLF). Returns the paths written and the counts.
    @discardableResult
    public static func generate(_ generator: CohortGenerator, people: Int, to folder: String, excel: Bool = false) throws -> (paths: [String], counts: Counts) {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let writer = excel ? CSVWriter.excelIndonesia : CSVWriter(lineEnd: "\n")
        let dated = generator.years > 1
        let profileHeader = ["nip", "name", "unit", "position", "job_level", "education", "education_field", "rank", "trainings", "experience_years", "performance"]
            + (dated ? ["date"] : [])
        let headers = [
            profileHeader,
            ["nip", "instrument", "competency", "assessor", "rating", "batch", "date"],
            ["nip", "instrument", "raw_score", "batch", "date"],
            ["nip", "competency", "level", "batch", "date", "note"],
        ]
        // Over several years, each year's profiles are a file of their own (one import is one snapshot of
        // a person): profiles-2024.csv, profiles-2025.csv, then profiles.csv for the last year.
        let earlier = (0..<(generator.years - 1)).map { "profiles-\(generator.date.year - generator.years + 1 + $0).csv" }
        let paths = (earlier + names).map { (folder as NSString).appendingPathComponent($0) }
        let outputs = try paths.map { try BufferedFile(final: $0) }
        for (output, header) in zip(outputs, Array(repeating: profileHeader, count: earlier.count) + headers) {
            output.write((writer.byteOrderMark ? "\u{FEFF}" : "") + writer.line(header.map(CSVWriter.Cell.text)))
        }
        var date = generator.date.description
        var batch = generator.batch
        var year = 0
        let records = Array(outputs[earlier.count...])
        func number(_ text: String) -> CSVWriter.Cell { text == "NE" ? .text("NE") : .number(text) }
        var counts = Counts()
        generator.generate(people: people) { row in
            switch row {
            case .year(let name, let day):
                batch = name
                date = day.description
                year += 1
            case .profile(let profile):
                counts.profiles += 1
                outputs[dated ? year - 1 : 0].write(writer.line([
                    .text(profile.nip), .text(profile.name), .text(profile.unit), .text(profile.position), .text(profile.jobLevel),
                    .text(profile.education?.rawValue ?? ""), .text(profile.educationField ?? ""), .text(profile.rank?.description ?? ""),
                    .text(profile.trainings.joined(separator: "|")), .number(profile.experienceYears.map(String.init) ?? ""),
                    .text(profile.performance ?? ""),
                ] + (dated ? [.text(date)] : [])))
            case .rating(let nip, let instrument, let competency, let assessor, let rating):
                counts.ratings += 1
                records[1].write(writer.line([.text(nip), .text(instrument), .text(competency), .text(assessor), number(rating), .text(batch), .text(date)]))
            case .test(let nip, let instrument, let raw):
                counts.tests += 1
                records[2].write(writer.line([.text(nip), .text(instrument), .number(String(raw)), .text(batch), .text(date)]))
            case .level(let nip, let competency, let level, let note):
                counts.levels += 1
                records[3].write(writer.line([.text(nip), .text(competency), .number(String(level)), .text(batch), .text(date), .text(note)]))
            }
        }
        for output in outputs { try output.commit() }
        return (paths, counts)
    }
}

/// A file written through a buffer into a temporary name, renamed over the final name on commit.
final class BufferedFile {
    private let final: String
    private let temporary: String
    private let handle: FileHandle
    private var buffer: [UInt8] = []

    init(final: String) throws {
        self.final = final
        let url = URL(fileURLWithPath: final)
        temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp").path
        guard FileManager.default.createFile(atPath: temporary, contents: nil), let handle = FileHandle(forWritingAtPath: temporary) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: final])
        }
        self.handle = handle
        buffer.reserveCapacity(1 << 20)
    }

    func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 20 { flush() }
    }

    private func flush() {
        handle.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }

    func commit() throws {
        flush()
        try handle.close()
        guard rename(temporary, final) == 0 else {
            try? FileManager.default.removeItem(atPath: temporary)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: final])
        }
    }
}
