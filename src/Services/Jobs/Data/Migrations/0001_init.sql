-- Restaurant facts learned from restaurants events, the postings, applications (which become bookings), ratings,
-- each restaurant's roster of favourite and blocked workers, and the workers' credentials and record.
CREATE EXTENSION IF NOT EXISTS btree_gist;

CREATE TABLE restaurants (
    id           uuid PRIMARY KEY,
    name         text NOT NULL,
    address      text NOT NULL,
    lat          double precision NOT NULL,
    lng          double precision NOT NULL,
    time_zone    text NOT NULL,
    currency     text NOT NULL,
    status       text NOT NULL,
    facts_at     timestamptz NOT NULL,
    rating_sum   int NOT NULL DEFAULT 0,
    rating_count int NOT NULL DEFAULT 0
);

CREATE TABLE workers (
    id                 uuid PRIMARY KEY,
    name               text NOT NULL,
    credentials        jsonb NOT NULL DEFAULT '[]',
    suspended_until    timestamptz,
    completed_shifts   int NOT NULL DEFAULT 0,
    no_shows           int NOT NULL DEFAULT 0,
    late_cancellations int NOT NULL DEFAULT 0,
    rating_sum         int NOT NULL DEFAULT 0,
    rating_count       int NOT NULL DEFAULT 0,
    updated_at         timestamptz NOT NULL
);

CREATE TABLE jobs (
    id                       uuid PRIMARY KEY,
    restaurant_id            uuid NOT NULL REFERENCES restaurants (id),
    series_id                uuid,
    title                    text NOT NULL,
    category                 text NOT NULL,
    description              text,
    work_date                date NOT NULL,
    starts_at                timestamptz NOT NULL,
    ends_at                  timestamptz NOT NULL CHECK (ends_at > starts_at),
    time_zone                text NOT NULL,
    hourly_wage              bigint NOT NULL CHECK (hourly_wage > 0),
    currency                 text NOT NULL,
    headcount                int NOT NULL CHECK (headcount BETWEEN 1 AND 100),
    -- Booked workers. The conditional UPDATE … WHERE filled < headcount and this CHECK keep the headcount.
    filled                   int NOT NULL DEFAULT 0 CHECK (filled >= 0 AND filled <= headcount),
    address                  text NOT NULL,
    lat                      double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
    lng                      double precision NOT NULL CHECK (lng BETWEEN -180 AND 180),
    contact_name             text,
    contact_phone            text,
    dress_code               text,
    requirements             text[] NOT NULL DEFAULT '{}',
    break_minutes            int NOT NULL DEFAULT 0,
    booking_mode             text NOT NULL CHECK (booking_mode IN ('manual','auto')),
    favourites_first_minutes int NOT NULL DEFAULT 0,
    opened_at                timestamptz,
    -- Until then only the restaurant's favourite workers see and book the posting.
    public_at                timestamptz,
    status                   text NOT NULL CHECK (status IN ('draft','open','filled','in_progress','completed','cancelled')),
    cancel_reason            text,
    attendance_secret        bytea NOT NULL,
    created_by               uuid NOT NULL,
    created_at               timestamptz NOT NULL,
    updated_at               timestamptz NOT NULL,
    deleted_at               timestamptz,
    version                  int NOT NULL DEFAULT 1
);
-- The feed: open postings by start, or near a point (a box on latitude and longitude first, then the exact distance).
-- A plain B-tree on (lat, lng), not GiST on a point: the planner has column statistics for ranges of lat and lng, so it
-- can tell a wide box (walk the start index, skip the few outside) from a narrow one (read the box, sort it).
CREATE INDEX jobs_feed_start ON jobs (starts_at, id) WHERE status = 'open';
CREATE INDEX jobs_feed_location ON jobs (lat, lng) WHERE status = 'open';
CREATE INDEX jobs_restaurant ON jobs (restaurant_id, starts_at) WHERE deleted_at IS NULL;
CREATE INDEX jobs_series ON jobs (series_id) WHERE series_id IS NOT NULL;
CREATE INDEX jobs_to_start ON jobs (starts_at) WHERE status IN ('open','filled');
CREATE INDEX jobs_to_complete ON jobs (ends_at) WHERE status = 'in_progress';

