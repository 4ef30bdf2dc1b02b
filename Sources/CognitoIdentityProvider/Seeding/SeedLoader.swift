import AWSJSONProtocol
import SQLiteStore

/// Applies seed files inside one write transaction, through the same rules as the operations:
/// the model's constraints (`InputValidator`), CreateUserPool's defaults and `PoolMfaRules`,
/// `MfaConfigurationRules`, `AppClientSettings`, AdminCreateUser's attribute and uniqueness checks,
/// `PasswordPolicy`, SRP verifiers through `User.setPassword`, TOTP through `UserMfaStore`.
///
/// Loading is idempotent: a pool, client or user that already exists (same pool id, client id,
/// username) is left exactly as it is, so loading the same file again changes nothing. It is
/// all-or-nothing: the first problem throws, and the caller's transaction rolls everything back.
struct SeedLoader {
    let environment: ServiceEnvironment
    let connection: Connection
    let validator = InputValidator(table: CognitoIdentityProviderModel.table)

    /// What one load created (existing entries are counted as skipped).
    struct Summary: Sendable, Equatable {
        var poolsCreated = 0, clientsCreated = 0, usersCreated = 0, skipped = 0
    }

    /// The model's pattern for pool ids, `[\w-]+_[0-9a-zA-Z]+` (BOTO `UserPoolIdType`).
    static let poolIdPattern = #"^[\w-]+_[0-9a-zA-Z]+$"#
    /// BOTO `ClientIdType`: `[\w+]+`, 1–128.
    static let clientIdPattern = #"^[\w+]{1,128}$"#
    static let subPattern = #"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"#

    /// Loads every pool of `files` (only the pool `onlyPool` when given).
    func load(_ files: [SeedFile], onlyPool: String? = nil) throws(SeedError) -> Summary {
        var summary = Summary()
        for file in files {
            for seed in file.pools where onlyPool == nil || seed.id == onlyPool {
                try load(seed, file: file.path, into: &summary)
            }
        }
        return summary
    }

    private func attempt<T>(_ file: String, _ path: String, _ body: () throws -> T) throws(SeedError) -> T {
        do { return try body() } catch { throw SeedError.wrapping(error, file: file, path: path) }
    }

    private func validate(_ input: JSONValue, shape: String, file: String, path: String) throws(SeedError) -> JSONValue {
        do { return try validator.validate(input, shape: shape) } catch {
            throw SeedError.wrapping(error, file: file, path: path)
        }
    }

    /// Whether `pattern` (anchored where it says so) matches somewhere in `text`, on Unicode scalars
    /// as the former NSString regular-expression search did.
    static func matches(_ text: String, _ pattern: String) -> Bool {
        guard let regex = try? Regex(pattern).matchingSemantics(.unicodeScalar) else { return false }
        return text.contains(regex)
    }

    private func load(_ seed: PoolSeed, file: String, into summary: inout Summary) throws(SeedError) {
        guard Self.matches(seed.id, Self.poolIdPattern), seed.id.count <= 55 else {
            throw SeedError(file: file, path: "\(seed.path).id", problem: "expected a pool id such as us-east-1_Example01 (<region>_<letters and digits>)")
        }
        let region = String(seed.id[..<seed.id.firstIndex(of: "_")!])
        guard Self.matches(region, #"^[a-z]{2}(-[a-z]+)+-[0-9]+$"#) else {
            throw SeedError(file: file, path: "\(seed.path).id", problem: "the part before '_' must be a region such as us-east-1")
        }
        var pool: UserPool
        if let existing = try attempt(file, seed.path, { try UserPoolStore.find(seed.id, in: connection) }) {
            pool = existing
            summary.skipped += 1
        } else {
            var input = seed.settings
            input["PoolName"] = .string(seed.name)
            let checked = try validate(.object(input), shape: "CreateUserPoolRequest", file: file, path: seed.path)
            pool = try attempt(file, "\(seed.path).settings") {
                try CreateUserPool.makePool(id: seed.id, region: region, input: checked, environment: environment)
            }
            if let mfa = seed.mfa {
                var mfaInput = mfa
                mfaInput["UserPoolId"] = .string(seed.id)
                let checkedMfa = try validate(.object(mfaInput), shape: "SetUserPoolMfaConfigRequest", file: file, path: "\(seed.path).mfa")
                pool = try attempt(file, "\(seed.path).mfa") { try MfaConfigurationRules.apply(checkedMfa, to: pool) }
            }
            let created = pool
            try attempt(file, seed.path) { try UserPoolStore.insert(created, in: connection) }
            summary.poolsCreated += 1
        }
        for client in seed.clients { try load(client, pool: pool, file: file, into: &summary) }
        for user in seed.users { try load(user, pool: pool, file: file, into: &summary) }
    }

