import SQLiteStore

/// Everything an operation handler needs besides its input: storage, time, keys and fixed settings.
struct ServiceEnvironment: Sendable {
    /// The database itself, for state that is not cached (users, codes, messages, sessions,
    /// refresh tokens): each operation runs in one `database.write` or `database.read` transaction.
    let database: Database
    let pools: UserPoolRepository
    let clients: AppClientRepository
    let clock: ServiceClock
    let tokens: TokenIssuer
    let accessTokens: AccessTokenVerifier
    /// The 12-digit account id used in ARNs.
    let accountId: String
    /// Where every message put in the outbox is also logged (one line each).
    let messageLog: @Sendable (String) -> Void
    /// The Lambda service the pools' triggers are invoked through; nil without `--lambda-endpoint`.
    let lambda: (any LambdaInvoking)?
    /// Where the reason a trigger failed is logged (one line each).
    let triggerLog: @Sendable (String) -> Void

    init(
        database: Database, clock: ServiceClock, accountId: String,
        messageLog: @escaping @Sendable (String) -> Void = { _ in }, lambda: (any LambdaInvoking)? = nil,
        triggerLog: @escaping @Sendable (String) -> Void = { _ in }
    ) {
        let keys = SigningKeys(database: database)
        self.database = database
        self.pools = UserPoolRepository(database: database)
        self.clients = AppClientRepository(database: database)
        self.clock = clock
        self.tokens = TokenIssuer(keys: keys, database: database)
        self.accessTokens = AccessTokenVerifier(keys: keys, database: database)
        self.accountId = accountId
        self.messageLog = messageLog
        self.lambda = lambda
        self.triggerLog = triggerLog
    }
}
