"""progsearch.synthesize, synthesize_examples and discover, imported from the build tree."""
import math

import pytest

import progsearch

DOCTORS = [("Ada Lovelace", "Dr. Ada"), ("Alan Turing", "Dr. Alan"), ("Grace Hopper", "Dr. Grace"),
           ("Edsger Dijkstra", "Dr. Edsger"), ("Barbara Liskov", "Dr. Barbara")]


def test_synthesis_from_examples_gives_a_callable_program():
    r = progsearch.synthesize_examples(["name"], DOCTORS, test=[("Donald Knuth", "Dr. Donald")],
                                       constants=["Dr. "], timeout=30)
    assert r.solved, r
    assert r.checked == "examples"
    assert r.test_passed == r.test_total == 1
    assert r.programs[0]("Niklaus Wirth") == "Dr. Niklaus"
    assert r.programs[0].variables == [("name", "String")]


def test_text_is_unicode():
    names = [("Jos\u00e9 Garc\u00eda", "Jos\u00e9"), ("Zo\u00eb \u00c5ngstr\u00f6m", "Zo\u00eb"),
             ("Ada Lovelace", "Ada"), ("\u0141ukasz \u017bak", "\u0141ukasz"), ("Bj\u00f6rn Ek", "Bj\u00f6rn"),
             ("Al Khwarizmi", "Al"), ("Fran\u00e7oise Barr\u00e9-Sinoussi", "Fran\u00e7oise")]
    r = progsearch.synthesize_examples(["name"], names, timeout=30)
    assert r.solved, r
    assert r.programs[0]("Chlo\u00e9 Dupr\u00e9") == "Chlo\u00e9"
    assert r.programs[0]("\U0001F600\u00e9 x") == "\U0001F600\u00e9"
    space = progsearch.SearchSpace.domain("strings", {"s": "String"}, "Int")
    length = space.parse("(str.len s)")
    assert length("Jos\u00e9") == 4  # characters, not UTF-8 bytes
    assert list(length(["\U0001F600", "\ud800", ""])) == [1, 1, 0]  # a lone surrogate is an SMT-LIB character
    echo = progsearch.SearchSpace.domain("strings", {"s": "String"}, "String").parse('(str.++ s "\\u{e9}")')
    assert echo("\ud800") == "\ud800\u00e9"
    with pytest.raises(progsearch.Error, match="beyond SMT-LIB's largest character U\\+2FFFF"):
        length("\U000E0001")


def test_synthesis_of_ints_and_a_sygus_spec():
    r = progsearch.synthesize_examples({"a": "Int", "b": "Int"}, [((1, 2), 3), ((5, 7), 12), ((-4, 4), 0)],
                                       output="Int")
    assert r.solved and r.programs[0](10, 20) == 30
    spec = """(set-logic LIA) (synth-fun max2 ((x Int) (y Int)) Int)
              (declare-var x Int) (declare-var y Int)
              (constraint (>= (max2 x y) x)) (constraint (>= (max2 x y) y))
              (constraint (or (= x (max2 x y)) (= y (max2 x y))))"""
    proved = progsearch.synthesize(spec)
    assert proved.solved and proved.checked == "proved"
    assert proved.programs[0](3, -7) == 3


def test_synthesis_progress_is_seen_and_can_end_the_search():
    seen = []

    def progress(state):
        seen.append(state)
        return len(seen) < 2

    # No solution in this grammar: without the callback the search would run for its whole minute.
    r = progsearch.synthesize_examples(["a"], [("ab", "x1"), ("cd", "y2"), ("ef", "z3")], timeout=60,
                                       progress=progress)
    assert r.status == "interrupted"
    assert len(seen) == 2 and r.seconds < 10
    assert set(seen[0]) == {"candidates", "distinct_values", "cost", "seconds"}
    assert seen[1]["candidates"] >= seen[0]["candidates"] > 0

    def broken(state):
        raise ValueError("display failed")

    with pytest.raises(ValueError, match="display failed"):
        progsearch.synthesize_examples(["a"], [("ab", "x1"), ("cd", "y2")], timeout=60, progress=broken)


def test_synthesis_errors_say_where():
    with pytest.raises(progsearch.Error, match="cannot open"):
        progsearch.synthesize("/nonexistent/task.sl")
    with pytest.raises(progsearch.Error, match="expected a 1-d sequence of integers|expected"):
        progsearch.synthesize_examples({"a": "Int"}, [("x", 1)], output="Int")
    with pytest.raises(progsearch.Error, match="named twice"):
        progsearch.synthesize_examples(["a", "a"], [(("x", "y"), "z")])


def test_discover_returns_a_front_of_programs():
    r = progsearch.discover("exp", max_ops=6, max_cycles=300, threads=1, dense_points=20001)
    assert r.stop_reason == "cycles"
    best = r.front[-1]
    assert best.ops <= 6 and best.max_rel_error < 1e-3
    assert best.dense_max_rel_error == pytest.approx(best.max_rel_error, rel=0.01)
    unchecked = progsearch.discover("exp", max_ops=4, max_cycles=50, threads=1, dense_points=0)
    assert unchecked.front[-1].dense_max_rel_error == -1
    assert best.program(0.5) == pytest.approx(math.exp(0.5), rel=1e-3)
    assert r.minimax
    with pytest.raises(progsearch.Error, match="exq"):
        progsearch.discover("exq")


def test_synthesis_guide_can_be_chosen():
    off = progsearch.synthesize_examples(["name"], DOCTORS, constants=["Dr. "], timeout=30, guide="off")
    assert off.solved and off.guide == "off"
    guided = progsearch.synthesize_examples(["name"], DOCTORS, constants=["Dr. "], timeout=30)
    assert guided.solved and "strings.guide" in guided.guide
    with pytest.raises(progsearch.Error, match="guide must be"):
        progsearch.synthesize_examples(["name"], DOCTORS, guide="sometimes")
