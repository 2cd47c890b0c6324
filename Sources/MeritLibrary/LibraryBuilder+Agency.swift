import Foundation
import MeritCore
import MeritYAML

extension LibraryBuilder {
    /// The agency's letterhead: at most one document; its logo, a PNG or SVG beside it, is embedded.
    mutating func buildAgency() {
        guard let file = documents.agencies.first else { return }
        for extra in documents.agencies.dropFirst() {
            error(extra.id.mark, "a second agency document '\(extra.id.value)' (the first is '\(file.id.value)' at \(file.id.mark)); a library is one agency's")
        }
        guard register(file.id, as: "agency") else { return }
        var logo: String?
        if let name = file.logo {
            let type: String? = name.value.lowercased().hasSuffix(".png") ? "image/png" : name.value.lowercased().hasSuffix(".svg") ? "image/svg+xml" : nil
            let folder = (name.mark.file as NSString).deletingLastPathComponent
            let path = name.value.hasPrefix("/") ? name.value : (folder as NSString).appendingPathComponent(name.value)
            if type == nil {
                error(name.mark, "the logo '\(name.value)' is neither .png nor .svg; save it as one of them")
            } else if let data = FileManager.default.contents(atPath: path), !data.isEmpty, data.count <= 512 * 1024 {
                logo = "data:\(type!);base64," + data.base64EncodedString()
            } else {
                error(name.mark, "cannot read the logo '\(name.value)' (looked at \(path)); it must be a file of at most 512 KB beside the agency document")
            }
        }
        agency = Agency(parent: file.parent, name: file.name, address: file.address, place: file.place, logo: logo)
    }
}
