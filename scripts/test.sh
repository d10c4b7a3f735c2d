#!/usr/bin/env bash
# Runs the whole DapPanel test suite on a fresh machine: installs what the tests need from Debian's
# packages when it is missing, starts PostgreSQL and Redis on loopback (scripts/test-services.sh),
# builds, tests, stops what it started, and prints one line of totals read from the results.
#   ./scripts/test.sh --fast   the fast loop: every test but the Browser, Postgres, Redis and Slow
#                              categories (CONTRIBUTING.md); no browser, database server or Redis needed.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/test-services.sh
fast=; filter=()
if [ "${1:-}" = "--fast" ]; then
  fast=1
  filter=(--filter "Category!=Browser&Category!=Postgres&Category!=Redis&Category!=Slow")
fi

need=()
[ -n "$fast" ] || [ -n "${CHROMIUM:-}" ] || command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v pdftoppm >/dev/null 2>&1 && command -v pdfinfo >/dev/null 2>&1 || need+=(poppler-utils)
command -v qpdf >/dev/null 2>&1 || need+=(qpdf)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need+=(fonts-dejavu-core)
if [ ${#need[@]} -gt 0 ]; then
  echo "Installing test prerequisites: ${need[*]}"
  if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
# The PDF tests check every document with qpdf and pdfinfo; on CI a missing tool stops the run here, never a skip.
for tool in qpdf pdfinfo pdftoppm; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "The PDF tests need $tool (Debian's qpdf and poppler-utils) and it could not be installed." >&2
    [ "${CI:-}" = "true" ] && exit 1
  fi
done

if [ -z "$fast" ]; then
  trap stop_test_services EXIT
  start_test_services
fi

results="TestResults"
rm -rf "$results"
dotnet tool restore >/dev/null
dotnet build DapPanel.sln -c Debug -nologo -v quiet
status=0
dotnet test DapPanel.sln --no-build -c Debug "${filter[@]}" --logger "trx;LogFilePrefix=results" --results-directory "$results" \
  -- RunConfiguration.TestSessionTimeout=1500000 || status=$?

python3 - "$results" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
passed = failed = skipped = 0
files = glob.glob(f"{sys.argv[1]}/*.trx")
for path in files:
    counters = ET.parse(path).getroot().find(".//{*}ResultSummary/{*}Counters")
    passed += int(counters.get("passed", 0))
    failed += int(counters.get("failed", 0)) + int(counters.get("error", 0)) + int(counters.get("timeout", 0)) + int(counters.get("aborted", 0))
    skipped += int(counters.get("notExecuted", 0))
if not files:
    failed = 1
    print("No test results were written.")
line = f"{passed} passed, {failed} failed"
if skipped:
    line += f", {skipped} skipped"
print(line)
PY
exit $status
