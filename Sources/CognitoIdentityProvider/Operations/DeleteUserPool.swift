import AWSJSONProtocol

/// DeleteUserPool: removes the pool unless its deletion protection is ACTIVE.
enum DeleteUserPool {
    static func handle(_ input: JSONValue, _ request: RequestContext, _ environment: ServiceEnvironment) throws -> JSONValue {
        let poolId = input["UserPoolId"]?.stringValue ?? ""
        try environment.database.write { connection in
            let pool = try UserPoolStore.require(poolId, in: connection)
            if pool.deletionProtectionActive { throw CognitoErrors.deletionProtectionActive }
            try UserPoolStore.delete(poolId, in: connection)
        }
        return [:]
    }
}
