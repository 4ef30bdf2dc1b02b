import AWSJSONProtocol
import CryptoPrimitives
import FoundationEssentials
import SQLiteStore

/// USER_SRP_AUTH (spec section 10): InitiateAuth / AdminInitiateAuth answer `SRP_A` with the
/// PASSWORD_VERIFIER challenge; the RespondToAuthChallenge that answers it proves the password
/// and hands over to the same steps as the password flows (`SignInFlow.afterPassword`).
///
/// The attempt's server state (b, B, A) stays on the server in an `auth_sessions` row; the
/// SECRET_BLOCK the client gets is that session's id, base64-encoded, and AWS returns no `Session`
/// with PASSWORD_VERIFIER. Each SECRET_BLOCK can be answered once, within the client's
/// AuthSessionValidity.
struct PasswordVerifier {
    static let challengeName = "PASSWORD_VERIFIER"
    /// How far TIMESTAMP may be from the server's clock, either way. AWS's window is not
    /// documented; five minutes is this project's choice (spec section 9, SRP rows).
    static let timestampWindow: Double = 300

    let signIn: SignInFlow

    // MARK: - InitiateAuth

    /// Checks `USERNAME`, `SRP_A` and `SECRET_HASH`, then issues PASSWORD_VERIFIER for the user.
    /// `customAuthHistory`: the CUSTOM_AUTH steps so far when the define auth challenge function
    /// asked for the password (`CustomAuthFlow`); a proven password then continues that flow.
    func initiate(_ parameters: [String: JSONValue], customAuthHistory: [ChallengeResult]? = nil) throws -> JSONValue {
        let environment = signIn.environment
        let pool = signIn.pool
        let client = signIn.client
        guard let name = parameters["USERNAME"]?.stringValue else { throw AuthErrors.missingParameter("USERNAME") }
        guard let srpA = parameters["SRP_A"]?.stringValue else { throw AuthErrors.missingParameter("SRP_A") }
        try SecretHash.check(provided: parameters["SECRET_HASH"]?.stringValue, username: name, client: client)
        guard let clientPublic = SRPServer.clientPublicValue(hex: srpA) else { throw AuthErrors.invalidSrpA }
        let found = try environment.database.read { try UserStore.findForSignIn(pool: pool, name: name, in: $0) }
        guard let user = found else {
            throw client.preventUserExistenceErrors ? CognitoErrors.incorrectUsernameOrPassword : CognitoErrors.userNotFound
        }
        // Once per sign-in: the custom flow with SRP first ran it already.
        if customAuthHistory == nil {
            try Triggers(environment: environment, pool: pool).preAuthentication(
                user: user, clientId: client.clientId, clientMetadata: signIn.clientMetadata)
        }
        return try challenge(for: user, clientPublic: clientPublic, customAuthHistory: customAuthHistory)
    }

    /// PASSWORD_VERIFIER for `user` and the client's `A` (also USER_AUTH's PASSWORD_SRP).
    func challenge(for user: User, clientPublic: [UInt8], customAuthHistory: [ChallengeResult]? = nil) throws -> JSONValue {
        let environment = signIn.environment
        let pool = signIn.pool
        let client = signIn.client
        // A user without a password (never set) can never prove one.
        guard let stored = user.password else { throw CognitoErrors.incorrectUsernameOrPassword }
        // A 3072-bit exponentiation: outside any transaction.
        let ephemeral = SRPServer.ephemeral(verifier: stored.verifier)
        let now = environment.clock.now()
        var members = Self.state(clientPublic: clientPublic, ephemeral: ephemeral)
        if let customAuthHistory { members["customAuth"] = ChallengeResult.json(customAuthHistory) }
        let state = JSONValue.object(members)
        let session = try environment.database.write { connection in
            try AuthSessions.start(
                poolId: pool.id, clientId: client.clientId, subject: SessionSubject(user), challenge: Self.challengeName,
                state: state, now: now, validityMinutes: client.authSessionValidityMinutes, in: connection)
        }
        return [
            "ChallengeName": .string(Self.challengeName),
            "ChallengeParameters": [
                "SALT": .string(Self.hexDigits(stored.salt)),
                "SRP_B": .string(SRPServer.hex(ephemeral.publicValue)),
                "SECRET_BLOCK": .string(Self.secretBlock(forSession: session)),
                "USERNAME": .string(user.username),
                "USER_ID_FOR_SRP": .string(user.username),
            ],
        ]
    }

