#!/usr/bin/env bash
# What a command reads and is told: time limits of any size, folders and devices where files belong,
# empty and binary files, JSON under any name, contradictory examples, range errors, and the results
# that depend on them (baselines at a zero of the target, the folder table's held-out column, labels).
# Usage: cli_inputs_test.sh PROGSEARCH REPO_ROOT
set -u
bin=$1; root=$2
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
. "$root/tests/expect.sh"
ex=$root/examples/doctor-names.sl
good='(str.++ "Dr." (str.++ " " (str.substr name 0 (str.indexof name " " 0))))'

# Any finite limit means at most that long: 1e10 s used to overflow into a deadline already past.
expect timeout-huge 0 '^\(define-fun f' -- "$bin" synth "$ex" --timeout 1e10 -q
expect timeout-inf 0 '^\(define-fun f' -- "$bin" synth "$ex" --timeout inf -q
expect eval-timeout-huge 0 '5/5 examples pass' -- "$bin" eval "$ex" --program "$good" --timeout 1e308
expect timeout-negative 2 '^--timeout: must be >= 0$' -- "$bin" synth "$ex" --timeout -5
expect threads-negative 2 '^--threads: must be >= 0$' -- "$bin" synth "$ex" --threads -1
expect range-no-long-bound 1 '' -- bash -c "\"$bin\" synth \"$ex\" --timeout -5 2>&1 | grep -E '[0-9]{20}'"

# A folder, a device or an empty file where a file belongs: named, exit 2.
mkdir -p "$tmp/dir"
expect parse-dir 2 "dir: is a directory" -- "$bin" parse "$tmp/dir"
expect eval-dir 2 "dir: is a directory" -- "$bin" eval "$tmp/dir" --program x
expect config-dir 2 "dir: is a directory" -- "$bin" discover --config "$tmp/dir" --time 60
expect compress-dir 2 "dir: is a directory" -- "$bin" compress "$tmp/dir"
expect wake-sleep-dir 2 "dir: is a directory" -- "$bin" wake-sleep "$tmp/dir"
expect guide-model-dir 2 "dir: is a directory" -- "$bin" synth "$ex" --guide cpu --guide-model "$tmp/dir"
expect parse-device 2 "/dev/null: is a device, not a file" -- "$bin" parse /dev/null
: >"$tmp/empty.sl"
expect parse-empty 2 "empty.sl:1:1: the file has no SyGuS commands" -- "$bin" parse "$tmp/empty.sl"
# Bytes that are not text are escaped in messages, never echoed raw.
printf '(set-logic SLIA)\n(synth-fun f ((x String)) String)\n(constraint (= (f "a") (\001\377 "a")))\n' >"$tmp/binary.sl"
expect binary-escaped 2 "binary\\.sl:3:25: invalid character '\\\\x01' in symbol" -- "$bin" parse "$tmp/binary.sl"
expect binary-no-raw 1 '' -- bash -c "\"$bin\" parse \"$tmp/binary.sl\" 2>&1 | LC_ALL=C grep -q \$'\\377'"

# A JSON task under another name is read as JSON (its first non-blank character is '{').
cp "$root/examples/last-name.json" "$tmp/last-name.txt"
expect json-as-txt 0 'held-out test examples: 2/2 pass' -- "$bin" synth "$tmp/last-name.txt" --timeout 20
expect parse-help-json 0 'JSON examples' -- "$bin" parse --help
expect eval-help-json 0 'JSON examples' -- "$bin" eval --help

# Contradictory examples are refused at once, both named.
printf '{"inputs": ["x"],\n "train": [{"inputs": ["a"], "output": "x"},\n           {"inputs": ["b"], "output": "z"},\n           {"inputs": ["a"], "output": "y"}]}\n' >"$tmp/contra.json"
start=$SECONDS
expect contradictory-json 2 'contra\.json:2:12 and .*contra\.json:4:12: the same inputs \("a"\) with different outputs, "x" and "y"' -- "$bin" synth "$tmp/contra.json" --timeout 60
expect contradictory-fast 0 'fast' -- bash -c "[ $((SECONDS - start)) -le 3 ] && echo fast"
printf '(set-logic SLIA)\n(synth-fun f ((x String)) String)\n(constraint (= (f "a") "x"))\n(constraint (= (f "a") "y"))\n' >"$tmp/contra.sl"
expect contradictory-sygus 2 'contra\.sl:3:1 and .*contra\.sl:4:1: the same inputs' -- "$bin" synth "$tmp/contra.sl" --timeout 60

# synth FOLDER: each answer labelled with its task on stdout, a held-out column in the table.
mkdir -p "$tmp/suite"
cp "$ex" "$root/examples/last-name.json" "$tmp/suite/"
"$bin" synth "$tmp/suite" --timeout 20 >"$tmp/suite.out" 2>"$tmp/suite.err"
expect folder-label-sl 0 "^; $tmp/suite/doctor-names.sl$" -- cat "$tmp/suite.out"
expect folder-label-json 0 "^; $tmp/suite/last-name.json$" -- cat "$tmp/suite.out"
expect folder-held-out-column 0 'held-out' -- cat "$tmp/suite.err"
expect folder-held-out-value 0 'last-name\.json +solved .* 2/2 ' -- cat "$tmp/suite.err"
expect folder-held-out-summary 0 '1 of 1 with held-out examples pass them all' -- cat "$tmp/suite.err"
expect synth-json-method 0 '"method":"bottom-up"' -- "$bin" synth "$ex" --json -q --timeout 20

# discover: baselines (and seeds) where the target vanishes in the interval, by factoring out the zero.
expect baselines-sin 0 '^ +5  [0-9.e+-]+ +[0-9]\.[0-9]{3}e-[0-9]+ +[0-9]\.[0-9]{3}e-[0-9]+ +[0-9]\.[0-9]{3}e-[0-9]+ +\(\* x ' -- "$bin" discover --target sin --low 0 --high 1 --cycles 100 --max-ops 8 --dense-points 0 -q
expect baselines-log1p 0 '^ +5  [0-9.e+-]+ +[0-9]\.[0-9]{3}e-[0-9]+ +[0-9]\.[0-9]{3}e-[0-9]+ ' -- "$bin" discover --target '(log (+ 1.0 x))' --low 0 --high 1 --cycles 100 --max-ops 8 --dense-points 0 -q
expect baselines-log2-interior 0 '^ +6  [0-9.e+-]+ +[0-9]\.[0-9]{3}e-[0-9]+ ' -- "$bin" discover --target log2 --low 0.7 --high 1.4 --cycles 100 --max-ops 8 --dense-points 0 -q
expect undefined-target 2 'log is undefined \(NaN\) at x = -1 ' -- "$bin" discover --target log --low -1 --high 0 --time 60
expect program-baselines-own-count 1 '' -- bash -c "\"$bin\" discover --program '(+ 1.0 x)' --dense-points 0 | grep -E '^ +(3|4|16) '"

echo "inputs: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
