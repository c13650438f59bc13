#!/usr/bin/env bash
# progsearch discover benchmarks, recorded in docs/BENCHMARKS.md (sections discover-exp, discover-cache,
# discover-float32):
#   1. exp on [0, 1], float64, 10 minutes on every core: the front next to Sollya's minimax polynomials
#      (remez, computed in the same run), our own Remez and our minimax rationals;
#   2. the functional equivalence cache: the same seeded run with and without it, fixed cycles;
#   3. exp2 on [0, 1] in float32: ULPs verified at every float of the interval, next to the minimax
#      polynomials' exhaustive ULPs.
# Usage: bench/discover.sh [BUILD_DIR] [SECONDS]   (about 10 minutes + SECONDS)
#        DISCOVER_PARTS="exp cache float32" (the default) picks the parts to run.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
seconds=${2:-600}
. bench/doc_section.sh
bin=$build/apps/progsearch
section=$(mktemp)
sollya_in=$(mktemp)
trap 'rm -f "$section" "$sollya_in"' EXIT
parts=" ${DISCOVER_PARTS:-exp cache float32} "
want() { [[ $parts == *" $1 "* ]]; }

# value_at JSON LIST OPS FIELD: FIELD of the entry with "ops": OPS in the JSON list LIST ("front",
# "minimax" or "rational"), or -. field JSON NAME: a top-level field. programs JSON: the front as a list.
json_file=$(mktemp)
trap 'rm -f "$section" "$sollya_in" "$json_file"' EXIT
value_at() { printf '%s' "$1" >"$json_file"; bench/result_json.py "$json_file" at "$2" "$3" "$4"; }
field() { printf '%s' "$1" >"$json_file"; bench/result_json.py "$json_file" field "$2"; }
programs() { printf '%s' "$1" >"$json_file"; bench/result_json.py "$json_file" programs; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "-" || b == "-" || a == 0) print "-"; else printf "%.1f", b / a }'; }
sci() { awk -v v="$1" 'BEGIN { if (v == "-") print "-"; else printf "%.3e", v }'; }

# 1. exp, float64, against Sollya.
if want exp; then
echo "bench: discover exp for ${seconds}s on $(nproc) cores..." >&2
exp_json=$("$bin" discover --target exp --time "$seconds" --seed 1 --max-ops 16 --json -q)
sollya_version=$( (sollya --version 2>/dev/null || true) | grep -o "[0-9][0-9.]*" | head -1)
sollya_version=${sollya_version:-not installed}
declare -A sollya
if command -v sollya >/dev/null; then
  cat >"$sollya_in" <<'SOLLYA'
prec=200!;
display=decimal!;
for n from 1 to 8 do {
  p = remez(1, n, [0;1], 1/exp(x));
  print(2 * n, dirtyinfnorm(p/exp(x) - 1, [0;1]));
};
SOLLYA
  while read -r ops err; do sollya[$ops]=$(awk -v e="$err" 'BEGIN { printf "%.3e", e }'); done < <(sollya "$sollya_in")
fi
{
  echo "<!-- discover-exp:begin -->"
  echo "## discover: exp on [0, 1], float64"
  echo
  stamp
  echo "- machine: $(machine)"
  echo "- command: \`progsearch discover --target exp --time $seconds --seed 1 --max-ops 16 --json\` (every core)"
  echo "- $(field "$exp_json" stop) after $(field "$exp_json" seconds) s: $(field "$exp_json" cycles) cycles,"\
       "$(field "$exp_json" fitness_evaluations) fitness evaluations, cache hit rate $(field "$exp_json" cache_hit_rate)"
  echo "- Max relative error on 2049 points refined around the worst; operations counted in straight-line"
  echo "  form (a repeated sub-term once), fma counts 2. Sollya ($sollya_version): \`remez(1, n, [0;1], 1/exp(x))\`,"
  echo "  error by \`dirtyinfnorm(p/exp(x) - 1, [0;1])\`, same run. \"rational\": our best minimax P/Q of that"
  echo "  operation count (Horner forms), which also seed the population with the minimax polynomials."
  echo
  echo "| ops | progsearch | Sollya minimax | ours: Remez | ours: rational | Sollya / progsearch |"
  echo "|---:|---:|---:|---:|---:|---:|"
  for ops in $(seq 2 16); do
    p=$(value_at "$exp_json" front "$ops" max_rel_error)
    s=${sollya[$ops]:--}
    echo "| $ops | $(sci "$p") | $s | $(sci "$(value_at "$exp_json" minimax "$ops" max_rel_error)") |"\
         "$(sci "$(value_at "$exp_json" rational "$ops" max_rel_error)") | $(ratio "$p" "$s") |"
  done
  echo
  echo "A dash in the progsearch column: no program of that count beat the shorter ones."
  echo
  echo "Programs of the front:"
  echo
  programs "$exp_json"
  echo "<!-- discover-exp:end -->"
} >"$section"
replace_section discover-exp "$section"
fi

