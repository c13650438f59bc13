"""progsearch.synthesize, synthesize_examples and discover, imported from the build tree."""
import math
import os
import signal
import threading
import time

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
    # Called on a steady beat from the start: the search's counts arrive within its first half second.
    assert seen[1]["candidates"] >= seen[0]["candidates"] and seen[1]["candidates"] > 0

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


def test_discover_centred_programs_read_x_through_one_shift():
    r = progsearch.discover("exp2", low=0.0, high=1.0, max_ops=6, max_cycles=300, threads=1, dense_points=0,
                            centre=True)
    best = r.front[-1]
    assert "(- x 0.5)" in best.program.text
    assert best.program(0.25) == pytest.approx(2 ** 0.25, rel=1e-3)


def test_synthesis_guide_can_be_chosen():
    off = progsearch.synthesize_examples(["name"], DOCTORS, constants=["Dr. "], timeout=30, guide="off")
    assert off.solved and off.guide == "off"
    guided = progsearch.synthesize_examples(["name"], DOCTORS, constants=["Dr. "], timeout=30)
    assert guided.solved and "strings.guide" in guided.guide
    with pytest.raises(progsearch.Error, match="guide must be"):
        progsearch.synthesize_examples(["name"], DOCTORS, guide="sometimes")


INC8 = """(set-logic BV)
(synth-fun f ((x (_ BitVec 8))) (_ BitVec 8) ((Start (_ BitVec 8) (x #x01 (bvadd Start Start)))))
(constraint (= (f #x01) #x02))
(constraint (= (f #x07) #x08))
(constraint (= (f #xff) #x00))
"""


def test_a_task_is_given_as_text_or_as_a_path_explicitly(tmp_path):
    task = tmp_path / "inc.sl"
    task.write_text(INC8)
    for r in (progsearch.synthesize(text=INC8), progsearch.synthesize(path=task), progsearch.synthesize(task),
              progsearch.synthesize(str(task)), progsearch.synthesize(INC8)):
        assert r.solved, r.status
    # SyGuS text without a synth-fun is text, not a path to open.
    with pytest.raises(progsearch.Error, match=r"<sygus>:1:1: unclosed"):
        progsearch.synthesize("(set-logic LIA")
    with pytest.raises(progsearch.Error, match="give one of"):
        progsearch.synthesize()
    with pytest.raises(progsearch.Error, match="give one of"):
        progsearch.synthesize(task, text=INC8)
    with pytest.raises(progsearch.Error, match="is a directory"):
        progsearch.synthesize(path=tmp_path)


def test_bit_vector_programs_take_and_give_python_ints():
    r = progsearch.synthesize(text=INC8, guide="off")
    assert r.solved
    f = r.programs[0]
    assert f.variables == [("x", "BitVec")]
    assert f.variable_widths == [8] and f.result_width == 8
    assert f(5) == 6
    assert f(255) == 0
    assert f(-1) == 0  # two's complement
    assert f([1, 2, 3]) == [2, 3, 4]
    with pytest.raises(progsearch.Error, match="does not fit in 8 bits"):
        f(256)
    with pytest.raises(progsearch.Error, match="expected an integer"):
        f(1.5)


def test_contradictory_examples_and_huge_limits():
    with pytest.raises(progsearch.Error, match=r"training example 0 and training example 1: the same inputs"):
        progsearch.synthesize_examples(["a"], [("x", "1"), ("x", "2")], timeout=60)
    r = progsearch.synthesize_examples(["name"], DOCTORS, constants=["Dr. "], timeout=1e10)
    assert r.solved and r.size > 0


def test_ctrl_c_raises_keyboard_interrupt_within_a_second():
    def interrupt_after(seconds):
        timer = threading.Timer(seconds, lambda: os.kill(os.getpid(), signal.SIGINT))
        timer.start()
        return timer

    for run in (lambda: progsearch.discover("exp", seconds=60, threads=1, dense_points=0),
                lambda: progsearch.synthesize_examples(["a"], [("ab", "x1"), ("cd", "y2")], timeout=60)):
        interrupt_after(1.0)
        start = time.monotonic()
        with pytest.raises(KeyboardInterrupt):
            run()
        assert time.monotonic() - start < 2.5


def test_discover_progress_sees_each_phase_and_can_stop_it():
    phases = []

    def progress(state):
        phases.append(state["phase"])
        return state["phase"] == "search" and state["seconds"] < 1.2

    r = progsearch.discover("exp2", low=0.5, high=1.0, float32=True, max_ops=6, seconds=60, threads=1,
                            progress=progress)
    assert r.stop_reason == "interrupted"
    assert phases[0] == "search"
    assert r.seconds < 10


def test_a_guided_answer_is_followed_by_a_search_for_a_smaller_one():
    guided = progsearch.synthesize_examples(["name"], DOCTORS, constants=["Dr. "], timeout=30)
    assert guided.solved and guided.guided_size >= guided.size > 0
    none = progsearch.synthesize_examples(["name"], DOCTORS, constants=["Dr. "], timeout=30,
                                          smaller_answer_budget=0)
    assert none.guided_size == 0
    off = progsearch.synthesize_examples(["name"], DOCTORS, constants=["Dr. "], timeout=30, guide="off")
    assert off.guided_size == 0
