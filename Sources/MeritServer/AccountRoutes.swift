import Foundation
import Hummingbird
import MeritAccounts
import MeritCore
import MeritIO

/// Accounts (admin): the list, a new account with a generated password shown once, and disabling or
/// enabling one (its sessions end with it). Every change is in the audit log with the admin and address.
struct AccountRoutes {
    let site: MeritSite
    let pages: PageRoutes

    func add(to router: Router<MeritRequestContext>) {
        router.get("/accounts") { request, context in
            try await pages.page(request, context, roles: [.admin]) { signedIn in
                Routes.html(try page(signedIn.session, message: nil))
            }
        }
        router.post("/accounts") { request, context in
            try await pages.page(request, context, roles: [.admin]) { signedIn in
                let fields = try await Routes.form(request)
                guard fields["csrf"] == signedIn.session.csrf else { return Routes.html(Page.forbidden, status: .forbidden) }
                let name = fields["name"] ?? ""
                guard let role = Role(rawValue: fields["role"] ?? "") else {
                    return Routes.html(try page(signedIn.session, message: ("Pilih peran akun.", false)), status: .unprocessableContent)
                }
                let code = (fields["assessor"] ?? "").trimmingCharacters(in: .whitespaces)
                let assessor = code.isEmpty ? nil : code
                if let problem = Account.assessorProblem(assessor, role: role) {
                    return Routes.html(try page(signedIn.session, message: (problem, false)), status: .unprocessableContent)
                }
                do {
                    let password = try site.accounts.add(name, role: role, password: nil, assessor: assessor, by: signedIn.actor) ?? ""
                    let message = "Akun \(name) (\(role.rawValue)) dibuat. Kata sandinya, yang hanya ditampilkan sekali ini: "
                    return Routes.html(try page(signedIn.session, message: (message, true), password: password))
                } catch let error as MeritStore.AccountError {
                    return Routes.html(try page(signedIn.session, message: (error.description, false)), status: .unprocessableContent)
                }
            }
        }
        for (action, disabled) in [("disable", true), ("enable", false)] {
            router.post("/accounts/:name/\(action)") { request, context in
                try await pages.page(request, context, roles: [.admin]) { signedIn in
                    let fields = try await Routes.form(request)
                    guard fields["csrf"] == signedIn.session.csrf else { return Routes.html(Page.forbidden, status: .forbidden) }
                    let name = context.parameters.get("name") ?? ""
                    do {
                        try site.store.setDisabled(disabled, account: name, by: signedIn.actor)
                    } catch let error as MeritStore.AccountError {
                        return Routes.html(try page(signedIn.session, message: (error.description, false)), status: .unprocessableContent)
                    }
                    return Routes.redirect("/accounts")
                }
            }
        }
    }

    func page(_ session: Session, message: (text: String, done: Bool)?, password: String? = nil) throws -> String {
        let csrf = "<input type=\"hidden\" name=\"csrf\" value=\"\(Page.escape(session.csrf))\">"
        let rows = try site.store.accounts().map { account in
            let action = account.disabled ? "enable" : "disable"
            let button = account.name == session.account ? "" : """
                <form method="post" action="/accounts/\(Page.escape(account.name))/\(action)" class="inline">\(csrf)<button>\(account.disabled ? "Aktifkan" : "Nonaktifkan")</button></form>
                """
            return "<tr><td>\(Page.escape(account.name))</td><td>\(account.role.rawValue)</td><td>\(Page.escape(account.assessor ?? ""))</td><td>\(account.disabled ? "nonaktif" : "aktif")</td><td>\(button)</td></tr>"
        }
        let roles = Role.allCases.map { "<option value=\"\($0.rawValue)\">\($0.rawValue)</option>" }.joined()
        let notice = message.map { message in
            "<p class=\"\(message.done ? "done" : "error")\" id=\"outcome\">\(Page.escape(message.text))\(password.map { "<code id=\"password\">\(Page.escape($0))</code>" } ?? "")</p>"
        } ?? ""
        return Page.html(title: "Akun", session: session, body: """
            \(notice)<table id="accounts"><thead><tr><th>Akun</th><th>Peran</th><th>Kode asesor</th><th>Status</th><th></th></tr></thead><tbody>\(rows.joined())</tbody></table>
            <h2>Akun baru</h2><form method="post" action="/accounts">\(csrf)
            <label>Nama akun <input name="name" required></label> <label>Peran <select name="role">\(roles)</select></label>
            <label>Kode asesor (peran asesor: kode di berkas penilaian) <input name="assessor"></label>
            <button>Buat akun</button></form>
            """)
    }
}
