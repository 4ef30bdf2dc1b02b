import AWSJSONProtocol

/// DeleteUserPool: removes the pool unless its deletion protection is ACTIVE or it still has a
/// domain (AWS refuses both; [I] in that order).
enum DeleteUserPool {
    static func handle(_ input: JSONValue, _ request: RequestContext, _ environment: ServiceEnvironment) throws -> JSONValue {
        let poolId = input["UserPoolId"]?.stringValue ?? ""
        try environment.pools.delete(poolId) { pool, connection in
            if pool.deletionProtectionActive { throw CognitoErrors.deletionProtectionActive }
            if try !UserPoolDomainStore.domains(ofPool: pool.id, in: connection).isEmpty {
                throw CognitoErrors.poolHasDomain
            }
        }
        environment.tokens.keys.forget(poolId)
        return [:]
    }
}
