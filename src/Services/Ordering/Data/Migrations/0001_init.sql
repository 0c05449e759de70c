-- Facts learned from other services' events, this service's settings, and the orders with their kitchen tickets.

-- restaurants.restaurant.*, restaurants.menu_dayparts.changed
CREATE TABLE restaurants (
    id          uuid PRIMARY KEY,
    name        text NOT NULL DEFAULT '',
    time_zone   text NOT NULL DEFAULT 'Asia/Seoul',
    currency    text NOT NULL DEFAULT 'KRW',
    status      text NOT NULL DEFAULT 'unknown',
    status_at   timestamptz NOT NULL DEFAULT '-infinity',
    dayparts    jsonb NOT NULL DEFAULT '[]',
    dayparts_at timestamptz NOT NULL DEFAULT '-infinity'
);

-- restaurants.menu_item.changed: the products ordering sells, priced here and nowhere else.
CREATE TABLE menu_items (
    id              uuid PRIMARY KEY,
    restaurant_id   uuid NOT NULL,
    name            text NOT NULL,
    category        text,
    description     text,
    photo_url       text,
    price           bigint NOT NULL CHECK (price >= 0),
    currency        text NOT NULL,
    sold_out        boolean NOT NULL,
    dayparts        text[] NOT NULL DEFAULT '{}',
    modifier_groups jsonb NOT NULL DEFAULT '[]',
    sort_order      int NOT NULL DEFAULT 0,
    removed         boolean NOT NULL DEFAULT false,
    version         int NOT NULL
);
CREATE INDEX menu_items_restaurant ON menu_items (restaurant_id);

-- inventory.menu_item.availability_changed, decremented by orders: the no-oversell counter.
-- portions_left NULL = not counted (no recipe); 0 = 86'd until inventory counts again or a cancellation gives some back.
CREATE TABLE item_stock (
    menu_item_id  uuid PRIMARY KEY,
    restaurant_id uuid NOT NULL,
    available     boolean NOT NULL DEFAULT true,
    portions_left int CHECK (portions_left >= 0),
    counted_at    timestamptz NOT NULL
);
CREATE INDEX item_stock_restaurant ON item_stock (restaurant_id);

-- restaurants.table.changed; qr_token is this service's: what a table's QR code carries.
CREATE TABLE dining_tables (
    id            uuid PRIMARY KEY,
    restaurant_id uuid NOT NULL,
    label         text NOT NULL,
    active        boolean NOT NULL,
    version       int NOT NULL,
    qr_token      text NOT NULL UNIQUE
);
CREATE INDEX dining_tables_restaurant ON dining_tables (restaurant_id);

-- reservations.reservation.*: what a pre-order may be linked to.
CREATE TABLE reservations (
    id            uuid PRIMARY KEY,
    restaurant_id uuid NOT NULL,
    diner_id      uuid,
    starts_at     timestamptz NOT NULL,
    party_size    int NOT NULL,
    table_ids     uuid[] NOT NULL DEFAULT '{}',
    status        text NOT NULL,
    changed_at    timestamptz NOT NULL
);

-- Per restaurant: online-order throttling and the kitchen's stations.
CREATE TABLE ordering_settings (
    restaurant_id               uuid PRIMARY KEY,
    online_orders_per_15_minutes int CHECK (online_orders_per_15_minutes >= 0),
    stations                    text[] NOT NULL,
    routes                      jsonb NOT NULL DEFAULT '{}',
    default_station             text NOT NULL,
    version                     int NOT NULL DEFAULT 1,
    updated_at                  timestamptz NOT NULL
);

-- Online orders taken per restaurant per quarter hour; the conditional upsert is the throttle.
CREATE TABLE throttle_windows (
    restaurant_id uuid NOT NULL,
    window_start  timestamptz NOT NULL,
    orders        int NOT NULL CHECK (orders >= 0),
    PRIMARY KEY (restaurant_id, window_start)
);

