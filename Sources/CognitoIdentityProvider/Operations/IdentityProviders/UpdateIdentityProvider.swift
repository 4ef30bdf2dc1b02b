import AWSJSONProtocol

/// UpdateIdentityProvider: replaces the members sent (`ProviderDetails`, `AttributeMapping`,
/// `IdpIdentifiers`) with the same checks as CreateIdentityProvider; members left out are kept [I].
enum UpdateIdentityProvider {
    static func handle(_ input: JSONValue, _ request: RequestContext, _ environment: ServiceEnvironment) throws -> JSONValue {
        let poolId = input["UserPoolId"]?.stringValue ?? ""
        let name = input["ProviderName"]?.stringValue ?? ""
        let pool = try environment.pools.require(poolId)
        let updated = try environment.database.write { connection in
            var provider = try IdentityProviderRules.require(name, poolId: pool.id, in: connection)
            if let sent = input["ProviderDetails"]?.objectValue {
                provider.details = try IdentityProviderRules.details(type: provider.type, name: name, sent: sent)
            }
            if let sent = input["AttributeMapping"]?.objectValue {
                provider.attributeMapping = try IdentityProviderRules.attributeMapping(type: provider.type, sent: sent, pool: pool)
            }
            if let sent = input["IdpIdentifiers"]?.arrayValue {
                provider.idpIdentifiers = sent.compactMap(\.stringValue)
                try IdentityProviderRules.checkIdentifiers(provider.idpIdentifiers, name: name, poolId: pool.id, in: connection)
            }
            provider.lastModifiedDate = environment.clock.now()
            try IdentityProviderStore.update(provider, in: connection)
            return provider
        }
        return ["IdentityProvider": updated.describe]
    }
}
