#!/usr/bin/env bash
# Booking and availability benchmark against the PostgreSQL and RabbitMQ named by BRIGADE_TEST_POSTGRES /
# BRIGADE_TEST_RABBITMQ (read from .brigade/infra.env when unset). Replicas are in-process hosts sharing one
# database. Arguments: --clients 64 --requests 2000.
source "$(dirname "${BASH_SOURCE[0]}")/../bench.sh"
run_bench Reservations "$@"
