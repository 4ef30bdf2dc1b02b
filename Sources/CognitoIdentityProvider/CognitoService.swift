import AWSJSONProtocol
import SQLiteStore

/// The Cognito user pools service: its operations, bound to one database and one clock.
public final class CognitoService: Sendable {
    public static let targetPrefix = "AWSCognitoIdentityProviderService"

    public let clock: ServiceClock
    let environment: ServiceEnvironment

    /// `messageLog` receives one line for every SMS or email the service "sends" (see `Outbox`).
    public init(
        database: Database, clock: ServiceClock, accountId: String,
        messageLog: @escaping @Sendable (String) -> Void = { _ in }
    ) {
        self.clock = clock
        self.environment = ServiceEnvironment(
            pools: UserPoolRepository(database: database), clients: AppClientRepository(database: database),
            clock: clock, accountId: accountId, messageLog: messageLog)
    }

    /// Every operation this server implements, with the model shape its input is validated against.
    public var operations: [OperationDefinition] {
        let environment = self.environment
        typealias Handler = @Sendable (JSONValue, RequestContext, ServiceEnvironment) throws -> JSONValue
        let handlers: [(String, Handler)] = [
            ("CreateUserPool", CreateUserPool.handle),
            ("DescribeUserPool", DescribeUserPool.handle),
            ("UpdateUserPool", UpdateUserPool.handle),
            ("DeleteUserPool", DeleteUserPool.handle),
            ("ListUserPools", ListUserPools.handle),
            ("SetUserPoolMfaConfig", SetUserPoolMfaConfig.handle),
            ("GetUserPoolMfaConfig", GetUserPoolMfaConfig.handle),
            ("CreateUserPoolClient", CreateUserPoolClient.handle),
            ("DescribeUserPoolClient", DescribeUserPoolClient.handle),
            ("UpdateUserPoolClient", UpdateUserPoolClient.handle),
            ("DeleteUserPoolClient", DeleteUserPoolClient.handle),
            ("ListUserPoolClients", ListUserPoolClients.handle),
            ("AdminCreateUser", AdminCreateUser.handle),
            ("AdminGetUser", AdminGetUser.handle),
            ("AdminDeleteUser", AdminDeleteUser.handle),
            ("AdminSetUserPassword", AdminSetUserPassword.handle),
            ("AdminUpdateUserAttributes", AdminUpdateUserAttributes.handle),
            ("AdminDeleteUserAttributes", AdminDeleteUserAttributes.handle),
            ("AdminDisableUser", AdminDisableUser.handle),
            ("AdminEnableUser", AdminEnableUser.handle),
            ("AdminConfirmSignUp", AdminConfirmSignUp.handle),
            ("ListUsers", ListUsers.handle),
            ("SignUp", SignUp.handle),
            ("ConfirmSignUp", ConfirmSignUp.handle),
            ("ResendConfirmationCode", ResendConfirmationCode.handle),
            ("ForgotPassword", ForgotPassword.handle),
            ("ConfirmForgotPassword", ConfirmForgotPassword.handle),
        ]
        return handlers.map { name, handler in
            OperationDefinition(name: name, inputShape: "\(name)Request") { input, context in
                try handler(input, context, environment)
            }
        }
    }
}
