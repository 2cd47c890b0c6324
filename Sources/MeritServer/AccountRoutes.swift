import Foundation
import Hummingbird
import MeritAccounts
import MeritCore
import MeritIO
import MeritReports

/// Accounts (admin): the list, a new account with a generated password shown once, and disabling or
/// enabling one (its sessions end with it). Every change is in the audit log with the admin and address.
struct AccountRoutes {
    let site: MeritSite
    let pages: PageRoutes

    func add(to router: Router<MeritRequestContext>) {
        router.get("/accounts") { request, context in
            try await pages.page(request, context, roles: [.admin]) { signedIn in
                Routes.html(try await page(signedIn.session, message: nil))
            }
        }
        router.post("/accounts") { request, context in
            try await pages.page(request, context, roles: [.admin]) { signedIn in
                let fields = try await Routes.form(request)
                guard fields["csrf"] == signedIn.session.csrf else { return Routes.html(Page.forbidden(site.text), status: .forbidden) }
                let name = fields["name"] ?? ""
                guard let role = Role(rawValue: fields["role"] ?? "") else {
                    return Routes.html(try await page(signedIn.session, message: (site.text("choose_role"), false)), status: .unprocessableContent)
                }
                let code = (fields["assessor"] ?? "").trimmingCharacters(in: .whitespaces)
                let assessor = code.isEmpty ? nil : code
                if let problem = Account.assessorProblem(assessor, role: role) {
                    return Routes.html(try await page(signedIn.session, message: (problem, false)), status: .unprocessableContent)
                }
                do {
                    let password = try await site.accounts.add(name, role: role, password: nil, assessor: assessor, by: signedIn.actor) ?? ""
                    let message = site.text("account_created", ["name": name, "role": role.rawValue])
                    return Routes.html(try await page(signedIn.session, message: (message, true), password: password))
                } catch let error as MeritStore.AccountError {
                    return Routes.html(try await page(signedIn.session, message: (error.description, false)), status: .unprocessableContent)
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
                        try await site.store.setDisabled(disabled, account: name, by: signedIn.actor)
                    } catch let error as MeritStore.AccountError {
                        return Routes.html(try await page(signedIn.session, message: (error.description, false)), status: .unprocessableContent)
                    }
                    return Routes.redirect("/accounts")
                }
            }
        }
    }

    func page(_ session: Session, message: (text: String, done: Bool)?, password: String? = nil) async throws -> String {
        let accounts = try await site.store.accounts().map { account -> TemplateValue in
            var fields: TemplateFields = [
                "name": .text(account.name), "role": .text(account.role.rawValue), "assessor": .text(account.assessor ?? ""),
                "state": .text(site.text(account.disabled ? "disabled" : "enabled")),
            ]
            // No button on the admin's own account: an admin cannot lock themselves out.
            if account.name != session.account {
                fields["action"] = .text(account.disabled ? "enable" : "disable")
                fields["button"] = .text(site.text(account.disabled ? "enable" : "disable"))
            }
            return .object(fields)
        }
        // Who else may sign in here and see this agency's people (UU 27/2022 PDP): changed by their own agency.
        let granted = try await site.store.grantedAccounts().map { granted -> TemplateValue in
            .object(
                [
                    "agency": .text(granted.agency), "name": .text(granted.account.name), "role": .text(granted.account.role.rawValue),
                    "state": .text(site.text(granted.account.disabled ? "disabled" : "enabled")),
                ] as TemplateFields)
        }
        var fields: TemplateFields = [
            "accounts": .list(accounts), "roles": .texts(Role.allCases.map(\.rawValue)), "granted": .list(granted), "hasGranted": .flag(!granted.isEmpty),
        ]
        if let message {
            var outcome: TemplateFields = ["text": .text(message.text), "done": .flag(message.done)]
            outcome["password"] = .maybe(password)
            fields["outcome"] = .object(outcome)
        }
        return Page.render(site.text, "site-accounts.html", title: site.text("accounts"), session: session, fields)
    }
}
