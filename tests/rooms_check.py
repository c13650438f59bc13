#!/usr/bin/env python3
"""Holds every source file to the rooms its build target links.

Usage: rooms_check.py ROOM_GRAPH SOURCE_DIR

ROOM_GRAPH is the file cmake/RoomGraph.cmake writes at configure time: one line per target with its
folder, sources and linked targets. A project header belongs to the target that lists it, or whose
.cc/.cu of the same name it declares, or else to the targets of its folder. A file may include the
headers of its own target and of every target that target links, directly or through others. Test
helpers under tests/ are shared among the tests and not checked. Exit 1 with one line per violation.
"""
import os
import re
import sys

CODE = (".cc", ".cpp", ".cu", ".h")


def read_graph(path, root):
    targets = {}
    with open(path) as f:
        for line in f:
            if not line.strip():
                continue
            name, folder, sources, linked = (line.rstrip("\n").split("\t") + ["", "", ""])[:4]
            files = set()
            for s in sources.split():
                p = os.path.normpath(s if os.path.isabs(s) else os.path.join(root, folder, s))
                if p.startswith(root + os.sep):
                    files.add(os.path.relpath(p, root))
            targets[name] = {"folder": folder, "files": files, "links": linked.split()}
    return targets


def closure(targets, name):
    seen, todo = set(), [name]
    while todo:
        t = todo.pop()
        if t in seen or t not in targets:
            continue
        seen.add(t)
        todo.extend(targets[t]["links"])
    return seen


class Owners:
    """Which targets a file of the tree belongs to."""

    def __init__(self, targets):
        self.exact, self.by_folder = {}, {}
        for name, t in targets.items():
            for f in t["files"]:
                self.exact.setdefault(f, set()).add(name)
                stem, ext = os.path.splitext(f)
                if ext != ".h":
                    self.exact.setdefault(stem + ".h", set()).add(name)
            self.by_folder.setdefault(t["folder"], set()).add(name)

    def of(self, path, parents=True):
        """The targets that list `path` (or its .cc), else those of its folder, or with `parents` of the
        nearest folder above that has targets."""
        if path in self.exact:
            return self.exact[path]
        folder = os.path.dirname(path)
        while True:
            if folder in self.by_folder:
                return self.by_folder[folder]
            if not folder or not parents:
                return set()
            folder = os.path.dirname(folder)


def project_header(include, root, rooms):
    """The include's path in the tree, or None for a system or third-party header."""
    for candidate in (include, os.path.join("include", include)):
        if os.path.exists(os.path.join(root, candidate)):
            return candidate
    # Generated headers (proto/*.pb.h) are in the build tree, under a room's name.
    return include if include.split("/")[0] in rooms else None


def main():
    graph, root = sys.argv[1], os.path.abspath(sys.argv[2])
    targets = read_graph(graph, root)
    owners = Owners(targets)
    rooms = {t["folder"].split("/")[0] for t in targets.values() if t["folder"]}
    allowed = {name: closure(targets, name) for name in targets}
    problems, checked = [], 0
    for dirpath, dirnames, filenames in os.walk(root):
        rel_dir = os.path.relpath(dirpath, root)
        dirnames[:] = [d for d in dirnames if not d.startswith((".", "build")) and d != "shared"]
        for filename in filenames:
            path = os.path.normpath(os.path.join(rel_dir, filename))
            if not path.endswith(CODE):
                continue
            mine = owners.of(path, parents=False)
            if not mine:
                continue
            checked += 1
            may = set().union(*(allowed[t] for t in mine))
            with open(os.path.join(root, path), errors="replace") as f:
                for number, line in enumerate(f, 1):
                    m = re.match(r'\s*#\s*include\s+"([^"]+)"', line)
                    if not m:
                        continue
                    header = project_header(m.group(1), root, rooms)
                    if header is None or header.startswith("tests/"):
                        continue
                    theirs = owners.of(header)
                    if not theirs:
                        problems.append(f"{path}:{number}: {m.group(1)} belongs to no build target")
                    elif not theirs & may:
                        problems.append(
                            f"{path}:{number}: includes {m.group(1)} of {' or '.join(sorted(theirs))}, which "
                            f"{' / '.join(sorted(mine))} does not link (add it to target_link_libraries, or move the code)")
    for p in problems:
        print(p)
    print(f"rooms_check: {checked} files, {len(problems)} includes of rooms not linked", file=sys.stderr)
    return 1 if problems or checked == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
