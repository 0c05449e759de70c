#!/usr/bin/env bash
# Chat fan-out benchmark against the PostgreSQL, RabbitMQ and Redis named by BRIGADE_TEST_POSTGRES / BRIGADE_TEST_RABBITMQ /
# BRIGADE_TEST_REDIS (read from .brigade/infra.env when unset). Two chat replicas (one Redis backplane) run in a child
# process on Kestrel; this process holds the clients (SignalR .NET client over WebSockets).
# Arguments: --pairs 1000 --rate 200 --seconds 15.
source "$(dirname "${BASH_SOURCE[0]}")/../bench.sh"
ulimit -n 65536 2>/dev/null || true
run_bench Chat "$@"
