#!/usr/bin/env bash
# npm start: install what is missing, build the functions and the H5 app, start the local host with demo data.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
bash scripts/ensure-fonts.sh
npm run --silent build:functions
echo "Building the H5 app…"
mkdir -p build && npx taro build --type h5 > build/h5-build.log 2>&1 || { cat build/h5-build.log; exit 1; }
exec npx tsx local/host/main.ts
