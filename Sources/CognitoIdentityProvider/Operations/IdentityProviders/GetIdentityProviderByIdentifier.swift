import AWSJSONProtocol

/// GetIdentityProviderByIdentifier: the provider of the pool whose `IdpIdentifiers` include `IdpIdentifier`.
enum GetIdentityProviderByIdentifier {
    static func handle(_ input: JSONValue, _ request: RequestContext, _ environment: ServiceEnvironment) throws -> JSONValue {
        let poolId = input["UserPoolId"]?.stringValue ?? ""
        let identifier = input["IdpIdentifier"]?.stringValue ?? ""
        let provider = try environment.database.read { connection in
            guard try UserPoolStore.find(poolId, in: connection) != nil else { throw CognitoErrors.userPoolNotFound(poolId) }
            return try IdentityProviderStore.all(poolId: poolId, in: connection).first { $0.idpIdentifiers.contains(identifier) }
        }
        guard let provider else { throw CognitoErrors.idpIdentifierNotFound(identifier) }
        return ["IdentityProvider": provider.describe]
    }
}
