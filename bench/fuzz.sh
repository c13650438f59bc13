#!/usr/bin/env bash
# Runs each libFuzzer target for SECONDS and records the runs in docs/BENCHMARKS.md.
# Usage: bench/fuzz.sh FUZZ_BUILD_DIR [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/doc_section.sh
build=$1
seconds=${2:-60}
shared=${SHARED:-../shared}
corpus=fuzz-corpus
mkdir -p "$corpus/sygus" "$corpus/program" "$corpus/json" "$corpus/crashes"

# Seeds: the shared SyGuS files and a few programs of every domain.
if [ -d "$shared/benchmarks/sygus" ]; then
  find "$shared/benchmarks/sygus" -name '*.sl' -exec cp -n {} "$corpus/sygus/" \;
fi
cp -n examples/*.sl "$corpus/sygus/" 2>/dev/null || true
cp -n examples/*.json "$corpus/json/" 2>/dev/null || true
printf '{"domain": "strings", "inputs": [{"name": "n", "type": "Int"}, "s"], "output_type": "Int",
 "train": [{"inputs": [3, "abc"], "output": 6}], "test": [{"inputs": [1, ""], "output": 1}], "constants": ["-", 7]}' \
  >"$corpus/json/seed0.json"
i=0
for p in '(str.++ s " ")' '(str.substr s 0 (str.indexof s " " 0))' '(+ x (- 5) (str.len s))' \
         '(bvadd b #x0f)' '(bvashr w (_ bv3 64))' '(ite (bvult b #x80) b (bvnot b))' '(fma f 2.0 (- 0.5))' \
         '(let ((y (* x x))) (div y (mod x 7)))' '(str.replace_all s "a" (str.from_int (str.to_int s)))'; do
  printf '%s' "$p" >"$corpus/program/seed$i"; i=$((i + 1))
done

section=$(mktemp)
trap 'rm -f "$section"' EXIT
{
  echo "<!-- fuzz:begin -->"
  echo "## Fuzzing the readers"
  echo
  stamp
  echo "- command: \`make fuzz\` (FUZZ_SECONDS=$seconds): clang 14, libFuzzer + AddressSanitizer, seeds from shared/benchmarks/sygus and examples/"
  echo
  echo "| target | seconds | executions | exec/s | coverage (edges) | corpus | crashes |"
  echo "|---|---:|---:|---:|---:|---:|---:|"
} >"$section"

status=0
for target in sygus_reader_fuzz program_reader_fuzz json_task_fuzz; do
  dir=$corpus/${target%%_*}
  [ "$target" = program_reader_fuzz ] && dir=$corpus/program
  [ "$target" = json_task_fuzz ] && dir=$corpus/json
  log=$(mktemp)
  echo "fuzz: $target for ${seconds}s..." >&2
  set +e
  "$build/tests/fuzz/$target" -max_total_time="$seconds" -max_len=8192 -timeout=10 -rss_limit_mb=4096 \
    -print_final_stats=1 -artifact_prefix="$corpus/crashes/$target-" "$dir" >"$log" 2>&1
  rc=$?
  set -e
  execs=$(grep -m1 'stat::number_of_executed_units' "$log" | awk '{print $2}')
  rate=$(grep -m1 'stat::average_exec_per_sec' "$log" | awk '{print $2}')
  cov=$(grep -E '^#[0-9]+' "$log" | tail -1 | sed -n 's/.*cov: \([0-9]*\).*/\1/p')
  files=$(ls "$dir" | wc -l)
  crashes=0
  if [ $rc -ne 0 ]; then crashes=1; status=1; tail -40 "$log" >&2; fi
  echo "| $target | $seconds | ${execs:-?} | ${rate:-?} | ${cov:-?} | $files | $crashes |" >>"$section"
  rm -f "$log"
done
echo "<!-- fuzz:end -->" >>"$section"

replace_section fuzz "$section"
echo "fuzz: wrote $doc" >&2
exit $status
