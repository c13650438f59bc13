#!/usr/bin/env python3
"""Reads fields of progsearch's JSON results (protobuf's JSON mapping) for the bench scripts.

  result_json.py FILE field NAME            the top-level field NAME
  result_json.py FILE fields NAME...        the top-level fields NAME..., tab-separated; missing ones (protobuf
                                            leaves out zeros) as 0
  result_json.py FILE at LIST OPS FIELD     FIELD of the entry of LIST (front, minimax, rational, taylor) with
                                            that operation count, or -
  result_json.py FILE within LIST OPS FIELD the smallest FIELD of the entries of LIST with at most OPS operations, or -
  result_json.py FILE programs              the front as Markdown list items: "- OPS ops, ERROR: `PROGRAM`"
  result_json.py FILE fewest LIST FIELD MAX the entry of LIST with the fewest operations whose FIELD is at
                                            most MAX, as "OPS PROGRAM", or nothing
"""
import json
import sys


def main():
    with open(sys.argv[1]) as f:
        text = f.read()
    # A run that died before printing (a crash, a bad task) leaves an empty file: an empty result.
    result = json.loads(text) if text.strip() else {}
    what = sys.argv[2]
    if what == "field":
        print(result.get(sys.argv[3], "-"))
    elif what == "fields":
        print("\t".join(str(result.get(name, 0)) for name in sys.argv[3:]))
    elif what == "at":
        points = [p for p in result.get(sys.argv[3], []) if p.get("ops") == int(sys.argv[4])]
        print(points[0].get(sys.argv[5], "-") if points else "-")
    elif what == "within":
        values = [p[sys.argv[5]] for p in result.get(sys.argv[3], [])
                  if p.get("ops", 0) <= int(sys.argv[4]) and sys.argv[5] in p]
        print(min(values) if values else "-")
    elif what == "programs":
        for p in result.get("front", []):
            print(f"- {p['ops']} ops, {p['max_rel_error']:.6e}: `{p['program']}`")
    elif what == "fewest":
        fitting = [p for p in result.get(sys.argv[3], []) if p.get(sys.argv[4], float("inf")) <= float(sys.argv[5])]
        if fitting:
            best = min(fitting, key=lambda p: p["ops"])
            print(best["ops"], best["program"])
    else:
        sys.exit(f"result_json.py: unknown request {what}")


if __name__ == "__main__":
    main()
