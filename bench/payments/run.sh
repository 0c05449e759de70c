#!/usr/bin/env bash
# Payments benchmark against the PostgreSQL and RabbitMQ named by BRIGADE_TEST_POSTGRES / BRIGADE_TEST_RABBITMQ (read
# from .brigade/infra.env when unset), with the sandbox PG in-process over real HTTP.
# Arguments: --clients 64 --payments 2000 --operations 10000 --rounds 4.
source "$(dirname "${BASH_SOURCE[0]}")/../bench.sh"
run_bench Payments "$@"
