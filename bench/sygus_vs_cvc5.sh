#!/usr/bin/env bash
# progsearch synth and cvc5 side by side on the shared SyGuS PBE suites, one task at a time, the same
# per-task limit for both, and the results recorded in docs/BENCHMARKS.md.
# Usage: bench/sygus_vs_cvc5.sh BUILD_DIR [SECONDS] [SUITE...]   (suites: strings bv; default both)
#        BENCH_SECTION=sygus-spec bench/sygus_vs_cvc5.sh build 10 hackers-delight clia   (logical specs: CEGIS)
set -euo pipefail
cd "$(dirname "$0")/.."
build=$1; shift
seconds=${1:-10}; [ $# -gt 0 ] && shift
suites=("$@"); [ ${#suites[@]} -eq 0 ] && suites=(strings bv)
shared=${SHARED:-../shared}/benchmarks/sygus
bin=$build/apps/progsearch
command -v cvc5 >/dev/null || { echo "bench: cvc5 is missing (scripts/install-deps cvc5)" >&2; exit 2; }
command -v /usr/bin/time >/dev/null || { echo "bench: /usr/bin/time is missing (scripts/install-deps time)" >&2; exit 2; }
. bench/doc_section.sh

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
median() { sort -g | awk '{a[NR]=$1} END {if (NR==0) print "-"; else if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }

section=$work/section.md
section_name=${BENCH_SECTION:-sygus-pbe}
{
  echo "<!-- $section_name:begin -->"
  echo "## SyGuS ($section_name): progsearch synth vs cvc5"
  echo
  stamp
  echo "- machine: $(machine)"
  echo "- command: \`make bench\` (runs \`bench/sygus_vs_cvc5.sh $build $seconds ${suites[*]}\`): each task runs alone,"
  echo "  progsearch as \`progsearch synth FILE --timeout $seconds --threads 1\`, cvc5 $(cvc5 --version | head -1 | awk '{print $NF}') as"
  echo "  \`cvc5 --lang=sygus2 --tlimit=${seconds}000 FILE\` (after renaming int.to.str/str.to.int). Wall time of the whole"
  echo "  process (start-up included), peak RSS from /usr/bin/time; a task counts as solved when the tool prints a"
  echo "  define-fun (progsearch re-checks it on every example, and proves it with Z3 where the task has a logical spec)."
  echo "  Candidates/s: the median over tasks, and all candidates"
  echo "  over all search seconds of the suite."
  echo
  echo "| suite | tasks | progsearch solved | cvc5 solved | both | median s, both solved (progsearch / cvc5) | progsearch candidates/s (median per task / whole suite) | peak RSS MiB, median (progsearch / cvc5) |"
  echo "|---|---:|---:|---:|---:|---|---:|---|"
} >"$section"

for suite in "${suites[@]}"; do
  rows=$work/$suite.tsv
  : >"$rows"
  files=("$shared/$suite"/*.sl)
  i=0
  for f in "${files[@]}"; do
    i=$((i + 1))
    name=$(basename "$f")
    echo "bench: [$suite $i/${#files[@]}] $name" >&2
    # progsearch
    t0=$(date +%s%N)
    /usr/bin/time -f '%M' -o "$work/ps.time" "$bin" synth "$f" --timeout "$seconds" --threads 1 --json -q \
      >"$work/ps.json" 2>/dev/null || true
    ps_wall=$(awk -v a="$t0" -v b="$(date +%s%N)" 'BEGIN{printf "%.3f", (b-a)/1e9}')
    ps_status=$(sed -n 's/.*"status": *"\([a-z]*\)".*/\1/p' "$work/ps.json" | head -1)
    ps_rate=$(sed -n 's/.*"candidates_per_second": *\([0-9.e+]*\).*/\1/p' "$work/ps.json" | head -1)
    ps_cand=$(sed -n 's/.*"candidates": *"*\([0-9]*\)"*.*/\1/p' "$work/ps.json" | head -1)
    ps_secs=$(sed -n 's/.*"seconds": *\([0-9.e+-]*\).*/\1/p' "$work/ps.json" | head -1)
    ps_kb=$(tail -1 "$work/ps.time")
    # cvc5 on the file with current operator names
    sed -e 's/int\.to\.str/str.from_int/g' -e 's/str\.to\.int/str.to_int/g' "$f" >"$work/task.sl"
    t0=$(date +%s%N)
    /usr/bin/time -f '%M' -o "$work/cvc5.time" timeout $((seconds + 5)) cvc5 --lang=sygus2 --tlimit="${seconds}000" \
      "$work/task.sl" >"$work/cvc5.out" 2>&1 || true
    cvc5_wall=$(awk -v a="$t0" -v b="$(date +%s%N)" 'BEGIN{printf "%.3f", (b-a)/1e9}')
    cvc5_ok=0; grep -q '(define-fun' "$work/cvc5.out" && cvc5_ok=1
    cvc5_kb=$(tail -1 "$work/cvc5.time")
    ps_ok=0; [ "$ps_status" = solved ] && ps_ok=1
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$ps_ok" "$ps_wall" "${ps_rate:-0}" "$ps_kb" "$cvc5_ok" \
      "$cvc5_wall" "$cvc5_kb" "${ps_cand:-0}" "${ps_secs:-0}" >>"$rows"
  done
  tasks=$(wc -l <"$rows")
  ps_solved=$(awk -F'\t' '$2==1' "$rows" | wc -l)
  cvc5_solved=$(awk -F'\t' '$6==1' "$rows" | wc -l)
  both=$(awk -F'\t' '$2==1 && $6==1' "$rows" | wc -l)
  ps_med=$(awk -F'\t' '$2==1 && $6==1 {print $3}' "$rows" | median)
  cvc5_med=$(awk -F'\t' '$2==1 && $6==1 {print $7}' "$rows" | median)
  rate=$(awk -F'\t' '{print $4}' "$rows" | median)
  # Throughput over the whole suite: every candidate over every second of search.
  total_rate=$(awk -F'\t' '{c += $9; s += $10} END {printf "%.2f", (s > 0 ? c / s : 0) / 1e6}' "$rows")
  ps_mem=$(awk -F'\t' '{print $5/1024}' "$rows" | median)
  cvc5_mem=$(awk -F'\t' '{print $8/1024}' "$rows" | median)
  printf '| %s | %d | %d | %d | %d | %s / %s | %.2fM / %sM | %.0f / %.0f |\n' "$suite" "$tasks" "$ps_solved" "$cvc5_solved" \
    "$both" "$ps_med" "$cvc5_med" "$(awk -v r="$rate" 'BEGIN{print r/1e6}')" "$total_rate" "$ps_mem" "$cvc5_mem" >>"$section"
  cp "$rows" "docs/bench-$suite.tsv.tmp" && mv "docs/bench-$suite.tsv.tmp" "docs/bench-$suite.tsv"
done
{
  echo
  echo "Per-task rows (name, progsearch solved, seconds, candidates/s, peak KiB, cvc5 solved, seconds, peak KiB,"
  echo "progsearch candidates, search seconds): docs/bench-SUITE.tsv."
  echo "<!-- $section_name:end -->"
} >>"$section"
replace_section "$section_name" "$section"
echo "bench: wrote $doc" >&2
