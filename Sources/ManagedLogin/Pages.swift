import CognitoIdentityProvider
import HTTPCore

/// The managed login's pages: one layout, one stylesheet, the pool's name on top, labelled fields,
/// no JavaScript. Readable from a phone's width up (`viewport`, a single column at most 26rem wide).
enum Pages {
    static let stylesheet = HTML(static: """
        *{box-sizing:border-box}body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;
        background:#f2f3f3;color:#16191f}main{max-width:26rem;margin:2rem auto;padding:1.5rem;background:#fff;
        border-radius:8px;box-shadow:0 1px 4px rgba(0,0,0,.15)}header{font-weight:600;color:#545b64;margin-bottom:.5rem}
        h1{font-size:1.35rem;margin:.25rem 0 1rem}label{display:block;margin:.75rem 0 .25rem;font-weight:600}
        input[type=text],input[type=password],input[type=email]{width:100%;padding:.6rem;border:1px solid #aab7b8;
        border-radius:4px;font-size:1rem}button{width:100%;margin-top:1.25rem;padding:.7rem;border:0;border-radius:4px;
        background:#0972d3;color:#fff;font-size:1rem;font-weight:600}.error{background:#fdf3f1;border-left:4px solid #d13212;
        padding:.5rem .75rem;margin:.5rem 0}.note{color:#545b64;font-size:.9rem}.choice{font-weight:400}
        .secret{font-family:monospace;word-break:break-all;background:#f2f3f3;padding:.4rem}.qr{display:block;
        width:220px;height:220px;margin:.5rem auto}a{color:#0972d3}
        """)

    static func document(
        site: DomainSite?, title: String, _ content: [HTML], status: Int = 200, headers: [(String, String)] = []
    ) -> HTTPResponse {
        let page = HTML.group([
            HTML(static: "<!DOCTYPE html>"),
            .element("html", [("lang", "en")], [
                .element("head", [], [
                    HTML(static: "<meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"),
                    .element("title", [], [.text(title)]),
                    .element("style", [], [stylesheet]),
                ]),
                .element("body", [], [
                    .element("main", [], [.element("header", [], [.text(site?.poolName ?? "Sign in")]), .element("h1", [], [.text(title)])] + content),
                ]),
            ]),
        ])
        let fixed: [(String, String)] = [
            ("Content-Type", "text/html; charset=utf-8"), ("Cache-Control", "no-store"), ("X-Frame-Options", "DENY"),
            // No form-action: a form's answer redirects to the app's callback, which may be an app scheme (myapp://).
            ("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src data:"),
        ]
        return HTTPResponse(status: status, headers: fixed + headers, body: Array(page.rendered.utf8))
    }

    /// AWS's page for requests it cannot send back to the app [R: "An error was encountered with
    /// the requested page." on the hosted UI's /error page].
    static func errorPage(status: Int, site: DomainSite?, detail: String?) -> HTTPResponse {
        var content: [HTML] = [.element("p", [], [.text("An error was encountered with the requested page.")])]
        if let detail { content.append(.element("p", [("class", "note")], [.text(detail)])) }
        return document(site: site, title: "Error", content, status: status)
    }

    static func error(_ message: String?) -> HTML {
        guard let message else { return .group([]) }
        return .element("p", [("class", "error"), ("role", "alert")], [.text(message)])
    }

    /// A labelled input; `id` and `name` are the same.
    static func field(_ label: String, name: String, type: StaticString = "text", value: String = "",
                      autocomplete: String = "off", extra: [(StaticString, String)] = []) -> HTML {
        .group([
            .element("label", attributes: ["for": name], [.text(label)]),
            .element("input", [("id" as StaticString, name), ("name", name), ("type", "\(type)"), ("value", value),
                               ("autocomplete", autocomplete)] + extra),
        ])
    }

    static func hidden(_ name: String, _ value: String) -> HTML {
        .element("input", attributes: ["type": "hidden", "name": name, "value": value])
    }

    /// A POST form to `action` with the CSRF field, hidden state and a submit button.
    static func form(action: String, csrf: String, hidden fields: [(String, String)], _ content: [HTML], submit: String) -> HTML {
        .element("form", attributes: ["method": "post", "action": action],
                 [hidden("_csrf", csrf)] + fields.map { hidden($0.0, $0.1) } + content
                    + [.element("button", [("type", "submit")], [.text(submit)])])
    }
}
