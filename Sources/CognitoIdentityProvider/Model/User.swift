import AWSJSONProtocol
import CryptoPrimitives

/// `UserStatusType` values this server assigns (botocore model; ARCHIVED, UNKNOWN and COMPROMISED
/// are documented as no longer used).
enum UserStatus: String, Sendable, CaseIterable {
    case unconfirmed = "UNCONFIRMED"
    case confirmed = "CONFIRMED"
    case forceChangePassword = "FORCE_CHANGE_PASSWORD"
    case resetRequired = "RESET_REQUIRED"
    case externalProvider = "EXTERNAL_PROVIDER"
}

/// One `AttributeType`: a name and its string value.
struct UserAttribute: Sendable, Equatable {
    let name: String
    var value: String

    init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }

    var json: JSONValue { ["Name": .string(name), "Value": .string(value)] }
}

/// What is kept of a password: the SRP salt and verifier (spec section 10), never the password.
/// Whether it is temporary is expressed by the user's status (FORCE_CHANGE_PASSWORD).
struct StoredPassword: Sendable, Equatable {
    let salt: [UInt8]
    let verifier: [UInt8]
    /// When it was set (epoch seconds); a temporary password expires
    /// `TemporaryPasswordValidityDays` after this.
    let setAt: Double
}

/// One user of one pool.
///
/// Invariants: `username` is the internal username (for pools whose `UsernameAttributes` are
/// email/phone it equals `sub`); `attributes` holds each name at most once, `sub` always.
struct User: Sendable, Equatable {
    let poolId: String
    let username: String
    let sub: String
    var attributes: [UserAttribute]
    var status: UserStatus
    var enabled: Bool
    let creationDate: Double
    var lastModifiedDate: Double
    var password: StoredPassword?

    init(
        poolId: String, username: String, sub: String, attributes: [UserAttribute], status: UserStatus,
        enabled: Bool = true, creationDate: Double, lastModifiedDate: Double? = nil, password: StoredPassword? = nil
    ) {
        self.poolId = poolId
        self.username = username
        self.sub = sub
        self.attributes = attributes
        self.status = status
        self.enabled = enabled
        self.creationDate = creationDate
        self.lastModifiedDate = lastModifiedDate ?? creationDate
        self.password = password
        if attribute("sub") == nil { self.attributes.insert(UserAttribute("sub", sub), at: 0) }
    }

    func attribute(_ name: String) -> String? {
        attributes.first { $0.name == name }?.value
    }

    /// Sets (or adds) one attribute; `sub` is never changed here.
    mutating func setAttribute(_ name: String, _ value: String) {
        guard name != "sub" else { return }
        if let index = attributes.firstIndex(where: { $0.name == name }) {
            attributes[index].value = value
        } else {
            attributes.append(UserAttribute(name, value))
        }
    }

    mutating func removeAttribute(_ name: String) {
        guard name != "sub" else { return }
        attributes.removeAll { $0.name == name }
    }

    /// `email_verified` / `phone_number_verified` read as Cognito stores them ("true"/"false").
    func isVerified(_ name: String) -> Bool {
        attribute("\(name)_verified") == "true"
    }
}

// MARK: - Passwords

extension User {
    /// The SRP pool name: the pool id after its `<region>_` prefix (spec section 10).
    static func srpPoolName(_ poolId: String) -> String {
        guard let underscore = poolId.firstIndex(of: "_") else { return poolId }
        return String(poolId[poolId.index(after: underscore)...])
    }

    /// True when `password` is this user's password (checked against the SRP verifier).
    func passwordMatches(_ password: String, pool: UserPool) -> Bool {
        guard let stored = self.password else { return false }
        return SRPVerifier.matches(
            password: password, poolName: Self.srpPoolName(pool.id), userId: username,
            salt: stored.salt, verifier: stored.verifier)
    }

    /// What a challenge session is bound to besides the user's sub: changes whenever a password is set
    /// (every `setPassword` draws a new salt), so a new or reset password ends every open sign-in.
    var credentialStamp: String {
        guard let salt = password?.salt else { return "" }
        return Base64URL.encode(Digest.sha256(salt))
    }

    /// Stores a new verifier for `password`. `temporary` puts the user in FORCE_CHANGE_PASSWORD,
    /// otherwise CONFIRMED (AdminSetUserPassword's Permanent flag; spec: AdminSetUserPassword).
    /// The policy is not checked here: callers run `PasswordPolicy.check` first.
    mutating func setPassword(_ password: String, temporary: Bool, now: Double, pool: UserPool) {
        let made = SRPVerifier.make(poolName: Self.srpPoolName(pool.id), userId: username, password: password)
        self.password = StoredPassword(salt: made.salt, verifier: made.verifier, setAt: now)
        status = temporary ? .forceChangePassword : .confirmed
        lastModifiedDate = now
    }
}
