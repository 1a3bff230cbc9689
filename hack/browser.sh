#!/usr/bin/env bash
# Installs Chromium from Debian's packages when it is missing, for the
# playground's browser test (fn/e2e TestPlayground). Where it cannot be
# installed (not root, no apt-get), the test skips and says why.
set -euo pipefail
for b in chromium chromium-browser google-chrome; do
  command -v "$b" >/dev/null && exit 0
done
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "browser: installing chromium from Debian (for the playground test)"
  { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends chromium; } \
    > /tmp/browser-apt.log 2>&1 || echo "browser: apt-get install chromium failed (see /tmp/browser-apt.log); the playground test will skip" >&2
else
  echo "browser: no Chromium and no way to install it here; the playground test will skip" >&2
fi
