#!/usr/bin/env bash
# Browser tests drive Debian's Chromium (Playwright's own browser download cannot work offline), with the Chinese font.
set -euo pipefail
bash "$(dirname "$0")/ensure-fonts.sh"
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
echo "Installing Chromium from Debian…"
source "$(dirname "$0")/lib/apt-install.sh"
apt_install chromium
