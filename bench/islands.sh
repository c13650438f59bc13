#!/usr/bin/env bash
# MPI islands against one population (issue 14), recorded in docs/BENCHMARKS.md: discover exp on [0, 1]
# up to 10 operations with the same total number of cycles (candidates bred and scored), as 1 population,
# 2 islands and 4 islands (mpirun, oversubscribed past the cores), 3 seeds each; the front's error at 4,
# 6, 8 and 10 operations, median over the seeds. Skipped when progsearch is built without MPI.
# Usage: bench/islands.sh [BUILD_DIR] [TOTAL_CYCLES]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
total=${2:-120000}
. bench/doc_section.sh
bin=$(realpath "$build/apps/progsearch")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if ! "$bin" discover --islands --max-ops 2 --cycles 8 --population 8 --dense-points 0 -q >/dev/null 2>&1; then
  echo "bench: islands skipped: progsearch is built without MPI" >&2
  exit 0
fi
root_flag=()
[ "$(id -u)" -eq 0 ] && root_flag=(--allow-run-as-root)
common=(discover --target exp --max-ops 10 --dense-points 0 --threads 1 --json -q)

rows=()
for islands in 1 2 4; do
  cycles=$((total / islands))
  for seed in 1 2 3; do
    echo "bench: $islands island(s), seed $seed, $cycles cycles each..." >&2
    start=$(date +%s.%N)
    if [ "$islands" -eq 1 ]; then
      "$bin" "${common[@]}" --seed "$seed" --cycles "$total" >"$work/$islands-$seed.json" 2>/dev/null
    else
      mpirun "${root_flag[@]}" --oversubscribe -np "$islands" "$bin" "${common[@]}" --seed "$seed" --cycles "$cycles" \
        --islands >"$work/$islands-$seed.json" 2>/dev/null
    fi
    echo "$(python3 -c "print($(date +%s.%N) - $start)")" >"$work/$islands-$seed.seconds"
  done
  rows+=("$(python3 - "$work" "$islands" "$cycles" <<'PY'
import json, statistics, sys
work, islands, cycles = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
errors = {ops: [] for ops in (4, 6, 8, 10)}
seconds = []
for seed in (1, 2, 3):
    d = json.load(open(f"{work}/{islands}-{seed}.json"))
    seconds.append(float(open(f"{work}/{islands}-{seed}.seconds").read()))
    front = {p["ops"]: p["max_rel_error"] for p in d["front"]}
    for ops in errors:
        # The front keeps the best error at or below each count.
        errors[ops].append(min((e for o, e in front.items() if o <= ops), default=float("inf")))
cells = " | ".join(f"{statistics.median(v):.2e}" for v in errors.values())
print(f"| {islands} | {cycles} | {cells} | {statistics.median(seconds):.1f} |")
PY
)")
done

{
  echo "<!-- islands:begin -->"
  echo "## discover --islands: MPI islands against one population"
  echo
  stamp
  echo "- machine: $(machine)"
  echo "- command: \`mpirun --oversubscribe -np K progsearch discover --target exp --max-ops 10 --threads 1"
  echo "  --cycles $total/K --islands --seed S\` (K = 1: no mpirun, no --islands), seeds 1-3, migration every 20"
  echo "  batches of 4 members; every run breeds and scores $total candidates in all."
  echo "- cells: the front's max relative error at that many operations or fewer, median over the seeds; wall"
  echo "  seconds, median (4 islands share 2 cores)."
  echo
  echo "| islands | cycles each | error at 4 ops | 6 ops | 8 ops | 10 ops | seconds |"
  echo "|---:|---:|---:|---:|---:|---:|---:|"
  printf '%s\n' "${rows[@]}"
  echo "<!-- islands:end -->"
} >"$work/section"
replace_section islands "$work/section"
echo "bench: wrote docs/BENCHMARKS.md" >&2
