-- Responses remembered per Idempotency-Key so a retried POST has one effect (see IdempotencyStore).
CREATE TABLE idempotency_keys (
    scope           text        NOT NULL,
    key             text        NOT NULL,
    request_hash    bytea       NOT NULL,
    completed       boolean     NOT NULL DEFAULT false,
    locked_until    timestamptz NOT NULL,
    response_status integer,
    response_type   text,
    response_body   bytea,
    response_location text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    expires_at      timestamptz NOT NULL,
    PRIMARY KEY (scope, key)
);
CREATE INDEX idempotency_keys_expires_at ON idempotency_keys (expires_at);
