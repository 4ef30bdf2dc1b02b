import AWSJSONProtocol

/// CreateIdentityProvider: a SAML, OIDC or social provider with its details checked and AWS's
/// filled-in endpoints and `username` mapping added; names are unique in a pool.
enum CreateIdentityProvider {
    static func handle(_ input: JSONValue, _ request: RequestContext, _ environment: ServiceEnvironment) throws -> JSONValue {
        let poolId = input["UserPoolId"]?.stringValue ?? ""
        let name = input["ProviderName"]?.stringValue ?? ""
        let type = input["ProviderType"]?.stringValue ?? ""
        let pool = try environment.pools.require(poolId)
        let details = try IdentityProviderRules.details(type: type, name: name, sent: input["ProviderDetails"]?.objectValue ?? [:])
        let mapping = try IdentityProviderRules.attributeMapping(
            type: type, sent: input["AttributeMapping"]?.objectValue ?? [:], pool: pool)
        let identifiers = input["IdpIdentifiers"]?.arrayValue?.compactMap(\.stringValue) ?? []
        let now = environment.clock.now()
        let provider = IdentityProvider(
            poolId: pool.id, name: name, type: type, details: details, attributeMapping: mapping,
            idpIdentifiers: identifiers, creationDate: now, lastModifiedDate: now)
        try environment.database.write { connection in
            guard try UserPoolStore.find(pool.id, in: connection) != nil else { throw CognitoErrors.userPoolNotFound(pool.id) }
            if try IdentityProviderStore.find(name, poolId: pool.id, in: connection) != nil {
                throw CognitoErrors.duplicateProvider(name)
            }
            try IdentityProviderRules.checkIdentifiers(identifiers, name: name, poolId: pool.id, in: connection)
            try IdentityProviderStore.insert(provider, in: connection)
        }
        return ["IdentityProvider": provider.describe]
    }
}
