import CSQLite

/// A failed SQLite call, with the result code and the connection's message at the point of failure.
public struct SQLiteError: Error, CustomStringConvertible, Sendable {
    public let code: Int32
    public let message: String
    public let context: String

    /// The cause in plain words, with SQLite's result code name and number, e.g.
    /// `database disk is full (SQLITE_FULL, 13): database or disk is full during commit`.
    public var description: String {
        let primary = code & 0xFF
        let name = Self.names[primary].map { "SQLITE_\($0)" } ?? "SQLite result code"
        let summary = Self.plainWords[primary] ?? "SQLite error"
        let extended = code == primary ? "\(code)" : "\(code), extended from \(primary)"
        return "\(summary) (\(name), \(extended)): \(message) during \(context)"
    }

    /// Primary result codes (sqlite.org/rescode.html) by number.
    static let names: [Int32: String] = [
        1: "ERROR", 2: "INTERNAL", 3: "PERM", 4: "ABORT", 5: "BUSY", 6: "LOCKED", 7: "NOMEM", 8: "READONLY",
        9: "INTERRUPT", 10: "IOERR", 11: "CORRUPT", 12: "NOTFOUND", 13: "FULL", 14: "CANTOPEN", 15: "PROTOCOL",
        16: "EMPTY", 17: "SCHEMA", 18: "TOOBIG", 19: "CONSTRAINT", 20: "MISMATCH", 21: "MISUSE", 22: "NOLFS",
        23: "AUTH", 24: "FORMAT", 25: "RANGE", 26: "NOTADB",
    ]

    /// The faults an operator can act on, named plainly at the start of the log line.
    static let plainWords: [Int32: String] = [
        13: "database disk is full", 10: "database disk I/O error", 11: "database file is corrupt",
        8: "database file is read-only", 14: "database file cannot be opened", 7: "out of memory",
        5: "database is busy", 26: "file is not a database",
    ]

    init(code: Int32, handle: OpaquePointer?, context: String) {
        self.code = code
        if let handle, let text = sqlite3_errmsg(handle) {
            self.message = String(cString: text)
        } else {
            self.message = String(cString: sqlite3_errstr(code))
        }
        self.context = context
    }

    public init(code: Int32, message: String, context: String) {
        self.code = code
        self.message = message
        self.context = context
    }
}
