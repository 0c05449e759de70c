-- Events waiting to be published (written in the caller's transaction) and, once sent, kept for a while.
CREATE TABLE messaging_outbox (
    position       bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    message_id     uuid        NOT NULL,
    type           text        NOT NULL,
    version        integer     NOT NULL,
    payload        json        NOT NULL, -- json keeps the bytes exactly as serialized
    occurred_at    timestamptz NOT NULL,
    correlation_id text,
    causation_id   text,
    traceparent    text,
    tracestate     text,
    producer       text        NOT NULL,
    attempts       integer     NOT NULL DEFAULT 0,
    last_error     text,
    sent_at        timestamptz
);
CREATE INDEX messaging_outbox_unsent ON messaging_outbox (position) WHERE sent_at IS NULL;
CREATE INDEX messaging_outbox_sent_at ON messaging_outbox (sent_at) WHERE sent_at IS NOT NULL;

-- Wakes the relays as soon as a transaction that added events commits (NOTIFY is delivered on commit).
CREATE FUNCTION messaging_outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('messaging_outbox', '');
    RETURN NULL;
END
$$;
CREATE TRIGGER messaging_outbox_inserted AFTER INSERT ON messaging_outbox
    FOR EACH STATEMENT EXECUTE FUNCTION messaging_outbox_notify();

-- Messages this service has handled; written in the handler's transaction so a redelivery has no second effect.
CREATE TABLE messaging_inbox (
    message_id uuid        PRIMARY KEY,
    type       text        NOT NULL,
    handled_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX messaging_inbox_handled_at ON messaging_inbox (handled_at);
