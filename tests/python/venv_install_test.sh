#!/usr/bin/env bash
# docs/python.md's install as a user runs it: a virtual environment of Debian's interpreter (with its
# numpy, setuptools and wheel through --system-site-packages), then `pip install --no-build-isolation .`
# inside it, whatever `python3` comes first on PATH (a pyenv or conda one lacks Debian's packages and
# fails with "invalid command 'bdist_wheel'"). The build folder's extension is reused
# (PROGSEARCH_BUILD_DIR), so the test costs seconds.
# Usage: venv_install_test.sh PYTHON SOURCE_DIR BUILD_DIR
set -euo pipefail
python=$1; source=$2; build=$3
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
. "$(dirname "$0")/copy_source.sh"
copy_source "$python" "$source" "$work/src"
"$python" -m venv --system-site-packages "$work/env"
# A foreign python3 first on PATH, as pyenv's shims are: the venv's own interpreter must not care.
mkdir -p "$work/foreign"
printf '#!/bin/sh\necho "a foreign python3 was run" >&2\nexit 97\n' >"$work/foreign/python3"
chmod +x "$work/foreign/python3"
PATH="$work/foreign:$PATH" PROGSEARCH_BUILD_DIR=$build "$work/env/bin/python" -m pip install -q \
  --no-build-isolation --no-deps --no-index "$work/src"
cd "$work"
"$work/env/bin/python" - "$work/env" <<'PY'
import pathlib, sys
import progsearch
env = pathlib.Path(sys.argv[1])
assert env in pathlib.Path(progsearch.__file__).parents, progsearch.__file__
space = progsearch.SearchSpace.arithmetic(["x"])
assert space.parse("(* x 2.0)")(1.5) == 3.0
print("installed", progsearch.__version__, "in the virtual environment", env)
PY
