#!/usr/bin/env bash
# Analytics benchmark against the PostgreSQL, RabbitMQ and Redis named by BRIGADE_TEST_* (read from .brigade/infra.env when
# unset): (1) event ingest rate — closed orders published through the outbox and the broker until every one is handled
# (fact rows plus the day's rollups); (2) dashboard latency p50/p99 over a year of synthetic data for 30 restaurants
# (about a million order lines) seeded in SQL, for 1-, 7-, 30- and 365-day ranges, uncached and cached.
# Arguments: --events 3000 --restaurants 30 --days 365 --orders 30 --queries 200.
source "$(dirname "${BASH_SOURCE[0]}")/../bench.sh"
run_bench Analytics "$@"
