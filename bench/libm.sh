#!/usr/bin/env bash
# The drop-in float32 functions (issue 29), recorded in docs/BENCHMARKS.md: for exp2f expf exp10f log2f
# logf log10f,
# `progsearch libm F --time SECONDS` (the core's search, then the whole function checked at all 2^32
# floats against MPFR), and the header timed against glibc's function in the same process on the four
# distributions of bench/libm_timing.c: scalar loops (-O2 -fno-tree-vectorize), vectorizable loops
# (-O3 -march=native), and glibc's function under -ffast-math (libmvec) beside ours under -O3.
# Usage: bench/libm.sh [BUILD_DIR] [SECONDS]   (about 6 x (SECONDS + 2 minutes) on 2 cores)
#        LIBM_FUNCTIONS="exp2f expf exp10f log2f logf log10f" (the default) picks the functions.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
seconds=${2:-60}
. bench/doc_section.sh
bin=$build/apps/progsearch
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
field() { /usr/bin/python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); v=d
for k in sys.argv[2:]: v=v[k]
print(v)' "$@"; }
cell() { awk -v d="$2" -v k="$3" '$1 == d { for (i = 2; i < NF; ++i) if ($i == k) printf "%.2f", $(i + 1) }' <<<"$1"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b / a }'; }

checks=(); timings=()
for f in ${LIBM_FUNCTIONS:-exp2f expf exp10f log2f logf log10f}; do
  echo "bench: libm $f for ${seconds}s, then every float..." >&2
  "$bin" libm "$f" --time "$seconds" --seed 1 --check all --json -q -o "$work/$f.h" >"$work/$f.json" || {
    echo "bench: libm $f failed" >&2; cat "$work/$f.json" >&2; exit 1; }
  case $f in
    exp2f) range=(-DNORMAL_LOW=-126 -DNORMAL_HIGH=127 -DLOG_FAMILY=0) ;;
    expf) range=(-DNORMAL_LOW=-87 -DNORMAL_HIGH=88 -DLOG_FAMILY=0) ;;
    exp10f) range=(-DNORMAL_LOW=-37 -DNORMAL_HIGH=38 -DLOG_FAMILY=0) ;;
    *) range=(-DNORMAL_LOW=0 -DNORMAL_HIGH=0 -DLOG_FAMILY=1) ;;
  esac
  checks+=("$(printf '| %s | %s (%s) | %s | %.3f | %.4f%% | %s, %s differ | %s | %.0f |' "$f" \
    "$(field "$work/$f.json" core_ops)" "$(field "$work/$f.json" glibc_core_ops)" "$(field "$work/$f.json" core_origin)" \
    "$(field "$work/$f.json" check max_ulps)" \
    "$(/usr/bin/python3 -c 'import json,sys; c=json.load(open(sys.argv[1]))["check"]; print(100*c["correctly_rounded"]/c["checked"])' "$work/$f.json")" \
    "$(field "$work/$f.json" check specials)" \
    "$(/usr/bin/python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["check"]["special_differences"]))' "$work/$f.json")" \
    "$(/usr/bin/python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["check"]["inexact_differences"]))' "$work/$f.json")" \
    "$(field "$work/$f.json" check seconds)")")
  for mode in scalar vector libmvec; do
    case $mode in
      scalar) ours=(-O2 -fno-tree-vectorize); glibc=("${ours[@]}") ;;
      vector) ours=(-O3 -march=native); glibc=("${ours[@]}") ;;
      libmvec) ours=(-O3 -march=native); glibc=(-O3 -march=native -ffast-math) ;;
    esac
    gcc -std=c11 -D_POSIX_C_SOURCE=199309L "${ours[@]}" "${range[@]}" -include "$work/$f.h" -DOURS="progsearch_$f" \
      -c bench/libm_timing.c -o "$work/t.o"
    gcc -std=c11 "${glibc[@]}" -DGLIBC="$f" -c bench/libm_glibc_loop.c -o "$work/g.o"
    gcc "$work/t.o" "$work/g.o" -lm -o "$work/timing"
    out=$("$work/timing")
    row="| $f | $mode |"
    for d in a b c d; do
      o=$(cell "$out" "$d" ours); g=$(cell "$out" "$d" glibc)
      row+=" $o / $g ($(ratio "$o" "$g")x) |"
    done
    timings+=("$row")
  done
  grep '^// ' "$work/$f.h" >"$work/$f.comment"
done

{
  echo "<!-- libm:begin -->"
  echo "## libm: drop-in float32 functions checked at every float, timed against glibc"
  echo
  stamp
  echo "- machine: $(machine), $(gcc --version | head -1), glibc $(ldd --version | head -1 | grep -o '[0-9.]*$')"
  echo "- command: \`bench/libm.sh build $seconds\`: \`progsearch libm F --time $seconds --seed 1 --check all\` per"
  echo "  function, then bench/libm_timing.c (2^20 inputs per distribution, median of 31 passes, the two taking turns, both"
  echo "  functions in one process)."
  echo "- core ops: the core's operations counted as discover counts them (fma 2); in brackets glibc 2.36's"
  echo "  polynomial by the same rule (sysdeps/ieee754/flt-32; exp10f calls the double exp, log10f scales logf)."
  echo "  Max ULP, correctly rounded share and the"
  echo "  special inputs (value, errno and exceptions against glibc) come from the check at all 2^32 floats."
  echo
  echo "| function | core ops (glibc's) | core from | max ULP, all floats | correctly rounded | specials right, wrong | inexact differs | check s |"
  echo "|---|---:|---|---:|---:|---|---:|---:|"
  printf '%s\n' "${checks[@]}"
  echo
  echo "Timing, ns per call, ours / glibc's (glibc / ours): a = uniform in value where the result is a normal"
  echo "float ([-126, 127] exp2f, [-87, 88] expf, [-37, 38] exp10f, [2^-126, FLT_MAX] log), b = uniform over bit patterns,"
  echo "c = [0, 1], d = |x| < 10 for exp, (0, 1e6) for log. scalar: -O2 -fno-tree-vectorize; vector: -O3"
  echo "-march=native; libmvec: glibc's under -O3 -march=native -ffast-math, ours under -O3 -march=native."
  echo
  echo "| function | loop | a | b | c | d |"
  echo "|---|---|---:|---:|---:|---:|"
  printf '%s\n' "${timings[@]}"
  echo "<!-- libm:end -->"
} >"$work/section"
replace_section libm "$work/section"
echo "bench: wrote $doc" >&2
