-- Queries people searched for (normalised) and how often, shared by every replica: hence in public, whichever
-- schema this replica's own tables live in, and IF NOT EXISTS, since each replica's migrations run this file.
CREATE TABLE IF NOT EXISTS public.search_queries (
    query            text        PRIMARY KEY CHECK (length(query) BETWEEN 1 AND 50),
    count            bigint      NOT NULL CHECK (count > 0),
    last_searched_at timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS search_queries_count ON public.search_queries (count DESC);
