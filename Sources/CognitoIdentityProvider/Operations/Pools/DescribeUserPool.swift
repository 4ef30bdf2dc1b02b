import AWSJSONProtocol

/// DescribeUserPool: `{"UserPool": UserPoolType}` for an existing pool, with its prefix domain as
/// `Domain` and its custom domain as `CustomDomain` when it has them [D: BOTO UserPoolType].
enum DescribeUserPool {
    static func handle(_ input: JSONValue, _ request: RequestContext, _ environment: ServiceEnvironment) throws -> JSONValue {
        let poolId = input["UserPoolId"]?.stringValue ?? ""
        let pool = try environment.pools.require(poolId)
        let (users, domains) = try environment.database.read { connection in
            (try UserStore.count(poolId: pool.id, in: connection), try UserPoolDomainStore.domains(ofPool: pool.id, in: connection))
        }
        var described = pool.describe(estimatedNumberOfUsers: users).objectValue ?? [:]
        for domain in domains {
            described[domain.isCustom ? "CustomDomain" : "Domain"] = .string(domain.domain)
        }
        return ["UserPool": .object(described)]
    }
}
