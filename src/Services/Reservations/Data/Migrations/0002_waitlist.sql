-- The walk-in queue: parties waiting for a table, in queue_order (postponing swaps places with the next party).
CREATE SEQUENCE waitlist_order;

CREATE TABLE waitlist_entries (
    id             uuid PRIMARY KEY,
    restaurant_id  uuid NOT NULL,
    name           text NOT NULL,
    phone          text,
    party_size     int NOT NULL CHECK (party_size > 0),
    status         text NOT NULL CHECK (status IN ('waiting','ready','seated','left')),
    queue_order    bigint NOT NULL DEFAULT nextval('waitlist_order'),
    postponements  int NOT NULL DEFAULT 0 CHECK (postponements BETWEEN 0 AND 2),
    created_at     timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL
);
CREATE INDEX waitlist_entries_active ON waitlist_entries (restaurant_id, queue_order) WHERE status IN ('waiting','ready');

-- Diners asking to hear about a sold-out slot; the earliest matching open request is offered a cancelled booking's place.
CREATE TABLE slot_watches (
    id                      uuid PRIMARY KEY,
    restaurant_id           uuid NOT NULL,
    diner_id                uuid NOT NULL,
    starts_at               timestamptz NOT NULL,
    party_size              int NOT NULL CHECK (party_size > 0),
    status                  text NOT NULL CHECK (status IN ('open','offered')),
    offered_reservation_id  uuid,
    created_at              timestamptz NOT NULL,
    offered_at              timestamptz
);
CREATE INDEX slot_watches_open ON slot_watches (restaurant_id, starts_at) WHERE status = 'open';