    // MARK: - RespondToAuthChallenge

    /// The verdict on an SRP claim (user or device).
    enum Verdict {
        case proven
        case refused(AWSServiceError, countsAsFailure: Bool)
    }

    /// Checks the claim: the SECRET_BLOCK must be one this server issued to this client and not yet
    /// answered, USERNAME must name its user (the typed name or USER_ID_FOR_SRP), TIMESTAMP must be
    /// well formed and near the clock, and the signature must be the one the password gives.
    /// Any answer uses the SECRET_BLOCK up; a wrong signature counts toward the lockout.
    func answer(name: String, responses: [String: JSONValue]) throws -> JSONValue {
        let environment = signIn.environment
        let pool = signIn.pool
        let client = signIn.client
        try SecretHash.check(provided: responses["SECRET_HASH"]?.stringValue, username: name, client: client)
        guard let secretBlockText = responses["PASSWORD_CLAIM_SECRET_BLOCK"]?.stringValue else {
            throw AuthErrors.missingParameter("PASSWORD_CLAIM_SECRET_BLOCK")
        }
        guard let signatureText = responses["PASSWORD_CLAIM_SIGNATURE"]?.stringValue else {
            throw AuthErrors.missingParameter("PASSWORD_CLAIM_SIGNATURE")
        }
        guard let timestamp = responses["TIMESTAMP"]?.stringValue else { throw AuthErrors.missingParameter("TIMESTAMP") }
        // A SECRET_BLOCK that is not one of ours: the same answer as a wrong password [M: spec 9].
        guard let secretBlock = Data(base64Encoded: secretBlockText).map(Array.init),
            let sessionId = String(bytes: secretBlock, encoding: .utf8)
        else { throw CognitoErrors.incorrectUsernameOrPassword }

        let now = environment.clock.now()
        let (stored, user) = try environment.database.read { connection -> (AuthSession, User) in
            let stored = try Self.session(sessionId, challenge: Self.challengeName, pool: pool, client: client, now: now, in: connection)
            // The SECRET_BLOCK was made for the verifier of this user (by sub) in force then: a user
            // re-created under the name or a password set since cannot be proven with it.
            guard let user = try UserStore.find(poolId: pool.id, sub: stored.subject.sub, in: connection),
                user.credentialStamp == stored.subject.credentialStamp,
                try UserStore.findForSignIn(pool: pool, name: name, in: connection)?.sub == user.sub
            else { throw CognitoErrors.incorrectUsernameOrPassword }
            return (stored, user)
        }

        let verdict = Self.judge(
            state: stored.state, verifier: user.password?.verifier, poolName: User.srpPoolName(pool.id),
            userIdForSrp: user.username, secretBlock: secretBlock, signature: signatureText, timestamp: timestamp, now: now)
        try Self.settle(verdict, sessionId: sessionId, challenge: Self.challengeName, sub: user.sub, signIn: signIn, now: now)
        if let history = stored.state["customAuth"] {
            return try CustomAuthFlow(signIn: signIn).next(
                for: user,
                history: ChallengeResult.list(history) + [ChallengeResult(challengeName: Self.challengeName, challengeResult: true)])
        }
        // DEVICE_KEY comes with the answer when the client signs in with a device (Amplify, pycognito).
        var flow = signIn
        flow.deviceKey = responses["DEVICE_KEY"]?.stringValue
        return try flow.afterPassword(user)
    }

