#!/usr/bin/env bash
# Builds and runs the end-to-end events benchmark against the PostgreSQL and RabbitMQ named by
# BRIGADE_TEST_POSTGRES / BRIGADE_TEST_RABBITMQ, read from .brigade/infra.env when unset
# (./brigade infra up writes it). Extra arguments go to the benchmark: --rate 1000 --seconds 20
# --burst 20000 --writers 16 [--no-reset-on-close]. Messaging settings can be changed with environment variables such as
# Messaging__Concurrency=8 or Messaging__Prefetch=64.
source "$(dirname "${BASH_SOURCE[0]}")/../bench.sh"
run_bench Events "$@"
