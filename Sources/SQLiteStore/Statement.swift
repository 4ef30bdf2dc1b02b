import CSQLite

/// `SQLITE_TRANSIENT` is a macro and does not import (docs/architecture.md, pitfall 4).
private let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

/// A value bound to a `?NNN` parameter or read from a column.
public enum SQLValue: Sendable, Equatable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])
}

/// A prepared statement owned by one `Connection`, reused across executions (the connection caches it).
/// Not thread-safe: it lives and dies with the connection that made it.
public final class Statement {
    let handle: OpaquePointer
    private let connection: OpaquePointer

    init(connection: OpaquePointer, sql: String) throws {
        var statement: OpaquePointer?
        let code = sqlite3_prepare_v3(connection, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
        guard code == SQLITE_OK, let statement else {
            throw SQLiteError(code: code, handle: connection, context: "prepare \(sql)")
        }
        self.handle = statement
        self.connection = connection
    }

    deinit { sqlite3_finalize(handle) }

    /// Runs the statement with `parameters` bound in order and returns every row.
    public func query(_ parameters: [SQLValue] = []) throws -> [Row] {
        try bind(parameters)
        defer { sqlite3_reset(handle) }
        var rows: [Row] = []
        while true {
            let code = sqlite3_step(handle)
            if code == SQLITE_DONE { return rows }
            guard code == SQLITE_ROW else {
                throw SQLiteError(code: code, handle: connection, context: "step \(String(cString: sqlite3_sql(handle)))")
            }
            rows.append(Row(statement: handle))
        }
    }

    /// Runs a statement that returns no rows; answers how many rows it changed.
    @discardableResult
    public func execute(_ parameters: [SQLValue] = []) throws -> Int {
        _ = try query(parameters)
        return Int(sqlite3_changes(connection))
    }

    private func bind(_ parameters: [SQLValue]) throws {
        sqlite3_clear_bindings(handle)
        for (offset, value) in parameters.enumerated() {
            let index = Int32(offset + 1)
            let code: Int32
            switch value {
            case .null: code = sqlite3_bind_null(handle, index)
            case .integer(let number): code = sqlite3_bind_int64(handle, index, number)
            case .real(let number): code = sqlite3_bind_double(handle, index, number)
            case .text(let text): code = sqlite3_bind_text(handle, index, text, -1, transient)
            case .blob(let bytes):
                code = bytes.withUnsafeBytes { sqlite3_bind_blob(handle, index, $0.baseAddress, Int32($0.count), transient) }
            }
            guard code == SQLITE_OK else { throw SQLiteError(code: code, handle: connection, context: "bind \(index)") }
        }
    }
}

/// One result row, copied out of SQLite so it outlives the statement step.
public struct Row: Sendable {
    public let values: [SQLValue]

    init(statement: OpaquePointer) {
        let count = sqlite3_column_count(statement)
        var values: [SQLValue] = []
        values.reserveCapacity(Int(count))
        for column in 0..<count {
            switch sqlite3_column_type(statement, column) {
            case SQLITE_INTEGER: values.append(.integer(sqlite3_column_int64(statement, column)))
            case SQLITE_FLOAT: values.append(.real(sqlite3_column_double(statement, column)))
            case SQLITE_TEXT: values.append(.text(String(cString: sqlite3_column_text(statement, column))))
            case SQLITE_BLOB:
                let size = Int(sqlite3_column_bytes(statement, column))
                if size > 0, let base = sqlite3_column_blob(statement, column) {
                    values.append(.blob(Array(UnsafeRawBufferPointer(start: base, count: size))))
                } else {
                    values.append(.blob([]))
                }
            default: values.append(.null)
            }
        }
        self.values = values
    }

    public subscript(_ column: Int) -> SQLValue { column < values.count ? values[column] : .null }

    public func text(_ column: Int) -> String? {
        if case .text(let value) = self[column] { return value }
        return nil
    }

    public func integer(_ column: Int) -> Int64? {
        if case .integer(let value) = self[column] { return value }
        return nil
    }

    public func real(_ column: Int) -> Double? {
        switch self[column] {
        case .real(let value): return value
        case .integer(let value): return Double(value)
        default: return nil
        }
    }
}
