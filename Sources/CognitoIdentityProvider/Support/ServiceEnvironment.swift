import SQLiteStore

/// Everything an operation handler needs besides its input: storage, time and fixed settings.
struct ServiceEnvironment: Sendable {
    let pools: UserPoolRepository
    let clients: AppClientRepository
    let clock: ServiceClock
    /// The 12-digit account id used in ARNs.
    let accountId: String
}
