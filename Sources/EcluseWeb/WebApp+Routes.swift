import EcluseCore
import EcluseHTTP

extension WebApp {
    /// Every route of the web app with the roles it admits: the one table the gate and the
    /// security tests read.
    public static let routes: [WebRoute] = [
        WebRoute("GET", "/static/app.css", .anyone) { _, _ in Stylesheet.response },
        WebRoute("GET", "/login", .anyone) { app, context in try app.loginPage(context) },
        WebRoute("POST", "/login", .anyone) { app, context in try app.logIn(context) },
        WebRoute("POST", "/logout", .roles(everyone)) { app, context in try app.logOut(context) },
        WebRoute("GET", "/", .roles(everyone)) { app, context in try app.home(context) },
        WebRoute("POST", "/language", .roles(everyone)) { app, context in try app.chooseLanguage(context) },
        WebRoute("GET", "/contacts", .roles([.sales])) { app, context in try app.contactList(context) },
        WebRoute("POST", "/contacts/vcard", .roles([.sales])) { app, context in try app.downloadChosen(context) },
        WebRoute("GET", "/contacts/{id}", .roles([.sales])) { app, context in try app.contactCard(context) },
        WebRoute("POST", "/contacts/{id}/calls", .roles([.sales])) { app, context in try app.noteCall(context) },
        WebRoute("POST", "/contacts/{id}/vcard", .roles([.sales])) { app, context in
            try app.downloadVCard(context)
        },
        WebRoute("POST", "/contacts/{id}/qr", .roles([.sales])) { app, context in try app.showQRCode(context) },
        WebRoute("GET", "/agenda", .roles([.sales])) { app, context in try app.agendaPage(context) },
        WebRoute("POST", "/agenda/feed", .roles([.sales])) { app, context in try app.issueFeed(context) },
        WebRoute("POST", "/agenda/feed/revoke", .roles([.sales])) { app, context in try app.revokeFeed(context) },
        WebRoute("GET", "/device", .roles([.sales])) { app, context in try app.devicePage(context) },
        WebRoute("POST", "/device", .roles([.sales])) { app, context in try app.attestDevice(context) },
        WebRoute("GET", "/dpo", .roles([.dpo, .admin])) { app, context in try app.destinationsPage(context) },
        WebRoute("GET", "/dpo/ledger", .roles([.dpo, .admin])) { app, context in try app.ledgerPage(context) },
        WebRoute("POST", "/dpo/ledger/verify", .roles([.dpo, .admin])) { app, context in
            try app.verifyLedger(context)
        },
        WebRoute("GET", "/dpo/policy", .roles([.dpo, .admin])) { app, context in try app.policyPage(context) },
        WebRoute("POST", "/dpo/policy/diff", .roles([.dpo, .admin])) { app, context in try app.policyDiff(context) },
    ]

    private static let everyone = Set(Account.Role.allCases)
}
