#!/usr/bin/env bash
# The printable plaque (backend/plaque.ts) draws Chinese text with WenQuanYi Micro Hei from Debian's
# fonts-wqy-microhei (Apache-2.0); scripts/build-functions.ts copies it next to the function that makes plaques.
# The browser tests' pages are drawn in it too (scripts/ensure-chromium.sh runs this first).
set -euo pipefail
FONT=/usr/share/fonts/truetype/wqy/wqy-microhei.ttc
if [ -f "$FONT" ] && [ -f /usr/share/doc/fonts-wqy-microhei/copyright ]; then
  exit 0
fi
echo "Installing the Chinese font from Debian (fonts-wqy-microhei)…"
source "$(dirname "$0")/lib/apt-install.sh"
apt_install fonts-wqy-microhei
[ -f "$FONT" ] || { echo "fonts-wqy-microhei did not install $FONT" >&2; exit 1; }
