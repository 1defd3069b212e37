#!/usr/bin/env bash
# The whole suite: type-check, lint, build (the e2e tests run the built API and worker as real processes),
# then every jest tier against the real PostgreSQL and Temporal servers.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-tools.sh
echo "==> type-check"
npx tsc --noEmit -p tsconfig.json
echo "==> lint"
npx eslint --max-warnings=0 .
echo "==> build"
npm run --silent build
echo "==> tests"
npx jest --runInBand "$@"
