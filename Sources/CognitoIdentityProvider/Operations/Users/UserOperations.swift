import AWSJSONProtocol
import CryptoPrimitives
import FoundationEssentials
import SQLiteStore

/// What the user operations share: reading the input, finding users, checking attributes,
/// sending codes and describing where they went.
enum UserOperations {
    /// `UserAttributes` (`AttributeListType`) of a request, in the order sent; a name sent twice
    /// keeps its last value [I].
    static func attributes(_ value: JSONValue?) -> [UserAttribute] {
        var result: [UserAttribute] = []
        for item in value?.arrayValue ?? [] {
            guard let name = item["Name"]?.stringValue else { continue }
            let value = item["Value"]?.stringValue ?? ""
            if let index = result.firstIndex(where: { $0.name == name }) {
                result[index].value = value
            } else {
                result.append(UserAttribute(name, value))
            }
        }
        return result
    }

    /// The user named `username` (internal username, or for `UsernameAttributes` pools the email or
    /// phone number standing for it), or `UserNotFoundException: User does not exist.`
    static func requireUser(pool: UserPool, username: String, in connection: Connection) throws -> User {
        guard let user = try findUser(pool: pool, name: username, in: connection) else { throw CognitoErrors.userNotFound }
        return user
    }

    /// Admin operations accept the username, any alias the pool signs in with, or the `sub` [D: BOTO
    /// AdminGetUser `Username`: "typically your user's username, but it can be any of their alias
    /// attributes. If username isn't an alias attribute in your user pool, this value must be the
    /// sub of a local user"].
    static func findUser(pool: UserPool, name: String, in connection: Connection) throws -> User? {
        if let user = try UserStore.findForSignIn(pool: pool, name: name, in: connection) { return user }
        return try UserStore.find(poolId: pool.id, sub: name, in: connection)
    }

    /// A new `sub`: a random (version 4) UUID in lower case (spec 6), from libcrypto's generator
    /// rather than `UUID()` (docs/architecture.md, pitfall 5: `UUID()` reads /dev/urandom per call).
    static func newSub() -> String {
        var bytes = SecureRandom.bytes(16)
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let hex = bytes.map { String($0, radix: 16) }.map { $0.count == 1 ? "0" + $0 : $0 }.joined()
        let parts = [hex.prefix(8), hex.dropFirst(8).prefix(4), hex.dropFirst(12).prefix(4), hex.dropFirst(16).prefix(4), hex.dropFirst(20)]
        return parts.joined(separator: "-")
    }

    // MARK: - Attributes

    /// Checks attributes sent to a create operation against the pool schema: names must exist,
    /// `sub` cannot be set, email and phone values must be well formed.
    static func checkNewAttributes(_ attributes: [UserAttribute], pool: UserPool) throws {
        let unknown = attributes.filter { pool.schemaAttribute($0.name) == nil }
        if !unknown.isEmpty {
            throw CognitoErrors.attributesDoNotConform(unknown.map { ($0.name, CognitoErrors.attributeNotInSchema) })
        }
        if attributes.contains(where: { $0.name == "sub" }) { throw CognitoErrors.nonMutableAttribute("sub") }
        try checkFormats(attributes)
    }

    /// Checks attributes sent to an update operation: names must exist in the schema and be mutable.
    static func checkUpdatedAttributes(_ attributes: [UserAttribute], pool: UserPool) throws {
        for attribute in attributes {
            if attribute.name == "sub" { throw CognitoErrors.nonMutableAttribute("sub") }
            guard let schema = pool.schemaAttribute(attribute.name) else {
                throw CognitoErrors.updateAttributeNotInSchema(attribute.name)
            }
            if schema["Mutable"]?.boolValue == false { throw CognitoErrors.attributeCannotBeUpdated(attribute.name) }
        }
        try checkFormats(attributes)
    }

    /// Required attributes (schema `Required: true`, other than `sub`) a new user lacks.
    static func checkRequired(_ attributes: [UserAttribute], pool: UserPool) throws {
        let present = Set(attributes.filter { !$0.value.isEmpty }.map(\.name))
        let missing = (pool.settings["SchemaAttributes"]?.arrayValue ?? []).compactMap { schema -> String? in
            guard schema["Required"]?.boolValue == true, let name = schema["Name"]?.stringValue, name != "sub",
                !present.contains(name)
            else { return nil }
            return name
        }
        if !missing.isEmpty {
            throw CognitoErrors.attributesDoNotConform(missing.map { ($0, CognitoErrors.attributeRequired) })
        }
    }

    private static func checkFormats(_ attributes: [UserAttribute]) throws {
        for attribute in attributes {
            switch attribute.name {
            case "email": if !isEmail(attribute.value) { throw CognitoErrors.invalidEmail }
            case "phone_number": if !isPhoneNumber(attribute.value) { throw CognitoErrors.invalidPhone }
            default: break
            }
        }
    }

