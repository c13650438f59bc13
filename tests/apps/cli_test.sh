#!/usr/bin/env bash
# End-to-end checks of the progsearch CLI. Usage: cli_test.sh PROGSEARCH REPO_ROOT SHARED_DIR
set -u
bin=$1; root=$2; shared=$3
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

. "$root/tests/expect.sh"

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

# synth
expect synth 0 '^\(define-fun f \(\(name String\)\) String' -- "$bin" synth "$ex" --timeout 20
expect synth-json-task 0 'held-out test examples: 2/2 pass' -- "$bin" synth "$root/examples/last-name.json" --timeout 20
expect synth-json-out 0 '"status": ?"solved"' -- "$bin" synth "$ex" --json -q --timeout 20
expect synth-threads 0 'define-fun' -- "$bin" synth "$ex" --threads 2 --timeout 20
printf '(set-logic LIA)\n(synth-fun f ((x Int)) Int ((Start Int (x (+ Start Start) (* Start Start)))))\n(constraint (= (f 1) 0))\n' >"$tmp/never.sl"
expect synth-budget 1 'no solution: (timeout|exhausted)' -- "$bin" synth "$tmp/never.sl" --timeout 1
expect synth-candidates 1 'no solution: candidates' -- "$bin" synth "$tmp/never.sl" --max-candidates 10000
printf '{"inputs": ["x"], "train": [{"inputs": ["a"], "output": 3}]}' >"$tmp/bad.json"
expect synth-bad-json 2 'bad.json:1:57: expected a value of type String' -- "$bin" synth "$tmp/bad.json"
mkdir -p "$tmp/suite" && cp "$ex" "$root/examples/last-name.json" "$tmp/suite/"
expect synth-folder 0 'solved 2 of 2' -- "$bin" synth "$tmp/suite" --timeout 20
expect synth-bad-option 2 'threads' -- "$bin" synth "$ex" --threads -1
expect synth-threads-help 0 'threads.*0: every core' -- "$bin" synth --help
expect synth-threads-default 0 'threads: 0' -- "$bin" synth "$ex" --print-config

# discover
# --certify: a proved bound beside the sampled error, in the table, the JSON and the header.
expect discover-certify 0 'certified' -- "$bin" discover --target exp --low -0.34657359027997264 --high 0.34657359027997264 \
  --program '(+ (/ 40.03005319084194 (+ (+ (/ 40.03005319085349 x) (- 20.015026595421038)) (+ (/ 93.50370996296711 (fma x 0.9527892795617297 (/ 40.03005319085349 x))) x))) 0.9999999999999999)' \
  --certify --dense-points 100000 -q --emit-c "$tmp/certified.h"
expect discover-certify-json 0 '"certified_max_rel_error": ?8\.32[0-9]*e-05' -- "$bin" discover --target exp --low 0 --high 1 \
  --program '(fma (fma (fma (fma (fma (fma 0.001388888888888889 x 0.008333333333333333) x 0.041666666666666664) x 0.16666666666666666) x 0.5) x 1.0) x 1.0)' \
  --certify --dense-points 0 --json
expect discover-certify-header 0 'proved with Arb' -- cat "$tmp/certified.h"
expect discover-certify-elementary 0 '"certify_note": ?".exp. cannot be certified' -- "$bin" discover --target exp --program '(exp x)' --certify --dense-points 0 --json
expect discover 0 'max relative error by operation count' -- "$bin" discover --target exp --time 2 -q
expect discover-json 0 '"front": ?\[\{"ops"' -- "$bin" discover --dense-points 0 --target sigmoid --low -2 --high 2 --cycles 2000 --json
expect discover-float32 0 'f32 ulps' -- "$bin" discover --dense-points 0 --target exp2 --low 0.5 --high 0.5625 --cycles 500 --max-ops 6 --float32-check -q
expect discover-emit-c 0 "wrote $tmp/approx.h" -- "$bin" discover --dense-points 0 --target exp --cycles 300 --max-ops 6 -q --emit-c "$tmp/approx.h"
# The emitted C compiles and reproduces the error the header states (within 1%).
if command -v cc >/dev/null && [ -f "$tmp/approx.h" ]; then
  cat >"$tmp/check.c" <<'C'
