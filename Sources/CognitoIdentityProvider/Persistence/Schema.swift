import SQLiteStore

/// The database schema, as numbered migrations. Never edit a released migration: add the next one.
public enum Schema {
    public static let migrations: [Migration] = [
        Migration(
            version: 1,
            sql: """
                CREATE TABLE user_pools (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,  -- creation order, for ListUserPools paging
                    id TEXT NOT NULL UNIQUE,
                    name TEXT NOT NULL,
                    region TEXT NOT NULL,
                    arn TEXT NOT NULL,
                    created_at REAL NOT NULL,
                    updated_at REAL NOT NULL,
                    mfa_configuration TEXT NOT NULL CHECK (mfa_configuration IN ('OFF', 'ON', 'OPTIONAL')),
                    mfa_factors TEXT NOT NULL,              -- JSON, see MfaFactors.storedJSON
                    settings TEXT NOT NULL                  -- JSON object of the other UserPoolType members
                );
                """),
    ]
}
