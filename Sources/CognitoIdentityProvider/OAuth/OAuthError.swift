import AWSJSONProtocol

/// An error of the token, userInfo and revocation endpoints: HTTP 400 and `{"error": code}`
/// [D: DG token endpoint "Examples of negative responses": `HTTP/1.1 400 Bad Request`,
/// `{"error":"invalid_request|invalid_client|invalid_grant|unauthorized_client|unsupported_grant_type"}`].
public struct OAuthError: Error, Sendable, Equatable {
    public let code: String
    public let status: Int

    init(_ code: String, status: Int = 400) {
        self.code = code
        self.status = status
    }

    public var body: JSONValue { ["error": .string(code)] }

    /// A parameter is missing or malformed ("grant_type is refresh_token but refresh_token is not included").
    static let invalidRequest = OAuthError("invalid_request")
    /// Client authentication failed: unknown client, wrong or missing secret.
    static let invalidClient = OAuthError("invalid_client")
    /// The code or refresh token is unknown, used, expired, revoked, another client's, or fails PKCE.
    static let invalidGrant = OAuthError("invalid_grant")
    /// "Client is not allowed for code grant flow or for refreshing tokens."
    static let unauthorizedClient = OAuthError("unauthorized_client")
    /// grant_type other than authorization_code, refresh_token or client_credentials.
    static let unsupportedGrantType = OAuthError("unsupported_grant_type")
    /// A client-credentials scope the client is not allowed (RFC 6749 §5.2).
    static let invalidScope = OAuthError("invalid_scope")
    /// /oauth2/revoke given something that is not a refresh token [I: RFC 7009 §2.2.1's code].
    static let unsupportedTokenType = OAuthError("unsupported_token_type")
}
