#!/usr/bin/env bash
# Bottom-up throughput of two progsearch binaries in the same run, alternating, recorded in
# docs/BENCHMARKS.md (section build-comparison): for refactors that must not slow the search.
# Usage: bench/compare_builds.sh OLD_BINARY OLD_LABEL NEW_BINARY NEW_LABEL   (about three minutes)
set -euo pipefail
cd "$(dirname "$0")/.."
old=$1; old_label=$2; new=$3; new_label=$4
. bench/doc_section.sh
section=$(mktemp)
trap 'rm -f "$section"' EXIT

# measure BINARY TASK: "wall_rate user_seconds" of one run over a fixed number of candidates (a fixed
# amount of work: a time limit would end the two builds at different points of a cost level, whose
# rates differ). User CPU seconds are reported too: on this VM the kernel's page-fault time swings
# the wall clock by tens of percent between identical runs. Reaching the candidate limit exits
# non-zero: expected here.
candidates=8000000
runs=5
measure() {
  local times json
  times=$(mktemp)
  json=$({ /usr/bin/time -f %U -o "$times" "$1" synth "$2" --timeout 0 --max-candidates $candidates --threads 1 \
            --json -q 2>/dev/null || true; })
  echo "$(sed -n 's/.*"candidates_per_second": *\([0-9.e+]*\).*/\1/p' <<<"$json") $(tail -1 "$times")"
  rm -f "$times"
}
median() { printf '%s\n' "$@" | sort -g | sed -n "$(( (runs + 1) / 2 ))p"; }
fmt() { awk -v v="$1" -v d="$2" 'BEGIN { printf "%.3f", v / d }'; }

rows=()
for task in bench/tasks/strings-enumerate.sl bench/tasks/bv-enumerate.sl; do
  wa=(); wb=(); ua=(); ub=()
  for _ in $(seq $runs); do  # alternating, so drifts of a shared machine fall on both
    read -r w u < <(measure "$old" "$task"); wa+=("$w"); ua+=("$u")
    read -r w u < <(measure "$new" "$task"); wb+=("$w"); ub+=("$u")
  done
  mwa=$(median "${wa[@]}"); mwb=$(median "${wb[@]}"); mua=$(median "${ua[@]}"); mub=$(median "${ub[@]}")
  rows+=("| $(basename "$task" .sl) | $(fmt "$mwa" 1e6) | $(fmt "$mwb" 1e6) | $(fmt "$mwb" "$mwa") |"\
" $(fmt "$mua" 1) | $(fmt "$mub" 1) | $(fmt "$mub" "$mua") |")
done
{
  echo "<!-- build-comparison:begin -->"
  echo "## Bottom-up throughput of two builds, same run"
  echo
  stamp
  echo "- machine: $(machine)"
  echo "- command: \`bench/compare_builds.sh OLD $old_label NEW $new_label\`:"
  echo "  \`progsearch synth TASK --timeout 0 --max-candidates $candidates --threads 1\` on bench/tasks/*.sl,"
  echo "  the two binaries alternating, median of $runs runs each: wall-clock million candidates per second"
  echo "  (higher is better) and user CPU seconds (lower is better)."
  echo
  echo "| task | Mcand/s $old_label | Mcand/s $new_label | ratio | user s $old_label | user s $new_label | ratio |"
  echo "|---|---:|---:|---:|---:|---:|---:|"
  printf '%s\n' "${rows[@]}"
  echo "<!-- build-comparison:end -->"
} >"$section"
replace_section build-comparison "$section"
echo "bench: wrote $doc" >&2
