import Testing
@testable import SQLiteStore

/// Internal errors are logged with the cause named plainly (the operator sees only this line).
@Suite struct SQLiteErrorTextTests {
    @Test func diskFullAndOtherCodesAreNamed() {
        #expect(SQLiteError(code: 13, message: "database or disk is full", context: "step COMMIT").description
            == "database disk is full (SQLITE_FULL, 13): database or disk is full during step COMMIT")
        #expect(SQLiteError(code: 778, message: "disk I/O error", context: "step").description
            == "database disk I/O error (SQLITE_IOERR, 778, extended from 10): disk I/O error during step")
        #expect(SQLiteError(code: 19, message: "UNIQUE constraint failed", context: "step").description
            == "SQLite error (SQLITE_CONSTRAINT, 19): UNIQUE constraint failed during step")
    }
}
