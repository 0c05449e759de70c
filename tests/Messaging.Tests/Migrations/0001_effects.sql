-- What the test handlers did; deliberately without a unique key so a second effect would show.
CREATE TABLE effects (
    id             bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    message_id     uuid        NOT NULL,
    order_id       uuid        NOT NULL,
    sequence       integer     NOT NULL,
    attempt        integer     NOT NULL,
    correlation_id text,
    causation_id   text,
    traceparent    text,
    handled_at     timestamptz NOT NULL DEFAULT clock_timestamp()
);
