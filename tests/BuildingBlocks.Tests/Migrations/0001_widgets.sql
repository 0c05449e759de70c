CREATE TABLE widgets (
    id         uuid        PRIMARY KEY,
    name       text        NOT NULL,
    quantity   integer     NOT NULL CHECK (quantity > 0),
    created_at timestamptz NOT NULL DEFAULT now()
);
