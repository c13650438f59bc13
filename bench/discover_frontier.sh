#!/usr/bin/env bash
# The discover frontier benchmarks (issue 12), recorded in docs/BENCHMARKS.md:
#   frontier   exp2 and exp on [0, 1], float64, --max-ops 16, seeded and --no-seed, SECONDS each: the front
#              from 6 to 16 operations, every program checked at 10^6 points against MPFR;
#   functions  three other functions on the intervals libraries use them on (cos on [0, pi/4], the
#              sigmoid on [-4, 4], 1/sqrt on [1, 4]), SECONDS/2 each, next to Sollya's minimax polynomials
#              computed in the same run;
#   timing     float32 exp2: the fewest-operation program within 1 ULP at every float of [0, 1] (from a
#              float32 run of SECONDS/2), emitted as C and timed against glibc's exp2f (ns per call,
#              vectorizable and scalar loops, and exp2f from libmvec), next to the minimax polynomial's
#              operation count for the same bound.
# Usage: bench/discover_frontier.sh [BUILD_DIR] [SECONDS]   (about 5 x SECONDS + 5 minutes)
#        FRONTIER_PARTS="frontier functions timing" (the default) picks the parts.
#        FRONTIER_SIDE_BY_SIDE=1 runs a target's seeded and --no-seed searches at once, one thread each,
#        so the frontier part takes 2 x SECONDS instead of 4 x SECONDS (each search gets half the cores).
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
seconds=${2:-600}
. bench/doc_section.sh
bin=$build/apps/progsearch
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
parts=" ${FRONTIER_PARTS:-frontier functions timing} "
want() { [[ $parts == *" $1 "* ]]; }
json() { bench/result_json.py "$@"; }
sci() { awk -v v="$1" 'BEGIN { if (v == "-" || v == "") print "-"; else printf "%.3e", v }'; }
scripts/install-deps sollya

# 1. exp2 and exp, seeded and not.
if want frontier; then
  side=${FRONTIER_SIDE_BY_SIDE:-0}
  threads=(); cores="every core"
  [ "$side" = 1 ] && { threads=(--threads 1); cores="seeded and --no-seed side by side, one thread each"; }
  for target in exp2 exp; do
    pids=()
    for seeding in seeded no-seed; do
      flag=(); [ "$seeding" = no-seed ] && flag=(--no-seed)
      echo "bench: discover $target ($seeding) for ${seconds}s..." >&2
      search=("$bin" discover --target "$target" --time "$seconds" --seed 1 --max-ops 16 "${flag[@]}" "${threads[@]}"
              --json -q)
      if [ "$side" = 1 ]; then
        "${search[@]}" >"$work/$target-$seeding.json" &
        pids+=($!)
      else
        "${search[@]}" >"$work/$target-$seeding.json"
      fi
    done
    for pid in "${pids[@]}"; do wait "$pid"; done  # a failed search fails the script
  done
  {
    echo "<!-- discover-frontier:begin -->"
    echo "## discover: the frontier at 10 operations (exp2 and exp, float64)"
    echo
    stamp
    echo "- machine: $(machine)"
    echo "- command: \`progsearch discover --target T --time $seconds --seed 1 --max-ops 16 [--no-seed] --json\`"
    echo "  ($cores); errors at 2049 points refined around the worst, and (\`mpfr\`) at 10^6 evenly"
    echo "  spaced points against MPFR. Targets (issue 12): exp2 <= 1e-14 and exp <= 1e-12 at 10 operations."
    echo
    echo "| ops | exp2 seeded | exp2 mpfr | exp2 --no-seed | exp seeded | exp mpfr | exp --no-seed |"
    echo "|---:|---:|---:|---:|---:|---:|---:|"
    for ops in $(seq 6 16); do
      row="| $ops |"
      for target in exp2 exp; do
        s="$work/$target-seeded.json"; n="$work/$target-no-seed.json"
        row+=" $(sci "$(json "$s" at front "$ops" max_rel_error)") | $(sci "$(json "$s" at front "$ops" dense_max_rel_error)") |"
        row+=" $(sci "$(json "$n" at front "$ops" max_rel_error)") |"
      done
      echo "$row"
    done
    echo
    for run in exp2-seeded exp2-no-seed exp-seeded exp-no-seed; do
      f="$work/$run.json"
      echo "- $run: $(json "$f" field cycles) cycles, $(json "$f" field fitness_evaluations) fitness evaluations;"\
           "10 ops: \`$(json "$f" at front 10 program)\`"
    done
    echo "<!-- discover-frontier:end -->"
  } >"$work/section"
  replace_section discover-frontier "$work/section"
