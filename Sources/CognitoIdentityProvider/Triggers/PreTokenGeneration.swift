import AWSJSONProtocol

/// What a pre token generation function changes in the tokens of one sign-in or refresh
/// (developer guide, "Pre token generation Lambda trigger"): claims added or replaced and claims
/// removed per token, scopes of the access token, and the group claims.
struct TokenCustomization: Sendable, Equatable {
    var idClaims: [String: JSONValue] = [:]
    var idSuppressed: [String] = []
    var accessClaims: [String: JSONValue] = [:]
    var accessSuppressed: [String] = []
    var scopesToAdd: [String] = []
    var scopesToSuppress: [String] = []
    /// `groupOverrideDetails`: the group claims to issue instead of the user's groups.
    var groups: GroupClaims?

    /// Claims the function cannot change: the ones that identify the token, its user, its client
    /// and its lifetime. Changes to them are ignored [I: the guide lists them as not modifiable and
    /// does not say whether the change fails or is dropped].
    static let restricted: Set<String> = [
        "acr", "amr", "at_hash", "auth_time", "azp", "cognito:username", "exp", "iat", "identities", "iss", "jti",
        "nbf", "nonce", "origin_jti", "sub", "token_use", "aud", "client_id", "event_id", "scope", "username",
    ]

    /// Applies the changes to the claim sets TokenIssuer built.
    func apply(idToken: inout [String: JSONValue], accessToken: inout [String: JSONValue]) {
        for name in idSuppressed where !Self.restricted.contains(name) { idToken[name] = nil }
        for (name, value) in idClaims where !Self.restricted.contains(name) { idToken[name] = value }
        for name in accessSuppressed where !Self.restricted.contains(name) { accessToken[name] = nil }
        for (name, value) in accessClaims where !Self.restricted.contains(name) { accessToken[name] = value }
        guard !scopesToAdd.isEmpty || !scopesToSuppress.isEmpty else { return }
        var scopes = (accessToken["scope"]?.stringValue ?? "").split(separator: " ").map(String.init)
        scopes.removeAll { scopesToSuppress.contains($0) }
        for scope in scopesToAdd where !scopes.contains(scope) { scopes.append(scope) }
        accessToken["scope"] = .string(scopes.joined(separator: " "))
    }
}

extension GroupClaims {
    init(groups: [String], roles: [String], preferredRole: String?) {
        self.groups = groups
        self.roles = roles
        self.preferredRole = preferredRole
    }
}

extension Triggers {
    /// Invokes the pre token generation function (event version 1, 2 or 3 as the pool's
    /// `PreTokenGenerationConfig` says) with `source` (`TokenGeneration_Authentication`,
    /// `TokenGeneration_NewPasswordChallenge`, `TokenGeneration_RefreshTokens`); nil without one.
    func preTokenGeneration(
        source: String, user: User, clientId: String, clientMetadata: JSONValue?
    ) throws -> TokenCustomization? {
        guard has("PreTokenGeneration") else { return nil }
        let current = GroupClaims(try environment.database.read { try GroupStore.groups(ofUser: user.sub, poolId: pool.id, in: $0) })
        let version = preTokenGenerationVersion
        var request: [String: JSONValue] = [
            "userAttributes": .object(Self.userAttributes(user)),
            "groupConfiguration": [
                "groupsToOverride": .array(current.groups.map { .string($0) }),
                "iamRolesToOverride": .array(current.roles.map { .string($0) }),
                "preferredRole": current.preferredRole.map { .string($0) } ?? .null,
            ],
            "clientMetadata": clientMetadata.map { .object(Self.stringMap($0)) } ?? .null,
        ]
        if version != "1" { request["scopes"] = ["aws.cognito.signin.user.admin"] }
        let member = version == "1" ? "claimsOverrideDetails" : "claimsAndScopeOverrideDetails"
        let response = try invoke(
            "PreTokenGeneration", source: source, userName: user.username, clientId: clientId, request: request,
            response: [member: .null], version: version)
        guard let details = try Self.object(response[member]) else { return TokenCustomization() }
        var customization = TokenCustomization()
        if version == "1" {
            // Version 1 changes the ID token only, with string values.
            customization.idClaims = try Self.claims(details["claimsToAddOrOverride"], stringsOnly: true)
            customization.idSuppressed = try Self.strings(details["claimsToSuppress"])
        } else {
            let id = try Self.object(details["idTokenGeneration"]) ?? [:]
            let access = try Self.object(details["accessTokenGeneration"]) ?? [:]
            customization.idClaims = try Self.claims(id["claimsToAddOrOverride"], stringsOnly: false)
            customization.idSuppressed = try Self.strings(id["claimsToSuppress"])
            customization.accessClaims = try Self.claims(access["claimsToAddOrOverride"], stringsOnly: false)
            customization.accessSuppressed = try Self.strings(access["claimsToSuppress"])
            customization.scopesToAdd = try Self.strings(access["scopesToAdd"])
            customization.scopesToSuppress = try Self.strings(access["scopesToSuppress"])
        }
        if let groups = try Self.object(details["groupOverrideDetails"]) {
            // A member left out keeps the user's own value [I].
            let preferred: String? = switch groups["preferredRole"] {
            case nil: current.preferredRole
            case .string(let role)?: role
            case .null?: nil
            default: throw TriggerErrors.unrecognizable
            }
            customization.groups = GroupClaims(
                groups: groups["groupsToOverride"] == nil ? current.groups : try Self.strings(groups["groupsToOverride"]),
                roles: groups["iamRolesToOverride"] == nil ? current.roles : try Self.strings(groups["iamRolesToOverride"]),
                preferredRole: preferred)
        }
        return customization
    }

    static func object(_ value: JSONValue?) throws -> [String: JSONValue]? {
        switch value {
        case nil, .null?: return nil
        case .object(let members)?: return members
        default: throw TriggerErrors.unrecognizable
        }
    }

    static func strings(_ value: JSONValue?) throws -> [String] {
        switch value {
        case nil, .null?: return []
        case .array(let items)?:
            return try items.map { item in
                guard let text = item.stringValue else { throw TriggerErrors.unrecognizable }
                return text
            }
        default: throw TriggerErrors.unrecognizable
        }
    }

    static func claims(_ value: JSONValue?, stringsOnly: Bool) throws -> [String: JSONValue] {
        let members = try object(value) ?? [:]
        if stringsOnly, members.values.contains(where: { $0.stringValue == nil }) { throw TriggerErrors.unrecognizable }
        return members.filter { !$0.value.isNull }
    }
}
