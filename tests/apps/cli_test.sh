#!/usr/bin/env bash
# End-to-end checks of the progsearch CLI. Usage: cli_test.sh PROGSEARCH REPO_ROOT SHARED_DIR
set -u
bin=$1; root=$2; shared=$3
pass=0; fail=0
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

# expect NAME WANT_RC PATTERN -- command...: runs the command, checks the exit code and that the
# combined output matches the extended regex PATTERN.
expect() {
  local name=$1 want=$2 pattern=$3; shift 4
  local out rc
  out=$("$@" 2>&1); rc=$?
  if [ "$rc" -eq "$want" ] && grep -Eq -- "$pattern" <<<"$out"; then
    pass=$((pass + 1))
  else
    fail=$((fail + 1))
    printf 'FAIL %s: exit %s (want %s), pattern /%s/\n--- output ---\n%s\n--------------\n' \
      "$name" "$rc" "$want" "$pattern" "$out"
  fi
}

ex=$root/examples/doctor-names.sl
good='(str.++ "Dr." (str.++ " " (str.substr name 0 (str.indexof name " " 0))))'

expect help 0 '^ +eval +Evaluate' -- "$bin" --help
expect eval-help 0 '--program' -- "$bin" eval --help
expect version 0 '^progsearch [0-9]' -- "$bin" --version
expect no-subcommand 2 'subcommand' -- "$bin"
expect parse 0 'examples: 5' -- "$bin" parse "$ex"
expect parse-json 0 '"synth_funs"' -- "$bin" parse --json "$ex"
expect parse-sygus 0 '^\(set-logic SLIA\)' -- "$bin" parse --sygus "$ex"
expect eval-pass 0 '5/5 examples pass' -- "$bin" eval "$ex" --program "$good"
expect eval-fail 1 '0/5 examples pass' -- "$bin" eval "$ex" --program 'name'
expect eval-table 1 'NO' -- "$bin" eval "$ex" --program '(str.++ "Dr. " name)'
expect eval-wrong-sort 2 'has sort Int' -- "$bin" eval "$ex" --program '(str.len name)'
expect eval-unknown-op 2 '<program>:1:2: unknown operator' -- "$bin" eval "$ex" --program '(foo name)'
expect eval-truncated 2 '<program>:1:1: unclosed' -- "$bin" eval "$ex" --program '(str.++ name'
expect missing-file 2 'cannot open' -- "$bin" parse "$tmp/none.sl"
expect bad-option 2 'max-string-length' -- "$bin" eval "$ex" --program name --max-string-length -3

printf '(set-logic SLIA)\n(synth-fun f ((x String)) String)\n(constraint (= (f "a") (str.frob "a")))\n' >"$tmp/bad.sl"
expect malformed-file 2 'bad.sl:3:25: unknown operator' -- "$bin" parse "$tmp/bad.sl"
printf '(set-logic SLIA)\n(synth-fun f ((x String)) String\n' >"$tmp/trunc.sl"
expect truncated-file 2 'trunc.sl:2:1: unclosed' -- "$bin" parse "$tmp/trunc.sl"

if [ -d "$shared/benchmarks/sygus" ]; then
  expect bv-task 0 'examples: [0-9]+' -- "$bin" parse "$shared/benchmarks/sygus/bv/PRE_100_10.sl"
  expect spec-task 0 'spec constraints: 1' -- "$bin" parse "$shared/benchmarks/sygus/hackers-delight/$(ls "$shared/benchmarks/sygus/hackers-delight" | head -1)"
  expect spec-inline 0 'bvand x \(bvsub x #x00000001\)\) \(f x\)' -- "$bin" parse --inline "$shared/benchmarks/sygus/hackers-delight/hd-01-d1-prog.sl"
  expect spec-eval 1 'no examples' -- "$bin" eval "$shared/benchmarks/sygus/hackers-delight/$(ls "$shared/benchmarks/sygus/hackers-delight" | head -1)" --program x
fi

echo "cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
