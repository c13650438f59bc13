#!/usr/bin/env python3
"""rooms_check.py on a small tree of its own: it must pass a tree whose includes follow the links and
name the file, line and rooms of one that does not."""
import os
import subprocess
import sys
import tempfile

CHECK = os.path.join(os.path.dirname(os.path.abspath(__file__)), "rooms_check.py")


def tree(root, files):
    for path, text in files.items():
        os.makedirs(os.path.join(root, os.path.dirname(path)), exist_ok=True)
        with open(os.path.join(root, path), "w") as f:
            f.write(text)


def run(root, graph):
    with open(os.path.join(root, "graph.tsv"), "w") as f:
        f.write(graph)
    return subprocess.run([sys.executable, CHECK, os.path.join(root, "graph.tsv"), root], capture_output=True, text=True)


def main():
    failures = []
    with tempfile.TemporaryDirectory() as root:
        tree(root, {
            "core/value.h": "#pragma once\n",
            "core/value.cc": '#include "core/value.h"\n',
            "core/macros.h": "#pragma once\n",  # header-only: its folder's target owns it
            "lang/term.h": '#pragma once\n#include "core/value.h"\n',
            "lang/term.cc": '#include "lang/term.h"\n#include "core/macros.h"\n#include <vector>\n#include "absl/x.h"\n',
            "search/run.cc": '#include "lang/term.h"\n',
            "apps/main.cc": '#include "search/run.h"\n',
            "search/run.h": "#pragma once\n",
        })
        good = ("core_lib\tcore\tvalue.cc\t\n"
                "lang_lib\tlang\tterm.cc\tcore_lib\n"
                "search_lib\tsearch\trun.cc\tlang_lib\n"
                "app\tapps\tmain.cc\tsearch_lib\n")
        ok = run(root, good)
        if ok.returncode != 0:
            failures.append(f"a tree that follows its links was refused:\n{ok.stdout}{ok.stderr}")
        # search reaches core only through lang: allowed. apps including lang directly, without the
        # link, is not; nor is lang including search (a link the wrong way).
        tree(root, {"apps/main.cc": '#include "search/run.h"\n\n#include "lang/term.h"\n',
                    "lang/term.cc": '#include "lang/term.h"\n#include "search/run.h"\n'})
        bad = run(root, good.replace("app\tapps\tmain.cc\tsearch_lib", "app\tapps\tmain.cc\t"))
        lines = bad.stdout.splitlines()
        expected = [
            "apps/main.cc:1: includes search/run.h of search_lib, which app does not link",
            "apps/main.cc:3: includes lang/term.h of lang_lib, which app does not link",
            "lang/term.cc:2: includes search/run.h of search_lib, which lang_lib does not link",
        ]
        if bad.returncode != 1:
            failures.append(f"violations passed (exit {bad.returncode})")
        for want in expected:
            if not any(line.startswith(want) for line in lines):
                failures.append(f"missing: {want}\ngot:\n{bad.stdout}")
        if len(lines) != len(expected):
            failures.append(f"expected {len(expected)} violations, got:\n{bad.stdout}")
    for f in failures:
        print(f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
