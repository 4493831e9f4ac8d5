#!/usr/bin/env bash
# Copies the official Mustache specification tests (JSON form) and their licence into
# tests/data/mustache-spec/, where tests/unit/view/test_mustache_spec.c reads them. The copies are
# committed, so building and testing never need the shared reference directory.
#
# Usage: scripts/copy-mustache-spec.sh [SOURCE_DIR]
#        SOURCE_DIR defaults to /work/shared/data/mustache-spec.
set -euo pipefail
cd "$(dirname "$0")/.."
src=${1:-/work/shared/data/mustache-spec}
dest=tests/data/mustache-spec

if [ ! -f "$src/LICENSE" ]; then
    echo "copy-mustache-spec: $src/LICENSE not found" >&2
    exit 1
fi
shopt -s nullglob
files=("$src"/*.json)
if [ ${#files[@]} -eq 0 ]; then
    echo "copy-mustache-spec: no *.json files in $src" >&2
    exit 1
fi
# Every required module must be present, or the spec test would silently test less.
for m in comments delimiters interpolation inverted partials sections; do
    if [ ! -f "$src/$m.json" ]; then
        echo "copy-mustache-spec: required module $m.json missing from $src" >&2
        exit 1
    fi
done

mkdir -p "$dest"
rm -f "$dest"/*.json
install -m 0644 "$src/LICENSE" "$dest/LICENSE"
for f in "${files[@]}"; do
    # Refuse files that are not valid JSON instead of committing them.
    python3 -c 'import json,sys; json.load(open(sys.argv[1], encoding="utf-8"))' "$f"
    install -m 0644 "$f" "$dest/"
done
echo "copy-mustache-spec: copied ${#files[@]} files and LICENSE into $dest"
