#!/usr/bin/env bash
# Inventory benchmark against the PostgreSQL and RabbitMQ named by BRIGADE_TEST_POSTGRES / BRIGADE_TEST_RABBITMQ
# (read from .brigade/infra.env when unset). The service runs in-process; ordering's events go through the real broker.
# Arguments: --orders 2000 --lag 300.
source "$(dirname "${BASH_SOURCE[0]}")/../bench.sh"
run_bench Inventory "$@"
