CREATE TABLE bench_effects (
    sequence   integer     NOT NULL,
    handled_at timestamptz NOT NULL DEFAULT now()
);
