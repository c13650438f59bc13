"""The Python package's search spaces and programs, imported from the build tree."""
import math

import numpy as np
import pytest

import progsearch


def test_imports_from_the_build_tree_with_a_version():
    assert progsearch.__version__.count(".") == 2
    assert "probes" in progsearch.evolve.__doc__
    assert "fitness" in progsearch.evolve.__doc__


def test_builtin_and_python_operators_compute_on_numpy_arrays():
    space = progsearch.SearchSpace.arithmetic(["x", "y"])
    space.add_builtin("fma", ["Float", "Float", "Float"])
    space.add_operator("softplus", lambda a: np.log1p(np.exp(a)))
    p = space.parse("(+ (softplus x) (fma x y 1.0))")
    assert str(p) == "(+ (softplus x) (fma x y 1.0))"
    assert p.size == 7
    assert p(0.5, 2.0) == pytest.approx(math.log1p(math.exp(0.5)) + 2.0)
    out = p(x=np.array([0.5, -1.0]), y=[2.0, 3.0])
    assert isinstance(out, np.ndarray)
    assert out == pytest.approx([math.log1p(math.exp(0.5)) + 2.0, math.log1p(math.exp(-1.0)) - 2.0])
    assert space.parse("(* x (+ y 0.5))").c == "(x * (y + (0x1p-1)))"
    assert "softplus: (Float) -> Float (user)" in space.describe()


def test_other_kinds_and_strings():
    space = progsearch.SearchSpace({"s": "String", "n": "Int"}, result="Int")
    space.add_builtin("str.len", ["String"]).add_builtin("+", ["Int", "Int"])
    p = space.parse("(+ (str.len s) n)")
    assert list(p(["ab", "xyz"], [1, 2])) == [3, 5]
    assert p("abcd", 10) == 14


def test_a_builtin_domain():
    space = progsearch.SearchSpace.domain("strings", {"s": "String"}, "String")
    assert space.parse('(str.substr s 0 (str.indexof s " " 0))')("ab cd") == "ab"
    with pytest.raises(progsearch.Error, match="unknown domain"):
        progsearch.SearchSpace.domain("bv", {}, "Int")


def test_mistakes_raise_progsearch_error_with_the_reason():
    space = progsearch.SearchSpace.arithmetic(["x"])
    with pytest.raises(progsearch.Error, match="unknown operator"):
        space.add_builtin("frobnicate", ["Float"])
    with pytest.raises(progsearch.Error, match="unknown kind"):
        progsearch.SearchSpace({"x": "Double"})
    with pytest.raises(progsearch.Error, match="<program>:1:1"):
        space.parse("(+ x")
    with pytest.raises(progsearch.Error, match="1 variables, got 2"):
        space.parse("x")(1.0, 2.0)
    with pytest.raises(ValueError):  # progsearch.Error is a ValueError
        space.parse("(* x")


def test_an_operator_that_raises_fails_the_program_not_python():
    space = progsearch.SearchSpace.arithmetic(["x"])

    def broken(a):
        raise RuntimeError("no")

    space.add_operator("broken", broken)
    with pytest.raises(progsearch.Error):
        space.parse("(broken x)")(1.0)
    space.add_operator("long", lambda a: np.zeros(len(a) + 1), cost=2)
    with pytest.raises(progsearch.Error):
        space.parse("(long x)")([1.0, 2.0])
    space.add_operator("one", lambda a: 7.0)  # one number is every row's
    assert list(space.parse("(one x)")([1.0, 2.0])) == [7.0, 7.0]
