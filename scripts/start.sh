#!/usr/bin/env bash
# Brings the whole system up on its embedded defaults: checks that its ports are free, installs what is missing,
# builds, prepares PostgreSQL, starts a Temporal dev server persisting to .data/temporal (cases survive a
# restart), an SMTP server with a web inbox (maildev) that receives every message the worker sends, the worker
# and the API.
# Ctrl-C stops everything it started.
set -euo pipefail
cd "$(dirname "$0")/.."

port="${PORT:-3000}"
host="${HOST:-127.0.0.1}"
ui_port="${TEMPORAL_UI_PORT:-8233}"
mail_smtp_port="${MAILDEV_SMTP_PORT:-1025}"
mail_web_port="${MAILDEV_WEB_PORT:-1080}"
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
if [ -z "${SMTP_URL:-}" ]; then
  if port_taken 127.0.0.1 "$mail_smtp_port"; then
    echo "vnfil: port $mail_smtp_port, where npm start runs its SMTP server (maildev), is taken (another npm start?): stop what listens there, set MAILDEV_SMTP_PORT to a free port, or set SMTP_URL to send through the SMTP server there" >&2
    exit 1
  fi
  if port_taken 127.0.0.1 "$mail_web_port"; then
    echo "vnfil: port $mail_web_port, where npm start runs the e-mail web inbox (maildev), is taken: stop what listens there or set MAILDEV_WEB_PORT to a free port" >&2
    exit 1
  fi
fi

bash scripts/ensure-tools.sh
echo "==> building"
npm run --silent build

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
  # API and worker first (they drain: the mail relay finishes the message it is sending), then maildev, the Temporal server last.
  for ((i=${#pids[@]}-1; i>=0; i--)); do kill -TERM "${pids[$i]}" 2>/dev/null || true; wait "${pids[$i]}" 2>/dev/null || true; done
  echo "stopped"
}
trap 'stop_all; exit 0' INT TERM
trap 'stop_all' EXIT

temporal_cli=.tools/venv/bin/temporal
temporal_ui="the UI of the Temporal server at TEMPORAL_ADDRESS=${TEMPORAL_ADDRESS:-}"
if [ -z "${TEMPORAL_ADDRESS:-}" ]; then
  export TEMPORAL_ADDRESS=127.0.0.1:7233
  temporal_ui="http://127.0.0.1:$ui_port"
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

mail_inbox=""
if [ -z "${SMTP_URL:-}" ]; then
  maildev=node_modules/.bin/maildev
  if [ ! -x "$maildev" ]; then echo "vnfil: $maildev is missing: run npm install" >&2; exit 1; fi
  export SMTP_URL="smtp://127.0.0.1:$mail_smtp_port"
  mail_inbox="http://127.0.0.1:$mail_web_port"
  mkdir -p .data/mail
  echo "==> starting the SMTP server (maildev) on $SMTP_URL"
  # both its SMTP server and its inbox on this machine only: the inbox shows every message, with its links
  "$maildev" --smtp "$mail_smtp_port" --web "$mail_web_port" --ip 127.0.0.1 --web-ip 127.0.0.1 \
    --mail-directory .data/mail/messages >.data/mail/maildev.log 2>&1 &
  mail_pid=$!
  pids+=($mail_pid)
  for _ in $(seq 1 60); do
    if curl -fsS --max-time 2 "$mail_inbox/api/email" >/dev/null 2>&1; then break; fi
    if ! kill -0 "$mail_pid" 2>/dev/null; then echo "vnfil: maildev stopped: see .data/mail/maildev.log" >&2; exit 1; fi
    sleep 0.5
  done
  echo "==> e-mail: messages appear at $mail_inbox"
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
  Portal         http://$host:$port/portal   (sign in with a demo login below, or create a candidate account)
  API            http://$host:$port
  API docs       http://$host:$port/docs
  Temporal UI    $temporal_ui
  E-mail inbox   ${mail_inbox:-none here: sent through the SMTP server of SMTP_URL}${mail_inbox:+   (every message the worker sends appears here)}
  Demo logins    admin@demo.vnfil.eu, assessor.one@demo.vnfil.eu (.two, .three), candidate@demo.vnfil.eu  (password: ${DEMO_PASSWORD:-vnfil-demo})
  Try            npm run demo     (in another terminal: one case from evidence to award)
Press Ctrl-C to stop.

MSG

# Stay up until Ctrl-C or until one of the processes stops.
wait -n "${pids[@]}" || true
echo "vnfil: a process stopped unexpectedly; stopping the rest" >&2
exit 1
