#!/usr/bin/env bash
# Held-out examples: does the answer generalize? The spreadsheet tasks of bench/tasks/spreadsheet (the
# frozen suite: three or four training examples each, held-out ones besides; never trained on) and the initials task of
# tests/guide/guide_cli_test.sh, each solved three ways in the same run: unguided, guided alone
# (--smaller-answer-budget 0) and guided with the default search for a smaller answer after it. At
# --max-candidates 50000 (BUSTLE's protocol) and at SECONDS per task, one thread. Results go to
# docs/BENCHMARKS.md (section "held-out") and docs/bench-held-out.tsv.
# Usage: bench/held_out.sh BUILD_DIR [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
build=$1
seconds=${2:-10}
bin=$build/apps/progsearch
. bench/doc_section.sh
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
rows=$work/rows.tsv
: >"$rows"

sed -n "/^cat >\"\$tmp\/initial.json\" <<'JSON'$/,/^JSON$/p" tests/guide/guide_cli_test.sh | sed '1d;$d' >"$work/initial-dot-surname.json"
tasks=(bench/tasks/spreadsheet/*.json "$work/initial-dot-surname.json")

# run BUDGET MODE FILE ARGS...: one row (budget, mode, task, solved, size, candidates, seconds, held-out
# passed, held-out total).
run() {
  local budget=$1 mode=$2 file=$3; shift 3
  local status cost candidates seconds passed total solved=0
  "$bin" synth "$file" --threads 1 --json -q "$@" >"$work/result.json" 2>/dev/null || true
  IFS=$'\t' read -r status cost candidates seconds passed total < <(bench/result_json.py "$work/result.json" \
    fields status cost candidates seconds test_passed test_total)
  if [ "$status" = solved ]; then solved=1; else cost=0; fi
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$budget" "$mode" "$(basename "$file")" "$solved" "$cost" \
    "$candidates" "$seconds" "$passed" "$total" >>"$rows"
}

for budget in 50k "${seconds}s"; do
  args=(--max-candidates 50000)
  [ "$budget" = 50k ] || args=(--timeout "$seconds")
  i=0
  for f in "${tasks[@]}"; do
    i=$((i + 1))
    echo "bench: [held-out $budget $i/${#tasks[@]}] $(basename "$f")" >&2
    run "$budget" unguided "$f" --guide off "${args[@]}"
    run "$budget" guided-alone "$f" --guide cpu --smaller-answer-budget 0 "${args[@]}"
    run "$budget" guided "$f" --guide cpu "${args[@]}"
  done
done

section=$work/section.md
median() { sort -g | awk '{a[NR]=$1} END {if (NR==0) print "-"; else if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }
{
  echo "<!-- held-out:begin -->"
  echo "## Held-out examples: guided, guided alone and unguided answers"
  echo
  stamp
  echo "- machine: $(machine)"
  echo "- command: \`bench/held_out.sh $build $seconds\` (in \`make bench\`): the ${#tasks[@]} tasks (bench/tasks/spreadsheet,"
  echo "  three training examples each, never trained on, and the initials task of tests/guide/guide_cli_test.sh),"
  echo "  each as \`progsearch synth TASK --threads 1\` with \`--guide off\`, \`--guide cpu --smaller-answer-budget 0\`"
  echo "  (the guided answer alone) and \`--guide cpu\` (the default: the value model and, where bundled,"
  echo "  argument ranking, then the unguided search for a smaller answer), at \`--max-candidates 50000\` and"
  echo "  at \`--timeout $seconds\`."
  echo "- generalize: solved and every held-out example fits. Sizes and candidates: medians over the tasks"
  echo "  all three modes solve."
  echo
  echo "| budget | mode | solved | generalize | median size | median candidates |"
  echo "|---|---|---:|---:|---:|---:|"
  for budget in 50k "${seconds}s"; do
    awk -F'\t' -v b="$budget" '$1==b && $4==1 {n[$3]++} END {for (t in n) if (n[t]==3) print t}' "$rows" >"$work/all3.txt"
    for mode in unguided guided-alone guided; do
      awk -F'\t' -v b="$budget" -v m="$mode" '$1==b && $2==m' "$rows" >"$work/part.tsv"
      solved=$(awk -F'\t' '$4==1' "$work/part.tsv" | wc -l)
      general=$(awk -F'\t' '$4==1 && $9>0 && $8==$9' "$work/part.tsv" | wc -l)
      size=$(awk -F'\t' 'NR==FNR {keep[$1]=1; next} keep[$3] {print $5}' "$work/all3.txt" "$work/part.tsv" | median)
      cand=$(awk -F'\t' 'NR==FNR {keep[$1]=1; next} keep[$3] {print $6}' "$work/all3.txt" "$work/part.tsv" | median)
      printf '| %s | %s | %d / %d | %d | %s | %s |\n' "$budget" "$mode" "$solved" "${#tasks[@]}" "$general" "$size" "$cand"
    done
  done
  echo
  echo "Generalizing answers per category of bench/tasks/spreadsheet/categories.tsv (unguided / guided alone /"
  echo "guided):"
  echo
  echo "| category | tasks | 50k | ${seconds}s |"
  echo "|---|---:|---:|---:|"
  for category in $(awk -F'\t' 'NR>1 {print $2}' bench/tasks/spreadsheet/categories.tsv | sort -u); do
    cells=()
    for budget in 50k "${seconds}s"; do
      counts=()
      for mode in unguided guided-alone guided; do
        counts+=("$(awk -F'\t' -v b="$budget" -v m="$mode" -v c="$category" '
          NR==FNR {if (FNR>1) cat[$1".json"]=$2; next}
          $1==b && $2==m && cat[$3]==c && $4==1 && $9>0 && $8==$9 {n++} END {print n+0}' \
          bench/tasks/spreadsheet/categories.tsv "$rows")")
      done
      cells+=("$(IFS=/; echo "${counts[*]}")")
    done
    total=$(awk -F'\t' -v c="$category" 'NR>1 && $2==c' bench/tasks/spreadsheet/categories.tsv | wc -l)
    printf '| %s | %d | %s | %s |\n' "$category" "$total" "${cells[0]}" "${cells[1]}"
  done
  echo
  echo "Per-task rows (budget, mode, task, solved, size, candidates, seconds, held-out passed, held-out"
  echo "total): docs/bench-held-out.tsv."
  echo "<!-- held-out:end -->"
} >"$section"
cp "$rows" docs/bench-held-out.tsv.tmp && mv docs/bench-held-out.tsv.tmp docs/bench-held-out.tsv
replace_section held-out "$section"
echo "bench: wrote $doc" >&2
