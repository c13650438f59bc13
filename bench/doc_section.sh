# Sourced by the bench scripts.
# machine: one line describing this machine, for every recorded run.
machine() {
  local cpu
  cpu=$(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ *//')
  echo "$(nproc) cores (${cpu:-unknown CPU}), $(free -g | awk '/Mem:/{print $2}') GiB RAM, $(uname -sr)"
}

# stamp: the "- date: ..., commit ..." line every recorded run starts with.
stamp() {
  echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
}

# replace_section NAME CONTENT_FILE swaps the part of docs/BENCHMARKS.md
# between <!-- NAME:begin --> and <!-- NAME:end --> for the file's content (appending it the first time),
# writing a temp file and renaming it so the document is never half-written.
doc=docs/BENCHMARKS.md

replace_section() {
  local name=$1 content=$2 tmp
  [ -f "$doc" ] || printf '# Benchmarks\n\nRecorded by `make bench` and `make fuzz`. Ratios and medians: the machine is shared and noisy.\n' >"$doc"
  tmp=$(mktemp "$doc.XXXXXX")
  if grep -q "<!-- $name:begin -->" "$doc"; then
    awk -v name="$name" -v file="$content" '
      $0 == "<!-- " name ":begin -->" { while ((getline line < file) > 0) print line; skip = 1; next }
      $0 == "<!-- " name ":end -->" { skip = 0; next }
      !skip { print }' "$doc" >"$tmp"
  else
    { cat "$doc"; echo; cat "$content"; } >"$tmp"
  fi
  mv "$tmp" "$doc"
}
