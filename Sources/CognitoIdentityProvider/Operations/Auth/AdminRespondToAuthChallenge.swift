import AWSJSONProtocol

/// AdminRespondToAuthChallenge: answers a challenge of a session started by AdminInitiateAuth.
enum AdminRespondToAuthChallenge {
    static func handle(_ input: JSONValue, _ request: RequestContext, _ environment: ServiceEnvironment) throws -> JSONValue {
        let pool = try environment.pools.require(input["UserPoolId"]?.stringValue ?? "")
        let client = try environment.requireClient(input["ClientId"]?.stringValue ?? "", inPool: pool.id)
        let responder = ChallengeResponder(signIn: SignInFlow(environment: environment, pool: pool, client: client, host: request.host, clientMetadata: input["ClientMetadata"]))
        return try responder.respond(
            challengeName: input["ChallengeName"]?.stringValue ?? "", session: input["Session"]?.stringValue,
            responses: input["ChallengeResponses"]?.objectValue ?? [:])
    }
}
