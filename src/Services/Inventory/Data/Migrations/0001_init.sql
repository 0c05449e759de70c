-- Inventory: stock in base units (g, ml, ea), recipes that deplete it from ordering's events, suppliers and purchase orders.

CREATE TABLE inventory_settings (
    restaurant_id uuid PRIMARY KEY,
    currency text NOT NULL,
    auto_send_purchase_orders boolean NOT NULL DEFAULT false,
    updated_at timestamptz NOT NULL
);

CREATE TABLE suppliers (
    id uuid PRIMARY KEY,
    restaurant_id uuid NOT NULL,
    name text NOT NULL,
    email text,
    phone text,
    lead_time_days int NOT NULL CHECK (lead_time_days BETWEEN 0 AND 90),
    created_at timestamptz NOT NULL,
    version int NOT NULL DEFAULT 1
);
CREATE INDEX suppliers_restaurant ON suppliers (restaurant_id, name);

-- pack_size: base units in one pack (a case of 12 × 1 L = 12000 ml); pack_cost: what one pack costs, minor units.
-- low: the item is at or below its re-order point (cleared when it rises above), so an alert and a purchase order
-- happen once per crossing, not once per sale.
CREATE TABLE stock_items (
    id uuid PRIMARY KEY,
    restaurant_id uuid NOT NULL,
    name text NOT NULL,
    base_unit text NOT NULL CHECK (base_unit IN ('g', 'ml', 'ea')),
    pack_unit text NOT NULL,
    pack_size numeric(14, 3) NOT NULL CHECK (pack_size > 0),
    pack_cost bigint NOT NULL CHECK (pack_cost >= 0),
    location text,
    on_hand numeric(14, 3) NOT NULL DEFAULT 0,
    reorder_point numeric(14, 3) NOT NULL DEFAULT 0 CHECK (reorder_point >= 0),
    par_level numeric(14, 3) NOT NULL DEFAULT 0 CHECK (par_level >= 0),
    supplier_id uuid REFERENCES suppliers (id),
    low boolean NOT NULL DEFAULT false,
    active boolean NOT NULL DEFAULT true,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    version int NOT NULL DEFAULT 1,
    UNIQUE (restaurant_id, name)
);

-- A recipe belongs to something sold: a menu item or a modifier option (곱빼기 adds noodles), keyed by its id.
CREATE TABLE recipes (
    sellable_id uuid PRIMARY KEY,
    restaurant_id uuid NOT NULL,
    kind text NOT NULL CHECK (kind IN ('menu_item', 'modifier')),
    name text NOT NULL,
    updated_at timestamptz NOT NULL,
    version int NOT NULL DEFAULT 1
);
CREATE INDEX recipes_restaurant ON recipes (restaurant_id, name);

CREATE TABLE recipe_lines (
    sellable_id uuid NOT NULL REFERENCES recipes (sellable_id) ON DELETE CASCADE,
    stock_item_id uuid NOT NULL REFERENCES stock_items (id),
    quantity numeric(14, 3) NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (sellable_id, stock_item_id)
);
CREATE INDEX recipe_lines_item ON recipe_lines (stock_item_id);

-- Every change of stock with its reason; the sum of an order's sale movements is what it took, so a cancellation or a
-- modification gives back exactly that, whatever the recipes say by then.
CREATE TABLE stock_movements (
    id uuid PRIMARY KEY,
    restaurant_id uuid NOT NULL,
    stock_item_id uuid NOT NULL REFERENCES stock_items (id),
    kind text NOT NULL CHECK (kind IN ('sale', 'sale_reversed', 'waste', 'receipt', 'count', 'adjustment')),
    quantity numeric(14, 3) NOT NULL,
    cost bigint NOT NULL,
    order_id uuid,
    purchase_order_id uuid,
    reason text,
    note text,
    by_user uuid,
    at timestamptz NOT NULL
);
CREATE INDEX stock_movements_item ON stock_movements (stock_item_id, at);
CREATE INDEX stock_movements_restaurant ON stock_movements (restaurant_id, kind, at);
CREATE INDEX stock_movements_order ON stock_movements (order_id) WHERE order_id IS NOT NULL;

-- What inventory knows of an order: accepted (stock taken) or cancelled, the latest event applied, and its sales value
-- for food cost. An older event (a late modification) changes nothing.
CREATE TABLE order_depletions (
    order_id uuid PRIMARY KEY,
    restaurant_id uuid NOT NULL,
    status text NOT NULL CHECK (status IN ('accepted', 'cancelled')),
    sales bigint NOT NULL DEFAULT 0,
    currency text NOT NULL,
    accepted_at timestamptz,
    event_at timestamptz NOT NULL
);
CREATE INDEX order_depletions_restaurant ON order_depletions (restaurant_id, accepted_at);

CREATE TABLE stock_counts (
    id uuid PRIMARY KEY,
    restaurant_id uuid NOT NULL,
    kind text NOT NULL CHECK (kind IN ('full', 'spot')),
    variance_cost bigint NOT NULL,
    by_user uuid,
    counted_at timestamptz NOT NULL
);
CREATE INDEX stock_counts_restaurant ON stock_counts (restaurant_id, counted_at DESC);

CREATE TABLE stock_count_lines (
    count_id uuid NOT NULL REFERENCES stock_counts (id),
    stock_item_id uuid NOT NULL REFERENCES stock_items (id),
    expected numeric(14, 3) NOT NULL,
    counted numeric(14, 3) NOT NULL,
    variance numeric(14, 3) NOT NULL,
    variance_cost bigint NOT NULL,
    PRIMARY KEY (count_id, stock_item_id)
);

CREATE TABLE purchase_orders (
    id uuid PRIMARY KEY,
    restaurant_id uuid NOT NULL,
    supplier_id uuid NOT NULL REFERENCES suppliers (id),
    status text NOT NULL CHECK (status IN ('draft', 'sent', 'partially_received', 'received', 'cancelled')),
    origin text NOT NULL CHECK (origin IN ('manual', 'fill_to_par', 'reorder_point')),
    currency text NOT NULL,
    total bigint NOT NULL,
    expected_at timestamptz,
    sent_at timestamptz,
    received_at timestamptz,
    created_at timestamptz NOT NULL,
    version int NOT NULL DEFAULT 1
);
CREATE INDEX purchase_orders_restaurant ON purchase_orders (restaurant_id, created_at DESC);

-- quantity and received in packs of pack_size base units; unit_cost per pack as ordered, received_cost as delivered.
CREATE TABLE purchase_order_lines (
    purchase_order_id uuid NOT NULL REFERENCES purchase_orders (id) ON DELETE CASCADE,
    stock_item_id uuid NOT NULL REFERENCES stock_items (id),
    name text NOT NULL,
    pack_unit text NOT NULL,
    pack_size numeric(14, 3) NOT NULL,
    quantity numeric(14, 3) NOT NULL CHECK (quantity > 0),
    unit_cost bigint NOT NULL,
    received numeric(14, 3) NOT NULL DEFAULT 0,
    received_cost bigint,
    price_changed boolean NOT NULL DEFAULT false,
    PRIMARY KEY (purchase_order_id, stock_item_id)
);
CREATE INDEX purchase_order_lines_item ON purchase_order_lines (stock_item_id);
