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
        // Version 4: what sign-in needs beyond users and clients.
        Migration(
            version: 4,
            sql: """
                CREATE TABLE signing_keys (                 -- one RSA key per pool signs its JWTs
                    pool_id TEXT PRIMARY KEY REFERENCES user_pools(id) ON DELETE CASCADE,
                    kid TEXT NOT NULL,
                    private_key_pem TEXT NOT NULL,
                    created_at REAL NOT NULL
                );
                CREATE TABLE auth_sessions (                -- challenge sessions: single use, expiring
                    id TEXT PRIMARY KEY,
                    pool_id TEXT NOT NULL REFERENCES user_pools(id) ON DELETE CASCADE,
                    client_id TEXT NOT NULL,
                    username TEXT NOT NULL,
                    challenge TEXT NOT NULL,
                    state TEXT NOT NULL,                    -- JSON, what the next step needs
                    created_at REAL NOT NULL,
                    expires_at REAL NOT NULL,
                    used_at REAL
                );
                CREATE TABLE refresh_tokens (
                    token_hash TEXT PRIMARY KEY,            -- SHA-256 of the token, never the token
                    pool_id TEXT NOT NULL REFERENCES user_pools(id) ON DELETE CASCADE,
                    client_id TEXT NOT NULL,
                    username TEXT NOT NULL,
                    origin_jti TEXT NOT NULL UNIQUE,        -- shared by every token of one sign-in
                    auth_time INTEGER NOT NULL,
                    issued_at REAL NOT NULL,
                    expires_at REAL NOT NULL,
                    revoked_at REAL
                );
                CREATE INDEX refresh_tokens_by_user ON refresh_tokens (pool_id, username);
                """),
    ]
}
