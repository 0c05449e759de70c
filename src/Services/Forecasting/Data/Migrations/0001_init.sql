-- Forecasting: a compact demand history built from other services' events (and, locally, generated demo history),
-- the models trained on it with their backtest scores, owners' overrides, and staffing settings.

-- What a diner can book or order, from restaurants' and inventory's events.
CREATE TABLE restaurants (
    id          uuid PRIMARY KEY,
    name        text NOT NULL DEFAULT '',
    name_en     text,
    status      text NOT NULL DEFAULT 'draft',
    currency    text NOT NULL DEFAULT 'KRW',
    time_zone   text NOT NULL DEFAULT 'Asia/Seoul',
    demo        boolean NOT NULL DEFAULT false,
    updated_at  timestamptz NOT NULL DEFAULT '-infinity'
);

-- in_stock: inventory's availability (a recipe's ingredient ran out); sold_out/removed: the restaurant's menu.
CREATE TABLE menu_items (
    id            uuid PRIMARY KEY,
    restaurant_id uuid NOT NULL,
    name          text NOT NULL,
    category      text,
    price         bigint NOT NULL,
    currency      text NOT NULL,
    sold_out      boolean NOT NULL,
    removed       boolean NOT NULL,
    in_stock      boolean NOT NULL DEFAULT true,
    in_stock_at   timestamptz NOT NULL DEFAULT '-infinity',
    version       int NOT NULL
);
CREATE INDEX menu_items_restaurant ON menu_items (restaurant_id);

-- One row per closed order, keyed by order id: a reopened or cancelled order is removed until it closes again.
-- service_date/hour: the restaurant's local service day (before 05:00 = the previous day) and local hour.
CREATE TABLE closed_orders (
    order_id      uuid PRIMARY KEY,
    restaurant_id uuid NOT NULL,
    diner_id      uuid,
    service_date  date NOT NULL,
    hour          int NOT NULL CHECK (hour BETWEEN 0 AND 23),
    covers        int NOT NULL CHECK (covers >= 0),
    total         bigint NOT NULL,
    currency      text NOT NULL,
    closed_at     timestamptz NOT NULL
);
CREATE INDEX closed_orders_day ON closed_orders (restaurant_id, service_date);
CREATE INDEX closed_orders_diner ON closed_orders (diner_id) WHERE diner_id IS NOT NULL;

CREATE TABLE closed_order_items (
    order_id      uuid NOT NULL REFERENCES closed_orders (order_id) ON DELETE CASCADE,
    menu_item_id  uuid NOT NULL,
    quantity      int NOT NULL,
    PRIMARY KEY (order_id, menu_item_id)
);
CREATE INDEX closed_order_items_item ON closed_order_items (menu_item_id);

-- History not learned from events: the demo history generated in the Local environment.
CREATE TABLE seeded_hours (
    restaurant_id uuid NOT NULL,
    service_date  date NOT NULL,
    hour          int NOT NULL CHECK (hour BETWEEN 0 AND 23),
    covers        int NOT NULL,
    sales         bigint NOT NULL,
    PRIMARY KEY (restaurant_id, service_date, hour)
);

-- Reservations as they stand: booked (confirmed or modified), cancelled, no_show, completed. A terminal status sticks.
CREATE TABLE bookings (
    reservation_id uuid PRIMARY KEY,
    restaurant_id  uuid NOT NULL,
    diner_id       uuid,
    service_date   date NOT NULL,
    party_size     int NOT NULL,
    status         text NOT NULL CHECK (status IN ('booked', 'cancelled', 'no_show', 'completed')),
    updated_at     timestamptz NOT NULL
);
CREATE INDEX bookings_day ON bookings (restaurant_id, service_date);
CREATE INDEX bookings_diner ON bookings (diner_id) WHERE diner_id IS NOT NULL;

-- A trained model (one per restaurant, target and version) with its backtest scores and the days it forecast from origin.
CREATE TABLE models (
    id              uuid PRIMARY KEY,
    restaurant_id   uuid NOT NULL,
    target          text NOT NULL CHECK (target IN ('covers', 'sales')),
    version         int NOT NULL,
    method          text NOT NULL,
    reason          text NOT NULL,
    trigger         text NOT NULL,
    origin          date NOT NULL,
    mase            double precision,
    coverage        double precision,
    interval_level  double precision NOT NULL,
    low_quantile    double precision NOT NULL,
    high_quantile   double precision NOT NULL,
    history_days    int NOT NULL,
    backtest_points int NOT NULL,
    trees           int NOT NULL,
    trained_by      uuid,
    trained_at      timestamptz NOT NULL,
    UNIQUE (restaurant_id, target, version)
);

CREATE TABLE model_days (
    model_id      uuid NOT NULL REFERENCES models (id) ON DELETE CASCADE,
    service_date  date NOT NULL,
    value         double precision NOT NULL,
    low           double precision NOT NULL,
    high          double precision NOT NULL,
    PRIMARY KEY (model_id, service_date)
);

-- An owner's or manager's own figure for a day, shown beside the model's; every change is kept in override_log.
CREATE TABLE overrides (
    restaurant_id uuid NOT NULL,
    service_date  date NOT NULL,
    covers        int,
    sales         bigint,
    note          text,
    by_user       uuid NOT NULL,
    at            timestamptz NOT NULL,
    PRIMARY KEY (restaurant_id, service_date)
);

CREATE TABLE override_log (
    id            uuid PRIMARY KEY,
    restaurant_id uuid NOT NULL,
    service_date  date NOT NULL,
    action        text NOT NULL CHECK (action IN ('set', 'removed')),
    covers        int,
    sales         bigint,
    note          text,
    by_user       uuid NOT NULL,
    at            timestamptz NOT NULL
);
CREATE INDEX override_log_restaurant ON override_log (restaurant_id, at DESC);

CREATE TABLE labour_settings (
    restaurant_id         uuid PRIMARY KEY,
    covers_per_staff_hour numeric(6, 2) NOT NULL CHECK (covers_per_staff_hour > 0),
    minimum_staff         int NOT NULL CHECK (minimum_staff >= 0),
    by_user               uuid NOT NULL,
    updated_at            timestamptz NOT NULL
);