    /// Uses the SECRET_BLOCK up and records the verdict, in the transaction that decides: the session
    /// is checked again there, so two answers racing with one SECRET_BLOCK cannot both pass. A locked
    /// user is refused; a wrong claim counts toward the lockout (`SignInLockout`, the one count every
    /// flow shares). Returns when the claim is proven, throws the refusal otherwise.
    static func settle(
        _ verdict: Verdict, sessionId: String, challenge: String, sub: String, signIn: SignInFlow, now: Double
    ) throws {
        let pool = signIn.pool
        let outcome = try signIn.environment.database.write { connection -> Verdict in
            _ = try session(sessionId, challenge: challenge, pool: pool, client: signIn.client, now: now, in: connection)
            try AuthSessions.markUsed(sessionId, now: now, in: connection)
            var mfa = try UserMfaStore.load(poolId: pool.id, sub: sub, in: connection)
            if SignInLockout.isLocked(mfa, now: now) { return .refused(AuthErrors.passwordAttemptsExceeded, countsAsFailure: false) }
            // A proven claim does not reset the failure count: only tokens do (`SignInLockout`).
            guard case .refused(_, countsAsFailure: true) = verdict else { return verdict }
            SignInLockout.recordFailure(&mfa, now: now)
            try UserMfaStore.save(mfa, poolId: pool.id, sub: sub, in: connection)
            return verdict
        }
        if case .refused(let error, _) = outcome { throw error }
    }

    /// The verdict on a claim against `verifier` with the session's stored `A`, `b`, `B` (a 3072-bit
    /// exponentiation: called outside any transaction). `poolName` and `userIdForSrp` are the pool
    /// name and USER_ID_FOR_SRP for a password, the device group key and device key for a device.
    static func judge(
        state: JSONValue, verifier: [UInt8]?, poolName: String, userIdForSrp: String, secretBlock: [UInt8],
        signature: String, timestamp: String, now: Double
    ) -> Verdict {
        let refused = Verdict.refused(CognitoErrors.incorrectUsernameOrPassword, countsAsFailure: false)
        // A malformed TIMESTAMP (zero-padded day, wrong weekday) gets the wrong-password answer [M];
        // so does one outside the window [I].
        guard let time = SRPTimestamp.parse(timestamp), abs(time - now) <= Self.timestampWindow else { return refused }
        guard let verifier,
            let a = state["A"]?.stringValue.flatMap({ SRPServer.bytes(hex: $0, maxDigits: SRPServer.longestPublicValueHex) }),
            let b = state["b"]?.stringValue.flatMap({ SRPServer.bytes(hex: $0, maxDigits: 2 * SRPServer.privateValueByteCount) }),
            let bigB = state["B"]?.stringValue.flatMap({ SRPServer.bytes(hex: $0, maxDigits: 2 * SRPGroup.byteCount) }),
            let key = SRPServer.sessionKey(
                clientPublic: a, ephemeral: SRPServer.Ephemeral(privateValue: b, publicValue: bigB), verifier: verifier),
            let provided = Data(base64Encoded: signature).map(Array.init)
        else { return .refused(CognitoErrors.incorrectUsernameOrPassword, countsAsFailure: true) }
        let proven = SRPServer.verifyClaim(
            provided, key: key, poolName: poolName, userIdForSrp: userIdForSrp, secretBlock: secretBlock, timestamp: timestamp)
        return proven ? .proven : .refused(CognitoErrors.incorrectUsernameOrPassword, countsAsFailure: true)
    }

    /// The ephemeral's state as a session keeps it between the challenge and the claim.
    static func state(clientPublic: [UInt8], ephemeral: SRPServer.Ephemeral) -> [String: JSONValue] {
        [
            "A": .string(SRPServer.hex(clientPublic)),
            "b": .string(SRPServer.hex(ephemeral.privateValue)),
            "B": .string(SRPServer.hex(ephemeral.publicValue)),
        ]
    }

