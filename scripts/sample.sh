#!/usr/bin/env bash
# Set up, then convert the bundled sample pages (samples/<lang>/*.wiki) to sample-out/ as text
# and JSONL, printing each run's summary.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/_setup.sh"
UNWIKI_NO_JAVA=1 unwiki_setup
cd "$ROOT"

out="$ROOT/sample-out"
rm -rf "$out"
mkdir -p "$out"
# One run per wiki language, so each page gets its wiki's namespaces and template renderers.
# Each run prints its summary (pages read, written, skipped, failed; speed) on stderr.
for dir in "$ROOT"/samples/*/; do
    lang="$(basename "$dir")"
    echo "== samples/$lang" >&2
    "$VENV/bin/unwiki" convert "$dir" --lang "$lang" --format text --output "$out/text/$lang" --no-progress
    "$VENV/bin/unwiki" convert "$dir" --lang "$lang" --format jsonl --output "$out/$lang.jsonl" --no-progress
done
echo "sample.sh: output in $out (text/<lang>/*.txt, <lang>.jsonl)"