fi

# 2. Three other functions next to Sollya.
if want functions; then
  half=$((seconds / 2))
  {
    echo "<!-- discover-functions:begin -->"
    echo "## discover: three other functions next to Sollya's minimax"
    echo
    stamp
    echo "- machine: $(machine)"
    echo "- command: \`progsearch discover --target F --low A --high B --time $half --seed 1 --max-ops 16 --json\`;"
    echo "  Sollya ($(sollya --version 2>/dev/null | grep -o '[0-9][0-9.]*' | head -1)): \`remez(1, n, [A;B], 1/F)\`,"
    echo "  error \`dirtyinfnorm(p/F - 1, [A;B])\`, same run. Max relative error; fma counts 2."
  } >"$work/section"
  for spec in "cos 0 0.7853981633974483 cos(x)" "sigmoid -4 4 1/(1+exp(-x))" "rsqrt 1 4 1/sqrt(x)"; do
    read -r name low high sollya_f <<<"$spec"
    echo "bench: discover $name on [$low, $high] for ${half}s..." >&2
    "$bin" discover --target "$name" --low "$low" --high "$high" --time "$half" --seed 1 --max-ops 16 --json -q \
      >"$work/$name.json"
    # remez(1, n, I, 1/f) minimizes |p/f - 1|: the relative error.
    printf 'prec=200!;\ndisplay=decimal!;\nf = %s;\nfor n from 1 to 8 do {\n  p = remez(1, n, [%s;%s], 1/f);\n  print(2 * n, dirtyinfnorm(p/f - 1, [%s;%s]));\n};\n' \
      "$sollya_f" "$low" "$high" "$low" "$high" >"$work/$name.sollya"
    declare -A sollya=()
    while read -r ops err; do sollya[$ops]=$(sci "$err"); done < <(sollya "$work/$name.sollya")
    {
      echo
      echo "### $name on [$low, $high]"
      echo
      echo "| ops | progsearch | mpfr (10^6 points) | Sollya minimax | ours: rational | Sollya / progsearch |"
      echo "|---:|---:|---:|---:|---:|---:|"
      for ops in 2 4 6 8 10 12 14 16; do
        p=$(json "$work/$name.json" at front "$ops" max_rel_error)
        s=${sollya[$ops]:--}
        echo "| $ops | $(sci "$p") | $(sci "$(json "$work/$name.json" at front "$ops" dense_max_rel_error)") | $s |"\
             "$(sci "$(json "$work/$name.json" at rational "$ops" max_rel_error)") |"\
             "$(awk -v a="$p" -v b="$s" 'BEGIN { if (a == "-" || b == "-" || a == 0) print "-"; else printf "%.1f", b / a }') |"
      done
      echo
      echo "Most accurate program of the front:"
      echo
      json "$work/$name.json" programs | tail -1
    } >>"$work/section"
    unset sollya
  done
  echo "<!-- discover-functions:end -->" >>"$work/section"
  replace_section discover-functions "$work/section"
fi

