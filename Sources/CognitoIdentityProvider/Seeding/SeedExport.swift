import AWSJSONProtocol
import CryptoPrimitives
import SQLiteStore

/// The current state written as a seed file (`mock-cognito export`): loading the result into an
/// empty database gives back the same pools, clients and users with the same ids, secrets, subs,
/// attributes, statuses and MFA state.
///
/// Passwords cannot be exported: only SRP verifiers are stored. Users come out without a password
/// (add `"password"` before loading, or they cannot sign in), unless `includeVerifiers` writes each
/// stored salt and verifier as `passwordVerifier`, which a later load takes as is.
/// Not exported: pending codes, the outbox, sessions, refresh tokens, signing keys, groups.
enum SeedExport {
    static func document(in connection: Connection, includeVerifiers: Bool) throws -> JSONValue {
        var pools: [JSONValue] = []
        var after: Int64 = 0
        while true {
            let page = try UserPoolStore.page(region: nil, after: after, limit: 100, in: connection)
            for pool in page.pools { pools.append(try export(pool, in: connection, includeVerifiers: includeVerifiers)) }
            guard let next = page.next else { break }
            after = next
        }
        return ["description": "exported by mock-cognito export", "pools": .array(pools)]
    }

    private static func export(_ pool: UserPool, in connection: Connection, includeVerifiers: Bool) throws -> JSONValue {
        var settings: [String: JSONValue] = [:]
        for member in CreateUserPool.echoedMembers {
            if let value = pool.settings[member] { settings[member] = value }
        }
        let schema = schemaDifferences(pool.settings["SchemaAttributes"]?.arrayValue ?? [])
        if !schema.isEmpty { settings["Schema"] = .array(schema) }
        var object: [String: JSONValue] = [
            "id": .string(pool.id), "name": .string(pool.name), "settings": .object(settings),
        ]
        var mfa = pool.mfaConfiguration.objectValue ?? [:]
        if pool.mfaMode == .off, mfa.count == 1 { mfa = [:] }
        if !mfa.isEmpty { object["mfa"] = .object(mfa) }

        var clients: [JSONValue] = []
        var after: Int64 = 0
        while true {
            let page = try AppClientStore.page(poolId: pool.id, after: after, limit: 100, in: connection)
            for client in page.clients {
                var clientSettings = client.settings
                clientSettings["ClientName"] = nil
                clientSettings["ClientSecret"] = nil
                var entry: [String: JSONValue] = [
                    "id": .string(client.clientId), "name": .string(client.clientName), "settings": .object(clientSettings),
                ]
                if let secret = client.clientSecret { entry["secret"] = .string(secret) }
                clients.append(.object(entry))
            }
            guard let next = page.next else { break }
            after = next
        }
        if !clients.isEmpty { object["clients"] = .array(clients) }

        var users: [JSONValue] = []
        after = 0
        while true {
            let page = try UserStore.page(poolId: pool.id, after: after, limit: 200, filter: UserFilter.everyone, in: connection)
            for user in page.users {
                users.append(try export(user, pool: pool, in: connection, includeVerifiers: includeVerifiers))
            }
            guard let next = page.next else { break }
            after = next
        }
        if !users.isEmpty { object["users"] = .array(users) }
        return .object(object)
    }

    private static func export(_ user: User, pool: UserPool, in connection: Connection, includeVerifiers: Bool) throws -> JSONValue {
        var attributes: [String: JSONValue] = [:]
        for attribute in user.attributes where attribute.name != "sub" { attributes[attribute.name] = .string(attribute.value) }
        // In UsernameAttributes pools the internal username is the sub; a seed names the user by
        // the email or phone number it signs in with.
        var username = user.username
        if username == user.sub {
            for name in pool.usernameAttributes { if let value = user.attribute(name) { username = value; break } }
        }
        var object: [String: JSONValue] = [
            "username": .string(username), "sub": .string(user.sub), "status": .string(user.status.rawValue),
            "enabled": .bool(user.enabled), "attributes": .object(attributes),
        ]
        if includeVerifiers, let stored = user.password {
            object["passwordVerifier"] = ["salt": .string(Hex.encode(stored.salt)), "verifier": .string(Hex.encode(stored.verifier))]
        }
        let mfa = try UserMfaStore.load(poolId: pool.id, sub: user.sub, in: connection)
        var mfaObject: [String: JSONValue] = [:]
        if let token = mfa.softwareToken {
            mfaObject["totpSecret"] = .string(Base32.encode(token.secret))
            if let name = token.friendlyDeviceName { mfaObject["totpDeviceName"] = .string(name) }
        }
        if !mfa.enabled.isEmpty { mfaObject["enabled"] = .array(mfa.enabledList.map { .string($0.rawValue) }) }
        if let preferred = mfa.preferred { mfaObject["preferred"] = .string(preferred.rawValue) }
        if !mfaObject.isEmpty { object["mfa"] = .object(mfaObject) }
        return .object(object)
    }

    /// The schema entries that differ from the standard ones, as CreateUserPool's `Schema` takes
    /// them (custom attributes without their `custom:` prefix).
    private static func schemaDifferences(_ schema: [JSONValue]) -> [JSONValue] {
        let standard = UserPoolDefaults.schemaAttributes(from: nil)
        var result: [JSONValue] = []
        for entry in schema {
            guard var object = entry.objectValue, let name = object["Name"]?.stringValue else { continue }
            if standard.contains(entry) { continue }
            for prefix in ["dev:custom:", "custom:"] where name.hasPrefix(prefix) {
                object["Name"] = .string(String(name.dropFirst(prefix.count)))
                break
            }
            result.append(.object(object))
        }
        return result
    }
}
