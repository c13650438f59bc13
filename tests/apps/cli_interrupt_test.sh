#!/usr/bin/env bash
# Ctrl-C (SIGINT) and SIGTERM end every long command at its next safe point, and the command prints and
# writes what it has, with its documented exit code (docs/cli.md, "Exit codes").
# Usage: cli_interrupt_test.sh PROGSEARCH REPO_ROOT SHARED_DIR
set -u
bin=$1; root=$2; shared=${3:-}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
. "$root/tests/expect.sh"

# start OUT ERR command...: runs the command in the background; its pid in $pid.
start() {
  local out=$1 err=$2; shift 2
  "$@" >"$out" 2>"$err" &
  pid=$!
}
# wait_for FILE PATTERN SECONDS: until FILE holds a line matching PATTERN; false if it never does.
wait_for() {
  for _ in $(seq 1 $(($3 * 10))); do
    grep -Eq -- "$2" "$1" 2>/dev/null && return 0
    sleep 0.1
  done
  return 1
}
# stop SIGNAL: sends it, waits; the exit code in $rc and the seconds the command took to end in $took.
stop() {
  local t0=$SECONDS
  kill "-$1" "$pid"
  wait "$pid"; rc=$?
  took=$((SECONDS - t0))
}

# No string program maps these: only the budget or a signal ends the search.
printf '{"inputs": ["a"], "train": [{"inputs": ["ab"], "output": "x1"}, {"inputs": ["cd"], "output": "y2"}]}' >"$tmp/never.json"
mkdir -p "$tmp/suite"
cp "$tmp/never.json" "$tmp/suite/a-never.json"
cp "$root/examples/doctor-names.sl" "$tmp/suite/b-doctor.sl"

# synth FOLDER: the task running ends "interrupted", the rest are not run, the table is printed, exit 1.
start "$tmp/s.out" "$tmp/s.err" "$bin" synth "$tmp/suite" --timeout 120
wait_for "$tmp/s.err" 'a-never' 10
sleep 1.5
stop INT
expect synth-folder-exit 0 '^1 [0-3]$' -- echo "$rc $took"
expect synth-folder-table 0 'a-never\.json +interrupted' -- cat "$tmp/s.err"
expect synth-folder-not-run 0 'interrupted: 1 of 2 tasks not run' -- cat "$tmp/s.err"
# One task: "; no solution: interrupted" and its statistics, exit 1.
start "$tmp/one.out" "$tmp/one.err" "$bin" synth "$tmp/never.json" --timeout 120
sleep 1.5
stop TERM
expect synth-one-exit 0 '^1 [0-3]$' -- echo "$rc $took"
expect synth-one-status 0 '; no solution: interrupted' -- cat "$tmp/one.out"

# wake-sleep interrupted after a wake and a sleep: the library learned so far and the JSON are written.
cat >"$tmp/lists.json" <<'JSON'
[{"name": "add 1", "type": {"input": "list-of-int", "output": "list-of-int"},
  "examples": [{"i": [3, 1, 4], "o": [4, 2, 5]}, {"i": [], "o": []}, {"i": [9, 0], "o": [10, 1]}]},
 {"name": "add 2", "type": {"input": "list-of-int", "output": "list-of-int"},
  "examples": [{"i": [3, 1, 4], "o": [5, 3, 6]}, {"i": [], "o": []}, {"i": [9, 0], "o": [11, 2]}]},
 {"name": "add 3", "type": {"input": "list-of-int", "output": "list-of-int"},
  "examples": [{"i": [3, 1, 4], "o": [6, 4, 7]}, {"i": [], "o": []}, {"i": [9, 0], "o": [12, 3]}]},
 {"name": "never", "type": {"input": "list-of-int", "output": "int"},
  "examples": [{"i": [3, 1, 4], "o": 77}, {"i": [], "o": -5}, {"i": [9, 0], "o": 1234}]}]
