#!/usr/bin/env python3
"""Checks the docs that describe the architecture against the tree and the build.

Usage: docs_check.py SOURCE_DIR ROOM_GRAPH PROGSEARCH

- README.md's layout table has a row for every top-level folder of the tree, and none for a folder
  that is not there;
- docs/DESIGN.md's picture names every subcommand `PROGSEARCH --help` lists;
- docs/DESIGN.md's rooms table has a row for every folder that holds a library of the build, and its
  "links" column names exactly the rooms that folder's libraries link (cmake/RoomGraph.cmake's graph).
Exit 1 with one line per mismatch.
"""
import os
import re
import subprocess
import sys


def table_rows(text, heading):
    """The first cells and rows of the markdown table that follows `heading`."""
    rows = []
    after = text.split(heading, 1)[1] if heading in text else ""
    for line in after.splitlines()[1:]:
        if not line.startswith("|"):
            if rows:
                break
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if cells[0] in ("folder", "---") or set(cells[0]) <= set("-"):
            continue
        rows.append(cells)
    return rows


def folders_of(cell):
    """`search/bottom_up/` or `api/, include/progsearch/` as folder paths without the trailing slash."""
    return [f.strip().strip("`").rstrip("/") for f in cell.split(",") if f.strip()]


def check_readme(root, problems):
    text = open(os.path.join(root, "README.md")).read()
    rows = table_rows(text, "## Layout")
    listed = {f.split("/")[0] for cells in rows for f in folders_of(cells[0])}
    present = {d for d in os.listdir(root)
               if os.path.isdir(os.path.join(root, d)) and not d.startswith((".", "build")) and d != "shared"}
    for missing in sorted(present - listed):
        problems.append(f"README.md: the layout table has no row for {missing}/")
    for stale in sorted(listed - present):
        problems.append(f"README.md: the layout table lists {stale}/, which is not in the tree")


def check_subcommands(root, progsearch, problems):
    design = open(os.path.join(root, "docs", "DESIGN.md")).read()
    picture = design.split("## The picture", 1)[-1].split("\n## ", 1)[0]
    help_text = subprocess.run([progsearch, "--help"], capture_output=True, text=True, check=True).stdout
    commands = re.findall(r"^  ([a-z][a-z-]*)\s", help_text.split("Subcommands:", 1)[1], re.M)
    if not commands:
        problems.append(f"{progsearch} --help lists no subcommands")
    for command in commands:
        if not re.search(rf"(?<![\w-]){re.escape(command)}(?![\w-])", picture):
            problems.append(f"docs/DESIGN.md: the picture does not name the subcommand {command}")


def read_graph(path, root):
    """Folder of each library target with sources to compile, and the targets each links."""
    folder, links = {}, {}
    for line in open(path):
        if not line.strip():
            continue
        name, where, sources, linked = (line.rstrip("\n").split("\t") + ["", "", ""])[:4]
        compiled = [s for s in sources.split() if s.endswith((".cc", ".cu"))]
        if not compiled or where.startswith(("tests", "bench", "examples")):
            continue
        folder[name] = where
        links[name] = linked.split()
    return folder, links


def check_rooms_table(root, graph, problems):
    folder, links = read_graph(graph, root)
    rooms = set(folder.values())
    linked_rooms = {}
    for name, where in folder.items():
        theirs = {folder[t] for t in links[name] if t in folder}
        linked_rooms.setdefault(where, set()).update(theirs)
    for where in linked_rooms:
        linked_rooms[where].discard(where)
    text = open(os.path.join(root, "docs", "DESIGN.md")).read()
    rows = table_rows(text, "## The rooms")
    documented = {}
    for cells in rows:
        if len(cells) < 3:
            continue
        names = re.findall(r"[a-z_]+(?:/[a-z_]+)*", cells[2].replace("`", ""))
        claimed = {n for n in names if n in rooms}
        for f in folders_of(cells[0]):
            documented[f] = claimed
    for where in sorted(rooms):
        if where not in documented:
            problems.append(f"docs/DESIGN.md: the rooms table has no row for {where}/")
            continue
        claimed, actual = documented[where], linked_rooms.get(where, set())
        if claimed != actual:
            detail = []
            if actual - claimed:
                detail.append("links " + ", ".join(sorted(actual - claimed)) + " (not in the row)")
            if claimed - actual:
                detail.append("does not link " + ", ".join(sorted(claimed - actual)) + " (named in the row)")
            problems.append(f"docs/DESIGN.md: the row of {where}/: the build " + "; ".join(detail))


def main():
    root, graph, progsearch = os.path.abspath(sys.argv[1]), sys.argv[2], sys.argv[3]
    problems = []
    check_readme(root, problems)
    check_subcommands(root, progsearch, problems)
    check_rooms_table(root, graph, problems)
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
