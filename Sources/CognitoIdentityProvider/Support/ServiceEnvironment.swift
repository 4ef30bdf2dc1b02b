import SQLiteStore

/// Everything an operation handler needs besides its input: storage, time and fixed settings.
struct ServiceEnvironment: Sendable {
    let pools: UserPoolRepository
    let clients: AppClientRepository
    let clock: ServiceClock
    /// The 12-digit account id used in ARNs.
    let accountId: String
    /// Where every message put in the outbox is also logged (one line each).
    var messageLog: @Sendable (String) -> Void = { _ in }

    /// The database itself, for state that is not cached (users, codes, messages): each such
    /// operation runs in one `database.write` or `database.read` transaction.
    var database: Database { pools.database }
}