#include <math.h>
#include <stdio.h>
#include "approx.h"
int main(void) {
  double worst = 0;
  for (int i = 0; i <= 200000; ++i) {
    double x = i / 200000.0, e = fabs(progsearch_exp(x) - exp(x)) / exp(x);
    if (e > worst) worst = e;
  }
  printf("%.6e\n", worst);
  return 0;
}
C
  stated=$(sed -n 's/.*max relative error \([0-9.e+-]*\).*/\1/p' "$tmp/approx.h")
  expect emitted-c-compiles 0 '' -- cc -O2 -I"$tmp" "$tmp/check.c" -o "$tmp/check" -lm
  measured=$("$tmp/check")
  expect emitted-c-error 0 'match' -- awk -v a="$stated" -v b="$measured" \
    'BEGIN { r = a / b; if (r > 0.99 && r < 1.01) print "match"; else print "stated " a " measured " b }'
fi
# float32 mode writes float C (float, fmaf, float constants) whose ULPs, at every float of the interval
# against the correctly rounded float (exp2l has 11 more bits than a float's rounding needs), are the
# ones the header states: the exhaustive check's figure, reproduced by the compiled code.
expect discover-emit-c-float32 0 "wrote $tmp/approx32.h" -- "$bin" discover --dense-points 0 --target exp2 --arithmetic float32 \
  --low 0.5 --high 1 --cycles 300 --max-ops 6 -q --emit-c "$tmp/approx32.h"
expect emitted-c-float32-signature 0 'static inline float progsearch_exp2\(float x\)' -- cat "$tmp/approx32.h"
expect emitted-c-float32-no-double 1 '' -- grep -E '[^f]\(\(?-?0x[0-9a-f.]+p[-+][0-9]+\)|fma\(|fabs\(|sqrt\(' "$tmp/approx32.h"
if command -v cc >/dev/null && [ -f "$tmp/approx32.h" ]; then
  cat >"$tmp/check32.c" <<'C'
#include <math.h>
#include <stdio.h>
#include "approx32.h"
int main(void) {
  double worst = 0;
  long checked = 0;
  for (float x = 0.5f; x <= 1.0f; x = nextafterf(x, INFINITY), ++checked) {
    const float want = (float)exp2l((long double)x), got = progsearch_exp2(x);
    const double spacing = (double)nextafterf(fabsf(want), INFINITY) - fabsf(want);
    const double ulps = got == want ? 0 : fabs((double)got - (double)want) / spacing;
    if (!(ulps <= worst)) worst = ulps;
  }
  printf("%.6g %ld\n", worst, checked);
  return 0;
}
C
  stated32=$(sed -n 's/.*max error \([0-9.e+-]*\) ULPs.*checked.*/\1/p' "$tmp/approx32.h")
  expect emitted-c-float32-compiles 0 '' -- cc -std=c11 -O2 -ffp-contract=off -I"$tmp" "$tmp/check32.c" -o "$tmp/check32" -lm
  read -r measured32 count32 < <("$tmp/check32")
  expect emitted-c-float32-every-float 0 'match' -- awk -v a="$stated32" -v b="$measured32" -v n="$count32" \
    'BEGIN { if (n == 8388609 && a != "" && b <= a * (1 + 1e-6) && b >= a * (1 - 1e-6)) print "match";
             else print "stated " a " measured " b " over " n " floats" }'
