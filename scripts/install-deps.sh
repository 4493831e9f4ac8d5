#!/usr/bin/env bash
# Installs the Debian 12 packages Tambon needs to build, test and run, when any is missing.
# The one list of build and test dependencies: the README's commands and .ci/run use it.
set -euo pipefail

packages=(
    build-essential cmake ninja-build pkg-config git ca-certificates
    libjansson-dev libsqlite3-dev libpq-dev libicu-dev libthai-dev libsodium-dev libmicrohttpd-dev
    libcmocka-dev clang libclang-rt-14-dev
    postgresql postgresql-contrib
    python3 time curl sqlite3 chromium
)

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# The front-end files (Bootstrap, htmx, Sarabun) come from `npm ci`: node and npm must exist. A node
# installed another way counts; otherwise Debian's packages.
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
[ ${#missing[@]} -eq 0 ] && exit 0

echo "ติดตั้งแพ็กเกจที่ยังขาด (installing missing packages): ${missing[*]}"
sudo=""
if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "ต้องใช้สิทธิ์ root หรือ sudo (need root or sudo)" >&2; exit 1; }
    sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
