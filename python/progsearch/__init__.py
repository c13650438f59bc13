"""progsearch: program search as a Python library.

    import numpy as np, progsearch
    space = progsearch.SearchSpace.arithmetic(["x"])
    space.add_operator("relu", lambda a: np.maximum(a, 0))
    xs = np.linspace(-3, 3, 61)
    result = progsearch.evolve(space, {"x": xs}, lambda p: float(np.mean((p(xs) - np.tanh(xs)) ** 2)),
                               max_seconds=10)
    print(result.best, result.best_fitness, result.stats.cache_hit_rate)

See help(progsearch.evolve) and docs/python.md.
"""
from ._progsearch import (Error, EvolveResult, EvolveStats, Program, SearchSpace, ValueKind, evolve,
                          version)

__version__ = version()
__all__ = ["Error", "EvolveResult", "EvolveStats", "Program", "SearchSpace", "ValueKind", "evolve", "version"]
