#!/usr/bin/env bash
# Writes src/NesMep.Firmware/webui-gz/NAME.gz for every UI file in webui/ (gzip -9, no name or time stamp, so the
# bytes depend on the content only). Resources.resx embeds them next to the plain files; run before a firmware build
# whenever webui/ changed. Needs bash and gzip (Git Bash on Windows has both).
set -euo pipefail
cd "$(dirname "$0")/.."
out=src/NesMep.Firmware/webui-gz
mkdir -p "$out"
for f in webui/*; do
  name=$(basename "$f")
  case "$name" in README.md|.*) continue ;; esac
  gzip -9 -n -c "$f" > "$out/$name.gz"
done
echo "firmware-webui: $(ls "$out" | wc -l) files in $out"
