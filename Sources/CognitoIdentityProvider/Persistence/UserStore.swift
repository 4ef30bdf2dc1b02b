import AWSJSONProtocol
import SQLiteStore

/// The SQL for users. Every method takes the connection of the transaction it runs in, so one
/// operation is exactly one transaction. Users are not cached: every read is one indexed query.
enum UserStore {
    private static let columns = """
        pool_id, username, sub, status, enabled, created_at, updated_at, attributes, \
        password_salt, password_verifier, password_set_at, seq
        """

    /// The user whose internal username is `username`, under the pool's case rule.
    static func find(pool: UserPool, username: String, in connection: Connection) throws -> User? {
        try connection.query(
            "SELECT \(columns) FROM users WHERE pool_id = ?1 AND username_key = ?2",
            [.text(pool.id), .text(pool.usernameKey(username))]
        ).first.map(decode)
    }

    static func find(poolId: String, sub: String, in connection: Connection) throws -> User? {
        try connection.query(
            "SELECT \(columns) FROM users WHERE pool_id = ?1 AND sub = ?2", [.text(poolId), .text(sub)]
        ).first.map(decode)
    }

    /// The user a sign-in name designates: the username itself, else (in this order) the email,
    /// phone number or preferred_username the pool accepts in its place. For `AliasAttributes`
    /// pools only verified email/phone aliases count; for `UsernameAttributes` pools the email or
    /// phone itself does (developer guide, "User pool attributes: aliases / username attributes").
    static func findForSignIn(pool: UserPool, name: String, in connection: Connection) throws -> User? {
        if let user = try find(pool: pool, username: name, in: connection) { return user }
        for (column, attribute) in aliasColumns where pool.signInAttributes.contains(attribute) {
            let rows = try connection.query(
                "SELECT \(columns) FROM users WHERE pool_id = ?1 AND \(column) = ?2 ORDER BY seq LIMIT 1",
                [.text(pool.id), .text(pool.aliasKey(attribute, name))])
            if let row = rows.first { return decode(row) }
        }
        return nil
    }

    /// Users other than `excluding` for whom `value` is a usable sign-in alias of kind `attribute`.
    static func aliasOwners(
        pool: UserPool, attribute: String, value: String, excluding sub: String?, in connection: Connection
    ) throws -> [User] {
        guard let column = aliasColumns.first(where: { $0.attribute == attribute })?.column else { return [] }
        return try connection.query(
            "SELECT \(columns) FROM users WHERE pool_id = ?1 AND \(column) = ?2 AND sub <> ?3",
            [.text(pool.id), .text(pool.aliasKey(attribute, value)), .text(sub ?? "")]
        ).map(decode)
    }

    /// Inserts the user, or updates the stored user with the same `sub`.
    static func save(_ user: User, pool: UserPool, in connection: Connection) throws {
        let attributes = JSONText.string(.array(user.attributes.map { [.string($0.name), .string($0.value)] }))
        let keys = aliasKeys(of: user, pool: pool)
        try connection.execute(
            """
            INSERT INTO users (pool_id, username, username_key, sub, status, enabled, created_at, updated_at,
                attributes, password_salt, password_verifier, password_set_at, email_key, phone_key,
                preferred_username_key, \(filterColumns.map(\.column).joined(separator: ", ")))
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21)
            ON CONFLICT (pool_id, sub) DO UPDATE SET
                status = excluded.status, enabled = excluded.enabled, updated_at = excluded.updated_at,
                attributes = excluded.attributes, password_salt = excluded.password_salt,
                password_verifier = excluded.password_verifier, password_set_at = excluded.password_set_at,
                email_key = excluded.email_key, phone_key = excluded.phone_key,
                preferred_username_key = excluded.preferred_username_key,
                \(filterColumns.map { "\($0.column) = excluded.\($0.column)" }.joined(separator: ", "))
            """,
            [
                .text(user.poolId), .text(user.username), .text(pool.usernameKey(user.username)), .text(user.sub),
                .text(user.status.rawValue), .integer(user.enabled ? 1 : 0), .real(user.creationDate),
                .real(user.lastModifiedDate), .text(attributes),
                user.password.map { .blob($0.salt) } ?? .null, user.password.map { .blob($0.verifier) } ?? .null,
                user.password.map { .real($0.setAt) } ?? .null,
                keys.email.map(SQLValue.text) ?? .null, keys.phone.map(SQLValue.text) ?? .null,
                keys.preferredUsername.map(SQLValue.text) ?? .null,
            ] + filterColumns.map { user.attribute($0.attribute).map(SQLValue.text) ?? .null })
    }

