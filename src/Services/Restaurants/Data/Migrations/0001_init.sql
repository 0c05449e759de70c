-- Restaurants: profiles, members, opening hours, menus, floor plans, visits and reviews.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE restaurants (
    id           uuid             PRIMARY KEY,
    name         text             NOT NULL CHECK (length(btrim(name)) > 0),
    name_en      text,
    cuisine      text             NOT NULL CHECK (length(btrim(cuisine)) > 0),
    price_range  smallint         CHECK (price_range BETWEEN 1 AND 4),
    distinction  text             CHECK (distinction IN ('three_stars', 'two_stars', 'one_star', 'bib_gourmand', 'selected')),
    address      text             NOT NULL,
    lat          double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
    lng          double precision NOT NULL CHECK (lng BETWEEN -180 AND 180),
    phone        text,
    description  text,
    photo_urls   text[]           NOT NULL DEFAULT '{}',
    time_zone    text             NOT NULL DEFAULT 'Asia/Seoul',
    currency     char(3)          NOT NULL DEFAULT 'KRW',
    status       text             NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'closed')),
    -- Visible reviews only; hiding a review takes it out of both.
    rating_count integer          NOT NULL DEFAULT 0 CHECK (rating_count >= 0),
    rating_sum   bigint           NOT NULL DEFAULT 0 CHECK (rating_sum >= 0),
    version      integer          NOT NULL DEFAULT 1,
    created_at   timestamptz      NOT NULL,
    updated_at   timestamptz      NOT NULL,
    published_at timestamptz,
    search_text  text             GENERATED ALWAYS AS (lower(name || ' ' || coalesce(name_en, '') || ' ' || cuisine)) STORED
);
CREATE INDEX restaurants_search ON restaurants USING gin (search_text gin_trgm_ops) WHERE status = 'published';
CREATE INDEX restaurants_cuisine ON restaurants (cuisine) WHERE status = 'published';
CREATE INDEX restaurants_location ON restaurants (lat, lng) WHERE status = 'published';

-- The authority for restaurant-scoped rights inside this service; identity mirrors it into tokens from events.
CREATE TABLE restaurant_members (
    restaurant_id uuid        NOT NULL REFERENCES restaurants (id),
    user_id       uuid        NOT NULL,
    role          text        NOT NULL CHECK (role IN ('owner', 'manager', 'staff')),
    email         text,
    added_by      uuid,
    added_at      timestamptz NOT NULL,
    PRIMARY KEY (restaurant_id, user_id)
);
CREATE INDEX restaurant_members_user ON restaurant_members (user_id);

-- Opening hours in the restaurant's local time; a close at or before the open ends on the next day.
CREATE TABLE weekly_hours (
    restaurant_id uuid     NOT NULL REFERENCES restaurants (id),
    day           smallint NOT NULL CHECK (day BETWEEN 1 AND 7), -- ISO: 1 = Monday
    opens         time     NOT NULL,
    closes        time     NOT NULL,
    name          text,
    PRIMARY KEY (restaurant_id, day, opens)
);

CREATE TABLE hours_exceptions (
    restaurant_id uuid    NOT NULL REFERENCES restaurants (id),
    date          date    NOT NULL,
    closed        boolean NOT NULL,
    note          text,
    PRIMARY KEY (restaurant_id, date)
);

CREATE TABLE hours_exception_periods (
    restaurant_id uuid NOT NULL,
    date          date NOT NULL,
    opens         time NOT NULL,
    closes        time NOT NULL,
    name          text,
    PRIMARY KEY (restaurant_id, date, opens),
    FOREIGN KEY (restaurant_id, date) REFERENCES hours_exceptions (restaurant_id, date) ON DELETE CASCADE
);

