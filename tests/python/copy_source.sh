# Sourced by the install tests. copy_source PYTHON SOURCE_DIR DEST: a copy of the repository as a user
# has it, without the build folders and git's files, for pip to install from.
copy_source() {
  "$1" - "$2" "$3" <<'PY'
import shutil, sys
shutil.copytree(sys.argv[1], sys.argv[2],
                ignore=shutil.ignore_patterns(".git", "build*", "*.egg-info", "__pycache__", "fuzz-corpus"))
PY
}
