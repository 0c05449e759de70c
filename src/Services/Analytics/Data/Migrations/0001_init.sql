-- Analytics: facts copied from other services' events into tables shaped for reading, and rollups per restaurant and
-- service day (and hour) in the restaurant's zone. Facts are keyed by their source's id, so a redelivered event
-- rewrites the same row; each fact row remembers the time of the event that set it, so an older event arriving late
-- never overwrites a newer one. Rollups are recomputed from the facts of the day an event touched. Money is bigint won.

CREATE TABLE order_facts (
    order_id        uuid PRIMARY KEY,
    restaurant_id   uuid NOT NULL,
    -- closed (counts as sales), reopened (being corrected: not counted until closed again), cancelled
    status          text NOT NULL CHECK (status IN ('closed', 'reopened', 'cancelled')),
    status_at       timestamptz NOT NULL,
    diner_id        uuid,
    channel         text,
    covers          int NOT NULL DEFAULT 0,
    placed_at       timestamptz,
    closed_at       timestamptz,
    -- the service day and local hour the order was placed in; null until a closed event told when
    service_date    date,
    hour            smallint,
    subtotal        bigint NOT NULL DEFAULT 0,
    total           bigint NOT NULL DEFAULT 0,
    paid            bigint NOT NULL DEFAULT 0,
    currency        text NOT NULL
);
CREATE INDEX order_facts_day ON order_facts (restaurant_id, service_date) INCLUDE (status, hour, covers, total);
-- a diner's visits to a restaurant: new versus returning guests
CREATE INDEX order_facts_diner ON order_facts (restaurant_id, diner_id, service_date) WHERE diner_id IS NOT NULL AND status = 'closed';

-- The lines of closed orders only (removed when the order is reopened or cancelled): the item mix.
CREATE TABLE order_line_facts (
    order_id        uuid NOT NULL,
    line_id         uuid NOT NULL,
    restaurant_id   uuid NOT NULL,
    service_date    date NOT NULL,
    menu_item_id    uuid NOT NULL,
    name            text NOT NULL,
    category        text,
    quantity        int NOT NULL,
    line_total      bigint NOT NULL,
    PRIMARY KEY (order_id, line_id)
);
CREATE INDEX order_line_facts_day ON order_line_facts (restaurant_id, service_date);

CREATE TABLE payment_facts (
    payment_id      uuid PRIMARY KEY,
    restaurant_id   uuid NOT NULL,
    kind            text NOT NULL,
    reference_id    uuid NOT NULL,
    method          text NOT NULL,
    amount          bigint NOT NULL,
    currency        text NOT NULL,
    completed_at    timestamptz NOT NULL,
    service_date    date NOT NULL
);
CREATE INDEX payment_facts_day ON payment_facts (restaurant_id, service_date);

-- Refunds count on the day they were made (the day's money went back), against closed orders only.
CREATE TABLE refund_facts (
    refund_id       uuid PRIMARY KEY,
    payment_id      uuid NOT NULL,
    restaurant_id   uuid NOT NULL,
    kind            text NOT NULL,
    reference_id    uuid NOT NULL,
    amount          bigint NOT NULL,
    currency        text NOT NULL,
    reason          text NOT NULL,
    refunded_at     timestamptz NOT NULL,
    service_date    date NOT NULL
);
CREATE INDEX refund_facts_day ON refund_facts (restaurant_id, service_date);
CREATE INDEX refund_facts_reference ON refund_facts (reference_id);

CREATE TABLE reservation_facts (
    reservation_id  uuid PRIMARY KEY,
    restaurant_id   uuid NOT NULL,
    diner_id        uuid,
    status          text NOT NULL CHECK (status IN ('confirmed', 'cancelled', 'no_show', 'completed')),
    status_at       timestamptz NOT NULL,
    -- when/how many come: from confirmed/modified (details_at), or from a cancellation/no-show when nothing better came yet
    start_at        timestamptz,
    service_date    date,
    party_size      int,
    details_at      timestamptz,
    cancelled_by    text,
    no_show_fee     bigint NOT NULL DEFAULT 0
);
CREATE INDEX reservation_facts_day ON reservation_facts (restaurant_id, service_date);

CREATE TABLE timecard_facts (
    timecard_id     uuid PRIMARY KEY,
    restaurant_id   uuid NOT NULL,
    employee_id     uuid NOT NULL,
    clock_in        timestamptz NOT NULL,
    clock_out       timestamptz NOT NULL,
    minutes         int NOT NULL,
    cost            bigint NOT NULL,
    currency        text NOT NULL,
    approved_at     timestamptz NOT NULL,
    service_date    date NOT NULL
);
CREATE INDEX timecard_facts_day ON timecard_facts (restaurant_id, service_date);

CREATE TABLE stock_movement_facts (
    movement_id     uuid PRIMARY KEY,
    restaurant_id   uuid NOT NULL,
    stock_item_id   uuid NOT NULL,
    kind            text NOT NULL,
    quantity        numeric NOT NULL,
    cost            bigint NOT NULL,
    currency        text NOT NULL,
    order_id        uuid,
    at              timestamptz NOT NULL,
    service_date    date NOT NULL
);
CREATE INDEX stock_movement_facts_day ON stock_movement_facts (restaurant_id, service_date);

-- Rollups: closed orders per service day and local hour, and every number of a service day.
CREATE TABLE hourly_rollup (
    restaurant_id   uuid NOT NULL,
    service_date    date NOT NULL,
    hour            smallint NOT NULL,
    orders          int NOT NULL,
    covers          int NOT NULL,
    gross_sales     bigint NOT NULL,
    PRIMARY KEY (restaurant_id, service_date, hour)
);

CREATE TABLE daily_rollup (
    restaurant_id   uuid NOT NULL,
    service_date    date NOT NULL,
    orders          int NOT NULL,
    covers          int NOT NULL,
    gross_sales     bigint NOT NULL,
    refunds         bigint NOT NULL,
    payments        bigint NOT NULL,
    reservations    int NOT NULL,
    booked_covers   int NOT NULL,
    completed       int NOT NULL,
    no_shows        int NOT NULL,
    cancellations   int NOT NULL,
    labour_minutes  int NOT NULL,
    labour_cost     bigint NOT NULL,
    food_cost       bigint NOT NULL,
    PRIMARY KEY (restaurant_id, service_date)
);
