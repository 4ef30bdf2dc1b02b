import AWSJSONProtocol
import CryptoPrimitives

/// CreateUserPoolClient: checks the request against AWS's semantic rules, stores the client with
/// AWS's defaults for what was left out and answers `{"UserPoolClient": UserPoolClientType}`.
enum CreateUserPoolClient {
    static func handle(_ input: JSONValue, _ request: RequestContext, _ environment: ServiceEnvironment) throws -> JSONValue {
        let poolId = input["UserPoolId"]?.stringValue ?? ""
        let pool = try environment.pools.require(poolId)
        var secret = input["ClientSecret"]?.stringValue
        if input["GenerateSecret"]?.boolValue == true {
            // [D: BOTO "You cannot specify both GenerateSecret as true and provide a ClientSecret value."]
            if secret != nil { throw CognitoErrors.generateSecretWithClientSecret }
            secret = SecureRandom.string(count: AppClientDefaults.secretLength, from: SecureRandom.lowercaseAlphanumerics)
        }
        var settings = try AppClientSettings.make(from: input, pool: pool, action: .creating)
        try OAuthClientRules.check(input, poolId: pool.id, hasSecret: secret != nil, offer: try environment.oauthOffer(poolId: pool.id))
        if let secret { settings["ClientSecret"] = .string(secret) }
        let now = environment.clock.now()
        let client = AppClient(
            poolId: pool.id,
            // Client ids are 26 of [a-z0-9] (spec 6).
            clientId: SecureRandom.string(count: AppClientDefaults.clientIdLength, from: SecureRandom.lowercaseAlphanumerics),
            creationDate: now,
            lastModifiedDate: now,
            settings: settings)
        try environment.clients.insert(client)
        return ["UserPoolClient": client.describe]
    }
}

/// The stored settings document of an app client, built from a Create or Update request: AWS's
/// semantic checks (the model's constraints were checked before the handler ran), then defaults.
enum AppClientSettings {
    enum Action: String {
        case creating, updating
    }

    /// Request members echoed under the same name in `UserPoolClientType`.
    static let echoedMembers = [
        "ClientName", "RefreshTokenValidity", "AccessTokenValidity", "IdTokenValidity", "TokenValidityUnits",
        "ReadAttributes", "WriteAttributes", "ExplicitAuthFlows", "SupportedIdentityProviders", "CallbackURLs",
        "LogoutURLs", "DefaultRedirectURI", "AllowedOAuthFlows", "AllowedOAuthScopes",
        "AllowedOAuthFlowsUserPoolClient", "AnalyticsConfiguration", "PreventUserExistenceErrors",
        "EnableTokenRevocation", "EnablePropagateAdditionalUserContextData", "AuthSessionValidity",
        "RefreshTokenRotation",
    ]

    /// ExplicitAuthFlows values from before the `ALLOW_` names (BOTO: "legacy").
    static let legacyFlows: Set<String> = ["ADMIN_NO_SRP_AUTH", "CUSTOM_AUTH_FLOW_ONLY", "USER_PASSWORD_AUTH"]

    /// Attributes no app client may write [R: deploy notes quoting "Invalid write attributes
    /// specified while creating/updating a client" for `email_verified`; a preflight rule lists all three].
    static let unwritableAttributes: Set<String> = ["sub", "email_verified", "phone_number_verified"]

    static func make(from input: JSONValue, pool: UserPool, action: Action) throws -> [String: JSONValue] {
        var settings: [String: JSONValue] = [:]
        for member in echoedMembers {
            if let value = input[member], !value.isNull { settings[member] = value }
        }
        // [I] An empty ReadAttributes or WriteAttributes list is taken as "not specified" (every
        // attribute), like an empty ExplicitAuthFlows: the Terraform provider sends `[]` on every
        // update of a client that has none, and AWS accepts that even when the pool requires attributes.
        for member in ["ReadAttributes", "WriteAttributes"] where settings[member]?.arrayValue?.isEmpty == true {
            settings[member] = nil
        }
        settings["ExplicitAuthFlows"] = .array(try explicitAuthFlows(input["ExplicitAuthFlows"]).map(JSONValue.string))
        try checkTokenValidities(input)
        if (input["RefreshTokenValidity"]?.intValue ?? 0) == 0 {
            // BOTO: "You can't set RefreshTokenValidity to 0. If you do, Amazon Cognito overrides the
            // value with the default value of 30 days." Expressed in the unit the request chose.
            let unit = input["TokenValidityUnits"]?["RefreshToken"]?.stringValue ?? "days"
            let perUnit = TokenValidity.unitSeconds[unit] ?? 86_400
            settings["RefreshTokenValidity"] = .int(Int64(AppClientDefaults.refreshTokenValidityDays * 86_400 / perUnit))
        }
        try checkAttributes(input, pool: pool, action: action)
        settings["AllowedOAuthFlowsUserPoolClient"] = settings["AllowedOAuthFlowsUserPoolClient"] ?? false
        settings["PreventUserExistenceErrors"] =
            settings["PreventUserExistenceErrors"] ?? .string(AppClientDefaults.preventUserExistenceErrors)
        settings["EnableTokenRevocation"] = settings["EnableTokenRevocation"] ?? .bool(AppClientDefaults.enableTokenRevocation)
        settings["EnablePropagateAdditionalUserContextData"] = settings["EnablePropagateAdditionalUserContextData"] ?? false
        settings["AuthSessionValidity"] = settings["AuthSessionValidity"] ?? .int(Int64(AppClientDefaults.authSessionValidity))
        return settings
    }

