#!/usr/bin/env bash
# Runs the benchmarks and records them in docs/BENCHMARKS.md. Each benchmark owns one section between
# <!-- NAME:begin --> and <!-- NAME:end --> markers; the file is rewritten atomically (temp + rename).
# Usage: bench/run.sh [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
. bench/doc_section.sh


section=$(mktemp)
trap 'rm -f "$section"' EXIT
cmd="$build/bench/interpreter_bench --markdown --examples 10 --examples 1000 --repeats 5 --seconds 0.3"
echo "bench: interpreter throughput (about a minute)..." >&2
table=$($cmd)
{
  echo "<!-- interpreter:begin -->"
  echo "## Interpreter throughput"
  echo
  stamp
  echo "- machine: $(machine); one core (single-threaded)"
  echo "- command: \`make bench\` (runs \`$cmd\`)"
  echo "- levels: *raw loop* is a hand-written C++ loop doing the same operation (the peer figure);"
  echo "  *kernel* calls the registered columnar kernel; *program* evaluates 200 random depth-5 programs"
  echo "  through the interpreter, counting primitive applications x examples. Each figure is the median of 5 runs."
  echo "- List rows: one DreamCoder program over a list of 10 Ints per example (map, right fold and filter with"
  echo "  a lambda), through the interpreter; element-ops count list elements, and the raw loop is the same"
  echo "  computation over std::vector. A higher-order primitive runs its lambda's body once per batch: every"
  echo "  element of every example (map, filter), or every example's element at one position (fold)."
  echo "- targets (issue 2): >= 100M element-ops/s per core on Int/BV columns, >= 10M on short strings."
  echo
  echo "$table"
  echo "<!-- interpreter:end -->"
} >"$section"
replace_section interpreter "$section"

# Bottom-up throughput: candidates per second on enumerations that never succeed (bench/tasks), so every
# run lasts its whole budget; median of 3 runs per setting.
probe() {  # probe TASK THREADS FLAGS -> median candidates/s in millions
  local rates=()
  for _ in 1 2 3; do
    rates+=("$("$build/apps/progsearch" synth "$1" --timeout 5 --threads "$2" $3 --json -q 2>/dev/null |
      sed -n 's/.*"candidates_per_second": *\([0-9.e+]*\).*/\1/p')")
  done
  printf '%s\n' "${rates[@]}" | sort -g | sed -n 2p | awk '{printf "%.2f", $1 / 1e6}'
}
echo "bench: bottom-up throughput (about two minutes)..." >&2
{
  echo "<!-- bottom-up:begin -->"
  echo "## Bottom-up enumeration throughput"
  echo
  stamp
  echo "- machine: $(machine)"
  echo "- command: \`make bench\` (runs \`progsearch synth TASK --timeout 5 --threads N [--no-exact]\` on bench/tasks/*.sl, whose"
  echo "  outputs no small program produces, so each run enumerates for its full 5 s); median of 3 runs, in million"
  echo "  candidates (programs evaluated, hashed and deduplicated) per second. Exact: hash hits are confirmed by"
  echo "  comparing columns; fast: the 64-bit hash alone decides."
  echo "- targets (issue 3): >= 2M/s per core on strings, >= 10M/s per core on BV."
  echo
  echo "| task | examples | 1 thread, exact | 1 thread, fast | 2 threads, exact |"
  echo "|---|---:|---:|---:|---:|"
  for task in bench/tasks/strings-enumerate.sl bench/tasks/bv-enumerate.sl; do
    echo "| $(basename "$task" .sl) | $(grep -c '^(constraint' "$task") | $(probe "$task" 1 "") | $(probe "$task" 1 --no-exact) | $(probe "$task" 2 "") |"
  done
  echo "<!-- bottom-up:end -->"
} >"$section"
replace_section bottom-up "$section"

echo "bench: wrote $doc" >&2
