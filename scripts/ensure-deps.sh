#!/usr/bin/env bash
# Installs npm dependencies when they are missing or older than the lockfile.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "Installing npm dependencies…"
  # npm ci cannot be used: Taro's lockfile names per-platform packages that are not on the registry (STACK-NOTES.md).
  npm install --no-audit --no-fund
fi
