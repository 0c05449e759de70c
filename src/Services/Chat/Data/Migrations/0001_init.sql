-- Who works at which restaurant, learned from restaurants' member events: a staff room may only hold them.
CREATE TABLE restaurant_staff (
    restaurant_id uuid NOT NULL,
    user_id       uuid NOT NULL,
    role          text NOT NULL,
    PRIMARY KEY (restaurant_id, user_id)
);

-- kind: staff (opened by a restaurant's person), shift (a worker and the restaurant, opened by jobs events).
-- subject is the business fact a room was opened for (jobs.application:<id>), so a redelivered event finds its room.
-- last_seq numbers the room's messages; sending locks the row, which also orders the room's messages.
CREATE TABLE rooms (
    id              uuid PRIMARY KEY,
    kind            text NOT NULL CHECK (kind IN ('staff', 'shift')),
    restaurant_id   uuid NOT NULL,
    title           text NOT NULL,
    subject         text UNIQUE,
    mask_contacts   boolean NOT NULL DEFAULT false,
    last_seq        bigint NOT NULL DEFAULT 0,
    last_message_at timestamptz,
    created_by      uuid,
    created_at      timestamptz NOT NULL
);

-- side: worker or restaurant (masking applies between the two). A member who left keeps the row (left_at) and loses access.
-- last_read_seq is the read receipt; last_notified_seq the message an offline member was last told about, so a burst of
-- messages they have not read makes one notification.
CREATE TABLE room_members (
    room_id           uuid NOT NULL REFERENCES rooms (id),
    user_id           uuid NOT NULL,
    role              text NOT NULL,
    side              text NOT NULL CHECK (side IN ('worker', 'restaurant')),
    joined_at         timestamptz NOT NULL,
    left_at           timestamptz,
    muted             boolean NOT NULL DEFAULT false,
    last_read_seq     bigint NOT NULL DEFAULT 0,
    last_notified_seq bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (room_id, user_id)
);
CREATE INDEX room_members_user ON room_members (user_id) WHERE left_at IS NULL;

-- kind: text, image, system. body_en is the English of a system message. client_message_id makes a send idempotent per sender.
CREATE TABLE messages (
    id                uuid PRIMARY KEY,
    room_id           uuid NOT NULL REFERENCES rooms (id),
    seq               bigint NOT NULL,
    sender_id         uuid,
    kind              text NOT NULL CHECK (kind IN ('text', 'image', 'system')),
    body              text,
    body_en           text,
    image_url         text,
    client_message_id text,
    created_at        timestamptz NOT NULL,
    edited_at         timestamptz,
    deleted_at        timestamptz,
    hidden_at         timestamptz,
    UNIQUE (room_id, seq),
    UNIQUE (room_id, sender_id, client_message_id)
);

CREATE TABLE message_reports (
    message_id  uuid NOT NULL REFERENCES messages (id),
    reporter_id uuid NOT NULL,
    reason      text NOT NULL,
    created_at  timestamptz NOT NULL,
    resolved_at timestamptz,
    PRIMARY KEY (message_id, reporter_id)
);
CREATE INDEX message_reports_open ON message_reports (created_at) WHERE resolved_at IS NULL;
