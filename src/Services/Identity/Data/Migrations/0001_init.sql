-- Accounts. Email and username are unique in their normalised (lower-case) form; a deleted account is
-- anonymised in place so its id stays valid for other services' references.
CREATE TABLE users (
    id                  uuid        PRIMARY KEY,
    email               text        NOT NULL,
    email_normalized    text        NOT NULL,
    username            text,
    username_normalized text,
    name                text        NOT NULL,
    phone               text,
    password_hash       text,                       -- null: cannot sign in (deleted)
    roles               text[]      NOT NULL,
    email_verified_at   timestamptz,
    failed_logins       integer     NOT NULL DEFAULT 0 CHECK (failed_logins >= 0),
    locked_until        timestamptz,
    locked_by_admin     boolean     NOT NULL DEFAULT false,
    created_at          timestamptz NOT NULL,
    updated_at          timestamptz NOT NULL,
    deleted_at          timestamptz
);
CREATE UNIQUE INDEX users_email_normalized ON users (email_normalized);
CREATE UNIQUE INDEX users_username_normalized ON users (username_normalized) WHERE username_normalized IS NOT NULL;

-- A person's role in a restaurant. role NULL marks a removal, kept so an older event cannot bring it back.
CREATE TABLE memberships (
    user_id       uuid        NOT NULL REFERENCES users (id),
    restaurant_id uuid        NOT NULL,
    role          text        CHECK (role IN ('owner', 'manager', 'staff')),
    changed_at    timestamptz NOT NULL,
    PRIMARY KEY (user_id, restaurant_id)
);
CREATE INDEX memberships_restaurant ON memberships (restaurant_id) WHERE role IS NOT NULL;

-- A sign-in session: one family of refresh tokens. Revoking it ends every token of the family.
CREATE TABLE sessions (
    id             uuid        PRIMARY KEY,
    user_id        uuid        NOT NULL REFERENCES users (id),
    created_at     timestamptz NOT NULL,
    revoked_at     timestamptz,
    revoked_reason text
);
CREATE INDEX sessions_user_active ON sessions (user_id) WHERE revoked_at IS NULL;

-- Refresh tokens by SHA-256; each is used once (used_at) and names the access token issued with it.
CREATE TABLE refresh_tokens (
    token_hash        bytea       PRIMARY KEY,
    session_id        uuid        NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    issued_at         timestamptz NOT NULL,
    expires_at        timestamptz NOT NULL,
    used_at           timestamptz,
    access_token_id   text        NOT NULL,
    access_expires_at timestamptz NOT NULL
);
CREATE INDEX refresh_tokens_session ON refresh_tokens (session_id);
CREATE INDEX refresh_tokens_expires_at ON refresh_tokens (expires_at);

-- Access tokens revoked before expiry (jti); replicas load these, other services learn them from events.
CREATE TABLE revoked_access_tokens (
    token_id   text        PRIMARY KEY,
    user_id    uuid,
    expires_at timestamptz NOT NULL,
    revoked_at timestamptz NOT NULL
);
CREATE INDEX revoked_access_tokens_expires_at ON revoked_access_tokens (expires_at);

-- Email verification and password reset tokens by SHA-256, one use each.
CREATE TABLE one_time_tokens (
    token_hash bytea       PRIMARY KEY,
    user_id    uuid        NOT NULL REFERENCES users (id),
    purpose    text        NOT NULL CHECK (purpose IN ('verify_email', 'reset_password')),
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    used_at    timestamptz
);
CREATE INDEX one_time_tokens_user ON one_time_tokens (user_id);

-- ES256 signing keys. private_key is PKCS#8 sealed with AES-256-GCM under Identity:KeyEncryptionKey.
CREATE TABLE signing_keys (
    kid          text        PRIMARY KEY,
    x            text        NOT NULL,
    y            text        NOT NULL,
    private_key  bytea       NOT NULL,
    created_at   timestamptz NOT NULL,
    activates_at timestamptz NOT NULL
);
