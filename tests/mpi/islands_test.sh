#!/usr/bin/env bash
# discover --islands on 2 MPI ranks: the ranks migrate members, stop together and rank 0 alone reports
# the front of both. Exit 77 (skipped) when progsearch was built without MPI or mpirun is missing.
# Usage: islands_test.sh PROGSEARCH REPO_ROOT
set -u
bin=$1; root=$2
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
. "$root/tests/expect.sh"

probe=$("$bin" discover --islands --max-ops 2 --cycles 16 --population 8 --dense-points 0 -q 2>&1)
if grep -q 'built without MPI' <<<"$probe"; then echo "islands: skipped, progsearch is built without MPI"; exit 77; fi
command -v mpirun >/dev/null || { echo "islands: skipped, no mpirun"; exit 77; }
run_as_root=()
[ "$(id -u)" -eq 0 ] && run_as_root=(--allow-run-as-root)
mpi=(mpirun "${run_as_root[@]}" --oversubscribe -np 2)
base=(discover --target exp --max-ops 6 --dense-points 0 --threads 1 --islands --migration-batches 5 -q)
args=("${base[@]}" --cycles 3000)

expect islands-two-ranks 0 'islands: 2, [1-9][0-9]* migrations; [1-9][0-9]* members arrived' -- "${mpi[@]}" "$bin" "${args[@]}"
# One table only, rank 0's.
expect islands-one-report 0 '^1$' -- bash -c "$(printf '%q ' "${mpi[@]}" "$bin" "${args[@]}") 2>/dev/null | grep -c 'max relative error by operation count'"
# The same settings and seeds give the same front: stops and migrations come at fixed batch counts.
"${mpi[@]}" "$bin" "${args[@]}" --json >"$tmp/a.json" 2>/dev/null
"${mpi[@]}" "$bin" "${args[@]}" --json >"$tmp/b.json" 2>/dev/null
front() { python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print([(p.get("ops"), p.get("program")) for p in d["front"]])' "$1"; }
front "$tmp/a.json" >"$tmp/a.txt"; front "$tmp/b.json" >"$tmp/b.txt"
expect islands-repeatable 0 '^same$' -- bash -c "grep -q fma '$tmp/a.txt' && cmp -s '$tmp/a.txt' '$tmp/b.txt' && echo same"
# Each rank keeps its own checkpoint.
expect islands-checkpoints 0 'ck.rank0.*ck.rank1|ck.rank1.*ck.rank0' -- bash -c "$(printf '%q ' "${mpi[@]}" "$bin" "${args[@]}") --checkpoint '$tmp/ck' >/dev/null 2>&1; ls '$tmp' | tr '\n' ' '"
expect islands-resume 0 'islands: 2' -- "${mpi[@]}" "$bin" "${base[@]}" --cycles 4000 --resume "$tmp/ck" --checkpoint "$tmp/ck"

echo "islands: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
