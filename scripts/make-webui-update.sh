#!/usr/bin/env bash
# Builds a web UI update file (.nmu) for the device's Update page from a folder of UI files
# (docs/firmware.md, "Updates, rollback and recovery"): a text manifest (names, sizes, SHA-256
# of what is stored), a blank line, then every file gzip-compressed, in manifest order.
# Usage: scripts/make-webui-update.sh VERSION OUT.nmu [UI_FOLDER (default: webui)]
set -euo pipefail
version=${1:?usage: make-webui-update.sh VERSION OUT.nmu [UI_FOLDER]}
out=${2:?usage: make-webui-update.sh VERSION OUT.nmu [UI_FOLDER]}
dir=${3:-$(dirname "$0")/../webui}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
manifest="$work/manifest"
printf 'nesmep-update 1\nkind webui\nversion %s\n' "$version" > "$manifest"
: > "$work/pack"
for f in "$dir"/*.html "$dir"/*.css "$dir"/*.js "$dir"/*.svg; do
  [ -e "$f" ] || continue
  name=$(basename "$f")
  gzip -9 -n -c "$f" > "$work/one.gz"
  size=$(stat -c %s "$work/one.gz")
  sum=$(sha256sum "$work/one.gz" | cut -d' ' -f1)
  printf 'file %s %s %s gzip\n' "$name" "$size" "$sum" >> "$manifest"
  cat "$work/one.gz" >> "$work/pack"
done
printf '\n' >> "$manifest"
cat "$manifest" "$work/pack" > "$out"
echo "$out: $(grep -c '^file ' "$manifest") files, $(stat -c %s "$out") bytes"
