import AWSJSONProtocol
import CognitoIdentityProvider
import HTTPCore

/// The endpoints of a domain, each with AWS's methods: `/oauth2/token` and `/oauth2/revoke` take
/// POST only, `/oauth2/authorize` GET only, `/oauth2/userInfo` GET or POST [D: DG endpoint pages].
struct OAuthEndpoints {
    let server: AuthorizationServer

    func handle(_ request: DomainRequest) -> HTTPResponse {
        let method = request.request.method
        switch (method, request.path) {
        case ("POST", "/oauth2/token"):
            return token(request)
        case ("GET", "/oauth2/userInfo"), ("POST", "/oauth2/userInfo"):
            return userInfo(request)
        case ("POST", "/oauth2/revoke"):
            return revoke(request)
        case ("GET", "/oauth2/authorize"):
            return AuthorizeEndpoint(server: server, request: request).authorize()
        case ("GET", "/login"):
            return LoginFlow(server: server, request: request).show()
        case ("POST", "/login"):
            return LoginFlow(server: server, request: request).submit()
        case ("GET", "/forgotPassword"), ("POST", "/forgotPassword"), ("POST", "/confirmForgotPassword"):
            return ForgotPasswordFlow(server: server, request: request).handle()
        case ("GET", "/logout"):
            return AuthorizeEndpoint(server: server, request: request).logout()
        case ("GET", "/error"):
            return Pages.errorPage(status: 400, site: request.site, detail: request.query["error"].map { "error: \($0)" })
        case (_, "/oauth2/token"), (_, "/oauth2/revoke"), (_, "/oauth2/authorize"), (_, "/oauth2/userInfo"), (_, "/login"), (_, "/logout"):
            return HTTPResponse(status: 405, headers: [("Allow", method == "GET" ? "POST" : "GET")])
        default:
            return Pages.errorPage(status: 404, site: request.site, detail: nil)
        }
    }

    private func token(_ request: DomainRequest) -> HTTPResponse {
        // "Content-Type: Must always be 'application/x-www-form-urlencoded'" [D: DG token endpoint].
        let type = request.request.headers["Content-Type"]?.lowercased() ?? ""
        guard type.hasPrefix("application/x-www-form-urlencoded") else { return Self.json(OAuthErrorBody.invalidRequest) }
        switch server.token(site: request.site, form: request.form, authorization: request.request.headers["Authorization"],
                            host: request.issuerHost) {
        case .success(let body): return Self.json(200, body)
        case .failure(let error): return Self.json(error.status, error.body)
        }
    }

    private func userInfo(_ request: DomainRequest) -> HTTPResponse {
        let header = request.request.headers["Authorization"] ?? ""
        let bearer = header.lowercased().hasPrefix("bearer ") ? String(header.dropFirst(7)) : nil
        switch server.userInfo(bearer: bearer) {
        case .success(let body):
            return Self.json(200, body)
        case .failure(let error):
            // [D: DG userInfo endpoint] the error goes in WWW-Authenticate; the texts are AWS's.
            let description = error.code == "invalid_request"
                ? "Bad OAuth2 request at UserInfo Endpoint"
                : "Access token is expired, disabled, or deleted, or the user has globally signed out."
            var response = Self.json(error.status, ["error": .string(error.code), "error_description": .string(description)])
            response.headers.append(("WWW-Authenticate", "error=\"\(error.code)\", error_description=\"\(description)\""))
            return response
        }
    }

    private func revoke(_ request: DomainRequest) -> HTTPResponse {
        switch server.revoke(site: request.site, form: request.form, authorization: request.request.headers["Authorization"]) {
        case .success: return HTTPResponse(status: 200, headers: [("Content-Type", "application/json;charset=UTF-8")])
        case .failure(let error): return Self.json(error.status, error.body)
        }
    }

    static func json(_ status: Int, _ body: JSONValue) -> HTTPResponse {
        HTTPResponse(
            status: status,
            headers: [("Content-Type", "application/json;charset=UTF-8"), ("Cache-Control", "no-store"), ("Pragma", "no-cache")],
            body: JSONSerializer.serialize(body))
    }

    static func json(_ error: (Int, JSONValue)) -> HTTPResponse { json(error.0, error.1) }
}

enum OAuthErrorBody {
    static let invalidRequest: (Int, JSONValue) = (400, ["error": "invalid_request"])
}
