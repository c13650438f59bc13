#!/usr/bin/env bash
# Two builds on the same fixed work, alternating, recorded in docs/BENCHMARKS.md (section
# build-comparison): bottom-up throughput, interpreter throughput, discover's front at a fixed number of
# cycles and compression on the shared corpora (bench/compare_builds.py says how each is measured). For
# refactors that must not slow the search or change what it finds.
# Usage: bench/compare_builds.sh OLD_BUILD_DIR OLD_LABEL NEW_BUILD_DIR NEW_LABEL [compare_builds.py options]
#   (about 20 minutes on 2 cores with the default 5 runs)
set -euo pipefail
cd "$(dirname "$0")/.."
old=$1; old_label=$2; new=$3; new_label=$4; shift 4
. bench/doc_section.sh
section=$(mktemp)
body=$(mktemp)
trap 'rm -f "$section" "$body"' EXIT
python3 bench/compare_builds.py "$old" "$old_label" "$new" "$new_label" "$@" >"$body"
{
  echo "<!-- build-comparison:begin -->"
  echo "## Two builds on the same work, same run"
  echo
  stamp
  echo "- machine: $(machine)"
  echo "- command: \`bench/compare_builds.sh OLD $old_label NEW $new_label $*\`"
  echo
  cat "$body"
  echo "<!-- build-comparison:end -->"
} >"$section"
replace_section build-comparison "$section"
echo "bench: wrote $doc" >&2
