/// The agency (instansi) a library belongs to, as its letterhead (kop surat) shows it: the government it
/// is part of, its name, its address, and where its documents are signed.
public struct Agency: Sendable, Hashable {
    /// "Pemerintah Kabupaten …": the first line of the letterhead.
    public var parent: String?
    /// "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia".
    public var name: String
    public var address: String?
    /// The place documents are signed at ("Kota Contoh, 22 November 2026").
    public var place: String?
    /// The logo as a `data:` URI (PNG or SVG), embedded so the page needs no other file.
    public var logo: String?

    public init(parent: String? = nil, name: String, address: String? = nil, place: String? = nil, logo: String? = nil) {
        self.parent = parent
        self.name = name
        self.address = address
        self.place = place
        self.logo = logo
    }
}
