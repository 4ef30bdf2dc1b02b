import AWSJSONProtocol

/// InitiateAuth: the public sign-in entry (USER_PASSWORD_AUTH, USER_SRP_AUTH, REFRESH_TOKEN_AUTH,
/// REFRESH_TOKEN).
enum InitiateAuth {
    static func handle(_ input: JSONValue, _ request: RequestContext, _ environment: ServiceEnvironment) throws -> JSONValue {
        let client = try environment.requireClient(input["ClientId"]?.stringValue ?? "")
        let pool = try environment.pools.require(client.poolId)
        let flow = input["AuthFlow"]?.stringValue ?? ""
        let parameters = input["AuthParameters"]?.objectValue ?? [:]
        let signIn = SignInFlow(environment: environment, pool: pool, client: client, host: request.host, clientMetadata: input["ClientMetadata"])
        switch flow {
        case "USER_PASSWORD_AUTH":
            guard AuthFlows.allows(client, flow) else { throw AuthErrors.flowNotEnabled(flow) }
            return try signIn.passwordSignIn(parameters)
        case "USER_SRP_AUTH":
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
        case "ADMIN_USER_PASSWORD_AUTH", "ADMIN_NO_SRP_AUTH":
            throw AuthErrors.adminFlowOnPublicOperation
        default:
            throw AuthFlows.unsupported(flow)
        }
    }
}
