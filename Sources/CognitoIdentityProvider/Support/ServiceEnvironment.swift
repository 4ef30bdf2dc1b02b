import SQLiteStore

/// Everything an operation handler needs besides its input: storage, time and fixed settings.
struct ServiceEnvironment: Sendable {
    let pools: UserPoolRepository
    let clients: AppClientRepository
    let clock: ServiceClock
    /// The 12-digit account id used in ARNs.
    let accountId: String
    /// The database itself, for operations whose state is not cached (users, codes, messages):
    /// each runs in one `database.write` or `database.read` transaction.
    let database: Database
    /// Where every message put in the outbox is also logged (one line each).
    let messageLog: @Sendable (String) -> Void
}
