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
        // Version 6: a challenge session is bound to one user (its sub) and to the credentials in force
        // when it was issued, so a deleted and re-created user or a new password ends it.
        Migration(
            version: 6,
            sql: """
                ALTER TABLE auth_sessions ADD COLUMN sub TEXT;
                ALTER TABLE auth_sessions ADD COLUMN credential_stamp TEXT;
                """),
        // Version 8: user pool groups and their members. Deleting a user or a pool removes its
        // memberships (the trigger and the cascade); deleting a group is done by GroupStore.
        Migration(
            version: 8,
            sql: """
                CREATE TABLE user_groups (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,  -- creation order, for ListGroups paging
                    pool_id TEXT NOT NULL REFERENCES user_pools(id) ON DELETE CASCADE,
                    name TEXT NOT NULL,                     -- GroupName, case-sensitive
                    description TEXT,
                    role_arn TEXT,
                    precedence INTEGER,
                    created_at REAL NOT NULL,
                    updated_at REAL NOT NULL,
                    UNIQUE (pool_id, name)
                );
                CREATE TABLE group_members (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,  -- joining order, for ListUsersInGroup paging
                    pool_id TEXT NOT NULL REFERENCES user_pools(id) ON DELETE CASCADE,
                    group_name TEXT NOT NULL,
                    sub TEXT NOT NULL,
                    UNIQUE (pool_id, group_name, sub)
                );
                CREATE INDEX group_members_by_user ON group_members (pool_id, sub);
                CREATE TRIGGER group_members_follow_user AFTER DELETE ON users BEGIN
                    DELETE FROM group_members WHERE pool_id = old.pool_id AND sub = old.sub;
                END;
                """),
        // Version 9: the new email / phone number an attribute-verification code confirms, while
        // the pool keeps the old value until it is verified (AttributesRequireVerificationBeforeUpdate).
        Migration(
            version: 9,
            sql: """
                ALTER TABLE user_codes ADD COLUMN pending_value TEXT;
                """),
        // Version 11: user pool domains (prefix domains and custom domains).
        Migration(
            version: 11,
            sql: """
                CREATE TABLE user_pool_domains (
                    domain TEXT NOT NULL,                   -- the prefix, or the custom domain's full name
                    scope TEXT NOT NULL,                    -- the region for a prefix domain, '' for a custom domain
                    pool_id TEXT NOT NULL REFERENCES user_pools(id) ON DELETE CASCADE,
                    custom INTEGER NOT NULL,                -- 1: custom domain (CustomDomainConfig)
                    certificate_arn TEXT,                   -- custom domains only
                    managed_login_version INTEGER NOT NULL,
                    version TEXT NOT NULL,                  -- DomainDescription.Version (yyyyMMddHHmmss, UTC)
                    created_at REAL NOT NULL,
                    PRIMARY KEY (scope, domain),            -- prefixes are unique per region, custom names everywhere
                    UNIQUE (pool_id, custom)                -- one prefix domain and one custom domain per pool
                );
                """),
        // Version 12: resource servers (custom OAuth scopes).
        Migration(
            version: 12,
            sql: """
                CREATE TABLE resource_servers (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,  -- creation order, for ListResourceServers paging
                    pool_id TEXT NOT NULL REFERENCES user_pools(id) ON DELETE CASCADE,
                    identifier TEXT NOT NULL,
                    name TEXT NOT NULL,
                    scopes TEXT NOT NULL,                   -- JSON array of ResourceServerScopeType
                    UNIQUE (pool_id, identifier)
                );
                """),
        // Version 13: identity providers (SAML, OIDC and social sign-in configurations).
        Migration(
            version: 13,
            sql: """
                CREATE TABLE identity_providers (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,  -- creation order, for ListIdentityProviders paging
                    pool_id TEXT NOT NULL REFERENCES user_pools(id) ON DELETE CASCADE,
                    name TEXT NOT NULL,
                    type TEXT NOT NULL,
                    details TEXT NOT NULL,                  -- JSON object, ProviderDetails as answered
                    attribute_mapping TEXT NOT NULL,        -- JSON object
                    idp_identifiers TEXT NOT NULL,          -- JSON array of strings
                    created_at REAL NOT NULL,
                    updated_at REAL NOT NULL,
                    UNIQUE (pool_id, name)
                );
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
        // Version 16: the OAuth 2.0 authorization server of a pool's domain: managed-login sessions
        // (the browser's login cookie), authorization codes, and the scopes of an OAuth sign-in's
        // refresh token (NULL: an API sign-in, whose tokens carry aws.cognito.signin.user.admin).
        Migration(
            version: 16,
            sql: """
                CREATE TABLE login_sessions (
                    id_hash TEXT PRIMARY KEY,               -- SHA-256 of the cookie value, never the value
                    pool_id TEXT NOT NULL REFERENCES user_pools(id) ON DELETE CASCADE,
                    sub TEXT NOT NULL,
                    credential_stamp TEXT NOT NULL,         -- a new password ends the login session
                    auth_time INTEGER NOT NULL,
                    expires_at REAL NOT NULL
                );
                CREATE TABLE authorization_codes (
                    code_hash TEXT PRIMARY KEY,
                    pool_id TEXT NOT NULL REFERENCES user_pools(id) ON DELETE CASCADE,
                    client_id TEXT NOT NULL,
                    sub TEXT NOT NULL,
                    credential_stamp TEXT NOT NULL,
                    redirect_uri TEXT NOT NULL,
                    scopes TEXT NOT NULL,                   -- space-separated, as granted
                    nonce TEXT,
                    code_challenge TEXT,
                    code_challenge_method TEXT,
                    auth_time INTEGER NOT NULL,
                    expires_at REAL NOT NULL,
                    used_at REAL
                );
                ALTER TABLE refresh_tokens ADD COLUMN scopes TEXT;
                """),
        // Version 18: remembered devices. A row is made for every sign-in that gets NewDeviceMetadata;
        // ConfirmDevice gives it the device's SRP salt and verifier (never the device password).
        // Refresh tokens remember the device of their sign-in, for the access token's `device_key`.
        Migration(
            version: 18,
            sql: """
                CREATE TABLE devices (
                    pool_id TEXT NOT NULL REFERENCES user_pools(id) ON DELETE CASCADE,
                    device_key TEXT NOT NULL,
                    sub TEXT NOT NULL,
                    group_key TEXT NOT NULL,
                    name TEXT,
                    salt BLOB,                              -- NULL until ConfirmDevice
                    verifier BLOB,
                    remembered INTEGER NOT NULL DEFAULT 0,
                    created_at REAL NOT NULL,
                    modified_at REAL NOT NULL,
                    last_authenticated_at REAL,
                    PRIMARY KEY (pool_id, device_key)
                );
                CREATE INDEX devices_by_user ON devices (pool_id, sub, created_at);
                CREATE TRIGGER devices_follow_user AFTER DELETE ON users BEGIN
                    DELETE FROM devices WHERE pool_id = old.pool_id AND sub = old.sub;
                END;
                ALTER TABLE refresh_tokens ADD COLUMN device_key TEXT;
                """),
        // Version 19: passkeys (WebAuthn credentials): the public key as registered, never a secret.
        Migration(
            version: 19,
            sql: """
                CREATE TABLE passkeys (
                    pool_id TEXT NOT NULL REFERENCES user_pools(id) ON DELETE CASCADE,
                    credential_id TEXT NOT NULL,            -- base64url
                    sub TEXT NOT NULL,
                    public_key BLOB NOT NULL,               -- COSE_Key
                    sign_count INTEGER NOT NULL,
                    relying_party_id TEXT NOT NULL,
                    friendly_name TEXT,
                    attachment TEXT,
                    transports TEXT NOT NULL,               -- JSON array
                    created_at REAL NOT NULL,
                    PRIMARY KEY (pool_id, credential_id)
                );
                CREATE INDEX passkeys_by_user ON passkeys (pool_id, sub, created_at);
                CREATE TRIGGER passkeys_follow_user AFTER DELETE ON users BEGIN
                    DELETE FROM passkeys WHERE pool_id = old.pool_id AND sub = old.sub;
                END;
                """),
    ]
}
