#!/usr/bin/env bash
# End-to-end checks of the neural guide through the CLI: train-guide, synth --guide and its errors.
# Usage: guide_cli_test.sh PROGSEARCH REPO_ROOT
set -u
bin=$1; root=$2
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
. "$root/tests/expect.sh"
ex=$root/examples/doctor-names.sl

expect train 0 'wrote .*s.guide' -- "$bin" train-guide --domain strings --tasks 30 --candidates 3000 --epochs 2 -o "$tmp/s.guide"
expect train-spreadsheet 0 'wrote .*p.guide' -- "$bin" train-guide --domain spreadsheet --tasks 10 --candidates 2000 --epochs 1 -o "$tmp/p.guide"
expect train-bv 0 'epoch 1' -- "$bin" train-guide --domain bv --tasks 10 --candidates 2000 --epochs 1 -o "$tmp/b.guide"
expect train-bad-domain 2 'domain' -- "$bin" train-guide --domain lists -o "$tmp/x.guide"
expect train-unwritable 2 'x.guide' -- "$bin" train-guide --tasks 5 --candidates 1000 --epochs 1 -o "$tmp/none/x.guide"

expect guided 0 '^\(define-fun f' -- "$bin" synth "$ex" --guide cpu --guide-model "$tmp/s.guide" --timeout 20
expect guided-json 0 '"guide": ?"cpu: .*s.guide"' -- "$bin" synth "$ex" --guide-model "$tmp/s.guide" --json -q --timeout 20
expect guided-stats 0 'values scored' -- "$bin" synth "$ex" --guide-model "$tmp/s.guide" --timeout 20
expect guide-off 0 '"guide": ?"off"' -- "$bin" synth "$ex" --guide off --json -q --timeout 20
expect guided-bv-model-on-strings 0 'define-fun' -- "$bin" synth "$ex" --guide-model "$tmp/b.guide" --timeout 20

expect missing-model 2 'cannot open' -- "$bin" synth "$ex" --guide-model "$tmp/none.guide"
head -c 200 "$tmp/s.guide" >"$tmp/cut.guide"
expect cut-model 2 'cut.guide: not a guide model, or a damaged one' -- "$bin" synth "$ex" --guide-model "$tmp/cut.guide"
cp "$ex" "$tmp/text.guide"
expect text-model 2 'not a guide model' -- "$bin" synth "$ex" --guide-model "$tmp/text.guide"
expect bad-thresholds 2 'ascending' -- "$bin" synth "$ex" --guide-model "$tmp/s.guide" --guide-thresholds 0.5,0.2
expect bad-mode 2 'guide' -- "$bin" synth "$ex" --guide sometimes
printf '(set-logic LIA)\n(synth-fun f ((x Int)) Int ((Start Int (x 1 (+ Start Start)))))\n(constraint (= (f 1) 2))\n' >"$tmp/lia.sl"
expect no-model-for-domain 2 "no guide model for domain 'lia'" -- "$bin" synth "$tmp/lia.sl" --guide cpu
expect auto-without-model 0 '"guide": ?"off: no model' -- "$bin" synth "$tmp/lia.sl" --json -q
# A guided answer is followed by an unguided search for a smaller one, which on a small task finds the
# program that generalizes (the strings model answers with a 13-node program fitting 1 of 3 held-out
# examples; the 9-node one fits all three). The task is a spreadsheet one, which its own model would
# otherwise guide: the strings model is named so that this stays a check of the smaller-answer search.
strings_model=$root/models/strings.guide
cat >"$tmp/initial.json" <<'JSON'
{"inputs": ["name"],
 "train": [{"inputs": ["John Smith"], "output": "J. Smith"},
           {"inputs": ["Ada Lovelace"], "output": "A. Lovelace"},
           {"inputs": ["Grace Hopper"], "output": "G. Hopper"}],
 "test": [{"inputs": ["Alan Turing"], "output": "A. Turing"},
          {"inputs": ["Edsger Dijkstra"], "output": "E. Dijkstra"},
          {"inputs": ["Barbara Liskov"], "output": "B. Liskov"}]}
