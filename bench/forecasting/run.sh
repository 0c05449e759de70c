#!/usr/bin/env bash
# Forecasting benchmark. Part 1 needs no infrastructure: trains --restaurants restaurants on --days of generated history
# (training time per restaurant, peak memory, backtest MASE and interval coverage). Part 2 runs the service in-process against
# the PostgreSQL/RabbitMQ named by BRIGADE_TEST_* (or .brigade/infra.env) and measures GET /api/forecasts latency.
# Arguments: --restaurants 30 --days 730 --trees 100 --rate 10 (learning rate, percent) --origins 6 --reads 300.
source "$(dirname "${BASH_SOURCE[0]}")/../bench.sh"
run_bench Forecasting "$@"
