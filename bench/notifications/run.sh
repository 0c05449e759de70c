#!/usr/bin/env bash
# Hub benchmark against the PostgreSQL, RabbitMQ and Redis named by BRIGADE_TEST_POSTGRES / BRIGADE_TEST_RABBITMQ /
# BRIGADE_TEST_REDIS (read from .brigade/infra.env when unset). The notifications service runs in a child process on
# Kestrel; this process holds the clients (SignalR .NET client over WebSockets).
# Arguments: --connections 10000 --rate 500 --seconds 20.
source "$(dirname "${BASH_SOURCE[0]}")/../bench.sh"
ulimit -n 65536 2>/dev/null || true
run_bench Notifications "$@"
