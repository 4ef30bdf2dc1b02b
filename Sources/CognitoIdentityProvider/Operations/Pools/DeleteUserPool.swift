import AWSJSONProtocol

/// DeleteUserPool: removes the pool unless its deletion protection is ACTIVE.
enum DeleteUserPool {
    static func handle(_ input: JSONValue, _ request: RequestContext, _ environment: ServiceEnvironment) throws -> JSONValue {
        let poolId = input["UserPoolId"]?.stringValue ?? ""
        try environment.pools.delete(poolId) { pool in
            if pool.deletionProtectionActive { throw CognitoErrors.deletionProtectionActive }
        }
        environment.tokens.keys.forget(poolId)
        return [:]
    }
}
