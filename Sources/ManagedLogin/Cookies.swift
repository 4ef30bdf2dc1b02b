import AWSJSONProtocol
import FoundationEssentials
import Glibc
import CryptoPrimitives
import HTTPCore

/// The managed login's two cookies: `cognito`, the login session (one hour), and `XSRF-TOKEN`, the
/// double-submit CSRF token every form repeats in its `_csrf` field [I: the names AWS's hosted UI
/// is remembered to use; not checked against a capture]. Both HttpOnly and SameSite=Lax: sent on the top-level navigation back to
/// /oauth2/authorize, never to a cross-site POST, and never readable by scripts.
enum Cookies {
    static let login = "cognito"
    static let csrf = "XSRF-TOKEN"

    static func value(_ name: String, in request: HTTPRequest) -> String? {
        for header in request.headers.values(for: "Cookie") {
            for pair in header.split(separator: ";") {
                let parts = pair.split(separator: "=", maxSplits: 1)
                if parts.count == 2, parts[0].trimmingWhitespaces() == name {
                    return String(parts[1]).trimmingWhitespaces()
                }
            }
        }
        return nil
    }

    /// A `Set-Cookie` header; `value` nil clears the cookie.
    static func set(_ name: String, _ value: String?, path: String, maxAge: Int = 3600) -> (String, String) {
        let scope = "Path=\(path.isEmpty ? "/" : path); HttpOnly; SameSite=Lax"
        guard let value else { return ("Set-Cookie", "\(name)=; Max-Age=0; \(scope)") }
        return ("Set-Cookie", "\(name)=\(value); Max-Age=\(maxAge); \(scope)")
    }

    static func newCSRFToken() -> String { Base64URL.encode(SecureRandom.bytes(24)) }

    /// The form's `_csrf` equals the cookie (constant-time), and both are present.
    static func csrfMatches(_ request: HTTPRequest, form: [String: String]) -> Bool {
        guard let cookie = value(csrf, in: request), let field = form["_csrf"], !cookie.isEmpty else { return false }
        return Digest.constantTimeEquals(Array(cookie.utf8), Array(field.utf8))
    }
}
