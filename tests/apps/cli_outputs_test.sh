#!/usr/bin/env bash
# What a command writes: every output path is checked before any search starts (the option, the path
# and errno's reason in the message, exit 2), results found are printed even when a later write fails,
# standard output that cannot be written is an error, and emitted C functions have names of their own.
# Usage: cli_outputs_test.sh PROGSEARCH REPO_ROOT
set -u
bin=$1; root=$2
tmp=$(mktemp -d); trap 'chmod -R u+w "$tmp"; rm -rf "$tmp"' EXIT
. "$root/tests/expect.sh"

# expect_fast NAME SECONDS WANT_RC PATTERN -- command...: as expect, and the command ends within SECONDS.
expect_fast() {
  local name=$1 limit=$2; shift 2
  local start=$SECONDS
  expect "$name" "$@"
  if [ $((SECONDS - start)) -gt "$limit" ]; then
    fail=$((fail + 1)); echo "FAIL $name: took $((SECONDS - start)) s, more than $limit s"
  fi
}

no=/nonexistent/folder
why='cannot write: No such file or directory'
# discover: a search of 8 s (or 60) must not run before the bad path is found.
expect_fast discover-emit-c 3 2 "--emit-c: $no/x.h: $why" -- "$bin" discover --time 8 --emit-c "$no/x.h"
expect_fast discover-plot 3 2 "--plot: $no/p.svg: $why" -- "$bin" discover --time 60 --plot "$no/p.svg"
expect_fast discover-checkpoint 3 2 "--checkpoint: $no/c.ckpt: $why" -- "$bin" discover --time 60 --checkpoint "$no/c.ckpt"
expect_fast discover-onto-folder 3 2 "--emit-c: $tmp: cannot write: Is a directory" -- "$bin" discover --time 60 --emit-c "$tmp"
: >"$tmp/plain"
expect_fast discover-under-file 3 2 "cannot write: Not a directory" -- "$bin" discover --time 60 --plot "$tmp/plain/p.svg"
expect_fast discover-onto-device 3 2 "/dev/null: cannot write: not a regular file" -- "$bin" discover --time 60 --emit-c /dev/null

cat >"$tmp/lists.json" <<'JSON'
[{"name": "add 1", "type": {"input": "list-of-int", "output": "list-of-int"},
  "examples": [{"i": [3, 1, 4], "o": [4, 2, 5]}, {"i": [], "o": []}]},
 {"name": "never", "type": {"input": "list-of-int", "output": "int"},
  "examples": [{"i": [3, 1, 4], "o": 77}, {"i": [], "o": -5}, {"i": [9, 0], "o": 1234}]}]
JSON
expect_fast wake-sleep-out 3 2 "-o: $no/ws.json: $why" -- "$bin" wake-sleep "$tmp/lists.json" -b 30 -o "$no/ws.json"
expect_fast wake-sleep-library 3 2 "--save-library: $no/lib.pb: $why" -- "$bin" wake-sleep "$tmp/lists.json" -b 30 --save-library "$no/lib.pb"
printf '["(foo (bar 1 2 3) A)", "(foo (bar 1 2 3) B)", "(foo (bar 1 2 3) C)"]' >"$tmp/corpus.json"
expect_fast compress-out 3 2 "-o: $no/c.json: $why" -- "$bin" compress "$tmp/corpus.json" -o "$no/c.json"
expect compress-out-nothing-run 1 '' -- bash -c "\"$bin\" compress \"$tmp/corpus.json\" -o \"$no/c.json\" 2>&1 | grep -q 'fn_0 (arity'"
expect_fast train-guide-out 3 2 "-o: $no/m.guide: $why" -- "$bin" train-guide --tasks 1000 -o "$no/m.guide"
cp "$root/examples/doctor-names.sl" "$tmp/t.sl"
printf 'tasks: "t.sl"\nconfigs { name: "a" command: "synth" args: "--timeout" args: "1" }\n' >"$tmp/jobs.txtpb"
expect batch-out-file 2 "plain/records" -- "$bin" batch "$tmp/jobs.txtpb" -o "$tmp/plain" -q
# A read-only folder: permission bits do not stop root, so as root the check runs as nobody.
mkdir -p "$tmp/ro" && chmod 555 "$tmp/ro"
if [ "$(id -u)" -ne 0 ]; then
  expect batch-read-only 2 "ro/records: cannot write: Permission denied" -- "$bin" batch "$tmp/jobs.txtpb" -o "$tmp/ro" -q
  expect discover-read-only 2 "ro/x.h: cannot write: Permission denied" -- "$bin" discover --time 60 --emit-c "$tmp/ro/x.h"
