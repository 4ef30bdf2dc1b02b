import AWSJSONProtocol
import Testing
@testable import CognitoIdentityProvider

/// App clients' OAuth rules and identity providers' details, where they live.
@Suite struct OAuthAndProviderRulesTests {
    let offer = OAuthClientRules.PoolOffer(customScopes: ["orders/read"], providerNames: ["Google"])

    func error(_ input: JSONValue, secret: Bool = false) -> String? {
        do {
            try OAuthClientRules.check(input, poolId: "us-east-1_abc", hasSecret: secret, offer: offer)
            return nil
        } catch let error as AWSServiceError {
            return "\(error.type): \(error.message ?? "")"
        } catch {
            return "\(error)"
        }
    }

    @Test func redirectURLs() {
        for good in ["https://example.com/cb", "http://localhost:3000/x", "http://127.0.0.1/cb", "http://[::1]:8080/", "myapp://cb"] {
            #expect(error(["CallbackURLs": [.string(good)]]) == nil, "\(good)")
        }
        #expect(error(["CallbackURLs": ["http://example.com"]])?.contains("HTTPS is required") == true)
        #expect(error(["LogoutURLs": ["https://example.com/#frag"]])?.contains("without a fragment") == true)
        #expect(error(["CallbackURLs": ["no scheme"]])?.contains("without a fragment") == true)
    }

    @Test func flowsScopesAndProviders() {
        #expect(error(["AllowedOAuthFlows": ["client_credentials"], "AllowedOAuthScopes": ["orders/read"]], secret: true) == nil)
        #expect(error(["AllowedOAuthFlows": ["client_credentials"]])?.hasPrefix("InvalidOAuthFlowException: client_credentials flow can not be selected if") == true)
        #expect(error(["AllowedOAuthFlows": ["implicit", "client_credentials"]], secret: true)?.contains("along with code flow") == true)
        #expect(error(["AllowedOAuthScopes": ["orders/write"]]) == "ScopeDoesNotExistException: Invalid scope requested: orders/write")
        #expect(error(["AllowedOAuthFlows": ["code"]])?.hasPrefix("InvalidOAuthFlowException: CallbackUrls can not be empty") == true)
        #expect(error(["SupportedIdentityProviders": ["COGNITO", "Google"]]) == nil)
        #expect(error(["SupportedIdentityProviders": ["Okta"]]) == "InvalidParameterException: The provider Okta does not exist for User Pool us-east-1_abc")
        #expect(error(["CallbackURLs": ["https://a.example/cb"], "DefaultRedirectURI": "https://a.example/cb"]) == nil)
        #expect(error(["CallbackURLs": ["https://a.example/cb"], "DefaultRedirectURI": "https://b.example/cb"]) != nil)
    }

    @Test func providerDetailsAreFilledInButSentValuesWin() throws {
        let details = try IdentityProviderRules.details(
            type: "Google", name: "Google",
            sent: ["client_id": "a", "client_secret": "b", "authorize_scopes": "openid", "token_url": "https://mine.example/t"])
        #expect(details["token_url"] == "https://mine.example/t")
        #expect(details["oidc_issuer"] == "https://accounts.google.com")
        #expect(throws: AWSServiceError.self) { try IdentityProviderRules.details(type: "SAML", name: "X", sent: ["MetadataURL": "u", "MetadataFile": "f"]) }
        #expect(try IdentityProviderRules.details(type: "SAML", name: "X", sent: ["MetadataFile": "<xml/>"]) == ["MetadataFile": "<xml/>"])
    }
}
