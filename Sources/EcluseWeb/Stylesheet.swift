import EcluseHTTP

/// The one stylesheet, served at `/static/app.css` (the Content-Security-Policy allows
/// styles from the server itself only).
///
/// Mobile first: one column, large touch targets, readable at 360 px. Colours keep a contrast
/// ratio of at least 4.5:1 (WCAG 2.1 AA), and the keyboard focus is always visible.
enum Stylesheet {
    static var response: Response {
        var response = Response.bytes(Array(text.utf8), contentType: "text/css; charset=utf-8")
        response.headers.set("Cache-Control", "public, max-age=3600")
        return response
    }

    static let text = """
        *, *::before, *::after { box-sizing: border-box; }
        html { font-family: system-ui, sans-serif; font-size: 100%; line-height: 1.5; }
        body { margin: 0; color: #1a1a1a; background: #ffffff; }
        main { padding: 1rem; max-width: 40rem; margin: 0 auto; }
        h1 { font-size: 1.5rem; margin: 0.5rem 0 1rem; }
        h2 { font-size: 1.15rem; margin: 1.5rem 0 0.5rem; }
        a { color: #0b4f9c; }
        .bar { display: flex; flex-wrap: wrap; gap: 0.5rem 1rem; align-items: center;
          padding: 0.75rem 1rem; background: #12324f; color: #ffffff; }
        .bar a, .bar .link { color: #ffffff; }
        .brand { font-weight: 700; text-decoration: none; margin-right: auto; }
        nav { display: flex; flex-wrap: wrap; gap: 0.75rem; align-items: center; }
        form.inline { display: inline; margin: 0; }
        label { display: block; font-weight: 600; margin: 0.75rem 0 0.25rem; }
        input[type=text], input[type=password], input[type=search], select {
          width: 100%; font: inherit; padding: 0.6rem; border: 1px solid #5c5c5c; border-radius: 0.3rem; }
        .check { display: flex; gap: 0.5rem; align-items: flex-start; font-weight: 400; }
        .check input { width: 1.25rem; height: 1.25rem; margin-top: 0.15rem; }
        button, .button { display: inline-block; font: inherit; font-weight: 600; padding: 0.6rem 1rem;
          min-height: 2.75rem; border: 0; border-radius: 0.3rem; background: #0b4f9c; color: #ffffff;
          text-decoration: none; cursor: pointer; }
        button.secondary { background: #e8eef5; color: #0b3a70; }
        button.link { background: none; padding: 0; min-height: 0; font-weight: 400; text-decoration: underline; }
        :focus-visible { outline: 3px solid #d97706; outline-offset: 2px; }
        .actions { display: flex; flex-wrap: wrap; gap: 0.5rem; margin: 0.75rem 0; }
        ul.list { list-style: none; padding: 0; margin: 0; }
        ul.list li { border-bottom: 1px solid #d0d0d0; }
        ul.list li { display: flex; align-items: center; gap: 0.5rem; }
        ul.list a { display: block; flex: 1; padding: 0.75rem 0.25rem; text-decoration: none; }
        .pick { display: flex; align-items: center; margin: 0; padding: 0.5rem 0.25rem; }
        .pick input { width: 1.5rem; height: 1.5rem; }
        .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden;
          clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap; }
        .muted { color: #4d4d4d; }
        .notice { background: #fff4d6; border-left: 4px solid #a15c00; padding: 0.75rem; }
        .error { background: #fde8e8; border-left: 4px solid #a11a1a; padding: 0.75rem; }
        dl { margin: 0; }
        dt { font-weight: 600; margin-top: 0.75rem; }
        dd { margin: 0; }
        .qr { width: 100%; max-width: 22rem; height: auto; background: #ffffff; }
        figure.qr { margin: 1rem 0; }
        textarea { display: block; width: 100%; box-sizing: border-box; font-family: monospace; font-size: 0.9rem; }
        code.secret { display: block; overflow-wrap: anywhere; word-break: break-all; }
        table { border-collapse: collapse; width: 100%; }
        th, td { text-align: left; padding: 0.4rem; border-bottom: 1px solid #d0d0d0; vertical-align: top; }
        """
}