elif command -v setpriv >/dev/null && setpriv --reuid=65534 --regid=65534 --clear-groups test -x "$bin" 2>/dev/null \
     && chmod o+rx "$tmp" && setpriv --reuid=65534 --regid=65534 --clear-groups test -r "$tmp/jobs.txtpb"; then
  mkdir -p "$tmp/ro/records" "$tmp/ro/checkpoints" && chmod 555 "$tmp/ro" "$tmp/ro/records" "$tmp/ro/checkpoints"
  as_nobody=(setpriv --reuid=65534 --regid=65534 --clear-groups)
  expect batch-read-only 2 "ro/records: cannot write: Permission denied" -- "${as_nobody[@]}" "$bin" batch "$tmp/jobs.txtpb" -o "$tmp/ro" -q
  expect discover-read-only 2 "ro/x.h: cannot write: Permission denied" -- "${as_nobody[@]}" "$bin" discover --time 60 --emit-c "$tmp/ro/x.h"
else
  echo "outputs: the read-only folder checks need a non-root user or setpriv; skipped"
fi

# The pre-check cannot foresee a folder removed during the run: the results are printed all the same,
# the write's failure is reported, and the exit code says so.
mkdir -p "$tmp/gone"
"$bin" discover --dense-points 0 --target exp --max-ops 6 --time 3 -q --emit-c "$tmp/gone/x.h" >"$tmp/late.out" 2>"$tmp/late.err" &
late=$!
sleep 1; rm -rf "$tmp/gone"
wait "$late"; late_rc=$?
expect late-write-exit 0 '^2$' -- echo "$late_rc"
expect late-write-table 0 'max relative error by operation count' -- cat "$tmp/late.out"
expect late-write-message 0 "gone/x.h: $why" -- cat "$tmp/late.err"
# wake-sleep whose -o fails late prints its JSON on stdout instead.
mkdir -p "$tmp/gone2"
"$bin" wake-sleep "$tmp/lists.json" -k 0 -b 3 -q -o "$tmp/gone2/ws.json" >"$tmp/ws.out" 2>"$tmp/ws.err" &
ws=$!
sleep 1; rm -rf "$tmp/gone2"
wait "$ws"; ws_rc=$?
expect late-json-exit 0 '^2$' -- echo "$ws_rc"
expect late-json-stdout 0 '"solved_per_wake"' -- cat "$tmp/ws.out"
expect late-json-message 0 'the result follows on standard output instead' -- cat "$tmp/ws.err"

# Standard output that cannot be written is an error (a full disk), not a success.
expect stdout-full-parse 2 'cannot write to standard output: No space left on device' -- bash -c "\"$bin\" parse \"$root/examples/doctor-names.sl\" >/dev/full"
expect stdout-full-config 2 'cannot write to standard output' -- bash -c "\"$bin\" synth --print-config >/dev/full"

# Emitted C: --c-name, and default names and guards that differ between expression targets.
expect c-name 0 "wrote $tmp/mine.h" -- "$bin" discover --dense-points 0 --target exp --cycles 200 --max-ops 4 -q --emit-c "$tmp/mine.h" --c-name fast_exp
expect c-name-used 0 'static inline double fast_exp\(double x\)' -- cat "$tmp/mine.h"
expect c-name-guard 0 '#ifndef FAST_EXP_H_' -- cat "$tmp/mine.h"
expect c-name-bad 2 "--c-name: '1st' is not a C identifier" -- "$bin" discover --time 60 --emit-c "$tmp/x.h" --c-name 1st
"$bin" discover --dense-points 0 --target '(log (+ 1.0 x))' --cycles 200 --max-ops 4 -q --emit-c "$tmp/a.h" >/dev/null 2>&1
"$bin" discover --dense-points 0 --target '(log (+ 2.0 x))' --cycles 200 --max-ops 4 -q --emit-c "$tmp/b.h" >/dev/null 2>&1
name_a=$(sed -n 's/^static inline double \([a-z0-9_]*\)(double x).*/\1/p' "$tmp/a.h")
name_b=$(sed -n 's/^static inline double \([a-z0-9_]*\)(double x).*/\1/p' "$tmp/b.h")
expect c-default-name 0 '^progsearch_log_1_0_x_[0-9a-f]{8}$' -- echo "$name_a"
expect c-default-names-differ 0 'differ' -- bash -c "[ -n \"\$1\" ] && [ \"\$1\" != \"\$2\" ] && echo differ" _ "$name_a" "$name_b"
if command -v cc >/dev/null; then
  printf '#include "a.h"\n#include "b.h"\nint main(void) { return %s(0.5) > 0 && %s(0.5) > 0 ? 0 : 1; }\n' "$name_a" "$name_b" >"$tmp/both.c"
  expect c-two-headers 0 '' -- cc -std=c11 -I"$tmp" "$tmp/both.c" -o "$tmp/both" -lm
  expect c-two-headers-run 0 '' -- "$tmp/both"
fi

echo "outputs: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
