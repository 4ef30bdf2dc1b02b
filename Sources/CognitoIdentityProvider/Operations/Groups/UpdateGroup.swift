import AWSJSONProtocol

/// UpdateGroup: sets the description, role and precedence that are sent; members left out keep
/// their values [I: the API reference says only "updates any of the properties for precedence,
/// IAM role, or description"; the Terraform provider's aws_cognito_user_group, acceptance-tested
/// against AWS, sends only the members that changed, which works only if the others are kept].
/// Members' tokens show the change from their next sign-in or refresh.
enum UpdateGroup {
    static func handle(_ input: JSONValue, _ request: RequestContext, _ environment: ServiceEnvironment) throws -> JSONValue {
        let pool = try environment.pools.require(input["UserPoolId"]?.stringValue ?? "")
        let name = input["GroupName"]?.stringValue ?? ""
        let group = try environment.database.write { connection in
            var group = try GroupOperations.requireGroup(poolId: pool.id, name: name, in: connection)
            if let description = input["Description"]?.stringValue { group.description = description }
            if let roleArn = input["RoleArn"]?.stringValue { group.roleArn = roleArn }
            if let precedence = input["Precedence"]?.intValue { group.precedence = precedence }
            group.lastModifiedDate = environment.clock.now()
            try GroupStore.update(group, in: connection)
            return group
        }
        return ["Group": group.json]
    }
}