    /// Deletes the user with its pending codes.
    static func delete(_ user: User, in connection: Connection) throws {
        try connection.execute("DELETE FROM users WHERE pool_id = ?1 AND sub = ?2", [.text(user.poolId), .text(user.sub)])
        try connection.execute("DELETE FROM user_codes WHERE pool_id = ?1 AND sub = ?2", [.text(user.poolId), .text(user.sub)])
    }

    static func count(poolId: String, in connection: Connection) throws -> Int {
        Int(try connection.query("SELECT count(*) FROM users WHERE pool_id = ?1", [.text(poolId)]).first?.integer(0) ?? 0)
    }

    /// Up to `limit` users created after sequence number `after` that satisfy `filter`, oldest
    /// first, and the sequence number to continue from when more may remain (when the page is full
    /// and any user of the pool follows it, as before the filter columns existed).
    ///
    /// Every query walks an index led by `pool_id` (migration 14): an exact filter reads only the
    /// matching rows, already in `seq` order, so a page costs the same in any size of pool; a
    /// prefix filter reads the matching range and sorts it by `seq` (cost grows with the matches).
    /// `filter.matches` still judges every row, so the SQL can only narrow, never change, the answer.
    static func page(
        poolId: String, after: Int64, limit: Int, filter: UserFilter, in connection: Connection
    ) throws -> (users: [User], next: Int64?) {
        guard let (sql, narrowing) = pageQuery(filter) else { return ([], nil) }
        var found: [User] = []
        var position = after
        while true {
            let wanted = limit - found.count
            let rows = try connection.query(sql, [.text(poolId), .integer(position), .integer(Int64(wanted))] + narrowing)
            for row in rows {
                position = row.integer(11) ?? position
                let user = decode(row)
                guard filter.matches(user) else { continue }
                found.append(user)
                if found.count == limit {
                    let more = try !connection.query(
                        "SELECT 1 FROM users WHERE pool_id = ?1 AND seq > ?2 LIMIT 1", [.text(poolId), .integer(position)]
                    ).isEmpty
                    return (found, more ? position : nil)
                }
            }
            if rows.count < wanted { return (found, nil) }
        }
    }

    /// The page query for `filter` (parameters ?1 pool, ?2 after-seq, ?3 limit, then the
    /// returned values), or nil when no stored user can match it.
    static func pageQuery(_ filter: UserFilter) -> (sql: String, narrowing: [SQLValue])? {
        var condition = ""
        var narrowing: [SQLValue] = []
        if let attribute = filter.attribute {
            switch filterCandidates(attribute, filter) {
            case .none: return nil
            case .range(let column, let prefix):
                // A prefix is the range [prefix, prefix + U+10FFFF): SQLite compares TEXT bytewise (BINARY).
                condition = " AND \(column) >= ?4 AND \(column) < ?5"
                narrowing = [.text(prefix), .text(prefix + "\u{10FFFF}")]
            case .values(let column, let values):
                condition = " AND \(column) IN (\(values.indices.map { "?\($0 + 4)" }.joined(separator: ", ")))"
                narrowing = values
            }
        }
        return ("SELECT \(columns) FROM users WHERE pool_id = ?1 AND seq > ?2\(condition) ORDER BY seq LIMIT ?3", narrowing)
    }

    private enum FilterCandidates {
        case none
        case values(column: String, [SQLValue])
        case range(column: String, prefix: String)
    }

