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
        // Version 3: users, their pending codes, and the message outbox.
        Migration(
            version: 3,
            sql: """
                CREATE TABLE users (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,  -- creation order, for ListUsers paging
                    pool_id TEXT NOT NULL REFERENCES user_pools(id) ON DELETE CASCADE,
                    username TEXT NOT NULL,                 -- the internal username, as created
                    username_key TEXT NOT NULL,             -- lookup form: lower-cased in case-insensitive pools
                    sub TEXT NOT NULL,
                    status TEXT NOT NULL,
                    enabled INTEGER NOT NULL,
                    created_at REAL NOT NULL,
                    updated_at REAL NOT NULL,
                    attributes TEXT NOT NULL,               -- JSON array of [name, value], in insertion order
                    password_salt BLOB,                     -- SRP salt and verifier only, never the password
                    password_verifier BLOB,
                    password_set_at REAL,
                    email_key TEXT,                         -- alias lookup forms, see UserStore.aliasKeys
                    phone_key TEXT,
                    preferred_username_key TEXT,
                    UNIQUE (pool_id, username_key),
                    UNIQUE (pool_id, sub)
                );
                CREATE INDEX users_email ON users (pool_id, email_key);
                CREATE INDEX users_phone ON users (pool_id, phone_key);
                CREATE INDEX users_preferred_username ON users (pool_id, preferred_username_key);
                CREATE TABLE user_codes (
                    pool_id TEXT NOT NULL REFERENCES user_pools(id) ON DELETE CASCADE,
                    sub TEXT NOT NULL,
                    purpose TEXT NOT NULL,                  -- SIGN_UP | FORGOT_PASSWORD | VERIFY_ATTRIBUTE
                    code TEXT NOT NULL,
                    attribute TEXT,                         -- the attribute a confirmation verifies (email, phone_number)
                    issued_at REAL NOT NULL,
                    expires_at REAL NOT NULL,
                    PRIMARY KEY (pool_id, sub, purpose)
                );
                CREATE TABLE messages (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,  -- send order
                    pool_id TEXT NOT NULL REFERENCES user_pools(id) ON DELETE CASCADE,
                    username TEXT NOT NULL,                 -- internal username of the recipient
                    channel TEXT NOT NULL CHECK (channel IN ('SMS', 'EMAIL')),
                    destination TEXT NOT NULL,
                    code TEXT,
                    message TEXT NOT NULL,
                    sent_at REAL NOT NULL
                );
                CREATE INDEX messages_recipient ON messages (pool_id, username, seq);
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
                -- Every session start prunes long-expired sessions: without this index that is a full scan.
                CREATE INDEX auth_sessions_expiry ON auth_sessions (expires_at);
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
        // Version 5: users' MFA state.
        Migration(
            version: 5,
            sql: """
                CREATE TABLE user_mfa (
                    pool_id TEXT NOT NULL REFERENCES user_pools(id) ON DELETE CASCADE,
                    sub TEXT NOT NULL,
                    state TEXT NOT NULL,                    -- JSON, see UserMfa.storedJSON
                    PRIMARY KEY (pool_id, sub)
                );
                CREATE TRIGGER user_mfa_follows_user AFTER DELETE ON users BEGIN
                    DELETE FROM user_mfa WHERE pool_id = old.pool_id AND sub = old.sub;
                END;
                """),
        // Version 14: ListUsers costs what its page costs, whatever the pool's size. Each
        // attribute AWS lets ListUsers filter on gets a column (kept by UserStore.save), and every
        // filterable column an index led by pool_id; SQLite appends the rowid (seq) to each index,
        // so the rows of one exact value come out in creation order, ready for keyset paging.
        Migration(
            version: 14,
            sql: """
                ALTER TABLE users ADD COLUMN filter_email TEXT;
                ALTER TABLE users ADD COLUMN filter_phone_number TEXT;
                ALTER TABLE users ADD COLUMN filter_name TEXT;
                ALTER TABLE users ADD COLUMN filter_given_name TEXT;
                ALTER TABLE users ADD COLUMN filter_family_name TEXT;
                ALTER TABLE users ADD COLUMN filter_preferred_username TEXT;
                UPDATE users SET
                    filter_email = (SELECT value ->> 1 FROM json_each(users.attributes) WHERE value ->> 0 = 'email'),
                    filter_phone_number = (SELECT value ->> 1 FROM json_each(users.attributes) WHERE value ->> 0 = 'phone_number'),
                    filter_name = (SELECT value ->> 1 FROM json_each(users.attributes) WHERE value ->> 0 = 'name'),
                    filter_given_name = (SELECT value ->> 1 FROM json_each(users.attributes) WHERE value ->> 0 = 'given_name'),
                    filter_family_name = (SELECT value ->> 1 FROM json_each(users.attributes) WHERE value ->> 0 = 'family_name'),
                    filter_preferred_username =
                        (SELECT value ->> 1 FROM json_each(users.attributes) WHERE value ->> 0 = 'preferred_username');
                CREATE INDEX users_by_pool ON users (pool_id);
                CREATE INDEX users_by_username ON users (pool_id, username);
                CREATE INDEX users_by_status ON users (pool_id, status);
                CREATE INDEX users_by_enabled ON users (pool_id, enabled);
                CREATE INDEX users_by_email ON users (pool_id, filter_email);
                CREATE INDEX users_by_phone_number ON users (pool_id, filter_phone_number);
                CREATE INDEX users_by_name ON users (pool_id, filter_name);
                CREATE INDEX users_by_given_name ON users (pool_id, filter_given_name);
                CREATE INDEX users_by_family_name ON users (pool_id, filter_family_name);
                CREATE INDEX users_by_preferred_username ON users (pool_id, filter_preferred_username);
                """),
    ]
}
