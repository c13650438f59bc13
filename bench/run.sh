#!/usr/bin/env bash
# Runs the benchmarks and records them in docs/BENCHMARKS.md. Each benchmark owns one section between
# <!-- NAME:begin --> and <!-- NAME:end --> markers; the file is rewritten atomically (temp + rename).
# Usage: bench/run.sh [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
. bench/doc_section.sh

machine() {
  local cpu
  cpu=$(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ *//')
  echo "$(nproc) cores (${cpu:-unknown CPU}), $(free -g | awk '/Mem:/{print $2}') GiB RAM, $(uname -sr)"
}

section=$(mktemp)
trap 'rm -f "$section"' EXIT
cmd="$build/bench/interpreter_bench --markdown --examples 10 --examples 1000 --repeats 5 --seconds 0.3"
echo "bench: interpreter throughput (about a minute)..." >&2
table=$($cmd)
{
  echo "<!-- interpreter:begin -->"
  echo "## Interpreter throughput"
  echo
  echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
  echo "- machine: $(machine); one core (single-threaded)"
  echo "- command: \`make bench\` (runs \`$cmd\`)"
  echo "- levels: *raw loop* is a hand-written C++ loop doing the same operation (the peer figure);"
  echo "  *kernel* calls the registered columnar kernel; *program* evaluates 200 random depth-5 programs"
  echo "  through the interpreter, counting primitive applications x examples. Each figure is the median of 5 runs."
  echo "- targets (issue 2): >= 100M element-ops/s per core on Int/BV columns, >= 10M on short strings."
  echo
  echo "$table"
  echo "<!-- interpreter:end -->"
} >"$section"
replace_section interpreter "$section"
echo "bench: wrote $doc" >&2
