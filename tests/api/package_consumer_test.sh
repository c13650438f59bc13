#!/usr/bin/env bash
# Installs the build into a temporary prefix, builds tests/api/package-consumer against it with
# find_package(progsearch) and runs it. Usage: package_consumer_test.sh BUILD_DIR CONSUMER_DIR CMAKE
set -euo pipefail
build=$1; consumer=$2; cmake=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$cmake" --install "$build" --prefix "$work/prefix" --component Unspecified >/dev/null
# Only the public headers are installed.
test -f "$work/prefix/include/progsearch/progsearch.h"
if find "$work/prefix/include" -name '*.h' | xargs grep -lE '#include "(core|dsl|search|verify|approx)/|z3|mpfr|nlopt|tbb/' ; then
  echo "an installed header includes the engine's internals" >&2
  exit 1
fi
"$cmake" -S "$consumer" -B "$work/build" -G Ninja -DCMAKE_PREFIX_PATH="$work/prefix" -DCMAKE_BUILD_TYPE=Release >/dev/null
"$cmake" --build "$work/build" >/dev/null
"$work/build/consumer"
