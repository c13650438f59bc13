# Type stubs of the extension progsearch._progsearch (python/bindings.cc), for type checkers and IDEs.
# tests/python/test_stubs.py checks that every public name and every parameter here matches the module.
import enum
import os
from typing import Any, Callable, Dict, List, Mapping, Optional, Sequence, Tuple, Union

import numpy as np
import numpy.typing as npt

Kind = str  # 'Bool', 'Int', 'Float' or 'String' ('BitVec' in programs synthesize returns)
Scalar = Union[bool, int, float, str]
# One value per variable, or an array (numpy, or a list of str) per variable.
Column = Union[npt.ArrayLike, Sequence[str]]

class Error(Exception):
    """Bad input (an unknown operator, a probe column of the wrong kind, a malformed file) or a run that
    cannot go on; the message says what and where."""

class ValueKind(enum.Enum):
    Bool = 0
    Int = 1
    Float = 2
    String = 3
    BitVec = 4

class Program:
    """A program over its variables: print it, call it, emit C."""
    @property
    def text(self) -> str: ...
    @property
    def variables(self) -> List[Tuple[str, Kind]]: ...
    @property
    def c(self) -> str: ...
    @property
    def size(self) -> int: ...
    @property
    def variable_widths(self) -> List[int]: ...
    @property
    def result_width(self) -> int: ...
    def __call__(self, *args: Union[Scalar, Column], **kwargs: Union[Scalar, Column]) -> Union[Scalar, np.ndarray, List[str]]: ...

class SearchSpace:
    """What programs are built from: variables, built-in operators, your own."""
    def __init__(self, variables: Union[Mapping[str, Kind], Sequence[Tuple[str, Kind]]], result: Kind = "Float") -> None: ...
    @staticmethod
    def arithmetic(variables: List[str]) -> SearchSpace: ...
    @staticmethod
    def domain(domain: str, variables: Union[Mapping[str, Kind], Sequence[Tuple[str, Kind]]], result: Kind) -> SearchSpace: ...
    def add_builtin(self, name: str, args: List[Kind]) -> SearchSpace: ...
    def add_operator(self, name: str, fn: Callable[..., npt.ArrayLike], arity: int = 1, cost: int = 1) -> SearchSpace: ...
    def set_c_form(self, name: str, form: Union[str, Callable[..., str]]) -> SearchSpace: ...
    def parse(self, text: str) -> Program: ...
    def describe(self) -> List[str]: ...
    @property
    def variables(self) -> List[Tuple[str, Kind]]: ...

class EvolveStats:
    """What a run did."""
    cycles: int
    evaluations: int
    cache_hits: int
    cache_hit_rate: float
    failures: int
    first_failure: str
    rejected_mutants: int
    fitness_seconds: float
    repeat_evaluations: int
    repeat_fitness_seconds: float
    seconds: float

class EvolveResult:
    """The outcome of evolve()."""
    best: Program
    best_fitness: float
    stop_reason: str  # 'cycles', 'evaluations', 'timeout', 'target', 'failures', 'exhausted' or 'interrupted'
    stats: EvolveStats
    population: List[Program]
    population_fitness: List[float]

class SynthesisResult:
    """The outcome of synthesize() and synthesize_examples()."""
    solved: bool
    status: str  # 'solved', 'timeout', 'exhausted', 'candidates', 'memory' or 'interrupted'
    solution: str
    programs: List[Program]
    checked: str  # 'examples' or 'proved'
    method: str
    seconds: float
    candidates: int
    test_passed: int
    test_total: int
    guide: str
    size: int
    guided_size: int

class ApproximationPoint:
    """One program of a discover() front or baseline."""
    ops: int
    max_rel_error: float
    float32_ulps: float
    program: Program
    dense_max_rel_error: float

class DiscoverResult:
    """The outcome of discover()."""
    front: List[ApproximationPoint]
    minimax: List[ApproximationPoint]
    stop_reason: str  # 'timeout', 'cycles' or 'interrupted'
    checks_interrupted: bool
    cycles: int
    seconds: float

def version() -> str: ...
def evolve(
    space: SearchSpace,
    probes: Mapping[str, Column],
    fitness: Optional[Callable[[Program], float]] = None,
    *,
    population: int = 100,
    tournament: int = 10,
    seed: int = 1,
    batch: int = 16,
    threads: int = 0,
    max_size: int = 32,
    initial_depth: int = 3,
    use_cache: bool = True,
    cache_capacity: int = 1048576,
    hash_float_precision: float = 0.0,
    max_cycles: int = 0,
    max_evaluations: int = 0,
    max_seconds: float = 0.0,
    target_fitness: float = ...,
    max_failures: int = 0,
    fitness_timeout: float = 0.0,
    progress: Optional[Callable[[Dict[str, Any]], Optional[bool]]] = None,  # keys: cycles, evaluations, cache_hits, best_fitness, best, seconds
    checkpoint: str = "",
    checkpoint_seconds: float = 60.0,
    resume: bool = False,
    seeds: Sequence[Union[Program, str]] = ...,
    targets: Optional[npt.ArrayLike] = None,
    loss: str = "mse",  # "mse" or "max"
    constant_fitting: int = 200,
) -> EvolveResult: ...
def synthesize(
    source: Union[str, os.PathLike, None] = None,
    *,
    text: Optional[str] = None,
    path: Union[str, os.PathLike, None] = None,
    timeout: float = 10.0,
    threads: int = 0,
    max_candidates: int = 0,
    progress: Optional[Callable[[Dict[str, float]], Optional[bool]]] = None,  # keys: candidates, distinct_values, cost, seconds
    guide: str = "auto",  # "auto", "off", "cpu" or "gpu"
    guide_model: str = "",
    smaller_answer_budget: float = 1.0,
    smaller_answer_min_candidates: int = 2000000,
) -> SynthesisResult: ...
def synthesize_examples(
    inputs: Union[Sequence[str], Mapping[str, Kind]],
    train: Sequence[Tuple[object, Scalar]],
    *,
    output: Kind = "String",
    test: Optional[Sequence[Tuple[object, Scalar]]] = None,
    domain: str = "strings",
    constants: Optional[Sequence[Union[str, int]]] = None,
    timeout: float = 10.0,
    threads: int = 0,
    max_candidates: int = 0,
    progress: Optional[Callable[[Dict[str, float]], Optional[bool]]] = None,
    guide: str = "auto",
    guide_model: str = "",
    smaller_answer_budget: float = 1.0,
    smaller_answer_min_candidates: int = 2000000,
) -> SynthesisResult: ...
def discover(
    target: str,
    *,
    low: float = 0.0,
    high: float = 1.0,
    max_ops: int = 16,
    seconds: float = 60.0,
    max_cycles: int = 0,
    seed: int = 1,
    threads: int = 0,
    float32: bool = False,
    allow_sqrt: bool = False,
    seed_classical: bool = True,
    centre: bool = False,
    dense_points: int = 1000000,
    progress: Optional[Callable[[Dict[str, Any]], Optional[bool]]] = None,  # keys: phase, cycles, best_error, fraction, seconds
) -> DiscoverResult: ...