CREATE TABLE orders (
    id                   uuid PRIMARY KEY,
    restaurant_id        uuid NOT NULL,
    diner_id             uuid,
    placed_by            uuid,
    placed_by_staff      boolean NOT NULL,
    channel              text NOT NULL CHECK (channel IN ('dine_in', 'takeout', 'delivery')),
    table_id             uuid,
    table_label          text,
    reservation_id       uuid,
    covers               int,
    shipping_address     jsonb,
    notes                text,
    status               text NOT NULL,
    subtotal             bigint NOT NULL CHECK (subtotal >= 0),
    total                bigint NOT NULL CHECK (total >= 0),
    currency             text NOT NULL,
    paid                 bigint NOT NULL DEFAULT 0,
    paid_at_counter      bigint NOT NULL DEFAULT 0,
    refunded             bigint NOT NULL DEFAULT 0,
    refund_due           bigint NOT NULL DEFAULT 0,
    payment_failure      text,
    cancelled_by         text,
    cancel_reason        text,
    cancel_note          text,
    stock_restored       boolean NOT NULL DEFAULT false,
    placed_at            timestamptz NOT NULL,
    accepted_at          timestamptz,
    started_at           timestamptz,
    ready_at             timestamptz,
    finished_at          timestamptz,
    closed_at            timestamptz,
    cancelled_at         timestamptz,
    reopened_at          timestamptz,
    updated_at           timestamptz NOT NULL,
    version              int NOT NULL DEFAULT 1
);
CREATE INDEX orders_restaurant_placed ON orders (restaurant_id, placed_at DESC, id DESC);
CREATE INDEX orders_diner_placed ON orders (diner_id, placed_at DESC, id DESC) WHERE diner_id IS NOT NULL;
CREATE INDEX orders_open ON orders (restaurant_id) WHERE status NOT IN ('closed', 'cancelled', 'voided');

-- Kitchen tickets: one per order, station and course.
CREATE TABLE kitchen_tickets (
    id            uuid PRIMARY KEY,
    order_id      uuid NOT NULL REFERENCES orders (id),
    restaurant_id uuid NOT NULL,
    station       text NOT NULL,
    course        int NOT NULL,
    status        text NOT NULL CHECK (status IN ('held', 'fired', 'started', 'bumped', 'voided')),
    fired_at      timestamptz,
    started_at    timestamptz,
    bumped_at     timestamptz,
    created_at    timestamptz NOT NULL,
    UNIQUE (order_id, station, course)
);
CREATE INDEX kitchen_tickets_live ON kitchen_tickets (restaurant_id, station) WHERE status IN ('held', 'fired', 'started');

CREATE TABLE order_lines (
    id            uuid PRIMARY KEY,
    order_id      uuid NOT NULL REFERENCES orders (id),
    position      int NOT NULL,
    menu_item_id  uuid NOT NULL,
    name          text NOT NULL,
    category      text,
    station       text NOT NULL,
    course        int NOT NULL,
    quantity      int NOT NULL CHECK (quantity > 0),
    unit_price    bigint NOT NULL CHECK (unit_price >= 0),
    line_total    bigint NOT NULL CHECK (line_total >= 0),
    modifiers     jsonb NOT NULL DEFAULT '[]',
    notes         text,
    added_by      uuid,
    added_by_name text,
    status        text NOT NULL,
    ticket_id     uuid REFERENCES kitchen_tickets (id)
);
CREATE INDEX order_lines_order ON order_lines (order_id, position);
CREATE INDEX order_lines_ticket ON order_lines (ticket_id) WHERE ticket_id IS NOT NULL;

-- payments.payment.completed / refunded with purpose kind "order": one row per payment.
CREATE TABLE order_payments (
    payment_id   uuid PRIMARY KEY,
    order_id     uuid NOT NULL REFERENCES orders (id),
    amount       bigint NOT NULL,
    refunded     bigint NOT NULL DEFAULT 0,
    currency     text NOT NULL,
    method       text NOT NULL,
    completed_at timestamptz NOT NULL
);
CREATE INDEX order_payments_order ON order_payments (order_id);