    /// One `@` with something on both sides and no white space [I: AWS's exact rule is not published].
    static func isEmail(_ value: String) -> Bool {
        let parts = value.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && !parts[1].isEmpty && !value.contains(where: \.isWhitespace)
    }

    /// E.164: `+` then 1–15 digits [D: developer guide, phone numbers "must follow ... E.164"].
    static func isPhoneNumber(_ value: String) -> Bool {
        guard value.first == "+" else { return false }
        let digits = value.dropFirst()
        return (1...15).contains(digits.count) && digits.allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// Marks `email_verified` / `phone_number_verified` false when the address changes, unless the
    /// same request sets the flag (developer guide: changing email or phone makes it unverified).
    static func applyUpdate(_ attributes: [UserAttribute], to user: inout User) {
        let sent = Set(attributes.map(\.name))
        for attribute in attributes {
            let previous = user.attribute(attribute.name)
            user.setAttribute(attribute.name, attribute.value)
            if ["email", "phone_number"].contains(attribute.name), previous != attribute.value,
                !sent.contains("\(attribute.name)_verified")
            {
                if previous != nil || user.attribute("\(attribute.name)_verified") != nil {
                    user.setAttribute("\(attribute.name)_verified", "false")
                }
            }
        }
    }

    // MARK: - Codes and deliveries

    /// `CodeDeliveryDetailsType` for a message on `channel` to `destination`, masked as AWS does.
    static func deliveryDetails(channel: Outbox.Channel, destination: String) -> JSONValue {
        [
            "Destination": .string(mask(destination, channel: channel)),
            "DeliveryMedium": .string(channel.rawValue),
            "AttributeName": .string(channel.attribute),
        ]
    }

    /// Masks like AWS: email `j***@e***.com` (awscli `forgot-password.rst`), phone all digits but
    /// the last four starred, `+*******0008` [R: ACIJS-236, spec 3.1].
    static func mask(_ destination: String, channel: Outbox.Channel) -> String {
        switch channel {
        case .sms:
            let digits = destination.hasPrefix("+") ? String(destination.dropFirst()) : destination
            let shown = digits.suffix(4)
            return (destination.hasPrefix("+") ? "+" : "") + String(repeating: "*", count: digits.count - shown.count) + shown
        case .email:
            let parts = destination.split(separator: "@", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2 else { return "***" }
            let domain = parts[1]
            let tld = domain.lastIndex(of: ".").map { String(domain[$0...]) } ?? ""
            return "\(parts[0].prefix(1))***@\(domain.prefix(1))***\(tld)"
        }
    }

    /// The channel a verification code goes to: the pool's auto-verified attributes the user has,
    /// email first when both are possible (project choice; AWS documents no order).
    static func verificationChannel(for user: User, pool: UserPool) -> Outbox.Channel? {
        let auto = pool.autoVerifiedAttributes
        if auto.contains("email"), user.attribute("email") != nil { return .email }
        if auto.contains("phone_number"), user.attribute("phone_number") != nil { return .sms }
        return nil
    }

    /// Issues a code of `purpose`, records its message and answers the delivery details. The code
    /// goes to the user's attribute for `channel`, or to `pendingValue`, the new value it confirms.
    /// With a custom message function the message is added to `pending`, for the caller to `deliver`
    /// after its transaction (`messageSource`: the trigger source, by default the one of `purpose`).
    static func sendCode(
        _ purpose: UserCodeStore.Purpose, to user: User, channel: Outbox.Channel, pendingValue: String? = nil,
        pool: UserPool, environment: ServiceEnvironment, in connection: Connection, pending: inout [PendingCustomMessage],
        clientId: String? = nil, clientMetadata: JSONValue? = nil, messageSource: String? = nil
    ) throws -> JSONValue {
        let now = environment.clock.now()
        let code = UserCodeStore.newCode()
        let destination = pendingValue ?? user.attribute(channel.attribute) ?? ""
        try UserCodeStore.issue(
            code, purpose: purpose, attribute: channel.attribute, pendingValue: pendingValue, for: user, now: now,
            in: connection)
        let purposeSource = switch purpose {
        case .signUp: "CustomMessage_SignUp"
        case .forgotPassword: "CustomMessage_ForgotPassword"
        case .verifyEmail, .verifyPhoneNumber: "CustomMessage_UpdateUserAttribute"
        }
        try Triggers(environment: environment, pool: pool).recordCodeMessage(
            source: messageSource ?? purposeSource, user: user, channel: channel, destination: destination, code: code,
            username: nil,
            defaultText: MessageTemplates.verification(pool: pool, channel: channel, code: code, username: user.username),
            clientId: clientId, clientMetadata: clientMetadata, pending: &pending, in: connection)
        return deliveryDetails(channel: channel, destination: destination)
    }
}