fi
expect discover-plot 0 "wrote $tmp/exp.svg" -- "$bin" discover --dense-points 0 --target exp --cycles 300 --max-ops 6 -q --plot "$tmp/exp.svg"
expect discover-plot-svg 0 '<polyline.*points="[0-9]' -- cat "$tmp/exp.svg"
expect discover-cache-summary 0 'cache: [0-9]+ hits \([0-9.]+%\) saved about [0-9.e-]+s of fitness .*hashing took' -- "$bin" discover --dense-points 0 --target exp --cycles 300 --max-ops 6 -q
expect discover-cache-off-summary 0 'cache off: [0-9]+ evaluations .* repeated a behaviour' -- "$bin" discover --dense-points 0 --target exp --cycles 300 --max-ops 6 -q --no-cache
expect discover-json-cache 0 '"saved_fitness_seconds": ?[0-9.e-]+.*"hash_seconds"' -- "$bin" discover --dense-points 0 --target exp --cycles 300 --max-ops 6 -q --json
expect discover-program 0 '^ +1  2\.642e-01 .*\(\+ 1\.0 x\)' -- "$bin" discover --program '(+ 1.0 x)' --max-ops 2
expect discover-program-malformed 2 '--program:1:1' -- "$bin" discover --program '(+ 1.0'
expect discover-dense 0 '^ +1  2\.642e-01 +2\.642e-01 ' -- "$bin" discover --program '(+ 1.0 x)' --max-ops 2 --dense-points 5000
expect discover-dense-json 0 '"dense_max_rel_error": ?0\.264.*"dense_points": ?"?5000' -- "$bin" discover --program '(+ 1.0 x)' --max-ops 2 --dense-points 5000 --json
expect discover-dense-one 2 'dense_points: 0 \(no check\) or at least 2' -- "$bin" discover --program x --dense-points 1
expect discover-global-fit-negative 2 'global-fit-margin' -- "$bin" discover --global-fit-margin -1 --time 1
expect discover-bad-target 2 'exq' -- "$bin" discover --target exq --time 1
expect audit-hash 0 'edge 7 \+ small 8 +15' -- "$bin" audit-hash --domain bv8 -n 150 -q
expect audit-hash-json 0 '"false_merge_rate"' -- "$bin" audit-hash --domain int -n 100 -q --json
expect audit-hash-bad-domain 2 'unknown domain' -- "$bin" audit-hash --domain float
expect discover-bad-interval 2 'empty' -- "$bin" discover --low 1 --high 0 --time 1
expect discover-float32 0 'float32: max relative error.*' -- "$bin" discover --dense-points 0 --target exp2 --arithmetic float32 --cycles 200 --max-ops 6 -q
expect discover-bad-arithmetic 2 'arithmetic' -- "$bin" discover --arithmetic float16 --time 1

