"""progsearch.evolve with Python fitness functions, imported from the build tree."""
import math
import os
import tempfile
import time

import numpy as np
import pytest

import progsearch

XS = np.array([-1.0, -0.5, 0.0, 0.25, 0.5, 1.0, 2.0])


def squared_error(p):
    e = float(np.sum((p(XS) - (XS * XS + 1)) ** 2))
    return e if math.isfinite(e) else math.inf


def test_equivalent_candidates_are_evaluated_once():
    space = progsearch.SearchSpace.arithmetic(["x"])
    seen = []

    def fitness(p):
        seen.append(str(p))
        return squared_error(p)

    r = progsearch.evolve(space, {"x": XS}, fitness, population=2, max_cycles=1, batch=1,
                          seeds=["(* x 2.0)", space.parse("(+ x x)")])
    assert seen.count("(* x 2.0)") == 1
    assert "(+ x x)" not in seen
    assert r.stats.cache_hits >= 1
    seen.clear()
    off = progsearch.evolve(space, [XS], fitness, population=2, max_cycles=1, batch=1, use_cache=False,
                            seeds=["(* x 2.0)", "(+ x x)"])
    assert "(+ x x)" in seen
    assert off.stats.repeat_evaluations >= 1


def test_evolution_reaches_a_target_and_does_not_depend_on_threads():
    space = progsearch.SearchSpace.arithmetic(["x"])
    runs = [progsearch.evolve(space, {"x": XS}, squared_error, max_evaluations=20000, target_fitness=1e-20,
                              threads=t) for t in (1, 2)]
    assert runs[0].stop_reason == "target"
    assert runs[0].best_fitness <= 1e-20
    assert str(runs[0].best) == str(runs[1].best)
    assert runs[0].stats.evaluations == runs[1].stats.evaluations
    assert runs[0].best(3.0) == pytest.approx(10.0)
    assert len(runs[0].population) == 100


def test_a_fitness_that_raises_returns_nan_or_is_slow_fails_that_candidate():
    space = progsearch.SearchSpace.arithmetic(["x"])
    calls = [0]

    def fitness(p):
        calls[0] += 1
        k = calls[0] % 4
        if k == 1:
            raise RuntimeError("the model diverged")
        if k == 2:
            return float("nan")
        if k == 3:
            time.sleep(0.03)
        return squared_error(p)

    r = progsearch.evolve(space, {"x": XS}, fitness, max_evaluations=80, fitness_timeout=0.01)
    assert r.stop_reason == "evaluations"
    assert r.stats.failures >= 3 * 80 // 4 - 2
    assert "the model diverged" in r.stats.first_failure or "NaN" in r.stats.first_failure
    assert math.isfinite(r.best_fitness)
    stopped = progsearch.evolve(space, {"x": XS}, fitness, max_cycles=10000, max_failures=5)
    assert stopped.stop_reason == "failures"


def test_the_fitness_time_limit_counts_the_call_not_the_wait_for_the_gil():
    space = progsearch.SearchSpace.arithmetic(["x"])

    def slow(p):
        time.sleep(0.02)
        return squared_error(p)

    r = progsearch.evolve(space, {"x": XS}, slow, max_evaluations=6, batch=4, threads=2, population=4,
                          fitness_timeout=0.01)
    assert r.stats.failures == r.stats.evaluations
    assert "over its time limit of 0.01 s" in r.stats.first_failure
    # Four threads call at once: each call is timed from when it holds the GIL, not from when it was made.
    ok = progsearch.evolve(space, {"x": XS}, slow, max_evaluations=12, batch=4, threads=4, population=4,
                           fitness_timeout=0.05)
    assert ok.stats.failures == 0


def test_a_fitness_that_returns_no_number_is_a_failure():
    space = progsearch.SearchSpace.arithmetic(["x"])
    r = progsearch.evolve(space, {"x": XS}, lambda p: "bad", max_evaluations=20)
    assert r.stats.failures == r.stats.evaluations
    assert "number" in r.stats.first_failure


def test_progress_sees_the_run_stops_it_and_its_exception_is_raised():
    space = progsearch.SearchSpace.arithmetic(["x"])
    batches = []

    def progress(p):
        batches.append(p["cycles"])
        return len(batches) < 3

    r = progsearch.evolve(space, {"x": XS}, squared_error, max_cycles=100000, progress=progress)
    assert r.stop_reason == "interrupted"
    assert batches == [16, 32, 48]

    def raising(p):
        raise KeyError("from progress")

    with pytest.raises(KeyError, match="from progress"):
        progsearch.evolve(space, {"x": XS}, squared_error, max_cycles=100000, progress=raising)


def test_checkpoint_and_resume_give_the_uninterrupted_run():
    space = progsearch.SearchSpace.arithmetic(["x"])
    whole = progsearch.evolve(space, {"x": XS}, squared_error, max_cycles=400, batch=4)
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "run.ckpt")
        progsearch.evolve(space, {"x": XS}, squared_error, max_cycles=200, batch=4, checkpoint=path)
        resumed = progsearch.evolve(space, {"x": XS}, squared_error, max_cycles=400, batch=4, checkpoint=path,
                                    resume=True)
    assert str(resumed.best) == str(whole.best)
    assert resumed.stats.evaluations == whole.stats.evaluations


def test_ctrl_c_inside_the_fitness_ends_the_run():
    space = progsearch.SearchSpace.arithmetic(["x"])
    calls = [0]

    def fitness(p):
        calls[0] += 1
        if calls[0] == 50:
            raise KeyboardInterrupt
        return squared_error(p)

    with pytest.raises(KeyboardInterrupt):
        progsearch.evolve(space, {"x": XS}, fitness, max_cycles=100000, threads=1)
    assert calls[0] < 200


