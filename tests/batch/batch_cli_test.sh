#!/usr/bin/env bash
# End-to-end checks of `progsearch batch`: records, reruns, a run killed midway, damaged records,
# shards. Usage: batch_cli_test.sh PROGSEARCH REPO_ROOT
set -u
bin=$1; root=$2
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

. "$root/tests/expect.sh"

# The set of (job, exit code, output) an output folder holds, one line each, sorted.
results() {
  python3 - "$1" <<'PY'
import glob, json, sys
rows = []
for path in glob.glob(sys.argv[1] + "/records/*.json"):
    r = json.load(open(path))
    rows.append(f'{r["job_id"]}\t{r["exit_code"]}\t{r["output"]!r}')
print("\n".join(sorted(rows)))
PY
}

mkdir -p "$tmp/b/tasks"
cp "$root/examples/doctor-names.sl" "$root/examples/last-name.json" "$tmp/b/tasks/"
# "tight" gives each job its seed in seconds; a sanitized build (PROGSEARCH_TEST_SLOW, set by CMake) runs
# some 20 times slower, so it gets ten times that, and the answers stay the same as one run's.
tight='{seed}'
[ -n "${PROGSEARCH_TEST_SLOW:-}" ] && tight='{seed}0'
printf 'tasks: "tasks"\nconfigs { name: "one" command: "synth" args: "--threads" args: "1" }\nconfigs { name: "tight" command: "synth" args: "--timeout" args: "%s" }\nrepeats: 12\n' "$tight" >"$tmp/b/jobs.txtpb"
jobs=$tmp/b/jobs.txtpb

expect batch-help 0 '--shard' -- "$bin" batch --help
expect batch-whole 0 'shard 0/1 done: 48 jobs, 48 run now .*48 solved' -- "$bin" batch "$jobs" -o "$tmp/whole"
expect batch-json-line 0 '"job_id":"one/tasks/doctor-names.sl/1"' -- bash -c "cat '$tmp'/whole/records/*.json"
expect batch-rerun-skips 0 '0 run now .* 48 recorded before' -- "$bin" batch "$jobs" -o "$tmp/whole"

