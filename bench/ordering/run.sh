#!/usr/bin/env bash
# Ordering benchmark against the PostgreSQL, RabbitMQ and Redis named by BRIGADE_TEST_POSTGRES / BRIGADE_TEST_RABBITMQ /
# BRIGADE_TEST_REDIS (read from .brigade/infra.env when unset). The service runs in-process on Kestrel.
# Arguments: --clients 64 --orders 2000 --accepts 400 --portions 100.
source "$(dirname "${BASH_SOURCE[0]}")/../bench.sh"
run_bench Ordering "$@"
