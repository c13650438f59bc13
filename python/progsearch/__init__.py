"""progsearch: program search as a Python library.

    import numpy as np, progsearch
    space = progsearch.SearchSpace.arithmetic(["x"])
    space.add_operator("relu", lambda a: np.maximum(a, 0))
    xs = np.linspace(-3, 3, 61)
    result = progsearch.evolve(space, {"x": xs}, lambda p: float(np.mean((p(xs) - np.tanh(xs)) ** 2)),
                               max_seconds=10)
    print(result.best, result.best_fitness, result.stats.cache_hit_rate)

    progsearch.synthesize_examples(["name"], [("Ada Lovelace", "Dr. Ada"), ("Alan Turing", "Dr. Alan")])
    progsearch.synthesize("task.sl").solution
    progsearch.discover("exp", max_ops=10, seconds=60).front[-1].program

See help(progsearch.evolve), help(progsearch.synthesize), help(progsearch.discover) and docs/python.md.
"""
from ._progsearch import (ApproximationPoint, DiscoverResult, Error, EvolveResult, EvolveStats, Program,
                          SearchSpace, SynthesisResult, ValueKind, discover, evolve, synthesize,
                          synthesize_examples, version)

__version__ = version()
__all__ = ["ApproximationPoint", "DiscoverResult", "Error", "EvolveResult", "EvolveStats", "Program", "SearchSpace",
           "SynthesisResult", "ValueKind", "discover", "evolve", "synthesize", "synthesize_examples", "version"]
