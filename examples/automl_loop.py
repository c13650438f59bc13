#!/usr/bin/env python3
"""An AutoML loop: evolve the activation function of a small numpy network.

The fitness of a candidate activation trains a one-hidden-layer network for a few steps of gradient
descent on a fixed regression task and returns its validation loss: slow, as AutoML fitness is. The
functional-hash cache answers every candidate that computes the same activation on the probe inputs as
one trained before (x*2 and x+x, (fmax x 0.0) and (fmax 0.0 x), ...) without training it again.

Run from the repository after `make`:  PYTHONPATH=build/python python3 examples/automl_loop.py [SECONDS]
(--cycles N for a fixed amount of search, --no-cache, --json for one line of figures; bench/library.sh).
"""
import argparse
import json
import math
import time

import numpy as np

import progsearch

parser = argparse.ArgumentParser(description="Evolve the activation function of a small numpy network.")
parser.add_argument("seconds", nargs="?", type=float, default=30.0, help="time budget (default 30)")
parser.add_argument("--cycles", type=int, default=0, help="a fixed number of cycles instead of the time budget")
parser.add_argument("--no-cache", action="store_true", help="evaluate every candidate (for comparison)")
parser.add_argument("--json", action="store_true", help="print the run's figures as one JSON line")
args = parser.parse_args()
SEED = 7

# The task: y = sin(3x) + x/2 on [-1, 1], 64 training and 64 validation points, fixed initial weights.
rng = np.random.default_rng(SEED)
x_train = rng.uniform(-1, 1, (64, 1))
x_valid = rng.uniform(-1, 1, (64, 1))
target = lambda x: np.sin(3 * x) + x / 2
y_train, y_valid = target(x_train), target(x_valid)
W1 = rng.normal(0, 1.0, (1, 16))
b1 = rng.normal(0, 0.5, 16)
W2 = rng.normal(0, 0.3, (16, 1))
STEPS, RATE, H = 40, 0.05, 1e-4


def train_and_validate(activation):
    """Validation MSE after STEPS of full-batch gradient descent with `activation` (a progsearch.Program)."""
    f = lambda z: activation(z.ravel()).reshape(z.shape)
    w1, c1, w2 = W1.copy(), b1.copy(), W2.copy()
    for _ in range(STEPS):
        z = x_train @ w1 + c1
        a = f(z)
        err = a @ w2 - y_train
        slope = (f(z + H) - f(z - H)) / (2 * H)  # the activation's derivative, numerically
        grad_a = err @ w2.T * slope
        w2 -= RATE * a.T @ err / len(x_train)
        w1 -= RATE * x_train.T @ grad_a / len(x_train)
        c1 -= RATE * grad_a.mean(axis=0)
    loss = float(np.mean((f(x_valid @ w1 + c1) @ w2 - y_valid) ** 2))
    return loss if math.isfinite(loss) else math.inf


space = progsearch.SearchSpace.arithmetic(["x"])
for op in ("fmax", "fmin"):
    space.add_builtin(op, ["Float", "Float"])
for op in ("tanh", "exp"):
    space.add_builtin(op, ["Float"])
probes = {"x": np.linspace(-3, 3, 25)}


def run(use_cache):
    budget = {"max_cycles": args.cycles} if args.cycles else {"max_seconds": args.seconds}
    start = time.perf_counter()
    with np.errstate(all="ignore"):
        result = progsearch.evolve(space, probes, train_and_validate, seed=SEED, batch=8, threads=1, population=50,
                                   tournament=5, max_size=12, use_cache=use_cache,
                                   seeds=["(tanh x)", "(fmax x 0.0)"], **budget)
    return result, time.perf_counter() - start


result, seconds = run(use_cache=not args.no_cache)
s = result.stats
if args.json:
    print(json.dumps({"best": str(result.best), "best_fitness": result.best_fitness, "cycles": s.cycles,
                      "evaluations": s.evaluations, "cache_hits": s.cache_hits, "seconds": seconds,
                      "fitness_seconds": s.fitness_seconds, "repeat_evaluations": s.repeat_evaluations,
                      "repeat_fitness_seconds": s.repeat_fitness_seconds}))
    raise SystemExit(0)
per_call = s.fitness_seconds / max(1, s.evaluations)
print(f"best activation: {result.best}   validation MSE {result.best_fitness:.5f}")
print(f"{s.cycles} cycles in {seconds:.1f}s; of {s.evaluations + s.cache_hits} candidates, {s.evaluations} were "
      f"trained and {s.cache_hits} answered by the cache ({100 * s.cache_hit_rate:.1f}%), saving about "
      f"{s.cache_hits * per_call:.1f}s of training ({1000 * per_call:.1f} ms per training run)")
tanh = space.parse("(tanh x)")
print(f"for comparison, tanh: {train_and_validate(tanh):.5f}")
