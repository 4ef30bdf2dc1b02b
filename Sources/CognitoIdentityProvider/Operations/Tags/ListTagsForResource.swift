import AWSJSONProtocol

/// ListTagsForResource: `{"Tags": {...}}` of the user pool the ARN names (awscli
/// `list-tags-for-resource.rst`), `{}` when it has none.
enum ListTagsForResource {
    static func handle(_ input: JSONValue, _ request: RequestContext, _ environment: ServiceEnvironment) throws -> JSONValue {
        let pool = try PoolTags.pool(named: input["ResourceArn"]?.stringValue ?? "", environment: environment)
        return ["Tags": .object(PoolTags.tags(of: pool))]
    }
}
