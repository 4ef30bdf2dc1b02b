import AWSJSONProtocol

/// TagResource: adds the tags to the user pool the ARN names, replacing the values of keys it
/// already has; answers `{}` (awscli `tag-resource.rst`: "This command produces no output").
enum TagResource {
    static func handle(_ input: JSONValue, _ request: RequestContext, _ environment: ServiceEnvironment) throws -> JSONValue {
        let pool = try PoolTags.pool(named: input["ResourceArn"]?.stringValue ?? "", environment: environment)
        let sent = input["Tags"]?.objectValue ?? [:]
        try environment.pools.update(pool.id) { current in
            var updated = current
            try PoolTags.set(PoolTags.tags(of: current).merging(sent) { _, new in new }, on: &updated)
            return updated
        }
        return [:]
    }
}