# A run is one text-format config: --print-config writes it, --config reads it back, flags override it.
"$bin" discover --dense-points 0 --target exp --max-ops 6 --cycles 300 --print-config >"$tmp/run.txtpb"
expect config-printed 0 'max_ops: 6' -- cat "$tmp/run.txtpb"
from_flags=$("$bin" discover --dense-points 0 --target exp --max-ops 6 --cycles 300 --json -q | sed -E 's/"[a-z_]*seconds": ?[0-9.e+-]*//g')
from_file=$("$bin" discover --config "$tmp/run.txtpb" --json -q | sed -E 's/"[a-z_]*seconds": ?[0-9.e+-]*//g')
expect config-same-run 0 'same' -- bash -c "[ \"\$1\" = \"\$2\" ] && [ -n \"\$1\" ] && echo same || echo differ" _ "$from_flags" "$from_file"
expect config-flag-overrides 0 '^ +4 ' -- "$bin" discover --config "$tmp/run.txtpb" --max-ops 4 -q
expect config-flag-overrides-max 0 '^none$' -- bash -c "\"$bin\" discover --config \"$tmp/run.txtpb\" --max-ops 4 -q | grep -qE '^ +[5-9] ' && echo some || echo none"
printf 'target: "exp"\napproximation { search { max_ops: 6 }\n  bogus: 1 }\n' >"$tmp/bad.txtpb"
expect config-malformed 2 'bad.txtpb:3:8: .*bogus' -- "$bin" discover --config "$tmp/bad.txtpb"
expect config-missing 2 'none.txtpb: cannot open: No such file' -- "$bin" synth "$ex" --config "$tmp/none.txtpb"
printf 'search { max_candidates: 10000 }\n' >"$tmp/synth.txtpb"
expect synth-config 1 'no solution: candidates' -- "$bin" synth "$tmp/never.sl" --config "$tmp/synth.txtpb"
# Settings from a file are checked as flags are: a value no run can use is bad input, named.
printf 'approximation { search { population: 0 } }\n' >"$tmp/zero.txtpb"
expect config-out-of-range 2 'search.population is 0; it must be from 2 to 1000000' -- "$bin" discover --config "$tmp/zero.txtpb"
printf 'approximation { search { weights { key: "sin" value: 2 } } }\n' >"$tmp/sin.txtpb"
expect config-unknown-weight 2 "unknown operation 'sin'" -- "$bin" discover --config "$tmp/sin.txtpb"
printf 'search { max_cost: 0 }\n' >"$tmp/cost.txtpb"
expect synth-config-out-of-range 2 'search.max_cost is 0' -- "$bin" synth "$ex" --config "$tmp/cost.txtpb"
printf 'cegis { timeout_seconds: 30 }\n' >"$tmp/cegis.txtpb"
expect synth-config-cegis-timeout 2 'set those in search' -- "$bin" synth "$ex" --config "$tmp/cegis.txtpb"
printf 'max_depth: 40\n' >"$tmp/audit.txtpb"
expect audit-config 2 'max_depth is 40' -- "$bin" audit-hash --config "$tmp/audit.txtpb"

# The same seed and cycles give the same front on one thread and on two, global constant fits included.
# (The JSON quotes the run's settings, thread count included: times and threads are left out.)
drop='s/"[a-z_]*seconds": ?[0-9.e+-]*//g; s/"threads": ?[0-9]*//g'
one=$("$bin" discover --dense-points 0 --target exp --max-ops 8 --cycles 1500 --global-fit-margin 10 --global-fit-evaluations 200 --threads 1 --json -q 2>&1 | sed -E "$drop")
two=$("$bin" discover --dense-points 0 --target exp --max-ops 8 --cycles 1500 --global-fit-margin 10 --global-fit-evaluations 200 --threads 2 --json -q 2>&1 | sed -E "$drop")
expect discover-threads 0 'same' -- bash -c "[ \"\$1\" = \"\$2\" ] && [ -n \"\$1\" ] && echo same || echo differ" _ "$one" "$two"

# Checkpoints: a run killed with SIGKILL leaves its last complete checkpoint, which resumes; a resume
# with other settings is refused.
ck=$tmp/exp.ckpt
"$bin" discover --dense-points 0 --target exp --max-ops 8 --time 60 -q --checkpoint "$ck" --checkpoint-interval 0.5 >/dev/null 2>&1 &
victim=$!
for _ in $(seq 1 100); do [ -s "$ck" ] && break; sleep 0.1; done
sleep 1.2
kill -9 "$victim"; wait "$victim" 2>/dev/null
expect checkpoint-left 0 'exp.ckpt$' -- ls "$ck"
expect checkpoint-resume 0 'ops +progsearch' -- "$bin" discover --target exp --max-ops 8 --time 62 -q --resume "$ck" --cycles 1
expect checkpoint-other-settings 2 'other settings' -- "$bin" discover --target exp --max-ops 10 --time 5 -q --resume "$ck"
expect checkpoint-other-weights 2 'weights=fma:1' -- "$bin" discover --target exp --max-ops 8 --op-cost fma=1 --time 5 -q --resume "$ck"
expect checkpoint-missing 2 'cannot open' -- "$bin" discover --resume "$tmp/none.ckpt" --time 1
expect discover-interrupt 0 'interrupted after' -- bash -c "\"$bin\" discover --dense-points 0 --target exp --max-ops 6 --time 60 -q & p=\$!; sleep 2; kill -TERM \$p; wait \$p"