    /// The SRP session (`challenge`) for `id`: used and expired ones get the session texts of spec
    /// 3.4; one that is unknown, of another client or of another challenge is a SECRET_BLOCK that
    /// was not issued, answered like a wrong password.
    static func session(
        _ id: String, challenge challengeName: String, pool: UserPool, client: AppClient, now: Double, in connection: Connection
    ) throws -> AuthSession {
        let stored: AuthSession
        do {
            stored = try AuthSessions.check(id, poolId: pool.id, clientId: client.clientId, now: now, in: connection)
        } catch let error as AWSServiceError where error == AuthErrors.invalidSession {
            throw CognitoErrors.incorrectUsernameOrPassword
        }
        guard stored.challenge == challengeName else { throw CognitoErrors.incorrectUsernameOrPassword }
        return stored
    }

    /// The SECRET_BLOCK for a session: its id's bytes in standard base64 (clients decode it and
    /// sign the bytes).
    static func secretBlock(forSession id: String) -> String {
        Data(id.utf8).base64EncodedString()
    }

    /// Lower-case hex of every byte (SALT keeps its full length; its first byte is never zero).
    static func hexDigits(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        return String(decoding: bytes.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 0x0F)]] }, as: UTF8.self)
    }
}

/// TIMESTAMP as Cognito's clients write it: `EEE MMM d HH:mm:ss UTC yyyy` in English (POSIX)
/// names, the day of the month without a leading zero, e.g. `Sun Nov 29 12:03:01 UTC 2026`.
/// Parsed strictly: exactly single spaces, the weekday must be that date's, no zero-padded day.
enum SRPTimestamp {
    static let weekdays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// Epoch seconds, or nil when `text` is not exactly in the format.
    static func parse(_ text: String) -> Double? {
        let fields = text.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        guard fields.count == 6, fields[4] == "UTC",
            let weekday = weekdays.firstIndex(of: fields[0]),
            let monthIndex = months.firstIndex(of: fields[1]),
            let day = number(fields[2], digits: 1...2, leadingZero: false),
            let year = number(fields[5], digits: 4...4, leadingZero: true)
        else { return nil }
        let clock = fields[3].split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard clock.count == 3,
            let hour = number(clock[0], digits: 2...2, leadingZero: true), hour < 24,
            let minute = number(clock[1], digits: 2...2, leadingZero: true), minute < 60,
            let second = number(clock[2], digits: 2...2, leadingZero: true), second < 60
        else { return nil }
        let month = monthIndex + 1
        guard day >= 1, day <= daysIn(month: month, year: year) else { return nil }
        let days = CivilDate.daysSinceEpoch(year: year, month: month, day: day)
        // 1970-01-01 was a Thursday.
        guard ((days % 7) + 7 + 4) % 7 == weekday else { return nil }
        return Double(days * 86_400 + hour * 3_600 + minute * 60 + second)
    }

    /// How a client would write `epochSeconds` (for tests and for symmetry with `parse`).
    static func format(_ epochSeconds: Double) -> String {
        let total = Int(epochSeconds.rounded(.down))
        let days = Int((Double(total) / 86_400).rounded(.down))
        let seconds = total - days * 86_400
        let (year, month, day) = CivilDate.civil(fromDays: days)
        let weekday = weekdays[((days % 7) + 7 + 4) % 7]
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(weekday) \(months[month - 1]) \(day) \(two(seconds / 3_600)):\(two(seconds / 60 % 60)):\(two(seconds % 60)) UTC \(year)"
    }

    private static func number(_ text: String, digits: ClosedRange<Int>, leadingZero: Bool) -> Int? {
        let bytes = Array(text.utf8)
        guard digits.contains(bytes.count), bytes.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return nil }
        if !leadingZero, bytes.count > 1, bytes[0] == UInt8(ascii: "0") { return nil }
        return Int(text)
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