-- Menu (also the product catalogue ordering sells).
CREATE TABLE menu_categories (
    id            uuid    PRIMARY KEY,
    restaurant_id uuid    NOT NULL REFERENCES restaurants (id),
    name          text    NOT NULL CHECK (length(btrim(name)) > 0),
    sort_order    integer NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX menu_categories_name ON menu_categories (restaurant_id, lower(name));

CREATE TABLE menu_dayparts (
    restaurant_id uuid NOT NULL REFERENCES restaurants (id),
    name          text NOT NULL,
    starts        time NOT NULL,
    ends          time NOT NULL,
    PRIMARY KEY (restaurant_id, name)
);

CREATE TABLE menu_items (
    id              uuid        PRIMARY KEY,
    restaurant_id   uuid        NOT NULL REFERENCES restaurants (id),
    category_id     uuid        REFERENCES menu_categories (id),
    name            text        NOT NULL CHECK (length(btrim(name)) > 0),
    description     text,
    price_amount    bigint      NOT NULL CHECK (price_amount >= 0),
    currency        char(3)     NOT NULL,
    allergens       text[]      NOT NULL DEFAULT '{}',
    dietary_tags    text[]      NOT NULL DEFAULT '{}',
    photo_url       text,
    dayparts        text[]      NOT NULL DEFAULT '{}',
    sold_out        boolean     NOT NULL DEFAULT false,
    sort_order      integer     NOT NULL DEFAULT 0,
    -- Groups and options are part of the item and replaced with it: [{ id, name, required, minChoices, maxChoices, options: [{ id, name, priceDelta }] }]
    modifier_groups jsonb       NOT NULL DEFAULT '[]',
    version         integer     NOT NULL DEFAULT 1,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL
);
CREATE INDEX menu_items_restaurant ON menu_items (restaurant_id, sort_order, id);

-- Floor plan.
CREATE TABLE floor_areas (
    id            uuid    PRIMARY KEY,
    restaurant_id uuid    NOT NULL REFERENCES restaurants (id),
    name          text    NOT NULL CHECK (length(btrim(name)) > 0),
    sort_order    integer NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX floor_areas_name ON floor_areas (restaurant_id, lower(name));

CREATE TABLE restaurant_tables (
    id              uuid        PRIMARY KEY,
    restaurant_id   uuid        NOT NULL REFERENCES restaurants (id),
    area_id         uuid        REFERENCES floor_areas (id),
    label           text        NOT NULL CHECK (length(btrim(label)) > 0),
    min_capacity    integer     NOT NULL CHECK (min_capacity >= 1),
    max_capacity    integer     NOT NULL CHECK (max_capacity >= min_capacity),
    online_bookable boolean     NOT NULL DEFAULT true,
    priority        integer     NOT NULL DEFAULT 0,
    active          boolean     NOT NULL DEFAULT true,
    version         integer     NOT NULL DEFAULT 1,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL
);
CREATE UNIQUE INDEX restaurant_tables_label ON restaurant_tables (restaurant_id, lower(label));

CREATE TABLE table_groups (
    id            uuid        PRIMARY KEY,
    restaurant_id uuid        NOT NULL REFERENCES restaurants (id),
    name          text        NOT NULL CHECK (length(btrim(name)) > 0),
    min_capacity  integer     NOT NULL CHECK (min_capacity >= 1),
    max_capacity  integer     NOT NULL CHECK (max_capacity >= min_capacity),
    active        boolean     NOT NULL DEFAULT true,
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL
);
CREATE UNIQUE INDEX table_groups_name ON table_groups (restaurant_id, lower(name));

CREATE TABLE table_group_tables (
    group_id uuid NOT NULL REFERENCES table_groups (id) ON DELETE CASCADE,
    table_id uuid NOT NULL REFERENCES restaurant_tables (id),
    PRIMARY KEY (group_id, table_id)
);

-- Completed reservations and orders (from reservations and ordering events): what makes a diner eligible to review.
CREATE TABLE visits (
    id            uuid        PRIMARY KEY,
    source        text        NOT NULL CHECK (source IN ('reservation', 'order')),
    source_id     uuid        NOT NULL,
    restaurant_id uuid        NOT NULL,
    diner_id      uuid        NOT NULL,
    completed_at  timestamptz NOT NULL,
    recorded_at   timestamptz NOT NULL,
    UNIQUE (source, source_id)
);
CREATE INDEX visits_diner ON visits (restaurant_id, diner_id);

CREATE TABLE reviews (
    id            uuid        PRIMARY KEY,
    restaurant_id uuid        NOT NULL REFERENCES restaurants (id),
    diner_id      uuid        NOT NULL,
    author_name   text,
    visit_id      uuid        NOT NULL UNIQUE REFERENCES visits (id), -- one review per visit
    rating        smallint    NOT NULL CHECK (rating BETWEEN 1 AND 5),
    text          text        NOT NULL,
    photo_urls    text[]      NOT NULL DEFAULT '{}',
    reply         text,
    replied_at    timestamptz,
    replied_by    uuid,
    hidden        boolean     NOT NULL DEFAULT false,
    hidden_reason text,
    hidden_at     timestamptz,
    hidden_by     uuid,
    created_at    timestamptz NOT NULL
);
CREATE INDEX reviews_restaurant ON reviews (restaurant_id, id DESC);
