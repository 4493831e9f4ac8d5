#!/usr/bin/env bash
# Runs the whole test suite: installs what is missing, checks for banned functions, builds with
# AddressSanitizer and UndefinedBehaviorSanitizer, starts a throwaway PostgreSQL 15 cluster, and runs
# every test (unit tests on SQLite and PostgreSQL, command-line tests) under CTest, after running each
# libFuzzer target for a short, bounded time.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
npm ci --no-audit --no-fund --loglevel=error
scripts/check-banned.sh

cmake --preset asan >/dev/null
cmake --build --preset asan -j "$(nproc)"

# Every parser of outside input under libFuzzer for a bounded time (clang, ASan+UBSan). Runs before
# the unit tests so that CTest's summary is the last thing printed.
scripts/fuzz.sh "${TAMBON_FUZZ_SECONDS:-15}"

pgdir=$(mktemp -d /tmp/tambon-pg-XXXXXX)
pgport=${TAMBON_TEST_PG_PORT:-55400}
cleanup() { scripts/pg-test-cluster.sh stop "$pgdir" >/dev/null 2>&1 || true; }
trap cleanup EXIT
url=$(scripts/pg-test-cluster.sh start "$pgdir" "$pgport" | tail -n 1)
echo "PostgreSQL สำหรับทดสอบ (test cluster): $url"

export TAMBON_TEST_PG="$url"
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

# The browser journey (Debian's Chromium driven by playwright-core, axe-core on every page) against the
# sanitized binary. Before CTest, so that CTest's summary is the last thing printed.
tests/e2e/run.sh build/asan/tambon

ctest --preset asan -j "$(nproc)"
