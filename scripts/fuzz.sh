#!/usr/bin/env bash
# Builds the libFuzzer targets (tests/fuzz, clang) in build/fuzz and runs each for SECONDS seconds
# (default 20), starting from the seed corpus in tests/fuzz/corpus/<target>/. Fails as soon as a
# target crashes, leaks or breaks one of its checks; the input that did it is saved in
# build/fuzz/artifacts/ and can be replayed with: build/fuzz/tests/fuzz/<target> <file>.
# New inputs found while fuzzing go to build/fuzz/corpus/<target>/, never into the source tree.
# Usage: scripts/fuzz.sh [SECONDS] [TARGET...]
# Needs clang and libclang-rt-14-dev (Debian 12).
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-20}
shift || true
if ! [[ $seconds =~ ^[0-9]+$ ]] || [ "$seconds" -eq 0 ]; then
    echo "usage: scripts/fuzz.sh [SECONDS] [TARGET...]" >&2
    exit 2
fi
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    targets=(fuzz_urlencoded fuzz_cookie fuzz_path fuzz_json_body fuzz_media_type)
fi

build=build/fuzz
cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DTAMBON_FUZZ=ON -DCMAKE_C_COMPILER=clang >/dev/null
cmake --build "$build" -j 2 --target "${targets[@]}"

mkdir -p "$build/artifacts"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
for t in "${targets[@]}"; do
    seeds=tests/fuzz/corpus/$t
    work=$build/corpus/$t
    if [ ! -d "$seeds" ]; then
        echo "fuzz: no seed corpus $seeds" >&2
        exit 2
    fi
    mkdir -p "$work"
    echo "fuzz: $t for ${seconds}s"
    if ! "$build/tests/fuzz/$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
            -print_final_stats=1 -artifact_prefix="$build/artifacts/$t-" "$work" "$seeds" \
            >"$build/$t.log" 2>&1; then
        tail -n 60 "$build/$t.log" >&2
        echo "fuzz: $t FAILED (log: $build/$t.log, inputs: $build/artifacts/)" >&2
        exit 1
    fi
    grep -E '^stat::number_of_executed_runs|^Done' "$build/$t.log" | sed "s/^/fuzz: $t: /" || true
done
echo "fuzz: all targets ran ${seconds}s without a failure"
