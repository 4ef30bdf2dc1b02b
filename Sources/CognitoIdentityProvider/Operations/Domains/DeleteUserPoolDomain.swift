import AWSJSONProtocol

/// DeleteUserPoolDomain: removes the pool's domain `Domain`; the output has no members.
enum DeleteUserPoolDomain {
    static func handle(_ input: JSONValue, _ request: RequestContext, _ environment: ServiceEnvironment) throws -> JSONValue {
        let poolId = input["UserPoolId"]?.stringValue ?? ""
        let name = input["Domain"]?.stringValue ?? ""
        try environment.database.write { connection in
            try UserPoolDomainStore.delete(try environment.requireDomain(name, ofPool: poolId, in: connection), in: connection)
        }
        return [:]
    }
}
