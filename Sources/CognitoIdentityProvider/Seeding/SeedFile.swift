import AWSJSONProtocol
import CryptoPrimitives
import FoundationEssentials

/// One seed file, read and checked for shape (types, required and unknown members); the rules of
/// the service itself are applied when it is loaded (`SeedLoader`). The format is documented in
/// the README ("Seed files") and `fixtures/example-seed.json` is a worked example.
public struct SeedFile: Sendable {
    /// The path the file was read from, as given (it prefixes every error).
    public let path: String
    let pools: [PoolSeed]

    /// Reads and parses the file at `path`.
    /// An unreadable file is reported with the system's reason ("No such file or directory",
    /// "Permission denied", "Is a directory").
    public static func read(path: String) throws(SeedError) -> SeedFile {
        switch SeedSyntax.readFile(path) {
        case .success(let bytes): return try parse(bytes, path: path)
        case .failure(let reason): throw SeedError(file: path, path: "$", problem: "cannot read the file: \(reason.text)")
        }
    }

    static func parse(_ bytes: [UInt8], path: String) throws(SeedError) -> SeedFile {
        let value: JSONValue
        do {
            value = try JSONParser.parse(bytes)
        } catch {
            throw SeedError(file: path, path: "$", problem: SeedSyntax.describe(error, in: bytes))
        }
        let root = SeedNode(value: value, path: "$", file: path)
        _ = try root.object(allowed: ["description", "pools"])
        let pools = try root.member("pools")?.array().map(PoolSeed.init) ?? []
        return SeedFile(path: path, pools: pools)
    }
}

/// `$.pools[i]`: a pool with a fixed id, its CreateUserPool members, its MFA configuration as
/// SetUserPoolMfaConfig takes it, its app clients and its users.
struct PoolSeed: Sendable {
    let path: String
    let id: String
    let name: String
    /// CreateUserPool request members (everything but `PoolName`).
    let settings: [String: JSONValue]
    /// SetUserPoolMfaConfig request members (everything but `UserPoolId`).
    let mfa: [String: JSONValue]?
    let clients: [ClientSeed]
    let users: [UserSeed]

    init(_ node: SeedNode) throws(SeedError) {
        _ = try node.object(allowed: ["id", "name", "settings", "mfa", "clients", "users"])
        path = node.path
        id = try node.required("id").string()
        name = try node.required("name").string()
        settings = try node.member("settings")?.awsMembers(excluding: ["PoolName"]) ?? [:]
        mfa = try node.member("mfa")?.awsMembers(excluding: ["UserPoolId"])
        clients = try node.member("clients")?.array().map(ClientSeed.init) ?? []
        users = try node.member("users")?.array().map(UserSeed.init) ?? []
    }
}

/// `$.pools[i].clients[j]`: an app client with a fixed id and, for a confidential client, a fixed secret.
struct ClientSeed: Sendable {
    let path: String
    let id: String
    let name: String
    let secret: String?
    /// CreateUserPoolClient request members (ExplicitAuthFlows, token validities, ...).
    let settings: [String: JSONValue]

    init(_ node: SeedNode) throws(SeedError) {
        _ = try node.object(allowed: ["id", "name", "secret", "settings"])
        path = node.path
        id = try node.required("id").string()
        name = try node.required("name").string()
        secret = try node.member("secret")?.string()
        settings = try node.member("settings")?.awsMembers(
            excluding: ["UserPoolId", "ClientName", "ClientSecret", "GenerateSecret"]) ?? [:]
    }
}

/// `$.pools[i].users[k]`.
struct UserSeed: Sendable {
    let path: String
    let username: String
    let sub: String?
    let password: String?
    /// A stored SRP salt and verifier (what `export --with-password-verifiers` writes) instead of a password.
    let verifier: (salt: [UInt8], verifier: [UInt8])?
    let status: UserStatus?
    let enabled: Bool
    let attributes: [UserAttribute]
    let mfa: UserMfaSeed?

    static let seedableStatuses: [UserStatus] = [.confirmed, .unconfirmed, .forceChangePassword, .resetRequired]

