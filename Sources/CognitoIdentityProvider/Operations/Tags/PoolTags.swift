import AWSJSONProtocol

/// User pool tags. They live in the pool's `UserPoolTags` setting, so TagResource, UntagResource,
/// ListTagsForResource and Create/Update/DescribeUserPool always agree.
enum PoolTags {
    /// "A user pool can have as many as 50 tags" [D: BOTO TagResource].
    static let limit = 50

    /// The pool a `ResourceArn` names: `arn:<partition>:cognito-idp:<region>:<account>:userpool/<id>`
    /// with this server's account and the pool's own region. Anything else names no resource here:
    /// `ResourceNotFoundException`, with the user pool text for a user pool ARN and the ARN itself
    /// otherwise [I: no capture of AWS's texts for these cases was found].
    static func pool(named arn: String, environment: ServiceEnvironment) throws -> UserPool {
        let parts = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 6, parts[2] == "cognito-idp", parts[5].hasPrefix("userpool/") else {
            throw AWSServiceError.resourceNotFound("Resource \(arn) does not exist.")
        }
        let poolId = String(parts[5].dropFirst("userpool/".count))
        guard let pool = try? environment.pools.require(poolId), pool.arn == arn else {
            throw CognitoErrors.userPoolNotFound(poolId)
        }
        return pool
    }

    static func tags(of pool: UserPool) -> [String: JSONValue] {
        pool.settings["UserPoolTags"]?.objectValue ?? [:]
    }

    /// Stores `tags` as the pool's tags, refusing more than `limit`.
    static func set(_ tags: [String: JSONValue], on pool: inout UserPool) throws {
        if tags.count > limit { throw CognitoErrors.tooManyTags }
        pool.settings["UserPoolTags"] = .object(tags)
    }
}
