import AWSJSONProtocol
import CryptoPrimitives
import FoundationEssentials
import Glibc
import SQLiteStore

/// A device this sign-in proved with DEVICE_PASSWORD_VERIFIER.
struct ProvenDevice: Sendable, Equatable {
    /// Where a proven device is kept in the state of the sign-in's later challenge sessions.
    static let stateKey = "provenDeviceKey"

    let key: String
    /// A remembered device in a pool with `ChallengeRequiredOnNewDevice` signs in "with device
    /// authentication instead of SMS and TOTP factors"; a device that is not remembered still meets
    /// the second factor [D: API DeviceConfigurationType.ChallengeRequiredOnNewDevice].
    let replacesMfa: Bool
}

/// Device SRP (developer guide, "Signing in with a device"): once the password is proven, a client
/// that sent `DEVICE_KEY` gets DEVICE_SRP_AUTH; its answer `{USERNAME, DEVICE_KEY, SRP_A}` gets
/// DEVICE_PASSWORD_VERIFIER `{USERNAME, SALT, SRP_B, SECRET_BLOCK, DEVICE_KEY}`, and the claim
/// `{PASSWORD_CLAIM_SECRET_BLOCK, PASSWORD_CLAIM_SIGNATURE, TIMESTAMP, DEVICE_KEY}` is checked with
/// the same SRP-6a as passwords (`PasswordVerifier`), against the device's verifier, with the device
/// group key as the "pool name" and the device key as the user id: `x = H(salt || H(groupKey ||
/// deviceKey || ":" || devicePassword))`, claim = HMAC(K, groupKey || deviceKey || secretBlock || timestamp).
///
/// Every step is bound to the user's sub and credentials (`AuthSessions`) and re-reads the user and
/// the device; a wrong device claim counts toward the user's one lockout (`SignInLockout`).
struct DeviceVerifier {
    static let srpChallenge = "DEVICE_SRP_AUTH"
    static let verifierChallenge = "DEVICE_PASSWORD_VERIFIER"

    let signIn: SignInFlow

    /// DEVICE_SRP_AUTH for `user`'s confirmed device `deviceKey`. A key that names no such device
    /// gets `ResourceNotFoundException: Device does not exist.`, as AWS answers a forgotten device
    /// (clients then sign in again without it) [R: amplify-android#2605, amazon-cognito-identity-js#206].
    func challenge(_ user: User, deviceKey: String) throws -> JSONValue {
        let pool = signIn.pool
        _ = try signIn.environment.database.read { try Self.device(deviceKey, of: user, pool: pool, in: $0) }
        return try signIn.challenge(
            Self.srpChallenge, for: user, parameters: ["USERNAME": user.username, "DEVICE_KEY": deviceKey],
            state: ["deviceKey": .string(deviceKey)])
    }

    /// The answer to DEVICE_SRP_AUTH. Clients send it with the session (Amplify) or without one
    /// (pycognito): without one, the pending DEVICE_SRP_AUTH session this client started for the
    /// device is taken [I: AWS accepted session-less answers at least until clients were asked to
    /// send it, aws-sdk-android#2337]; either way it belongs to one user and is used once.
    func answerSrp(session: String?, name: String, responses: [String: JSONValue]) throws -> JSONValue {
        let environment = signIn.environment
        let pool = signIn.pool
        let client = signIn.client
        guard let deviceKey = responses["DEVICE_KEY"]?.stringValue else { throw AuthErrors.missingParameter("DEVICE_KEY") }
        guard let srpA = responses["SRP_A"]?.stringValue else { throw AuthErrors.missingParameter("SRP_A") }
        guard let clientPublic = SRPServer.clientPublicValue(hex: srpA) else { throw AuthErrors.invalidSrpA }
        let now = environment.clock.now()
        let (stored, user, device) = try environment.database.read { connection -> (AuthSession, User, Device) in
            guard let id = try session ?? AuthSessions.pendingDeviceSession(
                poolId: pool.id, clientId: client.clientId, deviceKey: deviceKey, now: now, in: connection)
            else { throw AuthErrors.missingSession }
            let stored = try AuthSessions.check(id, poolId: pool.id, clientId: client.clientId, now: now, in: connection)
            guard stored.challenge == Self.srpChallenge, stored.state["deviceKey"]?.stringValue == deviceKey else {
                throw AuthErrors.invalidSession
            }
            let user = try AuthSessions.user(of: stored, pool: pool, name: name, in: connection)
            return (stored, user, try Self.device(deviceKey, of: user, pool: pool, in: connection))
        }
        guard let secret = device.secret else { throw DeviceErrors.deviceNotFound }
        // A 3072-bit exponentiation: outside any transaction.
        let ephemeral = SRPServer.ephemeral(verifier: secret.verifier)
        var state = PasswordVerifier.state(clientPublic: clientPublic, ephemeral: ephemeral)
        state["deviceKey"] = .string(deviceKey)
        let next = try environment.database.write { connection -> String in
            _ = try AuthSessions.consume(stored.id, poolId: pool.id, clientId: client.clientId, now: now, in: connection)
            return try AuthSessions.start(
                poolId: pool.id, clientId: client.clientId, subject: stored.subject, challenge: Self.verifierChallenge,
                state: .object(state), now: now, validityMinutes: client.authSessionValidityMinutes, in: connection)
        }
        return [
            "ChallengeName": .string(Self.verifierChallenge), "Session": .string(next),
            "ChallengeParameters": [
                "USERNAME": .string(user.username), "DEVICE_KEY": .string(deviceKey),
                "SALT": .string(PasswordVerifier.hexDigits(secret.salt)),
                "SRP_B": .string(SRPServer.hex(ephemeral.publicValue)),
                "SECRET_BLOCK": .string(PasswordVerifier.secretBlock(forSession: next)),
            ],
        ]
    }