# Killed midway (SIGKILL once some records are written), then run again: the same results as one run.
bash -c "\"$bin\" batch \"$jobs\" -o \"$tmp/killed\" -q & p=\$!
  until [ \"\$(ls \"$tmp/killed/records\" 2>/dev/null | grep -c rec)\" -ge 5 ]; do sleep 0.01; done
  kill -9 \$p; wait \$p 2>/dev/null"
expect batch-killed-partly 0 '^([5-9]|[1-3][0-9]|4[0-7])$' -- bash -c "ls '$tmp/killed/records' | grep -c '\.rec$'"
expect batch-resume 0 ' recorded before; 48 solved' -- "$bin" batch "$jobs" -o "$tmp/killed"
results "$tmp/whole" >"$tmp/whole.txt"; results "$tmp/killed" >"$tmp/killed.txt"
expect batch-resume-same 0 '^same$' -- bash -c "cmp -s '$tmp/whole.txt' '$tmp/killed.txt' && echo same"

# A damaged record is found and its job run again.
victim=$(ls "$tmp/whole/records/"*.rec | head -1)
head -c 20 "$victim" >"$victim.cut" && mv "$victim.cut" "$victim"
expect batch-damaged 0 '1 run now \(1 damaged' -- "$bin" batch "$jobs" -o "$tmp/whole"
# A changed config is a new command line: its records are stale and run again.
sed 's/"--threads" args: "1"/"--threads" args: "2"/' "$jobs" >"$tmp/b/jobs2.txtpb"
expect batch-stale 0 '24 run now \(0 damaged and 24 stale' -- "$bin" batch "$tmp/b/jobs2.txtpb" -o "$tmp/whole" -q

# Shards: by hand and from Slurm's array variables, the same jobs; together, all of them once.
"$bin" batch "$jobs" -o "$tmp/x" --list --shard 1/3 >"$tmp/hand.txt"
SLURM_ARRAY_TASK_ID=5 SLURM_ARRAY_TASK_COUNT=3 SLURM_ARRAY_TASK_MIN=4 "$bin" batch "$jobs" -o "$tmp/x" --list >"$tmp/slurm.txt"
expect batch-slurm-shard 0 '^same 16$' -- bash -c "cmp -s '$tmp/hand.txt' '$tmp/slurm.txt' && echo same \$(wc -l <'$tmp/hand.txt')"
for i in 0 1 2; do "$bin" batch "$jobs" -o "$tmp/x" --list --shard "$i/3"; done | sort >"$tmp/shards.txt"
"$bin" batch "$jobs" -o "$tmp/x" --list | sort >"$tmp/all.txt"
expect batch-shards-partition 0 '^same$' -- bash -c "cmp -s '$tmp/shards.txt' '$tmp/all.txt' && echo same"

# The report: three shards into one folder give the same table as one whole run (times aside).
for i in 0 1 2; do "$bin" batch "$jobs" -o "$tmp/sharded" -q --shard "$i/3" 2>/dev/null; done
expect batch-report-shards 0 '^same$' -- bash -c "cmp -s <('$bin' report '$tmp/killed' | cut -d'|' -f3-7) <('$bin' report '$tmp/sharded' | cut -d'|' -f3-7) && echo same"
expect batch-report-table 0 '\| sharded \| one \| 24 \| 24 \(100.0%\) \| 0 \| 0 \|' -- "$bin" report "$tmp/sharded"
printf 'task,config,solved,seconds\ntasks/doctor-names.sl,cvc5,1,0.5\ntasks/last-name.json,cvc5,0,10\n' >"$tmp/cvc5.csv"
expect batch-report-side-by-side 0 '\| cvc5 \| cvc5 \| 2 \| 1 \(50.0%\)' -- "$bin" report "$tmp/sharded" --csv "$tmp/cvc5.csv" --svg "$tmp/cactus.svg" --json "$tmp/report.json"
expect batch-report-svg 0 '^3 curves$' -- python3 -c "import xml.dom.minidom as m; print(len(m.parse('$tmp/cactus.svg').getElementsByTagName('polyline')), 'curves')"
expect batch-report-json 0 '"source": "cvc5"' -- cat "$tmp/report.json"
expect batch-report-empty 2 'no batch records' -- "$bin" report "$tmp/nothing"
printf 'task,config\n' >"$tmp/bad.csv"
expect batch-report-bad-csv 2 'bad.csv:1: the header has no column' -- "$bin" report --csv "$tmp/bad.csv"

# Bad input: exit 2 with the reason.
printf 'tasks: "tasks"\nconfigs { name: "a" command: "eval" }\n' >"$tmp/b/bad.txtpb"
expect batch-bad-command 2 "bad.txtpb: config 'a': command 'eval'" -- "$bin" batch "$tmp/b/bad.txtpb" -o "$tmp/y"
printf 'tasks: "tasks"\nconfigs { name: "a" command: "synth" \n' >"$tmp/b/cut.txtpb"
expect batch-bad-syntax 2 'cut.txtpb:3' -- "$bin" batch "$tmp/b/cut.txtpb" -o "$tmp/y"
expect batch-bad-shard 2 'need 0 <= I < N' -- "$bin" batch "$jobs" -o "$tmp/y" --shard 3/3
expect batch-bad-slurm 2 'SLURM_ARRAY_TASK_ID 9 is not one' -- env SLURM_ARRAY_TASK_ID=9 SLURM_ARRAY_TASK_COUNT=2 "$bin" batch "$jobs" -o "$tmp/y"
expect batch-missing-task 2 "task 'nowhere'" -- bash -c "printf 'tasks: \"nowhere\" configs { name: \"a\" command: \"synth\" }' >'$tmp/b/nowhere.txtpb'; '$bin' batch '$tmp/b/nowhere.txtpb' -o '$tmp/y'"
# A job that exits 2 is recorded, and the summary says to look.
printf 'tasks: "tasks"\nconfigs { name: "typo" command: "synth" args: "--timeuot" args: "1" }\n' >"$tmp/b/typo.txtpb"
expect batch-job-bad-input 0 '2 jobs exited 2 \(bad input' -- "$bin" batch "$tmp/b/typo.txtpb" -o "$tmp/z"
# A folder of tasks runs synth on each with its defaults.
expect batch-folder 0 'shard 0/1 done: 2 jobs, 2 run now .*2 solved' -- "$bin" batch "$tmp/b/tasks" -o "$tmp/f"
# A job past --job-seconds is killed and recorded as timed out.
mkdir -p "$tmp/b/ops" && printf 'x' >"$tmp/b/ops/exp.sl"
printf 'tasks: "ops"\nconfigs { name: "slow" command: "discover" args: "--time" args: "60" args: "-q" args: "--checkpoint" args: "{task}.ckpt" }\n' >"$tmp/b/slow.txtpb"
expect batch-job-timeout 0 '1 timed out' -- "$bin" batch "$tmp/b/slow.txtpb" -o "$tmp/s" --job-seconds 1

# Preempted: SIGTERM stops the batch and its running discover job, which saves its checkpoint; the
# job is not recorded, and the rerun continues it from the checkpoint. (The signal goes once the job's
# first checkpoint is there: by then discover handles SIGTERM.)
mkdir -p "$tmp/d/targets"
"$bin" discover --target exp --max-ops 6 --time 4 --dense-points 0 --threads 1 --print-config >"$tmp/d/targets/exp.txtpb"
printf 'tasks: "targets"\nconfigs { name: "evo" command: "discover" args: "--config" args: "{task}" args: "--seed" args: "{seed}" args: "--checkpoint-interval" args: "0.3" args: "-q" checkpoint: true }\n' >"$tmp/d/jobs.txtpb"
expect batch-preempted 1 'interrupted by a signal with 1 jobs of the shard not recorded' -- bash -c "
  '$bin' batch '$tmp/d/jobs.txtpb' -o '$tmp/d/out' & p=\$!
  until ls '$tmp/d/out/checkpoints' 2>/dev/null | grep -q 'ckpt$'; do sleep 0.05; done; kill -TERM \$p; wait \$p"
expect batch-preempted-checkpoint 0 '^checkpoints 1, records 0$' -- bash -c "echo checkpoints \$(ls '$tmp/d/out/checkpoints' | grep -c 'ckpt$'), records \$(ls '$tmp/d/out/records' | grep -c 'rec$')"
expect batch-resumed 0 'solved in .* \(continued from its checkpoint\)' -- "$bin" batch "$tmp/d/jobs.txtpb" -o "$tmp/d/out"
expect batch-resumed-record 0 '"resumed":true' -- bash -c "cat '$tmp/d/out/records/'*.json"
printf 'tasks: "targets"\nconfigs { name: "a" command: "synth" checkpoint: true }\n' >"$tmp/d/bad.txtpb"
expect batch-checkpoint-synth 2 'checkpoint is for discover jobs only' -- "$bin" batch "$tmp/d/bad.txtpb" -o "$tmp/d/y"

echo "batch cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
