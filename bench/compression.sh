#!/usr/bin/env bash
# Compression (issue 13) on the shared corpora, next to Stitch's expected outputs, recorded in
# docs/BENCHMARKS.md:
#   - every corpus with an expected output CORPUS-aA-iN.json: our final cost and ratio with the same arity
#     and iterations, wall time and peak memory (one run each, SECONDS at most);
#   - nuts-bolts, arity 3, 10 iterations: the median of 5 runs' wall time, and peak memory less the
#     binary's own at rest (the same binary compressing a two-program corpus);
#   - bridge on one thread and on every core (--threads);
#   - growth with corpus size: the eight CAD corpora concatenated, 250 to 2000 programs, arity 2, 3
#     iterations.
# Usage: bench/compression.sh [BUILD_DIR] [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
seconds=${2:-600}
. bench/doc_section.sh
bin=$(realpath "$build/apps/progsearch")
data=$(realpath ../shared/benchmarks/compression)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# measure OUT.json ARGS...: runs `progsearch compress ARGS -q -o OUT.json`; prints "SECONDS PEAK_MIB".
measure() {
  local out=$1; shift
  python3 - "$bin" "$out" "$@" <<'PY'
import resource, subprocess, sys, time
bin, out, args = sys.argv[1], sys.argv[2], sys.argv[3:]
start = time.monotonic()
subprocess.run([bin, "compress", *args, "-q", "-o", out], check=True)
print(f"{time.monotonic() - start:.3f} {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024:.1f}")
PY
}
json() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(d[sys.argv[2]])" "$@"; }

rows=()
for expected in "$data"/expected/*.json; do
  name=$(basename "$expected" .json)
  case $name in simple*) continue ;; esac
  corpus=${name%-a*-i*}; rest=${name#"$corpus"-a}; arity=${rest%-i*}; iterations=${rest#*-i}
  echo "bench: compress $corpus (arity $arity, $iterations iterations)..." >&2
  read -r secs mib < <(measure "$work/$corpus.json" "$data/corpora/$corpus.json" --arity "$arity" \
    --iterations "$iterations" --time "$seconds")
  ours=$(json "$work/$corpus.json" compression_ratio); theirs=$(json "$expected" compression_ratio)
  rows+=("$(printf '| %s | %s | %s | %d | %.3fx | %d | %.3fx | %.3f | %s | %s | %s |' "$corpus" "$arity" "$iterations" \
    "$(json "$work/$corpus.json" final_cost)" "$ours" "$(json "$expected" final_cost)" "$theirs" \
    "$(python3 -c "print($ours / $theirs)")" "$secs" "$mib" "$(json "$work/$corpus.json" stop_reason | cut -c1-40)")")
done

echo "bench: nuts-bolts timing, 5 runs..." >&2
times=(); peak=0
for _ in 1 2 3 4 5; do
  read -r secs mib < <(measure "$work/nb.json" "$data/corpora/nuts-bolts.json" --arity 3 --iterations 10)
  times+=("$secs"); peak=$mib
done
median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 3p)
printf '["(a a a)", "(b b b)"]' >"$work/tiny.json"
read -r _ rest_mib < <(measure "$work/tiny-out.json" "$work/tiny.json")
inner=$(json "$work/nb.json" seconds)

echo "bench: bridge on 1 thread and on every core, 3 runs each..." >&2
cores=$(nproc)
threads_rows=()
for t in 1 "$cores"; do
  runs=()
  for _ in 1 2 3; do
    read -r secs _ < <(measure "$work/bridge-t.json" "$data/corpora/bridge.json" --arity 2 --iterations 10 --threads "$t")
    runs+=("$secs")
  done
  threads_rows+=("$(printf '| %s | %s | %s | %d |' "$t" "$(printf '%s\n' "${runs[@]}" | sort -n | sed -n 2p)" "${runs[*]}" \
    "$(json "$work/bridge-t.json" final_cost)")")
done

echo "bench: growth with corpus size..." >&2
growth=()
for n in 250 500 1000 2000; do
  python3 - "$data/corpora" "$n" "$work/cad-$n.json" <<'PY'
import json, sys
folder, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
names = ["bridge", "castle", "city", "dials", "furniture", "house", "nuts-bolts", "wheels"]
programs = [json.load(open(f"{folder}/{name}.json")) for name in names]
mixed = [p for group in zip(*programs) for p in group]  # round robin over the corpora
json.dump(mixed[:n], open(out, "w"))
PY
  read -r secs mib < <(measure "$work/g-$n.json" "$work/cad-$n.json" --arity 2 --iterations 3 --time "$seconds")
  growth+=("$(printf '| %d | %d | %.3fx | %.3f | %s | %s |' "$n" "$(json "$work/g-$n.json" original_cost)" \
    "$(json "$work/g-$n.json" compression_ratio)" "$secs" "$mib" "$(json "$work/g-$n.json" stop_reason | cut -c1-40)")")
done

{
  echo "<!-- compression:begin -->"
  echo "## compress: Stitch-style compression on the shared corpora"
  echo
  stamp
  echo "- machine: $(machine)"
  echo "- command: \`progsearch compress CORPUS.json --arity A --iterations N --time $seconds -q -o OUT.json\`;"
  echo "  Stitch's figures are its expected outputs in \`shared/benchmarks/compression/expected/\` (same arity and"
  echo "  iterations, its default cost model and structure penalty 1). Wall time and peak resident memory of"
  echo "  the whole process, one run each. Targets (issue 13): compression at least Stitch's on every corpus;"
  echo "  nuts-bolts faster than 0.20 s and within 2x of Stitch's 11 MB."
  echo
  echo "| corpus | arity | iterations | final cost | ratio | Stitch final cost | Stitch ratio | ours / Stitch | seconds | peak MiB | stopped |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"
  printf '%s\n' "${rows[@]}"
  echo
  echo "- nuts-bolts, arity 3, 10 iterations, 5 runs: median wall time ${median} s (runs: ${times[*]});"
  echo "  the compression itself (reading done) ${inner} s in the last run. Peak memory ${peak} MiB, of which"
  echo "  ${rest_mib} MiB is the binary at rest (the same command on a two-program corpus: the linked Z3,"
  echo "  CUDA runtime, protobuf and TBB), so compression's own share is the difference."
  echo
  echo "--threads on bridge (arity 2, 10 iterations; the output does not depend on it):"
  echo
  echo "| threads | median seconds | runs | final cost |"
  echo "|---:|---:|---|---:|"
  printf '%s\n' "${threads_rows[@]}"
  echo
  echo "Growth with corpus size (the eight CAD corpora interleaved; arity 2, 3 iterations):"
  echo
  echo "| programs | original cost | ratio | seconds | peak MiB | stopped |"
  echo "|---:|---:|---:|---:|---:|---|"
  printf '%s\n' "${growth[@]}"
  echo "<!-- compression:end -->"
} >"$work/section"
replace_section compression "$work/section"
echo "bench: wrote docs/BENCHMARKS.md" >&2
