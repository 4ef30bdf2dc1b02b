import AWSJSONProtocol
import SQLiteStore

/// The start every ClientId operation of the sign-up family shares: the app client (AWS's
/// `ResourceNotFoundException` for an unknown one), its pool, and the SECRET_HASH check for the
/// username as sent.
struct UserClientCall {
    let client: AppClient
    let pool: UserPool
    let username: String

    init(_ input: JSONValue, _ environment: ServiceEnvironment) throws {
        client = try environment.requireClient(input["ClientId"]?.stringValue ?? "")
        pool = try environment.pools.require(client.poolId)
        username = input["Username"]?.stringValue ?? ""
        try SecretHash.check(provided: input["SecretHash"]?.stringValue, username: username, client: client)
    }

    /// `PreventUserExistenceErrors: ENABLED` on the client (developer guide, "Managing user
    /// existence error responses").
    var hidesUserExistence: Bool { client.preventUserExistenceErrors }

    /// The user the request names (username or a sign-in alias), or nil.
    func user(in connection: Connection) throws -> User? {
        try UserStore.findForSignIn(pool: pool, name: username, in: connection)
    }

    /// Attributes an app client may write: those in its `WriteAttributes` when set; the
    /// `*_verified` flags only when listed there [I]. Otherwise `NotAuthorizedException: A client
    /// attempted to write unauthorized attribute` [R: apps and CLI transcripts quoting it for
    /// SignUp / UpdateUserAttributes].
    func checkWritable(_ attributes: [UserAttribute]) throws {
        try Self.checkWritable(attributes, client: client)
    }

    static func checkWritable(_ attributes: [UserAttribute], client: AppClient) throws {
        for attribute in attributes {
            let allowed: Bool
            if attribute.name.hasPrefix("dev:") {
                // Developer-only attributes "can only be modified by an administrator" [D: BOTO
                // SchemaAttributeType.DeveloperOnlyAttribute].
                allowed = false
            } else if let writable = client.writeAttributes {
                allowed = writable.contains(attribute.name)
            } else {
                allowed = !attribute.name.hasSuffix("_verified")
            }
            if !allowed { throw CognitoErrors.unauthorizedAttributeWrite }
        }
    }

    /// The delivery details AWS invents for a user that does not exist (or cannot receive) when
    /// the client hides user existence: "determined by the input user name format and verification
    /// settings of the user pool" [D: developer guide]. The fake address is [I].
    func simulatedDelivery() -> JSONValue {
        if UserOperations.isPhoneNumber(username) {
            return UserOperations.deliveryDetails(channel: .sms, destination: username)
        }
        if UserOperations.isEmail(username) {
            return UserOperations.deliveryDetails(channel: .email, destination: username)
        }
        if !pool.autoVerifiedAttributes.contains("email"), pool.autoVerifiedAttributes.contains("phone_number") {
            return UserOperations.deliveryDetails(channel: .sms, destination: "+10000000000")
        }
        return UserOperations.deliveryDetails(channel: .email, destination: "\(username)@example.com")
    }
}