    /// Where the users that can satisfy a ListUsers filter are found: the column and its stored
    /// values (the case-insensitive `cognito:user_status` and the `status` Enabled/Disabled map
    /// to lists of stored values), or the column and a prefix range.
    private static func filterCandidates(_ attribute: String, _ filter: UserFilter) -> FilterCandidates {
        func storedValues(_ column: String, _ pairs: [(shown: String, stored: SQLValue)], caseInsensitive: Bool) -> FilterCandidates {
            let wanted = caseInsensitive ? filter.value.lowercased() : filter.value
            let values = pairs.filter { pair in
                let shown = caseInsensitive ? pair.shown.lowercased() : pair.shown
                return filter.prefix ? shown.hasPrefix(wanted) : shown == wanted
            }.map(\.stored)
            return values.isEmpty ? .none : .values(column: column, values)
        }
        let column: String
        switch attribute {
        case "cognito:user_status":
            // Case-insensitive [D: BOTO ListUsers]: the stored statuses the value can designate.
            return storedValues("status", UserStatus.allCases.map { ($0.rawValue, .text($0.rawValue)) }, caseInsensitive: true)
        case "status":
            // "Enabled" / "Disabled", case-sensitive [D: BOTO ListUsers]; the column holds 1 / 0.
            return storedValues("enabled", [("Enabled", .integer(1)), ("Disabled", .integer(0))], caseInsensitive: false)
        case "username", "sub": column = attribute
        default:
            guard let stored = filterColumns.first(where: { $0.attribute == attribute })?.column else { return .none }
            column = stored
        }
        return filter.prefix ? .range(column: column, prefix: filter.value) : .values(column: column, [.text(filter.value)])
    }

    /// The attributes ListUsers can filter on that live in the attributes document, and their columns.
    static let filterColumns: [(attribute: String, column: String)] = [
        ("email", "filter_email"), ("phone_number", "filter_phone_number"), ("name", "filter_name"),
        ("given_name", "filter_given_name"), ("family_name", "filter_family_name"),
        ("preferred_username", "filter_preferred_username"),
    ]

    // MARK: - Alias keys

    private static let aliasColumns: [(column: String, attribute: String)] = [
        ("email_key", "email"), ("phone_key", "phone_number"), ("preferred_username_key", "preferred_username"),
    ]

    /// The alias values under which this user can sign in, in lookup form.
    static func aliasKeys(of user: User, pool: UserPool) -> (email: String?, phone: String?, preferredUsername: String?) {
        func key(_ attribute: String, needsVerification: Bool) -> String? {
            guard pool.signInAttributes.contains(attribute), let value = user.attribute(attribute) else { return nil }
            if needsVerification, pool.aliasAttributes.contains(attribute), !user.isVerified(attribute) { return nil }
            return pool.aliasKey(attribute, value)
        }
        return (
            key("email", needsVerification: true), key("phone_number", needsVerification: true),
            key("preferred_username", needsVerification: false)
        )
    }

    private static func decode(_ row: Row) -> User {
        let pairs = JSONText.value(row.text(7)).arrayValue ?? []
        let attributes = pairs.compactMap { pair -> UserAttribute? in
            guard let items = pair.arrayValue, items.count == 2, let name = items[0].stringValue,
                let value = items[1].stringValue
            else { return nil }
            return UserAttribute(name, value)
        }
        var password: StoredPassword?
        if case .blob(let salt) = row[8], case .blob(let verifier) = row[9] {
            password = StoredPassword(salt: salt, verifier: verifier, setAt: row.real(10) ?? 0)
        }
        return User(
            poolId: row.text(0) ?? "", username: row.text(1) ?? "", sub: row.text(2) ?? "", attributes: attributes,
            status: UserStatus(rawValue: row.text(3) ?? "") ?? .confirmed, enabled: row.integer(4) != 0,
            creationDate: row.real(5) ?? 0, lastModifiedDate: row.real(6) ?? 0, password: password)
    }
}