# 3. float32 exp2 as C against glibc's exp2f.
if want timing; then
  half=$((seconds / 2))
  echo "bench: discover exp2 in float32 for ${half}s, then C timing..." >&2
  "$bin" discover --target exp2 --arithmetic float32 --time "$half" --seed 1 --max-ops 14 --json -q >"$work/f32.json"
  read -r ops program < <(json "$work/f32.json" fewest front float32_ulps 1) || {
    echo "bench: no front program within 1 ULP; timing skipped" >&2
    exit 0
  }
  read -r minimax_ops _ < <(json "$work/f32.json" fewest minimax float32_ulps 1 || true)
  "$bin" discover --target exp2 --arithmetic float32 --program "$program" --emit-c "$work/exp2.h" -q >/dev/null
  ulps=$(grep -o 'max error [0-9.]* ULPs' "$work/exp2.h" | grep -o '[0-9.]*' | head -1)
  timings=()
  for mode in vector scalar libmvec; do
    case $mode in
      vector) ours=(-O3 -march=native); glibc=(-O3 -march=native) ;;
      scalar) ours=(-O2 -march=native -fno-tree-vectorize); glibc=("${ours[@]}") ;;
      libmvec) ours=(-O3 -march=native); glibc=(-O3 -march=native -ffast-math) ;;
    esac
    gcc -std=c11 -D_POSIX_C_SOURCE=199309L "${ours[@]}" -ffp-contract=off -include "$work/exp2.h" \
      -c bench/exp2f_timing.c -o "$work/t.o"
    gcc -std=c11 "${glibc[@]}" -c bench/exp2f_glibc_loop.c -o "$work/g.o"
    gcc "$work/t.o" "$work/g.o" -lm -o "$work/timing"
    timings+=("$("$work/timing")")
  done
  cell() { awk -v k="$2" '{ for (i = 1; i < NF; ++i) if ($i == k) printf "%.3f", $(i + 1) }' <<<"$1"; }
  {
    echo "<!-- discover-exp2f-timing:begin -->"
    echo "## discover: a float32 exp2 core on [0, 1] as C, beside glibc's full-range exp2f"
    echo
    echo "This times a core, not a drop-in function: the program is only valid on [0, 1] (no range"
    echo "reduction, no special values, no errno), while glibc's exp2f takes every float. The ratios say"
    echo "what the core costs beside a whole exp2f, not that it could replace one; a fair comparison needs a"
    echo "complete function (issue 29, \`progsearch libm\`)."
    echo
    stamp
    echo "- machine: $(machine), $(gcc --version | head -1), glibc $(ldd --version | head -1 | grep -o '[0-9.]*$')"
    echo "- command: \`progsearch discover --target exp2 --arithmetic float32 --time $half --seed 1 --max-ops 14 --json\`;"
    echo "  the front program of fewest operations within 1 ULP at every float of [0, 1] emitted with"
    echo "  \`--program P --emit-c\`, compiled with -ffp-contract=off, timed by bench/exp2f_timing.c on 2^20 floats of"
    echo "  [0, 1] (median of 21 passes, both functions in the same process)."
    echo "- program: $ops operations (fma counts 2), $ulps ULPs checked at every float of [0, 1]; the minimax"
    echo "  polynomial needs ${minimax_ops:-more than 14} operations for 1 ULP (same run)."
    echo "- \`$program\`"
    echo
    echo "| loop | progsearch core on [0, 1], ns/call | glibc exp2f ns/call | exp2f / core |"
    echo "|---|---:|---:|---:|"
    for i in 0 1 2; do
      label=("vectorizable (-O3 -march=native)" "scalar (-O2 -fno-tree-vectorize)" "exp2f with -ffast-math (libmvec)")
      o=$(cell "${timings[$i]}" ours); g=$(cell "${timings[$i]}" glibc)
      echo "| ${label[$i]} | $o | $g | $(awk -v a="$o" -v b="$g" 'BEGIN { printf "%.1f", b / a }') |"
    done
    echo "<!-- discover-exp2f-timing:end -->"
  } >"$work/section"
  replace_section discover-exp2f-timing "$work/section"
fi
echo "bench: wrote $doc" >&2