def test_bad_arguments_raise_before_the_run():
    space = progsearch.SearchSpace.arithmetic(["x"])
    with pytest.raises(progsearch.Error, match="set a budget"):
        progsearch.evolve(space, {"x": XS}, squared_error)
    with pytest.raises(progsearch.Error, match="no column for variable 'x'"):
        progsearch.evolve(space, {"y": XS}, squared_error, max_cycles=1)
    with pytest.raises(TypeError):
        progsearch.evolve(space, {"x": XS}, squared_error, 10)  # options are keyword-only
    ints = progsearch.SearchSpace({"n": "Int"}, result="Int").add_builtin("+", ["Int", "Int"])
    with pytest.raises(progsearch.Error, match="expected integers"):
        progsearch.evolve(ints, {"n": [1.5, 2.0]}, lambda p: 0.0, max_cycles=1)
    strings = progsearch.SearchSpace({"s": "String"}).add_builtin("str.++", ["String", "String"])
    r = progsearch.evolve(strings, ["a", "bc"], lambda p: float(p.size), max_cycles=16)  # one column, directly
    assert r.stats.cycles == 16
    with pytest.raises(progsearch.Error, match="one string"):
        progsearch.evolve(strings, {"s": "abc"}, lambda p: 0.0, max_cycles=1)


def test_progress_carries_the_best_program():
    space = progsearch.SearchSpace.arithmetic(["x"])
    bests = []

    def progress(p):
        bests.append(p["best"])
        return len(bests) < 2

    progsearch.evolve(space, {"x": XS}, squared_error, max_cycles=100000, progress=progress)
    assert all(isinstance(b, progsearch.Program) for b in bests)
    assert squared_error(bests[-1]) <= squared_error(bests[0])


def test_regression_fits_constants_to_the_targets():
    # A black-box fitness stops short of x*x + 1 (the constant is found by mutation alone); regression
    # fits it: the run ends at the target.
    space = progsearch.SearchSpace.arithmetic(["x"])
    r = progsearch.evolve(space, {"x": XS}, targets=XS * XS + 1, loss="mse", max_cycles=20000, target_fitness=1e-24,
                          seeds=["(+ (* x x) 0.5)"])
    assert r.stop_reason == "target"
    assert r.best_fitness <= 1e-24
    assert r.best(3.0) == pytest.approx(10.0, rel=1e-12)
    worst = progsearch.evolve(space, {"x": XS}, targets=XS * XS + 1, loss="max", max_cycles=2000,
                              seeds=["(+ (* x x) 0.5)"])
    assert worst.best_fitness < 1e-9
    with pytest.raises(progsearch.Error, match="one per probe row"):
        progsearch.evolve(space, {"x": XS}, targets=[1.0, 2.0], max_cycles=10)
    with pytest.raises(progsearch.Error, match="loss must be"):
        progsearch.evolve(space, {"x": XS}, targets=XS, loss="mae", max_cycles=10)
    with pytest.raises(progsearch.Error, match="not both"):
        progsearch.evolve(space, {"x": XS}, squared_error, targets=XS, max_cycles=10)


def test_returned_programs_have_their_constant_subterms_folded():
    space = progsearch.SearchSpace.arithmetic(["x"])
    space.add_operator("sq", lambda a: a * a)
    r = progsearch.evolve(space, {"x": XS}, squared_error, population=2, max_cycles=1, batch=1,
                          seeds=["(+ (* x x) (sq (- 0.0 1.0)))", "(* x (+ 0.5 0.5))"])
    texts = [str(p) for p in r.population] + [str(r.best)]
    assert not any("(sq" in t or "(+ 0.5 0.5)" in t for t in texts), texts
    assert r.best(3.0) == pytest.approx(10.0)


def test_a_float_probe_column_refuses_integers():
    space = progsearch.SearchSpace.arithmetic(["x"])
    with pytest.raises(progsearch.Error, match=r"probes: column x: expected Float values \(floats such as 1.0\), got integers"):
        progsearch.evolve(space, {"x": [0, 1, 2]}, squared_error, max_cycles=1)
    with pytest.raises(progsearch.Error, match="probes: column x: expected Float values"):
        progsearch.evolve(space, [np.arange(3)], squared_error, max_cycles=1)
    progsearch.evolve(space, {"x": [0.0, 1, 2]}, squared_error, max_cycles=1)  # a float column (numpy's)


def test_an_operator_declares_its_c_spelling():
    space = progsearch.SearchSpace.arithmetic(["x"])
    space.add_operator("relu", lambda a: np.maximum(a, 0))
    space.add_operator("clip", lambda a, lo, hi: np.clip(a, lo, hi), arity=3)
    p = space.parse("(relu (+ x 1.0))")
    with pytest.raises(progsearch.Error, match="'relu' has no C form"):
        p.c
    space.set_c_form("relu", "fmax({0}, 0.0)")
    assert p.c == "(fmax((x + (0x1p+0)), 0.0))"
    space.set_c_form("clip", lambda a, lo, hi: f"fmin(fmax({a}, {lo}), {hi})")
    assert space.parse("(clip x 0.0 1.0)").c == "(fmin(fmax(x, (0x0p+0)), (0x1p+0)))"
    with pytest.raises(progsearch.Error, match="not an operator added to this space"):
        space.set_c_form("tanh", "tanh({0})")
    with pytest.raises(progsearch.Error, match=r"must use \{0\} to \{0\}"):
        space.set_c_form("relu", "fmax({1}, 0.0)")
