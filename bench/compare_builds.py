#!/usr/bin/env python3
"""Two builds of progsearch on the same fixed work, alternating, for refactors that must not move a figure.

Usage: compare_builds.py OLD_BUILD OLD_LABEL NEW_BUILD NEW_LABEL [--runs 5] [--only PART,...]
Prints a markdown section (bench/compare_builds.sh records it in docs/BENCHMARKS.md). Parts:
  bottom-up   synth on bench/tasks/*.sl with a fixed number of candidates, one thread: candidates per
              second (wall) and user CPU seconds;
  interpreter bench/interpreter_bench: element-operations per second per domain, operation and column
              length, one core;
  discover    discover exp on [0, 1], 10 operations, a fixed number of cycles, one thread, one run per
              seed: the front's errors (the two builds must find the same programs where a seed's run
              is the same computation) and the search seconds;
  compress    compress on the shared corpora with Stitch's expected settings: wall seconds.
Every figure is the median over the runs; each run measures the old build, then the new one, so drifts
of a shared machine fall on both.
"""
import argparse
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(os.path.dirname(ROOT), "shared", "benchmarks")


def timed(cmd, **kwargs):
    """(wall seconds, user CPU seconds, stdout) of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime
    start = time.monotonic()
    done = subprocess.run(cmd, capture_output=True, text=True, **kwargs)
    wall = time.monotonic() - start
    return wall, resource.getrusage(resource.RUSAGE_CHILDREN).ru_utime - before, done


def ratio(new, old):
    return f"{new / old:.3f}" if old else "-"


def bottom_up(builds, runs):
    rows = ["| task | Mcand/s {0} | Mcand/s {1} | ratio | user s {0} | user s {1} | ratio |".format(*builds.labels),
            "|---|---:|---:|---:|---:|---:|---:|"]
    for task in ("strings-enumerate", "bv-enumerate"):
        rate = {b: [] for b in builds.dirs}
        user = {b: [] for b in builds.dirs}
        for _ in range(runs):
            for b in builds.dirs:
                # The candidate limit ends the run with exit 1: expected here.
                _, cpu, done = timed([builds.progsearch(b), "synth", f"bench/tasks/{task}.sl", "--timeout", "0",
                                      "--max-candidates", "8000000", "--threads", "1", "--json", "-q"], cwd=ROOT)
                rate[b].append(json.loads(done.stdout)["candidates_per_second"] / 1e6)
                user[b].append(cpu)
        old, new = builds.dirs
        r = {b: statistics.median(rate[b]) for b in builds.dirs}
        u = {b: statistics.median(user[b]) for b in builds.dirs}
        rows.append(f"| {task} | {r[old]:.3f} | {r[new]:.3f} | {ratio(r[new], r[old])} | {u[old]:.2f} | {u[new]:.2f} "
                    f"| {ratio(u[new], u[old])} |")
    return rows


def interpreter_rates(binary):
    done = subprocess.run([binary, "--examples", "1000", "--repeats", "5", "--seconds", "0.3"], capture_output=True,
                          text=True, check=True)
    rates = {}
    for line in done.stdout.splitlines():
        cells = line.split()
        if len(cells) >= 5 and re.fullmatch(r"[0-9.]+", cells[4]) and cells[3].isdigit():
            rates[tuple(cells[:4])] = float(cells[4])
    return rates


def interpreter(builds, runs):
    samples = {b: {} for b in builds.dirs}
    for _ in range(runs):
        for b in builds.dirs:
            for key, rate in interpreter_rates(builds.bench(b, "interpreter_bench")).items():
                samples[b].setdefault(key, []).append(rate)
    old, new = builds.dirs
    by_domain = {}
    for key in samples[old]:
        if key in samples[new]:
            r = statistics.median(samples[new][key]) / statistics.median(samples[old][key])
            by_domain.setdefault(key[0], []).append(r)
    rows = [f"| domain | operations | median ratio {builds.labels[1]}/{builds.labels[0]} | lowest | highest |",
            "|---|---:|---:|---:|---:|"]
    every = []
    for domain, ratios in sorted(by_domain.items()):
        every += ratios
        rows.append(f"| {domain} | {len(ratios)} | {statistics.median(ratios):.3f} | {min(ratios):.3f} | {max(ratios):.3f} |")
    if every:
        rows.append(f"| all | {len(every)} | {statistics.median(every):.3f} | {min(every):.3f} | {max(every):.3f} |")
    return rows


def discover(builds, runs):
    fronts = {b: [] for b in builds.dirs}
    seconds = {b: [] for b in builds.dirs}
    for seed in range(1, runs + 1):
        for b in builds.dirs:
            _, _, done = timed([builds.progsearch(b), "discover", "--target", "exp", "--low", "0", "--high", "1",
                                "--max-ops", "10", "--cycles", "20000", "--seed", str(seed), "--threads", "1",
                                "--json", "-q"])
            result = json.loads(done.stdout)
            fronts[b].append({p["ops"]: (p["max_rel_error"], p["program"]) for p in result["front"]})
            seconds[b].append(result["seconds"])
    old, new = builds.dirs
    same = sum(fronts[old][i] == fronts[new][i] for i in range(runs))
    rows = [f"| operations | median max rel. error {builds.labels[0]} | {builds.labels[1]} | ratio |",
            "|---:|---:|---:|---:|"]
    for ops in sorted(set().union(*fronts[old], *fronts[new])):
        if ops < 4:
            continue
        e = {b: [f[ops][0] for f in fronts[b] if ops in f] for b in builds.dirs}
        if e[old] and e[new]:
            mo, mn = statistics.median(e[old]), statistics.median(e[new])
            rows.append(f"| {ops} | {mo:.3g} | {mn:.3g} | {ratio(mn, mo)} |")
    so, sn = statistics.median(seconds[old]), statistics.median(seconds[new])
    rows.append("")
    rows.append(f"Same front (every program and error) in {same} of {runs} seeds; search seconds, median: "
                f"{so:.2f} and {sn:.2f} (ratio {ratio(sn, so)}).")
    return rows


def compress(builds, runs):
    expected = os.path.join(SHARED, "compression", "expected")
    if not os.path.isdir(expected):
        return [f"(skipped: {expected} is absent)"]
    configs = []
    for name in sorted(os.listdir(expected)):
        m = re.fullmatch(r"(.+)-a(\d+)-i(\d+)\.json", name)
        if m and not m.group(1).startswith("simple"):
            configs.append(m.groups())
    rows = [f"| corpus | arity | iterations | s {builds.labels[0]} | s {builds.labels[1]} | ratio |",
            "|---|---:|---:|---:|---:|---:|"]
    with tempfile.TemporaryDirectory() as work:
        for corpus, arity, iterations in configs:
            wall = {b: [] for b in builds.dirs}
            for _ in range(runs):
                for b in builds.dirs:
                    w, _, done = timed([builds.progsearch(b), "compress",
                                        os.path.join(SHARED, "compression", "corpora", corpus + ".json"), "--arity",
                                        arity, "--iterations", iterations, "-q", "-o", os.path.join(work, "out.json")])
                    if done.returncode != 0:
                        sys.exit(f"compress {corpus} failed: {done.stderr}")
                    wall[b].append(w)
            old, new = builds.dirs
            wo, wn = statistics.median(wall[old]), statistics.median(wall[new])
            rows.append(f"| {corpus} | {arity} | {iterations} | {wo:.3f} | {wn:.3f} | {ratio(wn, wo)} |")
    return rows


class Builds:
    def __init__(self, old, old_label, new, new_label):
        self.dirs = (os.path.abspath(old), os.path.abspath(new))
        self.labels = (old_label, new_label)

    @staticmethod
    def progsearch(build):
        return os.path.join(build, "apps", "progsearch")

    @staticmethod
    def bench(build, name):
        return os.path.join(build, "bench", name)


PARTS = {
    "bottom-up": ("Bottom-up: `progsearch synth TASK --timeout 0 --max-candidates 8000000 --threads 1` on "
                  "bench/tasks/*.sl; wall-clock million candidates per second (higher is better), user CPU "
                  "seconds (lower is better)", bottom_up),
    "interpreter": ("Interpreter: `interpreter_bench --examples 1000 --repeats 5 --seconds 0.3`, every domain, "
                    "operation and level; ratio of the medians per row (higher is better), summarized per domain",
                    interpreter),
    "discover": ("Discover at fixed work: `progsearch discover --target exp --low 0 --high 1 --max-ops 10 "
                 "--cycles 20000 --seed S --threads 1`, seeds 1 to RUNS; the front's max relative error per "
                 "operation count, median over the seeds (lower is better)", discover),
    "compress": ("Compression: `progsearch compress CORPUS --arity A --iterations I` on the shared corpora with "
                 "Stitch's expected settings; wall seconds (lower is better)", compress),
}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("old")
    parser.add_argument("old_label")
    parser.add_argument("new")
    parser.add_argument("new_label")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--only", default=",".join(PARTS))
    args = parser.parse_args()
    builds = Builds(args.old, args.old_label, args.new, args.new_label)
    for b in builds.dirs:
        if not os.access(builds.progsearch(b), os.X_OK):
            sys.exit(f"compare_builds: {builds.progsearch(b)} is not there; build both first")
    for part in args.only.split(","):
        if part not in PARTS:
            sys.exit(f"compare_builds: no part '{part}' (parts: {', '.join(PARTS)})")
        title, measure = PARTS[part]
        print(f"bench: {part}...", file=sys.stderr)
        print(f"{title.replace('RUNS', str(args.runs))}; median of {args.runs} alternating runs:\n")
        print("\n".join(measure(builds, args.runs)))
        print()


if __name__ == "__main__":
    main()
