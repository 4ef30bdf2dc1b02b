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
