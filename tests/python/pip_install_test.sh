#!/usr/bin/env bash
# `pip install --no-build-isolation` of a copy of the repository, as docs/python.md says, reusing this
# build's extension (PROGSEARCH_BUILD_DIR) so that the test costs seconds, not a second compile: the
# package metadata, its files (stubs, py.typed and the guide models included), the import and the
# guide finding its model in the package are what is checked.
# Usage: pip_install_test.sh PYTHON SOURCE_DIR BUILD_DIR
set -euo pipefail
python=$1; source=$2; build=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
. "$(dirname "$0")/copy_source.sh"
copy_source "$python" "$source" "$work/src"
PROGSEARCH_BUILD_DIR=$build "$python" -m pip install -q --no-build-isolation --no-deps --no-index \
  --target "$work/site" "$work/src"
cd "$work"
PYTHONPATH=$work/site "$python" - "$work/site" <<'PY'
import pathlib, sys
import progsearch
site = pathlib.Path(sys.argv[1])
assert pathlib.Path(progsearch.__file__).parent == site / "progsearch", progsearch.__file__
for f in ("_progsearch.pyi", "py.typed", "models/strings.guide"):
    assert (site / "progsearch" / f).exists(), f
# The guide finds the model that travels with the package first.
r = progsearch.synthesize_examples(["name"], [("Ada Lovelace", "Ada"), ("Alan Turing", "Alan")], timeout=30)
assert r.solved and str(site / "progsearch" / "models" / "strings.guide") in r.guide, r.guide
space = progsearch.SearchSpace.domain("strings", {"s": "String"}, "Int")
assert space.parse("(str.len s)")("Jos\u00e9") == 4
print("installed", progsearch.__version__, "at", site)
PY
