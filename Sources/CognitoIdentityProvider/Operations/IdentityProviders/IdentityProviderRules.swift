import AWSJSONProtocol
import SQLiteStore

/// What AWS requires and fills in for each provider type. Required keys: [D: BOTO
/// CreateIdentityProvider ProviderDetails]. Filled-in endpoints: Google's are [R] (AWS adds them to
/// every Google provider; Terraform configurations copy them or ignore them to avoid drift);
/// Facebook's follow the same form [R, v6.0-era configurations]; LoginWithAmazon and
/// SignInWithApple endpoints are the providers' public OAuth endpoints [I: that AWS adds them].
enum IdentityProviderRules {
    static let socialTypes: Set<String> = ["Google", "Facebook", "LoginWithAmazon", "SignInWithApple"]

    static let requiredDetails: [String: [String]] = [
        "Google": ["client_id", "client_secret", "authorize_scopes"],
        "Facebook": ["client_id", "client_secret", "authorize_scopes"],
        "LoginWithAmazon": ["client_id", "client_secret", "authorize_scopes"],
        "SignInWithApple": ["client_id", "team_id", "key_id", "private_key", "authorize_scopes"],
        "OIDC": ["client_id", "attributes_request_method", "oidc_issuer", "authorize_scopes"],
    ]

    /// [I] Facebook Graph API version used in the endpoints when `api_version` is not sent.
    static let defaultFacebookApiVersion = "v17.0"

    static func filledInDetails(type: String, sent: [String: JSONValue]) -> [String: JSONValue] {
        switch type {
        case "Google":
            return [
                "attributes_url": "https://people.googleapis.com/v1/people/me?personFields=",
                "attributes_url_add_attributes": "true",
                "authorize_url": "https://accounts.google.com/o/oauth2/v2/auth",
                "oidc_issuer": "https://accounts.google.com",
                "token_request_method": "POST",
                "token_url": "https://www.googleapis.com/oauth2/v4/token",
            ]
        case "Facebook":
            let version = sent["api_version"]?.stringValue ?? defaultFacebookApiVersion
            return [
                "attributes_url": .string("https://graph.facebook.com/\(version)/me?fields="),
                "attributes_url_add_attributes": "true",
                "authorize_url": .string("https://www.facebook.com/\(version)/dialog/oauth"),
                "token_request_method": "GET",
                "token_url": .string("https://graph.facebook.com/\(version)/oauth/access_token"),
            ]
        case "LoginWithAmazon":
            return [
                "attributes_url": "https://api.amazon.com/user/profile",
                "attributes_url_add_attributes": "false",
                "authorize_url": "https://www.amazon.com/ap/oa",
                "token_request_method": "POST",
                "token_url": "https://api.amazon.com/auth/o2/token",
            ]
        case "SignInWithApple":
            return [
                "authorize_url": "https://appleid.apple.com/auth/authorize",
                "oidc_issuer": "https://appleid.apple.com",
                "token_request_method": "POST",
                "token_url": "https://appleid.apple.com/auth/token",
            ]
        default:
            return [:]
        }
    }

    /// The claim AWS maps to `username` when the mapping leaves it out: Google `sub` and Facebook `id`
    /// [R: configurations that copy AWS's answer]; the others [I] (the providers' subject claims).
    static let usernameClaims = ["Google": "sub", "Facebook": "id", "LoginWithAmazon": "user_id", "SignInWithApple": "sub", "OIDC": "sub"]

    /// Checks a Create/Update request's details and mapping for `type` and returns what is stored.
    static func details(type: String, name: String, sent: [String: JSONValue]) throws -> [String: JSONValue] {
        if socialTypes.contains(type), name != type { throw CognitoErrors.socialProviderName(type) }
        if type == "SAML" {
            guard (sent["MetadataURL"] != nil) != (sent["MetadataFile"] != nil) else { throw CognitoErrors.samlMetadataRequired }
        }
        for key in requiredDetails[type] ?? [] where (sent[key]?.stringValue ?? "").isEmpty {
            throw CognitoErrors.missingProviderDetail(key, type: type)
        }
        return filledInDetails(type: type, sent: sent).merging(sent) { _, own in own }
    }

    static func attributeMapping(type: String, sent: [String: JSONValue], pool: UserPool) throws -> [String: JSONValue] {
        let names = Set((pool.settings["SchemaAttributes"]?.arrayValue ?? []).compactMap { $0["Name"]?.stringValue })
        for attribute in sent.keys where attribute != "username" && !names.contains(attribute) && !attribute.hasPrefix("custom:") {
            throw CognitoErrors.invalidAttributeMapping(attribute)
        }
        var mapping = sent
        if mapping["username"] == nil, let claim = usernameClaims[type] { mapping["username"] = .string(claim) }
        return mapping
    }

    /// IdpIdentifiers must not repeat within the provider nor be used by another provider of the pool.
    static func checkIdentifiers(_ identifiers: [String], name: String, poolId: String, in connection: Connection) throws {
        var seen = Set<String>()
        let others = try IdentityProviderStore.all(poolId: poolId, in: connection).filter { $0.name != name }
        for identifier in identifiers {
            if !seen.insert(identifier).inserted || others.contains(where: { $0.idpIdentifiers.contains(identifier) }) {
                throw CognitoErrors.duplicateIdpIdentifier(identifier)
            }
        }
    }

    /// The pool's provider `name` inside a transaction: the pool's error first, then the provider's.
    static func require(_ name: String, poolId: String, in connection: Connection) throws -> IdentityProvider {
        guard try UserPoolStore.find(poolId, in: connection) != nil else { throw CognitoErrors.userPoolNotFound(poolId) }
        guard let provider = try IdentityProviderStore.find(name, poolId: poolId, in: connection) else {
            throw CognitoErrors.identityProviderNotFound(name)
        }
        return provider
    }
}
