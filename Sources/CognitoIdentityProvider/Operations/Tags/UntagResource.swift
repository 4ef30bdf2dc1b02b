import AWSJSONProtocol

/// UntagResource: removes the named keys from the user pool's tags; keys it does not have are
/// ignored [I]. Answers `{}`.
enum UntagResource {
    static func handle(_ input: JSONValue, _ request: RequestContext, _ environment: ServiceEnvironment) throws -> JSONValue {
        let pool = try PoolTags.pool(named: input["ResourceArn"]?.stringValue ?? "", environment: environment)
        let keys = Set(input["TagKeys"]?.arrayValue?.compactMap(\.stringValue) ?? [])
        try environment.pools.update(pool.id) { current in
            var updated = current
            try PoolTags.set(PoolTags.tags(of: current).filter { !keys.contains($0.key) }, on: &updated)
            return updated
        }
        return [:]
    }
}
