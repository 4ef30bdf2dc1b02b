import AWSJSONProtocol
import Testing
@testable import CognitoIdentityProvider

/// The domain side of the managed login and the token endpoint: the page's sign-in runs the API's
/// rules (MFA decision, lockout), codes are single use and PKCE-bound.
@Suite struct AuthorizationServerTests {
    let harness: ServiceHarness
    let poolId: String
    let clientId: String
    let site: DomainSite
    var server: AuthorizationServer { harness.cognito.authorizationServer }

    init() throws {
        harness = try ServiceHarness()
        poolId = try harness.createPool()
        _ = try harness.call("CreateUserPoolDomain", #"{"UserPoolId":"\#(poolId)","Domain":"my-login"}"#)
        clientId = try harness.call(
            "CreateUserPoolClient",
            #"{"UserPoolId":"\#(poolId)","ClientName":"web","AllowedOAuthFlowsUserPoolClient":true,"AllowedOAuthFlows":["code"],"AllowedOAuthScopes":["openid"],"CallbackURLs":["http://localhost/cb"],"ExplicitAuthFlows":["ALLOW_USER_PASSWORD_AUTH","ALLOW_REFRESH_TOKEN_AUTH"]}"#
        ).body["UserPoolClient"]?["ClientId"]?.stringValue ?? ""
        _ = try harness.call("AdminCreateUser", #"{"UserPoolId":"\#(poolId)","Username":"alice","MessageAction":"SUPPRESS"}"#)
        _ = try harness.call(
            "AdminSetUserPassword", #"{"UserPoolId":"\#(poolId)","Username":"alice","Password":"Perm4nent!pass","Permanent":true}"#)
        site = try #require(try harness.cognito.authorizationServer.site(named: "my-login"))
    }

    @Test func pkceFollowsRFC7636() {
        // RFC 7636 Appendix B.
        let verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
        #expect(AuthorizationServer.pkceMatches(verifier: verifier, challenge: "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", method: "S256"))
        #expect(AuthorizationServer.pkceMatches(verifier: verifier, challenge: verifier, method: "plain"))
        #expect(!AuthorizationServer.pkceMatches(verifier: verifier, challenge: verifier, method: "S256"))
        #expect(!AuthorizationServer.pkceMatches(verifier: "short", challenge: "short", method: "plain"))  // under 43 characters
    }

    func signIn(_ password: String) -> SignInStep {
        server.signIn(site: site, clientId: clientId, username: "alice", password: password, host: "localhost")
    }

    @Test func pageFailuresCountTowardTheAPIsLockout() throws {
        for _ in 0..<5 {
            guard case .failed(let error) = signIn("wrong") else { Issue.record("a wrong password signed in"); return }
            #expect(error.message == "Incorrect username or password.")
        }
        let api = try harness.call(
            "InitiateAuth",
            #"{"ClientId":"\#(clientId)","AuthFlow":"USER_PASSWORD_AUTH","AuthParameters":{"USERNAME":"alice","PASSWORD":"Perm4nent!pass"}}"#)
        #expect(api.body["message"] == "Password attempts exceeded")
    }

    @Test func onPoolAsksTheSameChallengeAsTheAPI() throws {
        _ = try harness.call(
            "SetUserPoolMfaConfig",
            #"{"UserPoolId":"\#(poolId)","MfaConfiguration":"ON","SoftwareTokenMfaConfiguration":{"Enabled":true}}"#)
        guard case .challenge(let name, _, let parameters) = signIn("Perm4nent!pass") else { Issue.record("no challenge"); return }
        #expect(name == "MFA_SETUP" && parameters["MFAS_CAN_SETUP"] == #"["SOFTWARE_TOKEN_MFA"]"#)
    }

    @Test func aCodeIsExchangedOnceAndOnlyWithItsVerifier() throws {
        guard case .signedIn(let cookie) = signIn("Perm4nent!pass") else { Issue.record("not signed in"); return }
        let session = try #require(try server.loginSession(cookie, site: site))
        let verifier = String(repeating: "v", count: 43)
        let grant = AuthorizationGrant(clientId: clientId, redirectURI: "http://localhost/cb", scopes: ["openid"], nonce: "n",
                                       codeChallenge: verifier, codeChallengeMethod: "plain")
        let code = try server.issueCode(for: grant, session: session)
        let form = ["grant_type": "authorization_code", "client_id": clientId, "code": code, "redirect_uri": "http://localhost/cb"]
        var withVerifier = form
        withVerifier["code_verifier"] = verifier
        let first = server.token(site: site, form: withVerifier, authorization: nil, host: "localhost")
        #expect((try? first.get())?["id_token"] != nil)
        #expect(server.token(site: site, form: withVerifier, authorization: nil, host: "localhost") == .failure(OAuthError.invalidGrant))
        let other = try server.issueCode(for: grant, session: session)
        var noVerifier = form
        noVerifier["code"] = other
        #expect(server.token(site: site, form: noVerifier, authorization: nil, host: "localhost") == .failure(OAuthError.invalidGrant))
    }

    @Test func aNewPasswordEndsTheLoginSession() throws {
        guard case .signedIn(let cookie) = signIn("Perm4nent!pass") else { Issue.record("not signed in"); return }
        #expect(try server.loginSession(cookie, site: site) != nil)
        _ = try harness.call(
            "AdminSetUserPassword", #"{"UserPoolId":"\#(poolId)","Username":"alice","Password":"An0ther!pass","Permanent":true}"#)
        #expect(try server.loginSession(cookie, site: site) == nil)
    }
}
