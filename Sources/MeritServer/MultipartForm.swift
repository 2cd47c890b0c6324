import Foundation
import MultipartKit
import NIOCore

/// A `multipart/form-data` body (the upload form) read into its parts, with MultipartKit's parser. A body
/// that is not a whole multipart form (no boundary, cut short, a part without a name) is refused, not read
/// in part.
struct MultipartForm {
    struct Part {
        var name: String
        /// The file name the browser sent (for a file field), without any folder.
        var filename: String?
        var data: ByteBuffer
    }

    struct Malformed: Error, CustomStringConvertible {
        var description: String
    }

    var parts: [Part] = []

    init(contentType: String?, body: ByteBuffer) throws {
        guard let contentType, contentType.lowercased().hasPrefix("multipart/form-data"),
            let boundary = Self.parameter("boundary", in: contentType), !boundary.isEmpty, boundary.count <= 70
        else { throw Malformed(description: "the upload is not a multipart/form-data form") }
        let parser = MultipartParser(boundary: boundary)
        var headers: [String: String] = [:]
        var data = ByteBuffer()
        var collected: [Part] = []
        var problem: String?
        var open = false
        parser.onHeader = { name, value in
            open = true
            headers[name.lowercased()] = value
        }
        parser.onBody = { chunk in
            open = true
            data.writeBuffer(&chunk)
        }
        parser.onPartComplete = {
            defer {
                headers = [:]
                data = ByteBuffer()
                open = false
            }
            guard let disposition = headers["content-disposition"], let name = Self.parameter("name", in: disposition) else {
                problem = problem ?? "a part of the upload has no field name"
                return
            }
            let filename = Self.parameter("filename", in: disposition).map { ($0 as NSString).lastPathComponent }
            collected.append(Part(name: name, filename: filename, data: data))
        }
        do {
            try parser.execute(body)
        } catch {
            throw Malformed(description: "the upload is not a well-formed multipart form")
        }
        if let problem { throw Malformed(description: problem) }
        if open || collected.isEmpty { throw Malformed(description: "the upload was cut short: send it again") }
        parts = collected
    }

    /// The text of the field `name` (the last part of that name), if sent.
    func field(_ name: String) -> String? {
        parts.last { $0.name == name && $0.filename == nil }.map { String(buffer: $0.data) }
    }

    /// A `name=value` or `name="value"` parameter of a header value.
    static func parameter(_ name: String, in header: String) -> String? {
        for piece in header.split(separator: ";").dropFirst() {
            let pair = piece.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2, pair[0].lowercased() == name else { continue }
            var value = pair[1]
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
            return value.replacingOccurrences(of: "\\\"", with: "\"")
        }
        return nil
    }
}
