#!/usr/bin/env bash
# Wake-sleep (issue 13) on DreamCoder's 217 list tasks, recorded in docs/BENCHMARKS.md: tasks solved at
# the first wake (primitives only) and at each wake after learning, with the same per-task budget; the
# abstractions learned; wall time and peak memory.
# Usage: bench/wake_sleep.sh [BUILD_DIR] [SECONDS_PER_TASK] [ITERATIONS]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
budget=${2:-1}
iterations=${3:-3}
. bench/doc_section.sh
bin=$(realpath "$build/apps/progsearch")
tasks=$(realpath ../shared/benchmarks/lists/list_tasks.json)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "bench: wake-sleep on $(basename "$tasks"), ${budget}s per task, $iterations iterations..." >&2
read -r secs mib < <(python3 - "$bin" "$tasks" "$work" "$budget" "$iterations" <<'PY'
import resource, subprocess, sys, time
bin, tasks, work, budget, iterations = sys.argv[1:]
start = time.monotonic()
subprocess.run([bin, "wake-sleep", tasks, "--budget", budget, "--iterations", iterations,
                "--save-library", f"{work}/library.txtpb", "-o", f"{work}/ws.json"], check=True)
print(f"{time.monotonic() - start:.1f} {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024:.0f}")
PY
)

python3 - "$work/ws.json" >"$work/tables" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
first = d["wakes"][0]["solved"]
print("| wake | abstractions | solved | vs wake 0 | seconds |")
print("|---:|---:|---:|---:|---:|")
for w in d["wakes"]:
    gain = 100.0 * (w["solved"] - first) / max(first, 1)
    print(f"| {w['iteration']} | {w['library_size']} | {w['solved']} / {d['num_tasks']} | {gain:+.1f}% | {w['seconds']:.1f} |")
print()
print("Abstractions learned (DreamCoder syntax; sleep, uses in the corpus it was learned from):")
print()
for a in d["library"]:
    print(f"- `{a['program']}` : `{a['type']}` (sleep {a['iteration']}, {a['uses']} uses)")
rejected = [r for s in d["sleeps"] for r in s["rejected"]]
if rejected:
    print()
    print(f"Learned but not added ({len(rejected)}): " + "; ".join(f"`{r}`" for r in rejected[:6]))
last = {t["task"]: t for t in d["wakes"][-1]["results"]}
newly = [t for t in d["wakes"][0]["results"] if not t["solved"] and last[t["task"]]["solved"]]
print()
print(f"Solved only after learning ({len(newly)}), a few:")
print()
for t in newly[:6]:
    print(f"- {t['task']}: `{last[t['task']]['program']}`")
PY

{
  echo "<!-- wake-sleep:begin -->"
  echo "## wake-sleep: learning a library on DreamCoder's list tasks"
  echo
  stamp
  echo "- machine: $(machine)"
  echo "- command: \`progsearch wake-sleep list_tasks.json --budget $budget --iterations $iterations\` (arity 2, up"
  echo "  to 10 abstractions per sleep, structure penalty 1, 2 threads): every wake has the same ${budget} s per"
  echo "  task; wake 0 uses the primitives alone. Whole run ${secs} s, peak memory ${mib} MiB."
  echo "  Target (issue 13): learning raises the solved count by at least 15%."
  echo
  cat "$work/tables"
  echo "<!-- wake-sleep:end -->"
} >"$work/section"
replace_section wake-sleep "$work/section"
echo "bench: wrote docs/BENCHMARKS.md" >&2