    init(_ node: SeedNode) throws(SeedError) {
        _ = try node.object(allowed: ["username", "sub", "password", "passwordVerifier", "status", "enabled", "attributes", "mfa"])
        path = node.path
        username = try node.required("username").string()
        sub = try node.member("sub")?.string()
        password = try node.member("password")?.string()
        if let stored = node.member("passwordVerifier") {
            guard password == nil else { throw stored.fail("give either password or passwordVerifier, not both") }
            _ = try stored.object(allowed: ["salt", "verifier"])
            let salt = try stored.required("salt")
            let verifierNode = try stored.required("verifier")
            guard let saltBytes = Hex.decode(try salt.string()) else { throw salt.fail("expected hexadecimal") }
            guard let verifierBytes = Hex.decode(try verifierNode.string()) else { throw verifierNode.fail("expected hexadecimal") }
            verifier = (saltBytes, verifierBytes)
        } else {
            verifier = nil
        }
        if let statusNode = node.member("status") {
            let text = try statusNode.string()
            guard let status = UserStatus(rawValue: text), Self.seedableStatuses.contains(status) else {
                throw statusNode.fail("expected one of \(Self.seedableStatuses.map(\.rawValue).joined(separator: ", "))")
            }
            self.status = status
        } else {
            status = nil
        }
        enabled = try node.member("enabled")?.bool() ?? true
        var attributes: [UserAttribute] = []
        if let attributesNode = node.member("attributes") {
            guard case .object(let members) = attributesNode.value else { throw attributesNode.fail("expected an object of attribute names and string values") }
            for name in members.keys.sorted() {
                guard let text = members[name]?.stringValue else {
                    throw SeedError(file: node.file, path: "\(attributesNode.path).\(name)", problem: "expected a string")
                }
                attributes.append(UserAttribute(name, text))
            }
        }
        self.attributes = attributes
        mfa = try node.member("mfa").map(UserMfaSeed.init)
    }
}

/// `$.pools[i].users[k].mfa`: an already verified authenticator and the MFA preferences.
struct UserMfaSeed: Sendable {
    let path: String
    let totpSecret: [UInt8]?
    let totpDeviceName: String?
    let enabled: [MfaFactor]
    let preferred: MfaFactor?

    /// RFC 4226 section 4, R6: the shared secret is at least 128 bits.
    static let minimumSecretBytes = 16

    init(_ node: SeedNode) throws(SeedError) {
        _ = try node.object(allowed: ["totpSecret", "totpDeviceName", "enabled", "preferred"])
        path = node.path
        if let secretNode = node.member("totpSecret") {
            let text = try secretNode.string().replacing(" ", with: "")
            guard let secret = Base32.decode(text) else { throw secretNode.fail("expected a base32 secret (RFC 4648: A-Z and 2-7)") }
            guard secret.count >= Self.minimumSecretBytes else {
                throw secretNode.fail("too short: \(secret.count) bytes, at least \(Self.minimumSecretBytes) (26 base32 characters; RFC 4226 R6)")
            }
            totpSecret = secret
        } else {
            totpSecret = nil
        }
        totpDeviceName = try node.member("totpDeviceName")?.string()
        var enabled: [MfaFactor] = []
        for item in try node.member("enabled")?.array() ?? [] {
            guard let factor = MfaFactor(rawValue: try item.string()) else { throw item.fail(Self.factorNames) }
            if !enabled.contains(factor) { enabled.append(factor) }
        }
        self.enabled = enabled
        if let preferredNode = node.member("preferred") {
            guard let factor = MfaFactor(rawValue: try preferredNode.string()) else { throw preferredNode.fail(Self.factorNames) }
            guard enabled.contains(factor) else { throw preferredNode.fail("the preferred factor must also be listed in enabled") }
            preferred = factor
        } else {
            preferred = nil
        }
    }

    static var factorNames: String { "expected one of \(MfaFactor.allCases.map(\.rawValue).joined(separator: ", "))" }
}

/// Lower-case hexadecimal, for stored SRP salts and verifiers in exported seeds.
enum Hex {
    static func encode(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(bytes.count * 2)
        for byte in bytes { text += [digits[Int(byte >> 4)], digits[Int(byte & 15)]] }
        return String(decoding: text, as: UTF8.self)
    }

    static func decode(_ text: String) -> [UInt8]? {
        let characters = Array(text.lowercased().utf8)
        guard characters.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        var index = 0
        while index < characters.count {
            guard let high = nibble(characters[index]), let low = nibble(characters[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }

    private static func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
        default: nil
        }
    }
}
