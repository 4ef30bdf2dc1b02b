import AWSJSONProtocol

/// CreateGroup: a new group with its optional description, role and precedence, answered as
/// `{"Group": GroupType}`. Names are unique in the pool and case-sensitive [I].
enum CreateGroup {
    static func handle(_ input: JSONValue, _ request: RequestContext, _ environment: ServiceEnvironment) throws -> JSONValue {
        let pool = try environment.pools.require(input["UserPoolId"]?.stringValue ?? "")
        let name = input["GroupName"]?.stringValue ?? ""
        let now = environment.clock.now()
        let group = UserGroup(
            poolId: pool.id, name: name, description: input["Description"]?.stringValue,
            roleArn: input["RoleArn"]?.stringValue, precedence: input["Precedence"]?.intValue,
            creationDate: now, lastModifiedDate: now)
        try environment.database.write { connection in
            if try GroupStore.find(poolId: pool.id, name: name, in: connection) != nil {
                throw CognitoErrors.groupExists(name)
            }
            try GroupStore.insert(group, in: connection)
        }
        return ["Group": group.json]
    }
}
