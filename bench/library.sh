#!/usr/bin/env bash
# The library's benchmarks (issue 11), recorded in docs/BENCHMARKS.md (section library):
# - the AutoML example loop (examples/automl_loop.py) over a fixed number of cycles, same seed, with the
#   functional-hash cache on and off: the share of candidates the cache answered and the wall times;
# - the Python boundary: candidates per second of evolve() with a trivial fitness from Python and from
#   C++ (bench/evolve_overhead.cc), cache off so that every candidate calls the fitness.
# Usage: bench/library.sh [BUILD_DIR] [CYCLES]   (about three minutes)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
cycles=${2:-2000}
. bench/doc_section.sh
python=${PYTHON:-$(test -x /usr/bin/python3 && echo /usr/bin/python3 || echo python3)}
export PYTHONPATH=$build/python
section=$(mktemp)
trap 'rm -f "$section"' EXIT
median() { printf '%s\n' "$@" | sort -g | sed -n 2p; }
field() { "$python" -c "import json, sys; print(json.loads(sys.argv[1])[sys.argv[2]])" "$1" "$2"; }

echo "bench: the AutoML loop, $cycles cycles, cache on and off, 3 runs each..." >&2
on=(); off=(); line_on=""; line_off=""
for _ in 1 2 3; do
  line_on=$("$python" examples/automl_loop.py --cycles "$cycles" --json)
  line_off=$("$python" examples/automl_loop.py --cycles "$cycles" --json --no-cache)
  on+=("$(field "$line_on" seconds)"); off+=("$(field "$line_off" seconds)")
done
hits=$(field "$line_on" cache_hits); evals=$(field "$line_on" evaluations); evals_off=$(field "$line_off" evaluations)
repeats=$(field "$line_off" repeat_evaluations)
same=$([ "$(field "$line_on" best)" = "$(field "$line_off" best)" ] && echo yes || echo no)
t_on=$(median "${on[@]}"); t_off=$(median "${off[@]}")

echo "bench: the Python boundary..." >&2
n=100000
cpp=(); py=()
for _ in 1 2 3; do
  read -r count secs < <("$build/bench/evolve_overhead" "$n")
  cpp+=("$(awk -v c="$count" -v s="$secs" 'BEGIN { print c / s }')")
  py+=("$("$python" - "$n" <<'PY'
import sys, time
import numpy as np
import progsearch
n = int(sys.argv[1])
space = progsearch.SearchSpace.arithmetic(["x"])
start = time.perf_counter()
r = progsearch.evolve(space, {"x": np.arange(16) / 8.0 - 1}, lambda p: float(p.size), max_cycles=n, threads=1,
                      use_cache=False)
print(r.stats.evaluations / (time.perf_counter() - start))
PY
)")
done
r_cpp=$(median "${cpp[@]}"); r_py=$(median "${py[@]}")
{
  echo "<!-- library:begin -->"
  echo "## The library: the AutoML loop's cache and the Python boundary"
  echo
  stamp
  echo "- machine: $(machine)"
  echo "- command: \`bench/library.sh $build $cycles\`"
  echo "- AutoML loop: \`examples/automl_loop.py --cycles $cycles --json [--no-cache]\` (seed 7, population 50, batch 8,"
  echo "  one thread; each fitness trains a 16-unit numpy network for 40 steps), median wall time of 3 runs each."
  echo
  echo "| cache | fitness calls | answered by the cache | wall s (median) | same best program |"
  echo "|---|---:|---:|---:|---|"
  echo "| on | $evals | $hits ($(awk -v h="$hits" -v e="$evals" 'BEGIN { printf "%.1f%%", 100 * h / (h + e) }')) | $(printf %.2f "$t_on") | $same |"
  echo "| off | $evals_off ($repeats repeats of earlier outputs) | 0 | $(printf %.2f "$t_off") | |"
  echo
  echo "Cache on / off wall time: $(awk -v a="$t_on" -v b="$t_off" 'BEGIN { printf "%.3f", a / b }')."
  echo
  echo "- Python boundary: \`evolve\` with a trivial fitness (the program's size), cache off, one thread, $n"
  echo "  cycles, median of 3: from C++ (\`build/bench/evolve_overhead $n\`) and from Python (\`lambda p: float(p.size)\`)."
  echo
  echo "| caller | candidates/s | µs per candidate |"
  echo "|---|---:|---:|"
  echo "| C++ | $(printf %.0f "$r_cpp") | $(awk -v r="$r_cpp" 'BEGIN { printf "%.2f", 1e6 / r }') |"
  echo "| Python | $(printf %.0f "$r_py") | $(awk -v r="$r_py" 'BEGIN { printf "%.2f", 1e6 / r }') |"
  echo
  echo "The Python boundary costs $(awk -v a="$r_cpp" -v b="$r_py" 'BEGIN { printf "%.2f", 1e6 / b - 1e6 / a }') µs per candidate (taking the GIL, wrapping the program, calling Python)."
  echo "<!-- library:end -->"
} >"$section"
replace_section library "$section"
echo "bench: wrote $doc" >&2
