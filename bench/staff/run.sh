#!/usr/bin/env bash
# Staff benchmark against the PostgreSQL and RabbitMQ named by BRIGADE_TEST_POSTGRES / BRIGADE_TEST_RABBITMQ (read from
# .brigade/infra.env when unset): a month's payroll for N employees with a month of approved punches (a shift a working
# day, an hour's break, some nights), through the API and as pure domain code: seconds, allocations and peak memory.
# Arguments: --employees 500 --runs 3.
source "$(dirname "${BASH_SOURCE[0]}")/../bench.sh"
run_bench Staff "$@"
