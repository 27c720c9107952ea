import EcluseCore
import EcluseHTTP

/// A whole HTML page: the document, the header with the user's menu, the content.
///
/// Pages carry personal data, so no cache may keep them (`Cache-Control: no-store`). There
/// is no inline style or script: the Content-Security-Policy forbids both, and the one
/// stylesheet is `/static/app.css`.
struct Page {
    var title: String
    /// HTML already escaped where it holds data.
    var body: String
    var session: Session?
    var strings: Strings
    var status: Int = 200

    var response: Response {
        var response = Response.bytes(Array(document.utf8), contentType: "text/html; charset=utf-8", status: status)
        response.headers.set("Cache-Control", "no-store")
        response.headers.set("Content-Language", strings.language.rawValue)
        response.headers.set("Vary", "Accept-Language, Cookie")
        return response
    }

    private var document: String {
        """
        <!doctype html>
        <html lang="\(strings.language.rawValue)">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(HTML.escape(title)) · Ecluse</title>
        <link rel="stylesheet" href="/static/app.css">
        </head>
        <body>
        <header class="bar">
        <a class="brand" href="/">Ecluse</a>
        \(menu)
        </header>
        <main>
        <h1>\(HTML.escape(title))</h1>
        \(body)
        </main>
        </body>
        </html>

        """
    }

    private var menu: String {
        guard let session else { return "" }
        let links =
            session.role == .sales
            ? "<a href=\"/contacts\">\(strings("Contacts"))</a> <a href=\"/agenda\">\(strings("My agenda"))</a> "
                + "<a href=\"/device\">\(strings("My phone"))</a>"
            : "<a href=\"/dpo\">\(strings("Destinations"))</a> <a href=\"/dpo/ledger\">\(strings("Ledger"))</a> "
                + "<a href=\"/dpo/policy\">\(strings("Policy"))</a>"
        let logOut = HTML.escape(strings("Log out {}", session.login))
        // The other language, offered by name in that language.
        let other = strings.language == .fr ? "en" : "fr"
        let switcher =
            "<form method=\"post\" action=\"/language\" class=\"inline\">\(HTML.csrfField(session))"
            + "<input type=\"hidden\" name=\"language\" value=\"\(other)\">"
            + "<button type=\"submit\" class=\"link\" lang=\"\(other)\">\(strings("Français"))</button></form>"
        return """
            <nav aria-label="\(strings("Main"))">\(links) \(switcher)
            <form method="post" action="/logout" class="inline">\(HTML.csrfField(session))
            <button type="submit" class="link">\(logOut)</button></form></nav>
            """
    }
}

extension Response {
    /// A `303 See Other` to `location` (RFC 9110 §15.4.4): after a form, the browser GETs it.
    static func seeOther(_ location: String, headers: HeaderFields = [:]) -> Response {
        var response = Response(status: 303, headers: headers)
        response.headers.set("Location", location)
        response.headers.set("Cache-Control", "no-store")
        return response
    }
}
