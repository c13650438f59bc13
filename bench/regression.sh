#!/usr/bin/env bash
# Evolve's regression mode (EvolveOptions::targets: the loss computed and the constants fitted by the
# engine) against the same loss as a black-box Python fitness, on polynomials with constants that
# mutation alone finds slowly. Same space, probes, seeds and cycle budget for both. Results go to
# docs/BENCHMARKS.md (section "regression").
# Usage: bench/regression.sh BUILD_DIR [CYCLES]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
cycles=${2:-100000}
. bench/doc_section.sh
python=${PYTHON:-$(test -x /usr/bin/python3 && echo /usr/bin/python3 || echo python3)}
section=$(mktemp)
trap 'rm -f "$section"' EXIT
echo "bench: regression against a black-box fitness, $cycles cycles at most..." >&2
table=$(PYTHONPATH=$build/python "$python" - "$cycles" <<'PY'
import sys, warnings
import numpy as np
import progsearch
warnings.filterwarnings("ignore")
cycles = int(sys.argv[1])
xs = np.linspace(-2.0, 2.0, 11)
targets = {"1.7 x^2 + 0.3": 1.7 * xs * xs + 0.3,
           "0.5 x^3 - 1.25 x + 2": 0.5 * xs ** 3 - 1.25 * xs + 2.0,
           "(x + 0.7) / (x^2 + 1.3)": (xs + 0.7) / (xs * xs + 1.3)}
space = progsearch.SearchSpace.arithmetic(["x"])
goal = 1e-20
for name, t in targets.items():
    for mode in ("regression", "black box"):
        reached, results = 0, []
        for seed in (1, 2, 3):
            if mode == "regression":
                r = progsearch.evolve(space, {"x": xs}, targets=t, max_cycles=cycles, target_fitness=goal, seed=seed)
            else:
                r = progsearch.evolve(space, {"x": xs}, lambda p, t=t: float(np.mean((p(xs) - t) ** 2)),
                                      max_cycles=cycles, target_fitness=goal, seed=seed)
            reached += r.stop_reason == "target"
            results.append((r.stats.cycles, r.best_fitness, r.stats.seconds))
        results.sort()
        c, f, s = results[1]
        print(f"| {name} | {mode} | {reached} of 3 | {c} | {f:.3g} | {s:.2f} |")
PY
)
{
  echo "<!-- regression:begin -->"
  echo "## Evolve: regression with fitted constants against a black-box fitness"
  echo
  stamp
  echo "- machine: $(machine)"
  echo "- command: \`bench/regression.sh $build $cycles\`: \`progsearch.evolve\` over + - * / of x, 11 probe points on"
  echo "  [-2, 2], seeds 1, 2 and 3, at most $cycles cycles or until the mean squared error is at most 1e-20:"
  echo "  \`targets=\` (the engine computes the loss and fits each candidate's constants, 200 evaluations at most)"
  echo "  against the same loss as a Python fitness (constants found by mutation alone)."
  echo "- the median run of the three (by cycles, then loss); seconds are that run's wall time."
  echo
  echo "| target | mode | reached 1e-20 | cycles | mean squared error | seconds |"
  echo "|---|---|---:|---:|---:|---:|"
  echo "$table"
  echo "<!-- regression:end -->"
} >"$section"
replace_section regression "$section"
echo "bench: wrote $doc" >&2
