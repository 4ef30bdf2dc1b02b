import AWSJSONProtocol

/// RespondToAuthChallenge: answers a challenge of a session started by InitiateAuth.
enum RespondToAuthChallenge {
    static func handle(_ input: JSONValue, _ request: RequestContext, _ environment: ServiceEnvironment) throws -> JSONValue {
        let client = try environment.requireClient(input["ClientId"]?.stringValue ?? "")
        let pool = try environment.pools.require(client.poolId)
        let responder = ChallengeResponder(signIn: SignInFlow(environment: environment, pool: pool, client: client, host: request.host, clientMetadata: input["ClientMetadata"]))
        return try responder.respond(
            challengeName: input["ChallengeName"]?.stringValue ?? "", session: input["Session"]?.stringValue,
            responses: input["ChallengeResponses"]?.objectValue ?? [:])
    }
}
