#!/usr/bin/env bash
# IoT benchmark against the PostgreSQL, RabbitMQ (AMQP, MQTT, management API) named by BRIGADE_TEST_* (read from
# .brigade/infra.env when unset). The service runs in-process; simulated devices publish over the real MQTT listener.
# Arguments: --devices 2000 --rounds 5 --connections 20 --alarms 200.
source "$(dirname "${BASH_SOURCE[0]}")/../bench.sh"
run_bench IoT "$@"
