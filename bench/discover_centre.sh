#!/usr/bin/env bash
# The centred search (issue 29, item 3), recorded in docs/BENCHMARKS.md: for each target, the plain search
# and `--centre` side by side, one thread each, SECONDS each (equal time on the 2 cores), float64, fma
# counting 2, no seeding beyond the classical fits the search always makes:
#   exp2 on [0, 1]                 (centred on 1/2)
#   log2 on [sqrt(1/2), sqrt(2)]   (centred on its zero, 1)
#   erf on [0, 1] and exp on [-ln2/2, ln2/2], side by side without --centre (nothing to move: erf's zero
#   is 0, exp's interval is centred), for the front against the minimax polynomial and rational baselines.
# The table gives, at each count from 6 to 12, the best error of at most that many operations: each
# search's front, the minimax polynomial and the project's rational baseline.
# Usage: bench/discover_centre.sh [BUILD_DIR] [SECONDS]   (about 3 x SECONDS + 3 minutes)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
seconds=${2:-600}
. bench/doc_section.sh
bin=$build/apps/progsearch
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
json() { bench/result_json.py "$@"; }
sci() { awk -v v="$1" 'BEGIN { if (v == "-" || v == "") print "-"; else printf "%.2e", v }'; }

search() {  # NAME TARGET LOW HIGH [FLAGS...]: one search in the background, its JSON in $work/NAME.json
  local name=$1 target=$2 low=$3 high=$4
  shift 4
  "$bin" discover --target "$target" --low "$low" --high "$high" --time "$seconds" --seed 1 --max-ops 12 \
    --threads 1 "$@" --json -q >"$work/$name.json" &
  pids+=($!)
}
pair() {  # waits for the pair started last; a failed search fails the script
  for pid in "${pids[@]}"; do wait "$pid"; done
  pids=()
}

pids=()
echo "bench: exp2 on [0, 1], plain and --centre, ${seconds}s..." >&2
search exp2-plain exp2 0 1
search exp2-centre exp2 0 1 --centre
pair
echo "bench: log2 on [sqrt(1/2), sqrt(2)], plain and --centre, ${seconds}s..." >&2
search log2-plain log2 0.70710678118654757 1.4142135623730951
search log2-centre log2 0.70710678118654757 1.4142135623730951 --centre
pair
echo "bench: erf on [0, 1] and exp on [-ln2/2, ln2/2], ${seconds}s..." >&2
search erf-plain erf 0 1
search exp-plain exp -0.34657359027997264 0.34657359027997264
pair

{
  echo "<!-- discover-centre:begin -->"
  echo "## discover: the centred search, and log2 and erf against the baselines (issue 29, item 3)"
  echo
  stamp
  echo "- machine: $(machine); two searches at a time side by side, one thread each, nothing else running"
  echo "- command: \`bench/discover_centre.sh build $seconds\`: \`progsearch discover --target T --low A --high B"
  echo "  --time $seconds --seed 1 --max-ops 12 --threads 1 [--centre] --json\`; float64, fma counts 2. Each"
  echo "  cell: the smallest max relative error of at most that many operations (2049-point grid refined"
  echo "  around the worst point; the front's programs are checked again at 10^6 points, column mpfr)."
  for target in exp2 log2; do
    f="$work/$target-plain.json"; c="$work/$target-centre.json"
    echo
    echo "$target on [$(json "$f" field low), $(json "$f" field high)]:"
    echo
    echo "| ops | plain | --centre | --centre, mpfr | minimax | rational |"
    echo "|---:|---:|---:|---:|---:|---:|"
    for ops in $(seq 6 12); do
      echo "| $ops | $(sci "$(json "$f" within front "$ops" max_rel_error)") | $(sci "$(json "$c" within front "$ops" max_rel_error)") |"\
           "$(sci "$(json "$c" within front "$ops" dense_max_rel_error)") | $(sci "$(json "$f" within minimax "$ops" max_rel_error)") |"\
           "$(sci "$(json "$f" within rational "$ops" max_rel_error)") |"
    done
    echo
    echo "--centre, most accurate: \`$(json "$c" programs | tail -1 | sed 's/^- //; s/`//g')\`"
  done
  for target in erf exp; do
    f="$work/$target-plain.json"
    echo
    echo "$target on [$(json "$f" field low), $(json "$f" field high)] (--centre moves nothing here):"
    echo
    echo "| ops | search | mpfr | minimax | rational |"
    echo "|---:|---:|---:|---:|---:|"
    for ops in $(seq 6 12); do
      echo "| $ops | $(sci "$(json "$f" within front "$ops" max_rel_error)") | $(sci "$(json "$f" within front "$ops" dense_max_rel_error)") |"\
           "$(sci "$(json "$f" within minimax "$ops" max_rel_error)") | $(sci "$(json "$f" within rational "$ops" max_rel_error)") |"
    done
  done
  echo "<!-- discover-centre:end -->"
} >"$work/section"
replace_section discover-centre "$work/section"
echo "bench: wrote $doc" >&2