    private func load(_ seed: ClientSeed, pool: UserPool, file: String, into summary: inout Summary) throws(SeedError) {
        guard Self.matches(seed.id, Self.clientIdPattern) else {
            throw SeedError(file: file, path: "\(seed.path).id", problem: "expected 1 to 128 letters, digits, '_' or '+'")
        }
        if let existing = try attempt(file, seed.path, { try AppClientStore.find(seed.id, in: connection) }) {
            guard existing.poolId == pool.id else {
                throw SeedError(file: file, path: "\(seed.path).id", problem: "client \(seed.id) already exists in pool \(existing.poolId)")
            }
            summary.skipped += 1
            return
        }
        var input = seed.settings
        input["UserPoolId"] = .string(pool.id)
        input["ClientName"] = .string(seed.name)
        if let secret = seed.secret { input["ClientSecret"] = .string(secret) }
        let checked = try validate(.object(input), shape: "CreateUserPoolClientRequest", file: file, path: seed.path)
        let now = environment.clock.now()
        try attempt(file, seed.path) {
            var settings = try AppClientSettings.make(from: checked, pool: pool, action: .creating)
            if let secret = seed.secret { settings["ClientSecret"] = .string(secret) }
            let client = AppClient(poolId: pool.id, clientId: seed.id, creationDate: now, lastModifiedDate: now, settings: settings)
            try AppClientStore.insert(client, in: connection)
        }
        summary.clientsCreated += 1
    }

    private func load(_ seed: UserSeed, pool: UserPool, file: String, into summary: inout Summary) throws(SeedError) {
        if try attempt(file, seed.path, { try UserOperations.findUser(pool: pool, name: seed.username, in: connection) }) != nil {
            summary.skipped += 1
            return
        }
        let input: JSONValue = [
            "UserPoolId": .string(pool.id), "Username": .string(seed.username),
            "UserAttributes": .array(seed.attributes.map(\.json)),
        ]
        _ = try validate(input, shape: "AdminCreateUserRequest", file: file, path: seed.path)
        let now = environment.clock.now()
        var user = try attempt(file, "\(seed.path).attributes") {
            try AdminCreateUser.newUser(name: seed.username, attributes: seed.attributes, pool: pool, now: now, in: connection)
        }
        if let sub = seed.sub {
            guard Self.matches(sub, Self.subPattern) else {
                throw SeedError(file: file, path: "\(seed.path).sub", problem: "expected a lower-case UUID")
            }
            if try attempt(file, seed.path, { try UserStore.find(poolId: pool.id, sub: sub, in: connection) }) != nil {
                throw SeedError(file: file, path: "\(seed.path).sub", problem: "another user of the pool already has this sub")
            }
            var attributes = user.attributes.filter { $0.name != "sub" }
            attributes.insert(UserAttribute("sub", sub), at: 0)
            user = User(
                poolId: pool.id, username: user.username == user.sub ? sub : user.username, sub: sub,
                attributes: attributes, status: user.status, creationDate: now)
        }
        let created = user
        try attempt(file, "\(seed.path).attributes") {
            try AdminCreateUser.resolveAliasConflicts(of: created, pool: pool, force: false, now: now, in: connection)
        }
        let status = seed.status ?? .confirmed
        if let password = seed.password {
            try attempt(file, "\(seed.path).password") { try PasswordPolicy.check(password, pool: pool, wording: .adminCreateUser) }
            user.setPassword(password, temporary: status == .forceChangePassword, now: now, pool: pool)
        } else if let stored = seed.verifier {
            user.password = StoredPassword(salt: stored.salt, verifier: stored.verifier, setAt: now)
        }
        user.status = status
        user.enabled = seed.enabled
        let finished = user
        try attempt(file, seed.path) { try UserStore.save(finished, pool: pool, in: connection) }
        if let mfa = seed.mfa {
            let state = try userMfa(mfa, user: finished, file: file, now: now)
            try attempt(file, mfa.path) { try UserMfaStore.save(state, poolId: pool.id, sub: finished.sub, in: connection) }
        }
        summary.usersCreated += 1
    }

    /// The user's MFA state; each enabled factor needs what produces its codes (spec 4.1: only a
    /// verified token counts for SOFTWARE_TOKEN_MFA; SMS needs a phone number, email an address).
    private func userMfa(_ seed: UserMfaSeed, user: User, file: String, now: Double) throws(SeedError) -> UserMfa {
        var state = UserMfa()
        if let secret = seed.totpSecret {
            state.softwareToken = SoftwareToken(secret: secret, friendlyDeviceName: seed.totpDeviceName, verifiedAt: now)
        }
        for factor in seed.enabled where !state.canEnable(factor, for: user) {
            let needs = switch factor {
            case .softwareToken: "a totpSecret"
            case .sms: "a phone_number attribute"
            case .email: "an email attribute"
            }
            throw SeedError(file: file, path: "\(seed.path).enabled", problem: "\(factor.rawValue) needs \(needs)")
        }
        state.enabled = Set(seed.enabled)
        state.preferred = seed.preferred
        return state
    }
}
