import AWSJSONProtocol

/// One user pool group (`GroupType`).
struct UserGroup: Sendable, Equatable {
    let poolId: String
    let name: String
    var description: String?
    var roleArn: String?
    var precedence: Int64?
    let creationDate: Double
    var lastModifiedDate: Double

    /// `GroupType` as CreateGroup, GetGroup, UpdateGroup, ListGroups and AdminListGroupsForUser
    /// answer it; members that are not set are left out [D: BOTO GroupType, every member optional].
    var json: JSONValue {
        var object: [String: JSONValue] = [
            "GroupName": .string(name), "UserPoolId": .string(poolId),
            "CreationDate": .double(creationDate), "LastModifiedDate": .double(lastModifiedDate),
        ]
        if let description { object["Description"] = .string(description) }
        if let roleArn { object["RoleArn"] = .string(roleArn) }
        if let precedence { object["Precedence"] = .int(precedence) }
        return .object(object)
    }
}

/// The group claims of a user's tokens [D: developer guide "Adding groups to a user pool" and
/// BOTO CreateGroup `Precedence`]:
/// - `cognito:groups` (ID and access token): every group of the user, only when there is one;
/// - `cognito:roles` (ID token): the role ARNs of those groups;
/// - `cognito:preferred_role` (ID token): the role of the group with the lowest `Precedence` among
///   the groups that have a role; a group with a precedence wins over one without ("lower
///   Precedence values take precedence over groups with higher or null Precedence values"); when
///   the best precedence is shared by groups with different roles there is no preferred role,
///   with the same role that role.
struct GroupClaims: Sendable, Equatable {
    let groups: [String]
    let roles: [String]
    let preferredRole: String?

    /// `groups` must be in `GroupStore.groups(ofUser:)` order: by precedence (unset last), then name.
    init(_ groups: [UserGroup]) {
        self.groups = groups.map(\.name)
        var roles: [String] = []
        for group in groups { if let role = group.roleArn, !roles.contains(role) { roles.append(role) } }
        self.roles = roles
        let withRoles = groups.filter { $0.roleArn != nil }
        if let best = withRoles.first {
            // Groups without a precedence tie with each other, as groups with equal values do [I].
            let tied = withRoles.filter { $0.precedence == best.precedence }
            let tiedRoles = Set(tied.compactMap(\.roleArn))
            preferredRole = tiedRoles.count == 1 ? best.roleArn : nil
        } else {
            preferredRole = nil
        }
    }

    /// Adds the claims to the ID token's and the access token's claim sets.
    func add(idToken: inout [String: JSONValue], accessToken: inout [String: JSONValue]) {
        guard !groups.isEmpty else { return }
        let names = JSONValue.array(groups.map { .string($0) })
        idToken["cognito:groups"] = names
        accessToken["cognito:groups"] = names
        if !roles.isEmpty { idToken["cognito:roles"] = .array(roles.map { .string($0) }) }
        if let preferredRole { idToken["cognito:preferred_role"] = .string(preferredRole) }
    }
}
