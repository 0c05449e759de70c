-- Access tokens revoked before they expire (identity.token.revoked), kept until they expire so a
-- restarted gateway refuses them too. The in-memory list is loaded from here at start-up.
CREATE TABLE revoked_tokens (
    token_id   text PRIMARY KEY,
    expires_at timestamptz NOT NULL
);

CREATE INDEX revoked_tokens_expires_at ON revoked_tokens (expires_at);
