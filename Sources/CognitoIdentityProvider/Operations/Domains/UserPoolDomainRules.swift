import AWSJSONProtocol
import SQLiteStore

/// The checks CreateUserPoolDomain and UpdateUserPoolDomain share, and the domains' storage calls.
enum UserPoolDomainRules {
    /// "You can't use the text aws, amazon, or cognito in the domain prefix." [D: DG
    /// cognito-user-pools-assign-domain-prefix]; texts in `CognitoErrors.domainReservedWord`.
    static let reservedWords = ["aws", "amazon", "cognito"]

    /// The model's DomainType pattern, which AWS checks itself for prefix domains (see
    /// tools/generate_shapes.py, SERVICE_CHECKED_PATTERNS).
    static func isValidPrefix(_ prefix: String) -> Bool {
        let bytes = Array(prefix.utf8)
        func allowed(_ byte: UInt8) -> Bool { (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) }
        guard let first = bytes.first, let last = bytes.last, bytes.count <= 63, allowed(first), allowed(last) else { return false }
        return bytes.allSatisfy { allowed($0) || $0 == 0x2D }
    }

    /// A custom domain must be a host name with a parent domain below a top-level domain
    /// (`auth.example.com`): each label 1–63 of letters, digits and inner hyphens, at least three labels.
    static func isValidCustomDomain(_ name: String) -> Bool {
        let labels = name.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 3 else { return false }
        return labels.allSatisfy { label in
            let bytes = Array(label.utf8)
            guard let first = bytes.first, let last = bytes.last, bytes.count <= 63, first != 0x2D, last != 0x2D else { return false }
            return bytes.allSatisfy { ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D }
        }
    }

    /// `ManagedLoginVersion`: 1 when left out [D: BOTO "defaults to ... hosted UI (classic)"], else 1 or 2.
    static func managedLoginVersion(_ value: JSONValue?, default fallback: Int) throws -> Int {
        guard let version = value?.intValue else { return fallback }
        guard version == 1 || version == 2 else { throw CognitoErrors.invalidManagedLoginVersion }
        return Int(version)
    }
}

extension ServiceEnvironment {
    /// The domain `name` of pool `poolId` inside a transaction, or AWS's "No such domain or user
    /// pool exists." (the one answer for a missing pool and a missing domain).
    func requireDomain(_ name: String, ofPool poolId: String, in connection: Connection) throws -> UserPoolDomain {
        guard let pool = try UserPoolStore.find(poolId, in: connection),
            let domain = try UserPoolDomainStore.domains(ofPool: pool.id, in: connection).first(where: { $0.domain == name })
        else { throw CognitoErrors.noSuchDomain }
        return domain
    }
}