# libm: a drop-in expf, checked by progsearch at sampled floats, then compiled here as a user would (C
# and C++, -O3 -march=native) and compared with expl rounded to float at 2^20 points and with glibc's
# errno at overflow.
expect libm-help 0 'exp2f, expf, exp10f, log2f, logf or log10f' -- "$bin" libm --help
expect libm-unknown 2 "unknown function 'sinf'" -- "$bin" libm sinf
expect libm-json-needs-output 2 'name the header with -o' -- "$bin" libm expf --json
expect libm-bad-output 2 'cannot write' -- "$bin" libm expf -o "$tmp/no/such/dir/expf.h"
expect libm-bad-ulp 2 'max-ulp' -- "$bin" libm expf --max-ulp 0.4
expect libm-expf 0 "wrote $tmp/expf.h" -- "$bin" libm expf --time 2 --check sample -o "$tmp/expf.h"
expect libm-expf-checked 0 '^// Checked at 1048576 floats' -- cat "$tmp/expf.h"
expect libm-json 0 '"found": true' -- "$bin" libm log2f --time 2 --check sample --json -q -o "$tmp/log2f.h"
if command -v cc >/dev/null && [ -f "$tmp/expf.h" ]; then
  cat >"$tmp/libm_check.c" <<'C'
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include "expf.h"
int main(void) {
  double worst = 0;
  for (long i = 0; i < (1L << 20); ++i) {
    const float x = -100.0f + 190.0f * (float)i / (float)(1L << 20);
    const float want = (float)expl((long double)x), got = progsearch_expf(x);
    if (isinf(want) || want == 0) continue;
    const double spacing = (double)nextafterf(fabsf(want), INFINITY) - fabsf(want);
    const double ulps = got == want ? 0 : fabs((double)got - (double)want) / spacing;
    if (!(ulps <= worst)) worst = ulps;
  }
  errno = 0;
  const float big = progsearch_expf(100.0f);
  printf("worst %g overflow %s\n", worst, isinf(big) && errno == ERANGE ? "ERANGE" : "wrong");
  return 0;
}
C
  expect libm-compiles-c 0 '' -- cc -std=c99 -O3 -march=native -I"$tmp" "$tmp/libm_check.c" -o "$tmp/libm_check" -lm
  expect libm-compiled-within-1ulp 0 'worst (0|1) overflow ERANGE' -- "$tmp/libm_check"
  expect libm-compiles-cxx 0 '' -- c++ -x c++ -std=c++17 -O2 -I"$tmp" -c "$tmp/libm_check.c" -o "$tmp/libm_check_cxx.o"
fi

