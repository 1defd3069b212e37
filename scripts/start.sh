#!/usr/bin/env bash
# Brings the whole system up on its embedded defaults: checks that its ports are free, installs what is missing,
# builds, prepares PostgreSQL, starts a Temporal dev server persisting to .data/temporal (cases survive a
# restart), the worker and the API.
# Ctrl-C stops everything it started.
set -euo pipefail
cd "$(dirname "$0")/.."

port="${PORT:-3000}"
host="${HOST:-127.0.0.1}"
ui_port="${TEMPORAL_UI_PORT:-8233}"
# True when something accepts connections on host:port.
port_taken() { timeout 2 bash -c "exec 3<>/dev/tcp/$1/$2" 2>/dev/null; }

# The ports first: finding one taken after the build and the database preparation would have touched the
# database for nothing.
if port_taken "$host" "$port"; then
  echo "vnfil: port $port on $host is taken (another npm start?): stop what listens there or set PORT to a free port" >&2
  exit 1
fi
if [ -z "${TEMPORAL_ADDRESS:-}" ]; then
  if port_taken 127.0.0.1 7233; then
    echo "vnfil: port 7233, where npm start runs its Temporal dev server, is taken (another npm start?): stop what listens there, or set TEMPORAL_ADDRESS to use the Temporal server there" >&2
    exit 1
  fi
  if port_taken 127.0.0.1 "$ui_port"; then
    echo "vnfil: port $ui_port, where npm start runs the Temporal UI, is taken: stop what listens there or set TEMPORAL_UI_PORT to a free port" >&2
    exit 1
  fi
fi

bash scripts/ensure-tools.sh
echo "==> building"
rm -rf dist && npx tsc -p tsconfig.build.json

# Local development: the demo awarding body and its users (password DEMO_PASSWORD, vnfil-demo by default) are
# seeded on first run, which `npm run demo` relies on. Production refuses them.
export SEED_DEMO="${SEED_DEMO:-true}"
echo "==> preparing PostgreSQL"
node dist/scripts/prepare.js

pids=()
stopping=0
stop_all() {
  [ "$stopping" = 1 ] && return
  stopping=1
  echo
  echo "==> stopping"
  # API and worker first (they drain), the Temporal server last.
  for ((i=${#pids[@]}-1; i>=0; i--)); do kill -TERM "${pids[$i]}" 2>/dev/null || true; wait "${pids[$i]}" 2>/dev/null || true; done
  echo "stopped"
}
trap 'stop_all; exit 0' INT TERM
trap 'stop_all' EXIT

temporal_cli=.tools/venv/bin/temporal
if [ -z "${TEMPORAL_ADDRESS:-}" ]; then
  export TEMPORAL_ADDRESS=127.0.0.1:7233
  mkdir -p .data/temporal
  echo "==> starting the Temporal dev server on $TEMPORAL_ADDRESS (state in .data/temporal/temporal.db)"
  # Payloads are encrypted (PAYLOAD_KEYS, else the development key): the UI decodes them through the API's codec
  # endpoint, for an awarding body's admin signed in to the API in the same browser.
  export TEMPORAL_UI_ORIGINS="${TEMPORAL_UI_ORIGINS:-http://127.0.0.1:$ui_port,http://localhost:$ui_port}"
  "$temporal_cli" server start-dev --ip 127.0.0.1 --port 7233 --ui-port "$ui_port" \
    --ui-codec-endpoint "http://$host:$port/codec" \
    --db-filename .data/temporal/temporal.db --sqlite-pragma journal_mode=wal --log-level warn >.data/temporal/server.log 2>&1 &
  pids+=($!)
  for _ in $(seq 1 120); do
    if "$temporal_cli" operator cluster health --address "$TEMPORAL_ADDRESS" 2>/dev/null | grep -q SERVING; then break; fi
    if ! kill -0 "${pids[0]}" 2>/dev/null; then echo "vnfil: the Temporal dev server stopped: see .data/temporal/server.log" >&2; exit 1; fi
    sleep 0.5
  done
fi

# Start-up chatter (module and route listings) stays out of the way unless asked for.
export LOG_LEVEL="${LOG_LEVEL:-warn}"
echo "==> starting the worker"
node dist/apps/worker/src/main.js &
pids+=($!)
echo "==> starting the API"
node dist/apps/api/src/main.js &
pids+=($!)

up=0
for _ in $(seq 1 120); do
  if curl -fsS --max-time 2 "http://$host:$port/health" >/dev/null 2>&1; then up=1; break; fi
  for pid in "${pids[@]}"; do
    if ! kill -0 "$pid" 2>/dev/null; then echo "vnfil: a process stopped during start-up (see above)" >&2; exit 1; fi
  done
  sleep 0.5
done
if [ "$up" != 1 ]; then
  echo "vnfil: the API did not answer on http://$host:$port/health within a minute: see the output above" >&2
  exit 1
fi

cat <<MSG

vnfil is up.
  API            http://$host:$port
  API docs       http://$host:$port/docs
  Temporal UI    http://127.0.0.1:$ui_port   (when started here)
  Demo logins    admin@demo.vnfil.eu, assessor.one@demo.vnfil.eu (.two, .three), candidate@demo.vnfil.eu  (password: ${DEMO_PASSWORD:-vnfil-demo})
  Try            npm run demo     (in another terminal: one case from evidence to award)
Press Ctrl-C to stop.

MSG

# Stay up until Ctrl-C or until one of the processes stops.
wait -n "${pids[@]}" || true
echo "vnfil: a process stopped unexpectedly; stopping the rest" >&2
exit 1