CREATE TABLE applications (
    id                     uuid PRIMARY KEY,
    job_id                 uuid NOT NULL REFERENCES jobs (id),
    restaurant_id          uuid NOT NULL,
    worker_id              uuid NOT NULL,
    worker_name            text NOT NULL,
    message                text,
    status                 text NOT NULL CHECK (status IN ('applied','accepted','declined','withdrawn','expired','cancelled','checked_in','checked_out','no_show')),
    -- The shift's time, copied from the posting (which cannot move once someone is booked).
    during                 tstzrange NOT NULL,
    applied_at             timestamptz NOT NULL,
    decided_at             timestamptz,
    decided_by             uuid,
    accepted_by            text CHECK (accepted_by IN ('restaurant','auto')),
    decline_reason         text,
    reconfirm_requested_at timestamptz,
    reconfirmed_at         timestamptz,
    cancelled_at           timestamptz,
    cancelled_by           text CHECK (cancelled_by IN ('worker','restaurant','system')),
    cancel_reason          text,
    late_cancel            boolean NOT NULL DEFAULT false,
    compensation           bigint NOT NULL DEFAULT 0,
    checked_in_at          timestamptz,
    check_in_meters        int,
    checked_out_at         timestamptz,
    check_out_meters       int,
    auto_checked_out       boolean NOT NULL DEFAULT false,
    timesheet_status       text CHECK (timesheet_status IN ('pending','approved')),
    break_minutes          int,
    paid_minutes           int,
    gross                  bigint,
    timesheet_due_at       timestamptz,
    approved_at            timestamptz,
    approved_by            text CHECK (approved_by IN ('restaurant','auto')),
    approver_id            uuid,
    adjusted               boolean NOT NULL DEFAULT false,
    adjustment_note        text,
    updated_at             timestamptz NOT NULL,
    version                int NOT NULL DEFAULT 1,
    -- No worker in two overlapping shifts, whichever replica or request books them: the database refuses it.
    CONSTRAINT applications_no_overlap EXCLUDE USING gist (worker_id WITH =, during WITH &&)
        WHERE (status IN ('accepted','checked_in','checked_out'))
);
CREATE UNIQUE INDEX applications_one_per_worker ON applications (job_id, worker_id)
    WHERE status IN ('applied','accepted','declined','checked_in','checked_out','no_show');
CREATE INDEX applications_job ON applications (job_id, applied_at, id);
CREATE INDEX applications_worker ON applications (worker_id, lower(during) DESC, id DESC);
CREATE INDEX applications_timesheets ON applications (restaurant_id, checked_out_at, id) WHERE timesheet_status IS NOT NULL;
CREATE INDEX applications_pending_timesheets ON applications (timesheet_due_at) WHERE timesheet_status = 'pending';
CREATE INDEX applications_to_reconfirm ON applications (lower(during)) WHERE status = 'accepted' AND reconfirm_requested_at IS NULL;
CREATE INDEX applications_checked_in ON applications (upper(during)) WHERE status = 'checked_in';

CREATE TABLE ratings (
    application_id uuid NOT NULL REFERENCES applications (id),
    rater          text NOT NULL CHECK (rater IN ('worker','restaurant')),
    score          int NOT NULL CHECK (score BETWEEN 1 AND 5),
    comment        text,
    rated_by       uuid NOT NULL,
    created_at     timestamptz NOT NULL,
    PRIMARY KEY (application_id, rater)
);

-- A restaurant's favourite workers (see new postings first) and blocked workers (never see its postings).
CREATE TABLE roster (
    restaurant_id uuid NOT NULL,
    worker_id     uuid NOT NULL,
    kind          text NOT NULL CHECK (kind IN ('favourite','blocked')),
    worker_name   text,
    note          text,
    added_by      uuid NOT NULL,
    added_at      timestamptz NOT NULL,
    PRIMARY KEY (restaurant_id, worker_id)
);
CREATE INDEX roster_worker ON roster (worker_id);

-- Late cancellations and no-shows, with what they cost: a worker's suspension or a restaurant's compensation.
CREATE TABLE penalties (
    id              uuid PRIMARY KEY,
    application_id  uuid NOT NULL REFERENCES applications (id),
    party           text NOT NULL CHECK (party IN ('worker','restaurant')),
    kind            text NOT NULL CHECK (kind IN ('late_cancel','no_show')),
    worker_id       uuid NOT NULL,
    restaurant_id   uuid NOT NULL,
    compensation    bigint NOT NULL DEFAULT 0,
    currency        text NOT NULL,
    suspended_until timestamptz,
    created_at      timestamptz NOT NULL
);
CREATE INDEX penalties_worker ON penalties (worker_id, created_at);
