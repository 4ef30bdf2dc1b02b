import AWSJSONProtocol
import CognitoIdentityProvider
import HTTPCore

/// One request on a pool's domain: the site, how it was reached, and the request itself.
struct DomainRequest {
    let site: DomainSite
    /// `""` when reached by Host, `/_domain/<domain>` when reached by path; every link and form
    /// on a page starts with it.
    let base: String
    /// The endpoint path inside the domain (`/oauth2/token`, `/login`, ...).
    let path: String
    let request: HTTPRequest
    /// The Host for token issuers: the server's own (`<prefix>.localhost:9229` → `localhost:9229`),
    /// so that tokens from the domain and from the API name the same issuer.
    let issuerHost: String?

    var query: [String: String] { FormEncoding.decode(request.query) }
    var form: [String: String] { FormEncoding.decode(body: request.body) }
}

/// Routes requests to a pool's domain: by Host (`http://<prefix>.localhost:<port>/...`, or a
/// custom domain's own name) or by path (`http://localhost:<port>/_domain/<domain>/...`, which
/// needs no name resolution at all). Anything else is not a domain request (nil).
public struct DomainRouter: Sendable {
    let server: AuthorizationServer

    public init(cognito: CognitoService) {
        server = cognito.authorizationServer
    }

    /// The endpoints a domain serves; only these paths look a custom domain up by Host, so AWS API
    /// calls (`POST /`) never pay for it.
    static let endpoints: Set<String> = [
        "/oauth2/authorize", "/oauth2/token", "/oauth2/userInfo", "/oauth2/revoke", "/login", "/logout", "/error",
        "/forgotPassword", "/confirmForgotPassword",
    ]

    public func route(_ request: HTTPRequest) -> HTTPResponse? {
        guard let found = resolve(request) else { return nil }
        guard let domainRequest = found else { return Pages.errorPage(status: 404, site: nil, detail: "No user pool has this domain.") }
        return OAuthEndpoints(server: server).handle(domainRequest)
    }

    /// nil: not a domain request; .some(nil): a domain path for a domain no pool has.
    private func resolve(_ request: HTTPRequest) -> DomainRequest?? {
        let host = request.headers["Host"] ?? ""
        if request.path.hasPrefix("/_domain/") {
            let rest = request.path.dropFirst("/_domain/".count)
            let name = String(rest.prefix { $0 != "/" })
            let path = String(rest.dropFirst(name.count))
            guard let site = try? server.site(named: name) else { return .some(nil) }
            return DomainRequest(site: site, base: "/_domain/\(name)", path: path.isEmpty ? "/" : path, request: request, issuerHost: host)
        }
        guard Self.endpoints.contains(request.path) else { return nil }
        let hostName = String(host.split(separator: ":", maxSplits: 1).first ?? "").lowercased()
        if hostName.hasSuffix(".localhost") {
            let prefix = String(hostName.dropLast(".localhost".count))
            guard let site = try? server.site(named: prefix) else { return .some(nil) }
            return DomainRequest(site: site, base: "", path: request.path, request: request, issuerHost: String(host.dropFirst(prefix.count + 1)))
        }
        guard !["localhost", "127.0.0.1", "[::1]", ""].contains(hostName), let site = try? server.site(named: hostName) else { return nil }
        return DomainRequest(site: site, base: "", path: request.path, request: request, issuerHost: host)
    }
}
