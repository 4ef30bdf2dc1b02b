/// What an OAuth 2.0 sign-in adds to a user's tokens: the scopes granted (the access token's
/// `scope`) and the authorization request's `nonce` (the first ID token's `nonce`).
struct OAuthGrant: Sendable, Equatable {
    var scopes: [String]
    var nonce: String?

    var scopeText: String { scopes.joined(separator: " ") }

    /// An ID token is issued only when `openid` was granted [D: DG token endpoint, "id_token ...
    /// only if the openid scope was requested"].
    var includesIdToken: Bool { scopes.contains("openid") }

    /// `scope` as sent (RFC 6749 §3.3: space-delimited), without repeats, in the order sent.
    static func split(_ text: String) -> [String] {
        var seen: Set<String> = []
        return text.split(separator: " ").map(String.init).filter { seen.insert($0).inserted }
    }
}
