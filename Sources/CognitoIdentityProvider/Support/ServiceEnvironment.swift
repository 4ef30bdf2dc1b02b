import SQLiteStore

/// Everything an operation handler needs besides its input: storage, time, keys and fixed settings.
struct ServiceEnvironment: Sendable {
    let database: Database
    let pools: UserPoolRepository
    let clients: AppClientRepository
    let clock: ServiceClock
    let tokens: TokenIssuer
    let accessTokens: AccessTokenVerifier
    /// The 12-digit account id used in ARNs.
    let accountId: String

    init(database: Database, clock: ServiceClock, accountId: String) {
        let keys = SigningKeys(database: database)
        self.database = database
        self.pools = UserPoolRepository(database: database)
        self.clients = AppClientRepository(database: database)
        self.clock = clock
        self.tokens = TokenIssuer(keys: keys)
        self.accessTokens = AccessTokenVerifier(keys: keys, database: database)
        self.accountId = accountId
    }
}
