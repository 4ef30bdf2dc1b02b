import AWSJSONProtocol
import SQLiteStore

/// What the group operations share: finding the group, and reading `Limit`/`NextToken`.
enum GroupOperations {
    /// The group, or `ResourceNotFoundException: Group not found.`
    static func requireGroup(poolId: String, name: String, in connection: Connection) throws -> UserGroup {
        guard let group = try GroupStore.find(poolId: poolId, name: name, in: connection) else {
            throw CognitoErrors.groupNotFound
        }
        return group
    }

    /// Runs `change` on the membership an AdminAddUserToGroup / AdminRemoveUserFromGroup request
    /// names, in one write transaction: the pool, then the group, then the user (any name
    /// AdminGetUser accepts) must exist [I: AWS's order is not documented].
    static func changeMembership(
        _ input: JSONValue, _ environment: ServiceEnvironment,
        _ change: (_ poolId: String, _ group: String, _ sub: String, Connection) throws -> Void
    ) throws {
        let pool = try environment.pools.require(input["UserPoolId"]?.stringValue ?? "")
        try environment.database.write { connection in
            let group = try requireGroup(poolId: pool.id, name: input["GroupName"]?.stringValue ?? "", in: connection)
            let user = try UserOperations.requireUser(pool: pool, username: input["Username"]?.stringValue ?? "", in: connection)
            try change(pool.id, group.name, user.sub, connection)
        }
    }

    /// `Limit` (0–60, checked by the model; 0 or absent means 60 [I], as ListUsers) and the position
    /// a `NextToken` of listing `kind` stands for.
    static func paging(_ input: JSONValue, kind: String) throws -> (limit: Int, after: Int64) {
        let requested = Int(input["Limit"]?.intValue ?? 60)
        var after: Int64 = 0
        if let token = input["NextToken"]?.stringValue {
            guard let position = PaginationToken.decode(token, kind: kind) else { throw CognitoErrors.invalidPaginationToken }
            after = position
        }
        return (requested == 0 ? 60 : requested, after)
    }

    /// Adds `NextToken` to `output` while more remain.
    static func withNextToken(_ output: [String: JSONValue], next: Int64?, kind: String) -> JSONValue {
        var output = output
        if let next { output["NextToken"] = .string(PaginationToken.encode(next, kind: kind)) }
        return .object(output)
    }
}
