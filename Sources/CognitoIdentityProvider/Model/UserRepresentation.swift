import AWSJSONProtocol

/// How users appear in responses.
///
/// Attribute order: AWS lists a user's attributes in the iteration order of a Java 8 `HashMap`
/// keyed by attribute name. Evidence: the awscli examples `admin-create-user.rst` (sent email,
/// phone_number; answered sub, phone_number, email) and `admin-get-user.rst` (sub, email_verified,
/// phone_number_verified, phone_number, email) both match that order exactly. (The `get-user.rst`
/// example places `custom:state` elsewhere; it looks hand-edited and is not followed.)
extension User {
    /// Attributes in AWS's order, optionally only those named in `only` (ListUsers AttributesToGet).
    func orderedAttributes(only: Set<String>? = nil) -> [UserAttribute] {
        let chosen = only.map { names in attributes.filter { names.contains($0.name) } } ?? attributes
        return JavaHashMapOrder.order(chosen.map(\.name)).map { chosen[$0] }
    }

    /// `UserType` (AdminCreateUser's `User`, ListUsers' `Users` entries), as in the awscli examples.
    func userType(attributesToGet: Set<String>? = nil) -> JSONValue {
        [
            "Username": .string(username),
            "Attributes": .array(orderedAttributes(only: attributesToGet).map(\.json)),
            "UserCreateDate": .double(creationDate),
            "UserLastModifiedDate": .double(lastModifiedDate),
            "Enabled": .bool(enabled),
            "UserStatus": .string(status.rawValue),
        ]
    }

    /// AdminGetUser's output: `UserAttributes` instead of `Attributes`, and the MFA members only
    /// when the user has MFA (spec 4.4), which `mfa` supplies (empty for users without MFA).
    func adminGetUserOutput(mfa: [String: JSONValue] = [:]) -> JSONValue {
        var object: [String: JSONValue] = [
            "Username": .string(username),
            "UserAttributes": .array(orderedAttributes().map(\.json)),
            "UserCreateDate": .double(creationDate),
            "UserLastModifiedDate": .double(lastModifiedDate),
            "Enabled": .bool(enabled),
            "UserStatus": .string(status.rawValue),
        ]
        for (key, value) in mfa { object[key] = value }
        return .object(object)
    }

    /// GetUser's output (awscli `get-user.rst`): `Username` and `UserAttributes`, plus MFA members
    /// when the user has MFA.
    func getUserOutput(mfa: [String: JSONValue] = [:]) -> JSONValue {
        var object: [String: JSONValue] = [
            "Username": .string(username),
            "UserAttributes": .array(orderedAttributes().map(\.json)),
        ]
        for (key, value) in mfa { object[key] = value }
        return .object(object)
    }

    /// The same as `adminGetUserOutput`; the name the sign-in code asked for.
    var awsRepresentation: JSONValue { adminGetUserOutput() }
}

/// Iteration order of a Java 8 `HashMap<String, _>` filled in the given order: buckets
/// `(h ^ (h >>> 16)) & (capacity - 1)` ascending (capacity 16, doubled while size > 0.75·capacity),
/// insertion order within a bucket. `h` is `String.hashCode()` over UTF-16 code units.
enum JavaHashMapOrder {
    static func order(_ keys: [String]) -> [Int] {
        if keys.count < 2 { return Array(keys.indices) }
        var capacity = 16
        while keys.count * 4 > capacity * 3 { capacity *= 2 }
        let mask = UInt32(capacity - 1)
        let buckets = keys.map { key -> UInt32 in
            var hash: Int32 = 0
            for unit in key.utf16 { hash = hash &* 31 &+ Int32(unit) }
            let bits = UInt32(bitPattern: hash)
            return (bits ^ (bits >> 16)) & mask
        }
        return keys.indices.sorted { buckets[$0] != buckets[$1] ? buckets[$0] < buckets[$1] : $0 < $1 }
    }
}