    /// The flows to store: the sent list without repeats, or AWS's defaults when none (or an
    /// empty list) was sent.
    static func explicitAuthFlows(_ sent: JSONValue?) throws -> [String] {
        var flows: [String] = []
        for flow in sent?.arrayValue?.compactMap(\.stringValue) ?? [] where !flows.contains(flow) { flows.append(flow) }
        // [I] An empty list is taken as "not specified" (section 9-style choice: nothing documents it).
        if flows.isEmpty { return AppClientDefaults.explicitAuthFlows }
        let legacy = flows.filter(legacyFlows.contains)
        // [D: BOTO "You can't assign these legacy ExplicitAuthFlows values to user pool clients at
        // the same time as values that begin with ALLOW_"]; the wording of the error is [I].
        if !legacy.isEmpty, legacy.count < flows.count { throw CognitoErrors.legacyAndAllowFlowsMixed }
        // [R: aws-cdk issue 7625] a list of ALLOW_ values must include refresh-token sign-in.
        if legacy.isEmpty, !flows.contains("ALLOW_REFRESH_TOKEN_AUTH") { throw CognitoErrors.refreshTokenAuthRequired }
        return flows
    }

    /// Access and ID tokens 5 minutes–1 day, refresh tokens 60 minutes–10 years, each counted in
    /// its unit [D: BOTO; R: message, TF-32504 and others in CognitoErrors].
    static func checkTokenValidities(_ input: JSONValue) throws {
        let units = input["TokenValidityUnits"]
        let checks: [(TokenValidity, String, String)] = [
            (.access, "AccessTokenValidity", "AccessToken"),
            (.id, "IdTokenValidity", "IdToken"),
            (.refresh, "RefreshTokenValidity", "RefreshToken"),
        ]
        for (kind, member, unitMember) in checks {
            guard let value = input[member], let number = value.intValue else { continue }
            if kind == .refresh, number == 0 { continue }  // 0 means "the default" (BOTO)
            if !kind.allowedSeconds.contains(kind.seconds(value, unit: units?[unitMember])) {
                throw CognitoErrors.invalidTokenValidityRange
            }
        }
    }

    /// ReadAttributes must name attributes of the pool; WriteAttributes must name writable ones and
    /// include every required mutable attribute [R: "Invalid write attributes specified while
    /// creating a client" measured with a pool requiring email, see CognitoErrors].
    static func checkAttributes(_ input: JSONValue, pool: UserPool, action: Action) throws {
        let schema = pool.settings["SchemaAttributes"]?.arrayValue ?? []
        let names = Set(schema.compactMap { $0["Name"]?.stringValue })
        if let read = input["ReadAttributes"]?.arrayValue?.compactMap(\.stringValue),
            read.contains(where: { !names.contains($0) })
        {
            throw CognitoErrors.invalidReadAttributes(action.rawValue)
        }
        if let write = input["WriteAttributes"]?.arrayValue?.compactMap(\.stringValue), !write.isEmpty {
            let required = schema.filter { $0["Required"]?.boolValue == true && $0["Mutable"]?.boolValue != false }
                .compactMap { $0["Name"]?.stringValue }
            let unknownOrUnwritable = write.contains { !names.contains($0) || unwritableAttributes.contains($0) }
            if unknownOrUnwritable || required.contains(where: { !write.contains($0) }) {
                throw CognitoErrors.invalidWriteAttributes(action.rawValue)
            }
        }
    }
}
