#!/usr/bin/env bash
# The neural guide against unguided search, in the same run: the strings suite at 50,000 candidates per
# task (BUSTLE's protocol) and at SECONDS per task, the BV suite and the JSON spreadsheet tasks of
# bench/tasks/spreadsheet (never trained on: the models learn from random tasks only) at SECONDS, and the
# scoring throughput. Results go to docs/BENCHMARKS.md (section "guide") and docs/bench-guide.tsv.
# Usage: bench/guide.sh BUILD_DIR [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
build=$1
seconds=${2:-10}
shared=${SHARED:-../shared}/benchmarks/sygus
bin=$build/apps/progsearch
strings_model=models/strings.guide
bv_model=models/bv-experimental.guide
for m in "$strings_model" "$bv_model"; do
  [ -f "$m" ] || { echo "bench: $m is missing (models/README.md says how to train it)" >&2; exit 2; }
done
. bench/doc_section.sh

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
rows=$work/rows.tsv
: >"$rows"

# run SUITE_LABEL BUDGET_LABEL MODE FILE ARGS...: one task, one row (suite, budget, mode, task, solved,
# candidates, seconds, held-out examples passed/total).
run() {
  local suite=$1 budget=$2 mode=$3 file=$4; shift 4
  local json status cand secs passed total
  json=$("$bin" synth "$file" --threads 1 --json -q "$@" 2>/dev/null || true)
  status=$(sed -n 's/.*"status": *"\([a-z]*\)".*/\1/p' <<<"$json" | head -1)
  cand=$(sed -n 's/.*"candidates": *"*\([0-9]*\)"*.*/\1/p' <<<"$json" | head -1)
  secs=$(sed -n 's/.*"seconds": *\([0-9.e+-]*\).*/\1/p' <<<"$json" | head -1)
  passed=$(sed -n 's/.*"test_passed": *\([0-9]*\).*/\1/p' <<<"$json" | head -1)
  total=$(sed -n 's/.*"test_total": *\([0-9]*\).*/\1/p' <<<"$json" | head -1)
  printf '%s\t%s\t%s\t%s\t%d\t%s\t%s\t%s\t%s\n' "$suite" "$budget" "$mode" "$(basename "$file")" \
    "$([ "$status" = solved ] && echo 1 || echo 0)" "${cand:-0}" "${secs:-0}" "${passed:-0}" "${total:-0}" >>"$rows"
}

# suite LABEL BUDGET_LABEL MODEL FILES... -- BUDGET_ARGS...
both() {
  local suite=$1 budget=$2 model=$3; shift 3
  local files=() f
  while [ "$1" != -- ]; do files+=("$1"); shift; done
  shift
  local i=0
  for f in "${files[@]}"; do
    i=$((i + 1))
    echo "bench: [$suite $budget $i/${#files[@]}] $(basename "$f")" >&2
    run "$suite" "$budget" unguided "$f" --guide off "$@"
    run "$suite" "$budget" guided "$f" --guide cpu --guide-model "$model" "$@"
  done
}

