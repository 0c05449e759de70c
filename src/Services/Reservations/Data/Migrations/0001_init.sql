-- Facts learned from restaurants events, this service's settings, and the bookings themselves.
CREATE EXTENSION IF NOT EXISTS btree_gist;

CREATE TABLE restaurants (
    id          uuid PRIMARY KEY,
    time_zone   text NOT NULL DEFAULT 'Asia/Seoul',
    currency    text NOT NULL DEFAULT 'KRW',
    bookable    boolean NOT NULL DEFAULT false,
    status_at   timestamptz NOT NULL DEFAULT '-infinity',
    hours       jsonb NOT NULL DEFAULT '{"weekly":[],"exceptions":[]}',
    hours_at    timestamptz NOT NULL DEFAULT '-infinity'
);

CREATE TABLE dining_tables (
    id              uuid PRIMARY KEY,
    restaurant_id   uuid NOT NULL,
    label           text NOT NULL,
    min_capacity    int NOT NULL,
    max_capacity    int NOT NULL,
    online_bookable boolean NOT NULL,
    priority        int NOT NULL,
    active          boolean NOT NULL,
    version         int NOT NULL
);
CREATE INDEX dining_tables_restaurant ON dining_tables (restaurant_id);

CREATE TABLE table_groups (
    id            uuid PRIMARY KEY,
    restaurant_id uuid NOT NULL,
    name          text NOT NULL,
    table_ids     uuid[] NOT NULL,
    min_capacity  int NOT NULL,
    max_capacity  int NOT NULL,
    active        boolean NOT NULL,
    changed_at    timestamptz NOT NULL
);
CREATE INDEX table_groups_restaurant ON table_groups (restaurant_id);

CREATE TABLE booking_settings (
    restaurant_id uuid PRIMARY KEY,
    document      jsonb NOT NULL,
    updated_at    timestamptz NOT NULL
);

-- The restaurant's guest book: one guest per phone number, with staff tags and notes and visit counts.
CREATE TABLE guests (
    id            uuid PRIMARY KEY,
    restaurant_id uuid NOT NULL,
    phone         text NOT NULL,
    name          text NOT NULL,
    tags          text[] NOT NULL DEFAULT '{}',
    notes         text,
    visits        int NOT NULL DEFAULT 0,
    no_shows      int NOT NULL DEFAULT 0,
    last_visit_at timestamptz,
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL,
    UNIQUE (restaurant_id, phone)
);

CREATE TABLE reservations (
    id               uuid PRIMARY KEY,
    restaurant_id    uuid NOT NULL,
    diner_id         uuid,
    party_size       int NOT NULL CHECK (party_size > 0),
    starts_at        timestamptz NOT NULL,
    ends_at          timestamptz NOT NULL CHECK (ends_at > starts_at),
    status           text NOT NULL CHECK (status IN ('pending_payment','confirmed','arrived','seated','completed','cancelled','no_show')),
    table_ids        uuid[] NOT NULL,
    guest_name       text,
    guest_phone      text,
    guest_id         uuid REFERENCES guests (id),
    notes            text,
    deposit_amount   bigint NOT NULL DEFAULT 0,
    currency         text NOT NULL,
    payment_status   text NOT NULL DEFAULT 'none',
    hold_expires_at  timestamptz,
    refund_percent   int,
    no_show_fee      bigint,
    cancelled_by     text,
    reminder_sent_at timestamptz,
    created_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL,
    version          int NOT NULL DEFAULT 1
);
CREATE INDEX reservations_restaurant_start ON reservations (restaurant_id, starts_at);
CREATE INDEX reservations_diner ON reservations (diner_id, starts_at) WHERE diner_id IS NOT NULL;
CREATE INDEX reservations_pending ON reservations (hold_expires_at) WHERE status = 'pending_payment';
CREATE INDEX reservations_to_remind ON reservations (starts_at) WHERE status = 'confirmed' AND reminder_sent_at IS NULL;

-- One row per table a reservation holds. No two active holds of one table overlap in time:
-- the database, not the application, refuses a double booking, whichever replica writes it.
CREATE TABLE table_holds (
    reservation_id uuid NOT NULL REFERENCES reservations (id),
    table_id       uuid NOT NULL,
    restaurant_id  uuid NOT NULL,
    during         tstzrange NOT NULL,
    active         boolean NOT NULL DEFAULT true,
    PRIMARY KEY (reservation_id, table_id),
    CONSTRAINT table_holds_no_overlap EXCLUDE USING gist (table_id WITH =, during WITH &&) WHERE (active)
);
CREATE INDEX table_holds_restaurant ON table_holds USING gist (restaurant_id, during) WHERE active;

-- Covers starting in one slot. Pacing is enforced by a conditional UPDATE (used + n <= capacity) and this CHECK.
CREATE TABLE slot_covers (
    restaurant_id uuid NOT NULL,
    slot_start    timestamptz NOT NULL,
    used          int NOT NULL CHECK (used >= 0),
    PRIMARY KEY (restaurant_id, slot_start)
);

-- Requests from concierge desks for their clients; accepted ones point at the reservation they became.
CREATE TABLE concierge_requests (
    id             uuid PRIMARY KEY,
    concierge_id   uuid NOT NULL,
    restaurant_id  uuid NOT NULL,
    party_size     int NOT NULL CHECK (party_size > 0),
    starts_at      timestamptz NOT NULL,
    guest_name     text NOT NULL,
    guest_phone    text,
    preferences    text,
    status         text NOT NULL CHECK (status IN ('pending','accepted','declined')),
    reservation_id uuid REFERENCES reservations (id),
    decline_reason text,
    created_at     timestamptz NOT NULL,
    decided_at     timestamptz
);
CREATE INDEX concierge_requests_concierge ON concierge_requests (concierge_id, created_at);
CREATE INDEX concierge_requests_restaurant ON concierge_requests (restaurant_id, created_at);
