#!/usr/bin/env bash
# Runs one command with the tests' PostgreSQL and Redis on loopback, then stops them:
#   scripts/with-test-services.sh dotnet run -c Release --project bench/DapPanel.Bench.Live -- --nodes 2
set -euo pipefail
source "$(dirname "$0")/test-services.sh"
trap stop_test_services EXIT
start_test_services
"$@"