# compress: Stitch-style library learning on a corpus of programs.
printf '["(foo (bar 1 2 3) A)", "(foo (bar 1 2 3) B)", "(foo (bar 1 2 3) C)"]' > "$tmp/corpus.json"
expect compress 0 '"body": "\(foo \(bar 1 2 3\)\)"' -- "$bin" compress "$tmp/corpus.json" -q
expect compress-progress 0 'fn_0 \(arity 0, 3 uses, utility 708\): cost 603' -- "$bin" compress "$tmp/corpus.json" -o "$tmp/out.json"
expect compress-out-file 0 '"stop_reason": "no abstraction shortens the corpus further"' -- cat "$tmp/out.json"
expect compress-help 0 '--arity' -- "$bin" compress --help
printf '["(foo (bar 1 2 3) A)",\n "(foo (bar"]' > "$tmp/bad-corpus.json"
expect compress-bad-program 2 'bad-corpus.json:2:2: program: column 10: missing' -- "$bin" compress "$tmp/bad-corpus.json"
expect compress-missing 2 'nope.json' -- "$bin" compress "$tmp/nope.json"
expect compress-bad-arity 2 'arity' -- "$bin" compress "$tmp/corpus.json" --arity 99
printf '{"frontiers": [{"task": "t", "programs": [{"program": "(lambda (f (g $0 1 2)))"}, {"program": "(lambda (f (g $0 1 2)))"}]},\n {"task": "u", "programs": [{"program": "(lambda (f (g $0 1 2)))"}]}]}' > "$tmp/request.json"
expect compress-request 0 '"dreamcoder": "#\(lambda \(f \(g \$0 1 2\)\)\)"' -- "$bin" compress "$tmp/request.json" -q
printf '{"frontiers": [{"task": "t", "programs": [{"program": "(p (f (g 1 2 3) x) (f (g 1 2 3) y))"}]}]}' > "$tmp/one-task.json"
expect compress-single-task 0 '"num_abstractions": 0' -- "$bin" compress "$tmp/one-task.json" -q
expect compress-allow-single-task 0 '"body": "\(f \(g 1 2 3\)\)"' -- "$bin" compress "$tmp/one-task.json" -q --allow-single-task
if [ -d "$shared/benchmarks/compression" ]; then
  expect compress-nuts-bolts 0 'compress: 10 abstractions, cost 1919558 -> ' -- "$bin" compress "$shared/benchmarks/compression/corpora/nuts-bolts.json" --arity 3 -o "$tmp/nb.json"
  expect compress-time-budget 0 'time budget ran out' -- "$bin" compress "$shared/benchmarks/compression/corpora/bridge.json" --time 0.3 -o "$tmp/w.json"
fi

# wake-sleep: DreamCoder's loop on list tasks; the cost bound, not the clock, ends each search.
cat > "$tmp/lists.json" <<'JSON'
[{"name": "add 1", "type": {"input": "list-of-int", "output": "list-of-int"},
  "examples": [{"i": [3, 1, 4], "o": [4, 2, 5]}, {"i": [], "o": []}, {"i": [9, 0], "o": [10, 1]}]},
 {"name": "add 2", "type": {"input": "list-of-int", "output": "list-of-int"},
  "examples": [{"i": [3, 1, 4], "o": [5, 3, 6]}, {"i": [], "o": []}, {"i": [9, 0], "o": [11, 2]}]},
 {"name": "add 3", "type": {"input": "list-of-int", "output": "list-of-int"},
  "examples": [{"i": [3, 1, 4], "o": [6, 4, 7]}, {"i": [], "o": []}, {"i": [9, 0], "o": [12, 3]}]}]
JSON
expect wake-sleep-progress 0 '^wake 1: 3/3 solved with [1-9]' -- "$bin" wake-sleep "$tmp/lists.json" -k 1 -b 30 --max-cost 7 --save-library "$tmp/lib.txtpb" -o "$tmp/ws.json"
expect wake-sleep-json 0 '"solved_per_wake": \[2, 3\]' -- cat "$tmp/ws.json"
expect wake-sleep-library-text 0 'program: "#\(' -- cat "$tmp/lib.txtpb"
expect synth-library 0 '^add 3 +solved .*#\(' -- "$bin" synth "$tmp/lists.json" --library "$tmp/lib.txtpb" --timeout 30 --max-cost 7
expect synth-library-missing 2 'nope.pb' -- "$bin" synth "$tmp/lists.json" --library "$tmp/nope.pb"
printf '[{"name": "x", "type": {"input": "list-of-int", "output": "int"}, "examples": [{"i": [1], "o": "two"}]}]' > "$tmp/bad-lists.json"
expect wake-sleep-bad-task 2 'bad-lists.json:1:96: expected an integer, got a string' -- "$bin" wake-sleep "$tmp/bad-lists.json"
printf '{"name": "double", "domain": "lists", "inputs": [{"name": "xs", "type": "(List Int)"}], "output_type": "(List Int)", "train": [{"inputs": [[1, 2, 3]], "output": [2, 4, 6]}, {"inputs": [[]], "output": []}, {"inputs": [[5, 0]], "output": [10, 0]}], "test": [{"inputs": [[7]], "output": [14]}]}' > "$tmp/double.json"
expect synth-json-lists 0 'solved, cost 5, .*fits 1/1 held-out examples' -- "$bin" synth "$tmp/double.json" --timeout 20
expect synth-json-lists-program 0 '^\(lambda \(map \(lambda \(\+ \$0 \$0\)\) \$0\)\)$' -- "$bin" synth "$tmp/double.json" --timeout 20 -q
expect parse-json-lists 2 'a "lists" task has no grammar' -- "$bin" parse "$tmp/double.json"
expect wake-sleep-help 0 '--budget' -- "$bin" wake-sleep --help

