-- People this service writes to, as identity's events describe them.
CREATE TABLE recipients (
    user_id     uuid PRIMARY KEY,
    email       text,
    name        text,
    phone       text,
    roles       text[] NOT NULL DEFAULT '{}',
    locale      text NOT NULL DEFAULT 'ko',
    updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX recipients_roles ON recipients USING gin (roles);

-- Restaurant staff, mirrored from restaurants.member.* and identity.membership.changed.
CREATE TABLE restaurant_staff (
    restaurant_id uuid NOT NULL,
    user_id       uuid NOT NULL,
    role          text NOT NULL,
    changed_at    timestamptz NOT NULL,
    PRIMARY KEY (restaurant_id, user_id)
);
CREATE INDEX restaurant_staff_user ON restaurant_staff (user_id);

-- The in-app inbox. Ids are UUIDv7, so id order is creation order (the paging key).
CREATE TABLE notifications (
    id            uuid PRIMARY KEY,
    user_id       uuid NOT NULL,
    restaurant_id uuid,
    type          text NOT NULL,
    title         text NOT NULL,
    body          text NOT NULL,
    created_at    timestamptz NOT NULL,
    read_at       timestamptz
);
CREATE INDEX notifications_user ON notifications (user_id, id DESC);

-- Per-person, per-channel switches; a missing row means the channel's default.
CREATE TABLE channel_preferences (
    user_id  uuid NOT NULL,
    channel  text NOT NULL CHECK (channel IN ('in_app', 'email', 'sms', 'push')),
    enabled  boolean NOT NULL,
    PRIMARY KEY (user_id, channel)
);

CREATE TABLE quiet_hours (
    user_id    uuid PRIMARY KEY,
    start_time text NOT NULL, -- HH:mm local
    end_time   text NOT NULL,
    time_zone  text NOT NULL
);

CREATE TABLE device_tokens (
    token       text PRIMARY KEY,
    user_id     uuid NOT NULL,
    platform    text NOT NULL,
    created_at  timestamptz NOT NULL
);
CREATE INDEX device_tokens_user ON device_tokens (user_id);

-- Every email, SMS and push message, with its delivery attempts.
CREATE TABLE deliveries (
    id              uuid PRIMARY KEY,
    notification_id uuid,
    user_id         uuid,
    channel         text NOT NULL CHECK (channel IN ('email', 'sms', 'push')),
    recipient       text NOT NULL,
    subject         text NOT NULL,
    body            text NOT NULL,
    type            text NOT NULL,
    status          text NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
    attempts        int NOT NULL DEFAULT 0,
    last_error      text,
    next_attempt_at timestamptz NOT NULL,
    created_at      timestamptz NOT NULL,
    sent_at         timestamptz
);
CREATE INDEX deliveries_due ON deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX deliveries_failed ON deliveries (created_at DESC) WHERE status = 'failed';
CREATE INDEX deliveries_user ON deliveries (user_id, created_at DESC);
