import AWSJSONProtocol

/// AdminInitiateAuth: the server-side sign-in entry (ADMIN_USER_PASSWORD_AUTH, the legacy
/// ADMIN_NO_SRP_AUTH, USER_SRP_AUTH, REFRESH_TOKEN_AUTH, REFRESH_TOKEN) for a client of the given pool.
enum AdminInitiateAuth {
    static func handle(_ input: JSONValue, _ request: RequestContext, _ environment: ServiceEnvironment) throws -> JSONValue {
        let pool = try environment.pools.require(input["UserPoolId"]?.stringValue ?? "")
        let client = try environment.requireClient(input["ClientId"]?.stringValue ?? "", inPool: pool.id)
        let flow = input["AuthFlow"]?.stringValue ?? ""
        let parameters = input["AuthParameters"]?.objectValue ?? [:]
        let signIn = SignInFlow(environment: environment, pool: pool, client: client, host: request.host, clientMetadata: input["ClientMetadata"])
        switch flow {
        case "ADMIN_USER_PASSWORD_AUTH", "ADMIN_NO_SRP_AUTH":
            guard AuthFlows.allows(client, flow) else { throw AuthErrors.adminFlowNotEnabled }
            return try signIn.passwordSignIn(parameters)
        case "USER_SRP_AUTH":
            // AdminInitiateAuth answers it with PASSWORD_VERIFIER too [M: spec section 10 evidence].
            guard AuthFlows.allows(client, flow) else { throw AuthErrors.srpFlowNotEnabled }
            return try PasswordVerifier(signIn: signIn).initiate(parameters)
        case "CUSTOM_AUTH":
            guard AuthFlows.allows(client, flow) else { throw AuthErrors.flowNotEnabled(flow) }
            return try CustomAuthFlow(signIn: signIn).initiate(parameters)
        case "USER_AUTH":
            guard AuthFlows.allows(client, flow) else { throw AuthErrors.userAuthNotEnabled }
            return try UserAuthFlow(signIn: signIn).initiate(parameters)
        case "REFRESH_TOKEN_AUTH", "REFRESH_TOKEN":
            guard AuthFlows.allows(client, flow) else { throw AuthErrors.flowNotEnabled(flow) }
            return try signIn.refresh(parameters)
        case "USER_PASSWORD_AUTH":
            throw AuthErrors.adminFlowOnPublicOperation
        default:
            throw AuthFlows.unsupported(flow)
        }
    }
}