if [ -d "$shared/benchmarks/sygus" ]; then
  expect synth-cegis 0 '\(bvand x \(bvsub x #x00000001\)\)' -- "$bin" synth "$shared/benchmarks/sygus/hackers-delight/hd-01-d1-prog.sl" --timeout 20
  expect synth-cegis-proved 0 '"checked":"proved"' -- "$bin" synth "$shared/benchmarks/sygus/hackers-delight/hd-01-d1-prog.sl" --timeout 20 --json
  expect synth-cegis-clia 0 'define-fun' -- "$bin" synth "$shared/benchmarks/sygus/clia/jmbl_fg_max3.sl" --timeout 20
  expect synth-cegis-whole-spec 0 '"method":"whole-spec enumeration"' -- "$bin" synth "$shared/benchmarks/sygus/clia/small.sl" --timeout 5 --json
  expect synth-cegis-term-cover 0 '"method":"term cover"' -- "$bin" synth "$shared/benchmarks/sygus/clia/jmbl_fg_max9.sl" --timeout 10 --json
  expect synth-cegis-definitions 0 'define-fun f5 .*' -- bash -c "\"$bin\" synth \"$shared/benchmarks/sygus/clia/jmbl_fg_fivefuncs.sl\" --timeout 5 | grep -c define-fun | grep -qx 5 && \"$bin\" synth \"$shared/benchmarks/sygus/clia/jmbl_fg_fivefuncs.sl\" --timeout 5"
  printf '(set-logic LIA)\n(synth-fun f ((x Int)) Int)\n(synth-fun g ((x Int)) Int)\n(declare-var x Int)\n(constraint (>= (+ (f x) (g x)) x))\n(check-synth)\n' > "$tmp/together.sl"
  expect synth-checked-by 0 'solved, proved \(term cover\) in' -- "$bin" synth "$shared/benchmarks/sygus/clia/jmbl_fg_max3.sl" --timeout 10
  expect synth-cegis-refused 2 'constrains 2 synth-funs together' -- "$bin" synth "$tmp/together.sl" --timeout 5
  expect synth-bv 0 'define-fun' -- "$bin" synth "$shared/benchmarks/sygus/bv/PRE_100_10.sl" --timeout 20
  expect bv-task 0 'examples: [0-9]+' -- "$bin" parse "$shared/benchmarks/sygus/bv/PRE_100_10.sl"
  expect spec-task 0 'spec constraints: 1' -- "$bin" parse "$shared/benchmarks/sygus/hackers-delight/$(ls "$shared/benchmarks/sygus/hackers-delight" | head -1)"
  expect spec-inline 0 'bvand x \(bvsub x #x00000001\)\) \(f x\)' -- "$bin" parse --inline "$shared/benchmarks/sygus/hackers-delight/hd-01-d1-prog.sl"
  expect spec-eval 1 'no examples' -- "$bin" eval "$shared/benchmarks/sygus/hackers-delight/$(ls "$shared/benchmarks/sygus/hackers-delight" | head -1)" --program x
else
  echo "cli: skipped the checks on shared benchmark files: $shared/benchmarks/sygus is absent"
  [ "${PROGSEARCH_REQUIRE_SHARED:-}" = 1 ] && fail=$((fail + 1))
fi

echo "cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