JSON
start "$tmp/ws.out" "$tmp/ws.err" "$bin" wake-sleep "$tmp/lists.json" -k 3 -b 60 --save-library "$tmp/lib.txtpb" -o "$tmp/ws.json"
# The first wake waits for the unsolvable task's budget: interrupt it once the solvable ones are done.
sleep 4
stop INT
expect wake-sleep-exit 0 '^0 [0-3]$' -- echo "$rc $took"
expect wake-sleep-json 0 '"stop_reason": "interrupted"' -- cat "$tmp/ws.json"
expect wake-sleep-wake-kept 0 '"solved_per_wake": \[[1-3]\]' -- cat "$tmp/ws.json"
expect wake-sleep-library 0 '' -- test -f "$tmp/lib.txtpb"
# With a budget of 4 s per task each wake lasts as long as the unsolvable task's budget; once a sleep has
# learned from what the wakes solved (the first, or a later one on a slow machine), the interrupt lands
# in the next wake, and the library written holds what was learned.
start "$tmp/ws2.out" "$tmp/ws2.err" "$bin" wake-sleep "$tmp/lists.json" -k 6 -b 4 --save-library "$tmp/lib2.txtpb" -o "$tmp/ws2.json"
wait_for "$tmp/ws2.err" '^sleep [0-9]+: .* [1-9][0-9]* abstractions learned' 60
sleep 0.5
stop INT
expect wake-sleep-after-sleep-exit 0 '^0 [0-3]$' -- echo "$rc $took"
expect wake-sleep-after-sleep-library 0 'program: "#\(' -- cat "$tmp/lib2.txtpb"
expect wake-sleep-after-sleep-json 0 '"stop_reason": "interrupted"' -- cat "$tmp/ws2.json"

# compress: the abstractions learned so far, stop_reason "interrupted...", exit 0.
if [ -f "$shared/benchmarks/compression/corpora/bridge.json" ]; then
  start "$tmp/c.out" "$tmp/c.err" "$bin" compress "$shared/benchmarks/compression/corpora/bridge.json" --arity 3 -i 50 -o "$tmp/c.json"
  wait_for "$tmp/c.err" 'fn_0 \(arity' 60
  stop INT
  expect compress-exit 0 '^0 [0-3]$' -- echo "$rc $took"
  expect compress-json 0 '"stop_reason": "interrupted' -- cat "$tmp/c.json"
  expect compress-kept 0 '"name": "fn_0"' -- cat "$tmp/c.json"
else
  echo "interrupt: compress skipped: $shared/benchmarks/compression is absent"
fi

# discover in float32 mode: --time bounds the search, not the check at every float, which is announced
# and can be interrupted too: the table is printed with what was checked.
start "$tmp/d.out" "$tmp/d.err" "$bin" discover --target exp2 --arithmetic float32 --low -100 --high 100 --cycles 300 --max-ops 6
wait_for "$tmp/d.err" 'float32 check: [0-9]+ programs? at [0-9]+ points each, after the search \(not counted in --time\)' 60
sleep 0.5
stop INT
expect discover-check-exit 0 '^0 [0-3]$' -- echo "$rc $took"
expect discover-check-announced 0 'float32 check: .*not counted in --time' -- cat "$tmp/d.err"
expect discover-check-table 0 'max relative error by operation count' -- cat "$tmp/d.out"
expect discover-check-note 0 'checks interrupted' -- cat "$tmp/d.err"

# train-guide: an interrupt while training writes the model of the epochs done.
start "$tmp/t.out" "$tmp/t.err" "$bin" train-guide --tasks 20 --candidates 2000 --epochs 1000 -o "$tmp/m.guide"
wait_for "$tmp/t.err" '^epoch 2:' 60
stop INT
expect train-guide-exit 0 '^0 [0-3]$' -- echo "$rc $took"
expect train-guide-note 0 'interrupted after epoch [0-9]+ of 1000; writing that model' -- cat "$tmp/t.err"
expect train-guide-model 0 '' -- test -s "$tmp/m.guide"
expect train-guide-no-control-codes 1 '' -- grep -q $'\033' "$tmp/t.err"

echo "interrupt: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
