#!/usr/bin/env bash
# npm test: install what is missing (npm packages, Debian's Chromium), build the functions, the H5 app and the
# weapp build, type-check, then run every jest project (node, components, browser).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
bash scripts/ensure-fonts.sh
bash scripts/ensure-chromium.sh
started=$(date +%s)
mkdir -p build test-output
npm run --silent build:functions
echo "Building the H5 app and the weapp build…"
npx taro build --type h5 > build/h5-build.log 2>&1 || { cat build/h5-build.log; exit 1; }
npx taro build --type weapp > build/weapp-build.log 2>&1 || { cat build/weapp-build.log; exit 1; }
echo "Type-checking…"
npx tsc --noEmit -p tsconfig.json
echo "Builds and type check took $(( $(date +%s) - started )) s"
status=0
npx jest --ci --maxWorkers=2 --json --outputFile=test-output/jest-results.json "$@" || status=$?
# One plain closing line, whatever reads this log.
node -e 'const r = require("./test-output/jest-results.json"); console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests} skipped`)' || true
exit $status