    /// The answer to DEVICE_PASSWORD_VERIFIER: the claim against the device's verifier; then the
    /// MFA decision, which a remembered device replaces (`ProvenDevice.replacesMfa`).
    func answerVerifier(name: String, responses: [String: JSONValue]) throws -> JSONValue {
        let environment = signIn.environment
        let pool = signIn.pool
        let client = signIn.client
        for key in ["PASSWORD_CLAIM_SECRET_BLOCK", "PASSWORD_CLAIM_SIGNATURE", "TIMESTAMP", "DEVICE_KEY"] where responses[key]?.stringValue == nil {
            throw AuthErrors.missingParameter(key)
        }
        let deviceKey = responses["DEVICE_KEY"]?.stringValue ?? ""
        guard let secretBlock = responses["PASSWORD_CLAIM_SECRET_BLOCK"]?.stringValue.flatMap({ Data(base64Encoded: $0) }).map(Array.init),
            let sessionId = String(bytes: secretBlock, encoding: .utf8)
        else { throw CognitoErrors.incorrectUsernameOrPassword }
        let now = environment.clock.now()
        let (stored, user, device) = try environment.database.read { connection -> (AuthSession, User, Device) in
            let stored = try PasswordVerifier.session(
                sessionId, challenge: Self.verifierChallenge, pool: pool, client: client, now: now, in: connection)
            guard stored.state["deviceKey"]?.stringValue == deviceKey else { throw CognitoErrors.incorrectUsernameOrPassword }
            let user = try AuthSessions.user(of: stored, pool: pool, name: name, in: connection)
            return (stored, user, try Self.device(deviceKey, of: user, pool: pool, in: connection))
        }
        let verdict = PasswordVerifier.judge(
            state: stored.state, verifier: device.secret?.verifier, poolName: device.groupKey, userIdForSrp: device.key,
            secretBlock: secretBlock, signature: responses["PASSWORD_CLAIM_SIGNATURE"]?.stringValue ?? "",
            timestamp: responses["TIMESTAMP"]?.stringValue ?? "", now: now)
        try PasswordVerifier.settle(verdict, sessionId: sessionId, challenge: Self.verifierChallenge, sub: user.sub, signIn: signIn, now: now)
        var flow = signIn
        let replacesMfa = device.remembered && DeviceConfiguration(pool)?.challengeRequiredOnNewDevice == true
        flow.provenDevice = ProvenDevice(key: device.key, replacesMfa: replacesMfa)
        return try flow.completeSignIn(user)
    }

    /// `user`'s confirmed device `key`, or AWS's error for a device that does not exist.
    static func device(_ key: String, of user: User, pool: UserPool, in connection: Connection) throws -> Device {
        guard let device = try DeviceStore.find(poolId: pool.id, key: key, in: connection), device.sub == user.sub,
            device.confirmed
        else { throw DeviceErrors.deviceNotFound }
        return device
    }

    /// The device side of a sign-in's token transaction: the proven device's last sign-in is noted
    /// (it must still exist: a device forgotten since cannot stand in), or a new device is made
    /// with key `newKey` in the user's device group. Returns the new device.
    static func recordSignIn(
        user: User, pool: UserPool, proven: ProvenDevice?, newKey: String?, now: Double, in connection: Connection
    ) throws -> Device? {
        if let proven {
            guard var device = try DeviceStore.find(poolId: pool.id, key: proven.key, in: connection), device.sub == user.sub else {
                throw DeviceErrors.deviceNotFound
            }
            device.lastAuthenticatedAt = now
            try DeviceStore.save(device, in: connection)
            return nil
        }
        guard let newKey else { return nil }
        let groupKey = try DeviceStore.groupKey(poolId: pool.id, sub: user.sub, in: connection) ?? Device.makeGroupKey()
        let device = Device(
            poolId: pool.id, key: newKey, sub: user.sub, groupKey: groupKey, name: nil, secret: nil, remembered: false,
            createdAt: now, modifiedAt: now, lastAuthenticatedAt: now)
        try DeviceStore.insert(device, in: connection)
        return device
    }
}

/// The device operations' error texts.
enum DeviceErrors {
    /// [R: amplify-android#2605 quoting Cognito, aws-sdk-net-extensions-cognito#10].
    static let deviceNotFound = AWSServiceError.resourceNotFound("Device does not exist.")
    /// ConfirmDevice with a key that is not the caller's unconfirmed device [R: boto/boto3#4059].
    static let invalidDeviceKey = AWSServiceError.invalidParameter("Invalid device key given.")
    /// ConfirmDevice with a verifier or salt that is missing, not base64 or of an impossible length [I].
    static let invalidVerifierConfig = AWSServiceError.invalidParameter("Invalid DeviceSecretVerifierConfig given.")
}