both strings 50k "$strings_model" "$shared"/strings/*.sl -- --max-candidates 50000
both strings "${seconds}s" "$strings_model" "$shared"/strings/*.sl -- --timeout "$seconds"
both bv "${seconds}s" "$bv_model" "$shared"/bv/*.sl -- --timeout "$seconds"
both spreadsheet "${seconds}s" "$strings_model" bench/tasks/spreadsheet/*.json -- --timeout "$seconds"

"$build/bench/guide_throughput" "$strings_model" bench/tasks/strings-enumerate.sl 65536 >"$work/throughput.txt"
value() { awk -v k="$1" '$1 == k {print $2}' "$work/throughput.txt"; }
median() { sort -g | awk '{a[NR]=$1} END {if (NR==0) print "-"; else if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }

section=$work/section.md
{
  echo "<!-- guide:begin -->"
  echo "## Neural guide: guided vs unguided bottom-up search"
  echo
  stamp
  echo "- machine: $(machine)"
  echo "- command: \`make bench\` (runs \`bench/guide.sh $build $seconds\`): every task twice in the same run, as"
  echo "  \`progsearch synth FILE --threads 1 --guide off\` and \`--guide cpu --guide-model MODEL\`, with"
  echo "  \`--max-candidates 50000\` (BUSTLE's protocol) or \`--timeout $seconds\`. Models: \`$strings_model\` for"
  echo "  strings and the spreadsheet tasks, \`$bv_model\` for bv (models/README.md: how each was trained)."
  echo "  The spreadsheet tasks (bench/tasks/spreadsheet) were written for this evaluation; no model saw them."
  echo "  Held-out: tasks whose solution also fits every held-out example. GPU: see the gpu-check section."
  echo
  echo "| suite | budget | tasks | unguided solved | guided solved | guided - unguided | median candidates, both solved (unguided / guided) | held-out fit (unguided / guided) |"
  echo "|---|---|---:|---:|---:|---:|---|---|"
  for key in "strings 50k" "strings ${seconds}s" "bv ${seconds}s" "spreadsheet ${seconds}s"; do
    set -- $key
    awk -F'\t' -v s="$1" -v b="$2" '$1==s && $2==b' "$rows" >"$work/part.tsv"
    tasks=$(awk -F'\t' '$3=="unguided"' "$work/part.tsv" | wc -l)
    u=$(awk -F'\t' '$3=="unguided" && $5==1' "$work/part.tsv" | wc -l)
    g=$(awk -F'\t' '$3=="guided" && $5==1' "$work/part.tsv" | wc -l)
    # Candidates on the tasks both solve.
    awk -F'\t' '$5==1 {n[$4]++; c[$4 FS $3]=$6} END {for (t in n) if (n[t]==2) print c[t FS "unguided"], c[t FS "guided"]}' \
      "$work/part.tsv" >"$work/pairs.txt"
    mu=$(awk '{print $1}' "$work/pairs.txt" | median)
    mg=$(awk '{print $2}' "$work/pairs.txt" | median)
    hu=$(awk -F'\t' '$3=="unguided" && $5==1 && $9>0 && $8==$9' "$work/part.tsv" | wc -l)
    hg=$(awk -F'\t' '$3=="guided" && $5==1 && $9>0 && $8==$9' "$work/part.tsv" | wc -l)
    held="-"; [ "$1" = spreadsheet ] && held="$hu / $hg"
    printf '| %s | %s | %d | %d | %d | %+d | %s / %s | %s |\n' "$1" "$2" "$tasks" "$u" "$g" $((g - u)) "$mu" "$mg" "$held"
  done
  echo
  echo "Scoring throughput (\`guide_throughput $strings_model bench/tasks/strings-enumerate.sl\`: $(value values)"
  echo "values a search kept, $(value examples) examples, $(value hidden) hidden units; median of 5):"
  echo
  echo "| path | values/s |"
  echo "|---|---:|"
  echo "| CPU, 1 thread: signatures and model | $(value cpu_values_per_second) |"
  echo "| CPU, $(value cores) threads: signatures and model | $(value cpu_all_cores_values_per_second) |"
  echo "| CPU, 1 thread: signatures only | $(value cpu_signature_values_per_second) |"
  echo "| CPU, 1 thread: model only (Eigen, exact integer sums) | $(value cpu_model_values_per_second) |"
  if [ -n "$(value gpu_values_per_second)" ]; then
    echo "| GPU: signatures on 1 CPU thread, model on the device | $(value gpu_values_per_second) (same logits: $(value gpu_same_logits)) |"
  else
    echo "| GPU | not measured here: $(awk '$1=="gpu" {$1=""; print}' "$work/throughput.txt") |"
  fi
  echo
  echo "Per-task rows (suite, budget, mode, task, solved, candidates, seconds, held-out passed, held-out total):"
  echo "docs/bench-guide.tsv."
  echo "<!-- guide:end -->"
} >"$section"
cp "$rows" docs/bench-guide.tsv.tmp && mv docs/bench-guide.tsv.tmp docs/bench-guide.tsv
replace_section guide "$section"
echo "bench: wrote $doc" >&2
