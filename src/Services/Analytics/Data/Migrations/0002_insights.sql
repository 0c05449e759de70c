-- Facts for turn time, RevPASH, the platform view and the weekly summary.

-- When a booking's guests left (turn time = completed_at - start_at); the completion's own time, kept apart from status_at.
ALTER TABLE reservation_facts ADD COLUMN completed_at timestamptz;

-- The floor as restaurants publishes it: seats = the maximum capacities of the active tables.
CREATE TABLE table_facts (
    table_id        uuid PRIMARY KEY,
    restaurant_id   uuid NOT NULL,
    max_capacity    int NOT NULL,
    active          boolean NOT NULL,
    version         int NOT NULL,
    changed_at      timestamptz NOT NULL
);
CREATE INDEX table_facts_restaurant ON table_facts (restaurant_id) WHERE active;

-- The opening hours document, replaced whole (the newest by changed_at wins).
CREATE TABLE hours_facts (
    restaurant_id   uuid PRIMARY KEY,
    time_zone       text NOT NULL,
    weekly          jsonb NOT NULL,
    exceptions      jsonb NOT NULL,
    changed_at      timestamptz NOT NULL
);

-- Day-work shifts booked through jobs (accepted applications), on the service date of the shift; a cancellation un-fills it.
CREATE TABLE job_fill_facts (
    application_id  uuid PRIMARY KEY,
    restaurant_id   uuid NOT NULL,
    job_id          uuid NOT NULL,
    shift_date      date,
    accepted_at     timestamptz,
    cancelled_at    timestamptz
);
CREATE INDEX job_fill_facts_day ON job_fill_facts (shift_date);

-- The platform view sums every restaurant's day.
CREATE INDEX daily_rollup_day ON daily_rollup (service_date);

-- One weekly summary per restaurant and week (the Monday it starts): the insert is the claim, in the transaction of the
-- outbox write, so a restart or a second replica never sends a week twice.
CREATE TABLE weekly_summaries_sent (
    restaurant_id   uuid NOT NULL,
    week_start      date NOT NULL,
    request_id      uuid NOT NULL,
    sent_at         timestamptz NOT NULL,
    PRIMARY KEY (restaurant_id, week_start)
);
