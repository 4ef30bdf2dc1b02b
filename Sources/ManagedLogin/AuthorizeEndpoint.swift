import CognitoIdentityProvider
import HTTPCore

/// An authorization request's parameters once checked against the client [D: DG authorize endpoint].
struct AuthorizationRequest {
    let client: OAuthClient
    let responseType: String
    let redirectURI: String
    let state: String?
    let grant: AuthorizationGrant
    let prompt: String?
    /// The parameters as received, carried through every login page's form action.
    let query: String
}

/// `GET /oauth2/authorize` and `GET /logout`. A request whose client or redirect URI cannot be
/// trusted ends on the error page; once both are good, errors go back to the redirect URI with
/// `error=` and `state` (RFC 6749 §4.1.2.1) [I: the codes for each case; AWS documents the error
/// page for a bad redirect_uri (`redirect_mismatch`) but not every redirect].
struct AuthorizeEndpoint {
    let server: AuthorizationServer
    let request: DomainRequest

    enum Checked {
        case accepted(AuthorizationRequest)
        case refused(HTTPResponse)
    }

    func authorize() -> HTTPResponse {
        switch Self.check(request, server: server) {
        case .refused(let response):
            return response
        case .accepted(let authorization):
            let cookie = Cookies.value(Cookies.login, in: request.request)
            let session = cookie.flatMap { try? server.loginSession($0, site: request.site) }
            if let session, authorization.prompt != "login" {
                return Self.complete(authorization, session: session, server: server, request: request, setCookie: nil)
            }
            // prompt=none never shows a page [D: DG authorize endpoint `prompt`].
            if authorization.prompt == "none" {
                return Self.redirectError(authorization.redirectURI, "login_required", state: authorization.state)
            }
            return Self.redirect("\(request.base)/login?\(authorization.query)")
        }
    }

    static func check(_ request: DomainRequest, server: AuthorizationServer) -> Checked {
        let query = request.query
        guard let clientId = query["client_id"], let client = server.client(clientId, of: request.site) else {
            return .refused(Pages.errorPage(status: 400, site: request.site, detail: "error: invalid_request (unknown client_id)"))
        }
        // redirect_uri must be one of the client's callback URLs, exactly [D: DG authorize endpoint].
        guard let redirectURI = query["redirect_uri"], client.callbackURLs.contains(redirectURI) else {
            return .refused(Pages.errorPage(status: 400, site: request.site, detail: "error: redirect_mismatch"))
        }
        let state = query["state"]
        func refuse(_ code: String) -> Checked { .refused(redirectError(redirectURI, code, state: state)) }
        let responseType = query["response_type"] ?? ""
        guard responseType == "code" || responseType == "token" else { return refuse("unsupported_response_type") }
        guard client.oauthEnabled, client.flows.contains(responseType == "code" ? "code" : "implicit") else {
            return refuse("unauthorized_client")
        }
        if let provider = query["identity_provider"], provider != "COGNITO" || !client.identityProviders.contains("COGNITO") {
            return refuse("invalid_request")  // only the pool's own directory signs in here
        }
        let requested = query["scope"].map { $0.split(separator: " ").map(String.init) } ?? []
        guard requested.allSatisfy(client.scopes.contains) else { return refuse("invalid_scope") }
        let challenge = query["code_challenge"]
        let method = query["code_challenge_method"] ?? (challenge == nil ? nil : "plain")
        if let method, challenge == nil || !["S256", "plain"].contains(method) { return refuse("invalid_request") }
        if challenge != nil && responseType != "code" { return refuse("invalid_request") }
        let grant = AuthorizationGrant(
            clientId: client.clientId, redirectURI: redirectURI, scopes: requested.isEmpty ? client.scopes : requested,
            nonce: query["nonce"], codeChallenge: challenge, codeChallengeMethod: method)
        return .accepted(AuthorizationRequest(
            client: client, responseType: responseType, redirectURI: redirectURI, state: state, grant: grant,
            prompt: query["prompt"], query: request.request.query ?? ""))
    }

    /// The signed-in user goes back to the app: a code in the query, or tokens in the fragment.
    static func complete(
        _ authorization: AuthorizationRequest, session: LoginSession, server: AuthorizationServer, request: DomainRequest,
        setCookie: (String, String)?
    ) -> HTTPResponse {
        var pairs: [(String, String)]
        var separator = authorization.redirectURI.contains("?") ? "&" : "?"
        do {
            if authorization.responseType == "code" {
                pairs = [("code", try server.issueCode(for: authorization.grant, session: session))]
            } else {
                let tokens = try server.implicitTokens(for: authorization.grant, session: session, host: request.issuerHost)
                pairs = [("access_token", tokens.accessToken)]
                if let id = tokens.idToken { pairs.append(("id_token", id)) }
                pairs += [("token_type", "Bearer"), ("expires_in", String(tokens.expiresIn))]
                separator = "#"
            }
        } catch {
            return Pages.errorPage(status: 400, site: request.site, detail: "error: invalid_request")
        }
        if let state = authorization.state { pairs.append(("state", state)) }
        var response = redirect(authorization.redirectURI + separator + FormEncoding.encode(pairs))
        if let setCookie { response.headers.append(setCookie) }
        return response
    }

    /// `GET /logout` [D: DG logout endpoint]: with `logout_uri` (one of the client's sign-out URLs)
    /// the cookie is cleared and the browser goes there; with `redirect_uri` and `response_type` it
    /// goes to the sign-in page for that request instead.
    func logout() -> HTTPResponse {
        let query = request.query
        guard let clientId = query["client_id"], let client = server.client(clientId, of: request.site) else {
            return Pages.errorPage(status: 400, site: request.site, detail: "error: invalid_request (unknown client_id)")
        }
        let target: String
        if let logoutURI = query["logout_uri"] {
            guard client.logoutURLs.contains(logoutURI) else {
                return Pages.errorPage(status: 400, site: request.site, detail: "error: redirect_mismatch")
            }
            target = logoutURI
        } else if query["redirect_uri"] != nil {
            guard case .accepted = Self.check(request, server: server) else {
                return Pages.errorPage(status: 400, site: request.site, detail: "error: redirect_mismatch")
            }
            target = "\(request.base)/login?\(request.request.query ?? "")"
        } else {
            return Pages.errorPage(status: 400, site: request.site, detail: "error: invalid_request (logout_uri or redirect_uri missing)")
        }
        if let cookie = Cookies.value(Cookies.login, in: request.request) { try? server.endLoginSession(cookie) }
        var response = Self.redirect(target)
        response.headers.append(Cookies.set(Cookies.login, nil, path: request.base))
        return response
    }

    static func redirect(_ location: String) -> HTTPResponse {
        HTTPResponse(status: 302, headers: [("Location", location), ("Cache-Control", "no-store")])
    }

    static func redirectError(_ redirectURI: String, _ code: String, state: String?) -> HTTPResponse {
        var pairs = [("error", code)]
        if let state { pairs.append(("state", state)) }
        return redirect(redirectURI + (redirectURI.contains("?") ? "&" : "?") + FormEncoding.encode(pairs))
    }
}
