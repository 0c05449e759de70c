#!/usr/bin/env bash
# Search benchmark against the PostgreSQL, RabbitMQ and Redis named by BRIGADE_TEST_* (read from .brigade/infra.env when
# unset): relevance of the judged Korean query set (recall@10, nDCG@10) over the Seoul demo restaurants, then query latency
# over 100,000 generated documents with filters and geo sort, and indexing lag from a committed event to a searchable
# document. Arguments: --documents 100000 --queries 2000 --lag-samples 200.
source "$(dirname "${BASH_SOURCE[0]}")/../bench.sh"
run_bench Search "$@"
