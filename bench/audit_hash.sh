#!/usr/bin/env bash
# progsearch audit-hash on Int and 32-bit bit-vector programs, recorded in docs/BENCHMARKS.md
# (section audit-hash). Usage: bench/audit_hash.sh [BUILD_DIR] [PROGRAMS]   (about two minutes)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
programs=${2:-2000}
. bench/doc_section.sh
section=$(mktemp)
trap 'rm -f "$section"' EXIT
{
  echo "<!-- audit-hash:begin -->"
  echo "## audit-hash: false merges of the functional hash, judged by Z3"
  echo
  stamp
  echo "- machine: $(machine)"
  echo "- command: \`progsearch audit-hash --domain D -n $programs --seed 1\` for D in int, bv32. Random programs of x and y"
  echo "  (depth 3, constants 0, 1, -1, 2, 3); a program is merged when an earlier one has its hash on the probe set;"
  echo "  Z3 then says whether the two are equal on all inputs. False rate: false merges / merges."
  for domain in int bv32; do
    echo
    echo "### $domain"
    echo
    echo '```'
    "$build/apps/progsearch" audit-hash --domain "$domain" -n "$programs" --seed 1 -q 2>&1
    echo '```'
  done
  echo "<!-- audit-hash:end -->"
} >"$section"
replace_section audit-hash "$section"
echo "bench: wrote $doc" >&2
