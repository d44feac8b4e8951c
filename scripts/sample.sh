#!/usr/bin/env bash
# Set up, then convert the bundled sample pages (samples/) to sample-out/ as text and JSONL,
# printing the run summary.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/_setup.sh"
UNWIKI_NO_JAVA=1 unwiki_setup
cd "$ROOT"

out="$ROOT/sample-out"
rm -rf "$out"
mkdir -p "$out"
# each run prints its summary (pages read, written, skipped, failed; speed) on stderr
"$VENV/bin/unwiki" convert "$ROOT/samples" --format text --output "$out/text" --no-progress
"$VENV/bin/unwiki" convert "$ROOT/samples" --format jsonl --output "$out/pages.jsonl" --no-progress
echo "sample.sh: output in $out"
