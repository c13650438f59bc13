#!/usr/bin/env bash
# Batch runs (issue 14), recorded in docs/BENCHMARKS.md: a 200-job batch (synth on the shared string
# tasks, 1 thread and at most 2 s each) run as one shard and as two shards at once, the ratio of their
# wall times, and the runner's overhead per job (wall time less the jobs' own, per job). The two-shard
# run is checked to hold the same results as the one-shard run.
# Usage: bench/batch.sh [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
. bench/doc_section.sh
bin=$(realpath "$build/apps/progsearch")
tasks=$(realpath ../shared/benchmarks/sygus/strings)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

mkdir -p "$work/tasks"
ls "$tasks"/*.sl | head -50 | xargs -I{} cp {} "$work/tasks/"
printf 'tasks: "tasks"\nconfigs { name: "synth-2s" command: "synth" args: "--timeout" args: "2" args: "--threads" args: "1" }\nrepeats: 4\n' \
  >"$work/jobs.txtpb"
jobs=$("$bin" batch "$work/jobs.txtpb" -o "$work/x" --list | wc -l)

now() { python3 -c 'import time; print(time.monotonic())'; }
# The jobs' own seconds, summed over a folder's records.
job_seconds() { python3 -c 'import glob, json, sys; print(sum(json.load(open(p))["seconds"] for p in glob.glob(sys.argv[1] + "/records/*.json")))' "$1"; }

echo "bench: batch of $jobs jobs, one shard..." >&2
t0=$(now); "$bin" batch "$work/jobs.txtpb" -o "$work/one" -q 2>/dev/null; t1=$(now)
echo "bench: the same batch, two shards at once..." >&2
"$bin" batch "$work/jobs.txtpb" -o "$work/two" -q --shard 0/2 2>/dev/null &
p=$!
"$bin" batch "$work/jobs.txtpb" -o "$work/two" -q --shard 1/2 2>/dev/null
wait $p; t2=$(now)
echo "bench: a rerun with every job recorded..." >&2
"$bin" batch "$work/jobs.txtpb" -o "$work/one" -q 2>/dev/null; t3=$(now)

one=$(python3 -c "print(f'{$t1 - $t0:.2f}')"); two=$(python3 -c "print(f'{$t2 - $t1:.2f}')")
rerun=$(python3 -c "print(f'{$t3 - $t2:.3f}')")
own=$(job_seconds "$work/one")
overhead=$(python3 -c "print(f'{($t1 - $t0 - $own) / $jobs * 1000:.2f}')")
"$bin" report "$work/one" "$work/two" >"$work/report.md"
same=$(cmp -s <(cut -d'|' -f3-7 <<<"$(sed -n 3p "$work/report.md")") <(cut -d'|' -f3-7 <<<"$(sed -n 4p "$work/report.md")") && echo yes || echo no)

{
  echo "<!-- batch:begin -->"
  echo "## batch: one shard against two, and the runner's overhead"
  echo
  stamp
  echo "- machine: $(machine)"
  echo "- jobs: $jobs (50 tasks of \`shared/benchmarks/sygus/strings\`, 4 seeds each), config"
  echo "  \`synth --timeout 2 --threads 1\`; command \`progsearch batch jobs.txtpb -o OUT [--shard I/2]\`, the two"
  echo "  shards started together into one folder."
  echo
  echo "| run | wall seconds |"
  echo "|---|---:|"
  echo "| 1 shard | $one |"
  echo "| 2 shards at once | $two |"
  echo "| rerun, every job recorded | $rerun |"
  echo
  echo "- 2 shards / 1 shard: $(python3 -c "print(f'{$one / $two:.2f}')")x faster; the same counts per config in both: $same."
  echo "- Runner overhead: $overhead ms per job (the one-shard run's wall time less its jobs' own $(python3 -c "print(f'{$own:.2f}')") s,"
  echo "  per job: starting the child process, reading its output, writing the record)."
  echo
  cat "$work/report.md"
  echo "<!-- batch:end -->"
} >"$work/section"
replace_section batch "$work/section"
echo "bench: wrote docs/BENCHMARKS.md" >&2
