#!/usr/bin/env bash
# Fails when C sources use functions that are banned in this project because they are unbounded or
# unchecked (see docs/CONTRIBUTING.md): use buf_printf/snprintf, memcpy with a length, and the
# range-checked parsers in base/num.h instead.
set -euo pipefail
cd "$(dirname "$0")/.."
banned='sprintf|vsprintf|strcpy|strcat|strncpy|strtok|atoi|atol|atoll|sscanf|gets'
hits=$(grep -rnE "(^|[^A-Za-z0-9_])($banned)[[:space:]]*\(" --include='*.c' --include='*.h' \
         src tests tools bench 2>/dev/null | grep -vE ':[[:space:]]*(//|\*|/\*)' || true)
if [ -n "$hits" ]; then
    echo "banned functions used:"
    echo "$hits"
    exit 1
fi
echo "check-banned: no banned functions"
