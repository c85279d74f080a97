#!/usr/bin/env bash
# The printable plaque (backend/plaque.ts) draws Chinese text with WenQuanYi Micro Hei from Debian's
# fonts-wqy-microhei (Apache-2.0); scripts/build-functions.ts copies it next to the function that makes plaques.
set -euo pipefail
FONT=/usr/share/fonts/truetype/wqy/wqy-microhei.ttc
if [ -f "$FONT" ] && [ -f /usr/share/doc/fonts-wqy-microhei/copyright ]; then
  exit 0
fi
echo "Installing the Chinese font for plaques from Debian (fonts-wqy-microhei)…"
SUDO=""
[ "$(id -u)" = "0" ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq fonts-wqy-microhei >/dev/null
[ -f "$FONT" ] || { echo "fonts-wqy-microhei did not install $FONT" >&2; exit 1; }
