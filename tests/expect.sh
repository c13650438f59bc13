# Sourced by the end-to-end shell tests. expect NAME WANT_RC PATTERN -- command...: runs the command and
# checks its exit code and that its output (stdout and stderr together) matches the extended regex
# PATTERN; counts in $pass and $fail, printing each failure with the output.
pass=0; fail=0
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
