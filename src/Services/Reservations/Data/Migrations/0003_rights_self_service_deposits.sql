-- Names of restaurants, for the messages people read.
ALTER TABLE restaurants ADD COLUMN name text, ADD COLUMN name_en text;

-- The local date whose service a booking belongs to: its calendar date, or the day before for the after-midnight tail
-- of a late service (as availability counts it). Day sheets, covers and messages use it. And the deposit's payment.
ALTER TABLE reservations ADD COLUMN service_date date, ADD COLUMN deposit_payment_id uuid;
UPDATE reservations r SET service_date =
    (r.starts_at AT TIME ZONE coalesce((SELECT time_zone FROM restaurants WHERE id = r.restaurant_id), 'Asia/Seoul'))::date;
ALTER TABLE reservations ALTER COLUMN service_date SET NOT NULL;
CREATE INDEX reservations_service_date ON reservations (restaurant_id, service_date, starts_at, id);

-- A diner may join a queue remotely (원격 줄서기): their entry carries their account, one active entry per restaurant.
ALTER TABLE waitlist_entries ADD COLUMN diner_id uuid;
CREATE UNIQUE INDEX waitlist_entries_one_per_diner ON waitlist_entries (restaurant_id, diner_id)
    WHERE diner_id IS NOT NULL AND status IN ('waiting', 'ready');
CREATE INDEX waitlist_entries_diner ON waitlist_entries (diner_id, created_at) WHERE diner_id IS NOT NULL;

-- A diner withdraws their own "notify me" requests.
ALTER TABLE slot_watches DROP CONSTRAINT slot_watches_status_check,
    ADD CONSTRAINT slot_watches_status_check CHECK (status IN ('open', 'offered', 'withdrawn'));
CREATE INDEX slot_watches_diner ON slot_watches (diner_id, starts_at);

-- Rights learned from events, newer than a token can be: restaurants.member.added|removed, restaurants.restaurant.created
-- (its owner) and identity.membership.changed. role NULL = no longer a member. One row per person and restaurant.
CREATE TABLE restaurant_members (
    restaurant_id uuid NOT NULL,
    user_id       uuid NOT NULL,
    role          text CHECK (role IN ('owner', 'manager', 'staff')),
    changed_at    timestamptz NOT NULL,
    PRIMARY KEY (restaurant_id, user_id)
);

-- Platform roles as identity last announced them (identity.user_roles.changed).
CREATE TABLE user_roles (
    user_id    uuid PRIMARY KEY,
    roles      text[] NOT NULL,
    changed_at timestamptz NOT NULL
);
