import AWSJSONProtocol

/// ListUsers: users in creation order, `Limit` (default and maximum 60) at a time, with an opaque
/// `PaginationToken` while more remain; `Filter` and `AttributesToGet` as documented [D: BOTO
/// ListUsers]. A filter that cannot be parsed, or names an attribute that is not searchable, is
/// `InvalidParameterException: Error while parsing filter.` [R: see CognitoErrors.filterParseError].
enum ListUsers {
    static func handle(_ input: JSONValue, _ request: RequestContext, _ environment: ServiceEnvironment) throws -> JSONValue {
        let pool = try environment.pools.require(input["UserPoolId"]?.stringValue ?? "")
        let filter = try UserFilter(input["Filter"]?.stringValue ?? "")
        let requested = Int(input["Limit"]?.intValue ?? 60)
        let limit = requested == 0 ? 60 : requested
        let kind = "users:\(pool.id)"
        var after: Int64 = 0
        if let token = input["PaginationToken"]?.stringValue {
            guard let position = PaginationToken.decode(token, kind: kind) else { throw CognitoErrors.invalidPaginationToken }
            after = position
        }
        let only = input["AttributesToGet"]?.arrayValue.map { Set($0.compactMap(\.stringValue)) }
        let page = try environment.database.read {
            try UserStore.page(poolId: pool.id, after: after, limit: limit, filter: filter, in: $0)
        }
        var output: [String: JSONValue] = ["Users": .array(page.users.map { $0.userType(attributesToGet: only) })]
        if let next = page.next { output["PaginationToken"] = .string(PaginationToken.encode(next, kind: kind)) }
        return .object(output)
    }
}

/// A parsed ListUsers filter: `attribute = "value"` or `attribute ^= "value"`, quotes inside the
/// value escaped with a backslash; an empty filter matches everyone.
struct UserFilter: Sendable {
    /// The searchable names [D: BOTO ListUsers `Filter`].
    static let searchable: Set<String> = [
        "username", "email", "phone_number", "name", "given_name", "family_name", "preferred_username",
        "cognito:user_status", "status", "sub",
    ]

    let attribute: String?
    let prefix: Bool
    let value: String

    /// The empty filter.
    static let everyone = try! UserFilter("")

    init(_ text: String) throws {
        var scanner = Substring(text)
        scanner = scanner.drop { $0 == " " }
        if scanner.isEmpty {
            (attribute, prefix, value) = (nil, false, "")
            return
        }
        let name = scanner.prefix { !$0.isWhitespace && $0 != "=" && $0 != "^" }
        scanner = scanner.dropFirst(name.count).drop { $0 == " " }
        let isPrefix: Bool
        if scanner.hasPrefix("^=") {
            isPrefix = true
            scanner = scanner.dropFirst(2)
        } else if scanner.hasPrefix("=") {
            isPrefix = false
            scanner = scanner.dropFirst()
        } else {
            throw CognitoErrors.filterParseError
        }
        scanner = scanner.drop { $0 == " " }
        guard scanner.first == "\"" else { throw CognitoErrors.filterParseError }
        scanner = scanner.dropFirst()
        var value = ""
        var closed = false
        while let character = scanner.first {
            scanner = scanner.dropFirst()
            if character == "\\", let escaped = scanner.first {
                value.append(escaped)
                scanner = scanner.dropFirst()
            } else if character == "\"" {
                closed = true
                break
            } else {
                value.append(character)
            }
        }
        guard closed, scanner.allSatisfy({ $0 == " " }), UserFilter.searchable.contains(String(name)) else {
            throw CognitoErrors.filterParseError
        }
        (attribute, prefix, self.value) = (String(name), isPrefix, value)
    }

    func matches(_ user: User) -> Bool {
        guard let attribute else { return true }
        let candidate: String?
        var caseInsensitive = false
        switch attribute {
        case "username": candidate = user.username
        case "cognito:user_status":
            // "cognito:user_status (called Status in the Console) (case-insensitive)" [D: BOTO].
            candidate = user.status.rawValue
            caseInsensitive = true
        // "status (called Enabled in the Console) (case-sensitive)": Enabled / Disabled [D: BOTO].
        case "status": candidate = user.enabled ? "Enabled" : "Disabled"
        default: candidate = user.attribute(attribute)
        }
        guard var candidate else { return false }
        var wanted = value
        if caseInsensitive {
            candidate = candidate.lowercased()
            wanted = wanted.lowercased()
        }
        return prefix ? candidate.hasPrefix(wanted) : candidate == wanted
    }
}
