#!/usr/bin/env bash
# Issue 28's comparison at equal candidates: what each part of the guide gives. The frozen spreadsheet
# suite (bench/tasks/spreadsheet, never trained on) and the shared SyGuS strings suite, each task as
# `progsearch synth TASK --threads 1 --max-candidates 50000`, in the modes below, all in one run:
#   unguided                     --guide off
#   ranking only                 the argument model; the value model's thresholds so low nothing waits
#   value model, no operator     a spreadsheet value model trained here without --with-operator (the
#                                shipped one's command less that flag); strings: the shipped model
#   value model (shipped)        --argument-ranking off
#   value model + ranking        the default
#   value model + ranking, delays  --argument-delay-step 2
# Results go to docs/BENCHMARKS.md (section guide-modes) and docs/bench-guide-modes.tsv.
# Usage: bench/guide_modes.sh BUILD_DIR
set -euo pipefail
cd "$(dirname "$0")/.."
build=$1
bin=$build/apps/progsearch
. bench/doc_section.sh
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
rows=$work/rows.tsv
: >"$rows"
strings_dir=../shared/benchmarks/sygus/strings

echo "bench: training a spreadsheet value model without operators (about 4 minutes)" >&2
"$bin" train-guide --domain spreadsheet --tasks 10000 --epochs 10 -o "$work/no-operator.guide" -q

# run SUITE MODE FILE ARGS...: one row (suite, mode, task, solved, candidates, held-out passed, total).
run() {
  local suite=$1 mode=$2 file=$3; shift 3
  local status candidates passed total solved=0
  "$bin" synth "$file" --threads 1 --max-candidates 50000 --json -q "$@" >"$work/result.json" 2>/dev/null || true
  IFS=$'\t' read -r status candidates passed total < <(bench/result_json.py "$work/result.json" \
    fields status candidates test_passed test_total)
  [ "$status" = solved ] && solved=1
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$suite" "$mode" "$(basename "$file")" "$solved" "$candidates" \
    "$passed" "$total" >>"$rows"
}

modes=(unguided ranking-only value-no-operator value value+ranking value+ranking+delays)
suite_run() {
  local suite=$1 file=$2 no_operator=$3
  run "$suite" unguided "$file" --guide off
  run "$suite" ranking-only "$file" --guide cpu --guide-thresholds 0.0000001 --smaller-answer-budget 0 \
    --argument-ranking on
  run "$suite" value-no-operator "$file" --guide cpu --guide-model "$no_operator" --argument-ranking off
  run "$suite" value "$file" --guide cpu --argument-ranking off
  run "$suite" value+ranking "$file" --guide cpu
  run "$suite" value+ranking+delays "$file" --guide cpu --argument-delay-step 2
}
i=0
for f in bench/tasks/spreadsheet/*.json; do
  i=$((i + 1)); echo "bench: [guide modes, spreadsheet $i] $(basename "$f")" >&2
  suite_run spreadsheet "$f" "$work/no-operator.guide"
done
if [ -d "$strings_dir" ]; then
  i=0
  for f in "$strings_dir"/*.sl; do
    i=$((i + 1)); echo "bench: [guide modes, strings $i] $(basename "$f")" >&2
    suite_run strings "$f" models/strings.guide
  done
fi

section=$work/section.md
{
  echo "<!-- guide-modes:begin -->"
  echo "## What each part of the guide gives, at equal candidates (issue 28)"
  echo
  stamp
  echo "- machine: $(machine)"
  echo "- command: \`bench/guide_modes.sh $build\` (in \`make bench\`): every task as \`progsearch synth TASK"
  echo "  --threads 1 --max-candidates 50000\` in each mode (the script's header has the flags). The no-operator"
  echo "  spreadsheet model is trained by the script with the shipped model's command less --with-operator;"
  echo "  the strings suite's value model is models/strings.guide in both value rows (it reads no operators)."
  echo "- generalize: solved and every held-out example fits (the spreadsheet suite has them; SyGuS tasks do not)."
  echo
  echo "| mode | spreadsheet solved | spreadsheet generalize | strings solved |"
  echo "|---|---:|---:|---:|"
  for mode in "${modes[@]}"; do
    s=$(awk -F'\t' -v m="$mode" '$1=="spreadsheet" && $2==m && $4==1' "$rows" | wc -l)
    g=$(awk -F'\t' -v m="$mode" '$1=="spreadsheet" && $2==m && $4==1 && $7>0 && $6==$7' "$rows" | wc -l)
    t=$(awk -F'\t' -v m="$mode" '$1=="strings" && $2==m && $4==1' "$rows" | wc -l)
    n=$(awk -F'\t' -v m="$mode" '$1=="spreadsheet" && $2==m' "$rows" | wc -l)
    k=$(awk -F'\t' -v m="$mode" '$1=="strings" && $2==m' "$rows" | wc -l)
    printf '| %s | %d / %d | %d | %d / %d |\n' "$mode" "$s" "$n" "$g" "$t" "$k"
  done
  echo
  echo "Per-task rows (suite, mode, task, solved, candidates, held-out passed, held-out total):"
  echo "docs/bench-guide-modes.tsv."
  echo "<!-- guide-modes:end -->"
} >"$section"
cp "$rows" docs/bench-guide-modes.tsv.tmp && mv docs/bench-guide-modes.tsv.tmp docs/bench-guide-modes.tsv
replace_section guide-modes "$section"
echo "bench: wrote $doc" >&2
