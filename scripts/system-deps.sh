#!/usr/bin/env bash
# Installs the Debian packages the tests drive, when they are missing:
#   chromium                 browser tests (task pane, functions bundle)
#   libreoffice-calc-nogui   recalculates the exported workbook
#   libxml2-utils            xmllint, validates the manifests against Microsoft's XSDs
# Needs root (CI and the project's machines run as root); elsewhere it says what to install and fails.
set -euo pipefail
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
[ -x /usr/bin/soffice ] || need+=(libreoffice-calc-nogui)
command -v xmllint >/dev/null 2>&1 || need+=(libxml2-utils)
if [ ${#need[@]} -eq 0 ]; then exit 0; fi
if [ "$(id -u)" != 0 ]; then
  echo "The tests need Debian packages that are missing: ${need[*]}. Install them with: sudo apt-get install ${need[*]}" >&2
  exit 1
fi
echo "Installing ${need[*]} (apt-get)..."
apt-get update -q
DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${need[@]}"
