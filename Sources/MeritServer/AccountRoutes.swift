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
                guard fields["csrf"] == signedIn.session.csrf else { return Routes.html(Page.forbidden(site.text), status: .forbidden) }
                let name = fields["name"] ?? ""
                guard let role = Role(rawValue: fields["role"] ?? "") else {
                    return Routes.html(try page(signedIn.session, message: (site.text("choose_role"), false)), status: .unprocessableContent)
                }
                let code = (fields["assessor"] ?? "").trimmingCharacters(in: .whitespaces)
                let assessor = code.isEmpty ? nil : code
                if let problem = Account.assessorProblem(assessor, role: role) {
                    return Routes.html(try page(signedIn.session, message: (problem, false)), status: .unprocessableContent)
                }
                do {
                    let password = try site.accounts.add(name, role: role, password: nil, assessor: assessor, by: signedIn.actor) ?? ""
                    let message = site.text("account_created", ["name": name, "role": role.rawValue])
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
                    guard fields["csrf"] == signedIn.session.csrf else { return Routes.html(Page.forbidden(site.text), status: .forbidden) }
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
                <form method="post" action="/accounts/\(Page.escape(account.name))/\(action)" class="inline">\(csrf)<button>\(site.text(account.disabled ? "enable" : "disable"))</button></form>
                """
            return "<tr><td>\(Page.escape(account.name))</td><td>\(account.role.rawValue)</td><td>\(Page.escape(account.assessor ?? ""))</td><td>\(site.text(account.disabled ? "disabled" : "enabled"))</td><td>\(button)</td></tr>"
        }
        let roles = Role.allCases.map { "<option value=\"\($0.rawValue)\">\($0.rawValue)</option>" }.joined()
        let notice = message.map { message in
            "<p class=\"\(message.done ? "done" : "error")\" id=\"outcome\">\(Page.escape(message.text))\(password.map { "<code id=\"password\">\(Page.escape($0))</code>" } ?? "")</p>"
        } ?? ""
        return Page.html(site.text, title: site.text("accounts"), session: session, body: """
            \(notice)<table id="accounts"><thead><tr><th>\(site.text("account"))</th><th>\(site.text("role"))</th><th>\(site.text("assessor_code"))</th><th>\(site.text("state"))</th><th></th></tr></thead><tbody>\(rows.joined())</tbody></table>
            <h2>\(site.text("new_account"))</h2><form method="post" action="/accounts">\(csrf)
            <label>\(site.text("account_name")) <input name="name" required></label> <label>\(site.text("role")) <select name="role">\(roles)</select></label>
            <label>\(site.text("assessor_field")) <input name="assessor"></label>
            <button>\(site.text("create_account"))</button></form>
            """)
    }
}
