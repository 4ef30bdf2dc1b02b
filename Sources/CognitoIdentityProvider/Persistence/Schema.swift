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
        Migration(
            version: 2,
            sql: """
                CREATE TABLE app_clients (
                    client_id TEXT PRIMARY KEY,
                    pool_id TEXT NOT NULL REFERENCES user_pools(id) ON DELETE CASCADE,
                    seq INTEGER NOT NULL UNIQUE,            -- creation order, for ListUserPoolClients paging
                    created_at REAL NOT NULL,
                    updated_at REAL NOT NULL,
                    settings TEXT NOT NULL                  -- JSON object of the echoed UserPoolClientType members
                );
                CREATE INDEX app_clients_by_pool ON app_clients (pool_id, seq);
                """),
    ]
}
