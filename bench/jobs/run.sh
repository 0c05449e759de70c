#!/usr/bin/env bash
# Jobs benchmark against the PostgreSQL and RabbitMQ named by BRIGADE_TEST_POSTGRES / BRIGADE_TEST_RABBITMQ (read from
# .brigade/infra.env when unset): the feed's p50/p99 over 50,000 open postings with a distance filter, and applications
# per second on one hot posting with headcount 3. Arguments: --postings 50000 --clients 64 --requests 2000.
source "$(dirname "${BASH_SOURCE[0]}")/../bench.sh"
run_bench Jobs "$@"