JSON
expect smaller-answer 0 'held-out test examples: 3/3 pass' -- "$bin" synth "$tmp/initial.json" --guide-model "$strings_model" --timeout 20
expect smaller-answer-sizes 0 'smaller answer: the guided answer has size 13; an unguided search of [0-9.]+[kM] candidates found one of size 9' -- "$bin" synth "$tmp/initial.json" --guide-model "$strings_model" --timeout 20
expect smaller-answer-json 0 '"cost": ?9,.*"guided_cost": ?13' -- "$bin" synth "$tmp/initial.json" --guide-model "$strings_model" --timeout 20 --json -q
expect smaller-answer-off 0 'held-out test examples: 1/3 pass' -- "$bin" synth "$tmp/initial.json" --guide-model "$strings_model" --timeout 20 --smaller-answer-budget 0
# Its candidates count in --max-candidates (a batch of 4,096 may overrun it, as any search's last batch).
counted=$("$bin" synth "$tmp/initial.json" --max-candidates 200000 --json -q | sed -n 's/.*"candidates": *"\{0,1\}\([0-9]*\).*/\1/p')
expect smaller-answer-counted 0 'within' -- bash -c "[ \"\$1\" -ge 190000 ] && [ \"\$1\" -le 204096 ] && echo within || echo \"\$1\"" _ "$counted"
expect smaller-answer-bad 2 'smaller-answer-budget' -- "$bin" synth "$tmp/initial.json" --smaller-answer-budget -1

# The argument model: trained, used, and refused where it does not belong.
expect train-arguments 0 'wrote .*a.guide' -- "$bin" train-guide --domain spreadsheet --arguments --tasks 10 --candidates 2000 --epochs 1 -o "$tmp/a.guide"
expect train-with-operator 0 'wrote .*o.guide' -- "$bin" train-guide --domain spreadsheet --with-operator --tasks 10 --candidates 2000 --epochs 1 -o "$tmp/o.guide"
expect ranked-json 0 '"argument_ranking": ?"cpu: .*a.guide"' -- "$bin" synth "$tmp/initial.json" --guide cpu --argument-model "$tmp/a.guide" --ranking-payoff 0 --json -q --timeout 20
expect ranked-counts 0 '"ranked_arguments": ?"[1-9]' -- "$bin" synth "$tmp/initial.json" --guide cpu --argument-model "$tmp/a.guide" --ranking-payoff 0 --json -q --timeout 20
expect with-operator-model 0 'held-out test examples' -- "$bin" synth "$tmp/initial.json" --guide-model "$tmp/o.guide" --timeout 20
expect ranking-off 0 '"argument_ranking": ?"off"' -- "$bin" synth "$tmp/initial.json" --argument-ranking off --json -q --timeout 20
expect arguments-as-value-model 2 'argument model' -- "$bin" synth "$tmp/initial.json" --guide-model "$tmp/a.guide"
expect value-as-argument-model 2 'not an argument model' -- "$bin" synth "$tmp/initial.json" --argument-model "$tmp/p.guide"
expect ranking-without-model 2 "no argument model for domain 'lia'" -- "$bin" synth "$tmp/lia.sl" --argument-ranking on
expect ranking-bad-mode 2 'argument-ranking' -- "$bin" synth "$tmp/lia.sl" --argument-ranking sometimes
expect ranking-bad-thresholds 2 'ascending' -- "$bin" synth "$tmp/initial.json" --argument-thresholds 0.6,0.3

if "$bin" --version | grep -q 'GPU: '; then
  expect gpu 0 '"guide": ?"gpu' -- "$bin" synth "$ex" --guide gpu --guide-model "$tmp/s.guide" --json -q --timeout 20
else
  expect gpu-absent 2 'guide gpu: .*(no CUDA|no CUDA device)' -- "$bin" synth "$ex" --guide gpu --guide-model "$tmp/s.guide"
fi

echo "guide cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