# 2. The cache: fixed cycles, same seed, with and without.
if want cache; then
cycles=200000
echo "bench: discover exp, $cycles cycles with and without the cache..." >&2
with=$("$bin" discover --target exp --cycles "$cycles" --time 3600 --seed 1 --json -q)
without=$("$bin" discover --target exp --cycles "$cycles" --time 3600 --seed 1 --no-cache --json -q)
{
  echo "<!-- discover-cache:begin -->"
  echo "## discover: the functional equivalence cache"
  echo
  stamp
  echo "- machine: $(machine)"
  echo "- command: \`progsearch discover --target exp --cycles $cycles --seed 1 --json\`, then the same with \`--no-cache\`"
  echo
  echo "| cache | seconds | fitness evaluations | hit rate | fitness seconds (all threads) | best error at 10 ops |"
  echo "|---|---:|---:|---:|---:|---:|"
  echo "| on | $(field "$with" seconds) | $(field "$with" fitness_evaluations) | $(field "$with" cache_hit_rate) |"\
       "$(field "$with" fitness_seconds) | $(sci "$(value_at "$with" front 10 max_rel_error)") |"
  echo "| off | $(field "$without" seconds) | $(field "$without" fitness_evaluations) | - |"\
       "$(field "$without" fitness_seconds) | $(sci "$(value_at "$without" front 10 max_rel_error)") |"
  echo
  echo "- Wall time saved by the cache: $(awk -v a="$(field "$with" seconds)" -v b="$(field "$without" seconds)" \
    'BEGIN { printf "%.1f%%", 100 * (b - a) / b }'). The two runs part ways at the first hit (a hit keeps the"
  echo "  child's own constants, a fresh evaluation fits them), so they do not evaluate the same candidates."
  echo "- Measured inside the run without the cache: $(field "$without" repeat_evaluations) of its"\
       "$(field "$without" fitness_evaluations) evaluations were of behaviours it had evaluated before, and they took"\
       "$(field "$without" repeat_fitness_seconds) s of its $(field "$without" fitness_seconds) s of fitness time: that is"\
       "what the cache saves on this path. Repeated behaviours are mostly cheap candidates (few constants, or"
  echo "  fits that fail at once); the expensive minimax fits of new shapes rarely repeat."
  echo "<!-- discover-cache:end -->"
} >"$section"
replace_section discover-cache "$section"
fi

# 3. exp2 in float32.
if want float32; then
f32_seconds=$((seconds / 4))
echo "bench: discover exp2 in float32 for ${f32_seconds}s, then exhaustive checks..." >&2
f32_json=$("$bin" discover --target exp2 --arithmetic float32 --time "$f32_seconds" --seed 1 --max-ops 12 --json -q)
{
  echo "<!-- discover-float32:begin -->"
  echo "## discover: exp2 on [0, 1], float32"
  echo
  stamp
  echo "- machine: $(machine)"
  echo "- command: \`progsearch discover --target exp2 --arithmetic float32 --time $f32_seconds --seed 1 --max-ops 12 --json\`"
  echo "- ULPs against the correctly rounded float, every float32 of [0, 1] checked (1,065,353,217 inputs)."
  echo
  echo "| ops | progsearch ULPs | minimax polynomial ULPs | progsearch max rel. error (double) |"
  echo "|---:|---:|---:|---:|"
  for ops in $(seq 4 12); do
    echo "| $ops | $(value_at "$f32_json" front "$ops" float32_ulps) | $(value_at "$f32_json" minimax "$ops" float32_ulps) |"\
         "$(sci "$(value_at "$f32_json" front "$ops" max_rel_error)") |"
  done
  echo
  echo "A dash: no front program or minimax polynomial of that count, or one whose relative error in double"
  echo "(above 2^-20) already means 8 ULPs or more, which is not checked."
  echo
  echo "Programs of the front:"
  echo
  programs "$f32_json"
  echo "<!-- discover-float32:end -->"
} >"$section"
replace_section discover-float32 "$section"
fi
echo "bench: wrote $doc" >&2
