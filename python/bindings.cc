// The Python extension progsearch._progsearch: the public C++ API (include/progsearch/) with numpy
// arrays for columns. The GIL is released while the engine works and taken for every call into Python
// (fitness, operators, progress); an exception raised there fails that candidate or ends the run, as
// docs/python.md says, and never crashes.
#include <pybind11/functional.h>
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <atomic>
#include <cmath>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>

#include "progsearch/progsearch.h"

namespace py = pybind11;
using namespace progsearch;

namespace {

ValueKind ParseKind(const std::string& name) {
  for (ValueKind k : {ValueKind::kBool, ValueKind::kInt, ValueKind::kFloat, ValueKind::kString}) {
    if (name == KindName(k)) return k;
  }
  throw Error("unknown kind '" + name + "' (Bool, Int, Float or String)");
}

// A 1-d numpy view of `values` as T (numbers converted), as Scalars; `expected` names T in errors.
template <typename T>
std::vector<Scalar> NumericColumn(const py::handle& values, const std::string& what, const char* expected) {
  auto a = py::array_t<T, py::array::c_style | py::array::forcecast>::ensure(values);
  if (!a || a.ndim() != 1) throw Error(what + ": expected a 1-d sequence of " + expected);
  std::vector<Scalar> out;
  for (py::ssize_t i = 0; i < a.size(); ++i) out.emplace_back(static_cast<T>(a.at(i)));
  return out;
}

// Whether `values` is a numpy-convertible sequence whose dtype kind is `kind` ('f' float, 'b' bool).
bool HasDtypeKind(const py::handle& values, char kind) {
  py::array a = py::array::ensure(values);
  return a && a.dtype().kind() == kind;
}

// A Python str as the engine's UTF-8. "surrogatepass" keeps a lone surrogate (an SMT-LIB character) in
// the generalized 3-byte form the engine holds; pybind11's own cast would refuse it.
std::string Utf8Of(const py::handle& text) {
  py::object bytes = py::reinterpret_steal<py::object>(PyUnicode_AsEncodedString(text.ptr(), "utf-8", "surrogatepass"));
  if (!bytes) throw py::error_already_set();
  return std::string(PyBytes_AS_STRING(bytes.ptr()), static_cast<size_t>(PyBytes_GET_SIZE(bytes.ptr())));
}

// The engine's UTF-8 as a Python str (the inverse of Utf8Of).
py::str StrOf(const std::string& utf8) {
  PyObject* s = PyUnicode_DecodeUTF8(utf8.data(), static_cast<Py_ssize_t>(utf8.size()), "surrogatepass");
  if (s == nullptr) throw py::error_already_set();
  return py::reinterpret_steal<py::str>(s);
}

// A Python int as a bit-vector of `width` bits: 0 to 2^width - 1, or a negative number from -2^(width-1)
// taken as its two's complement.
BitVec ToBitVec(const py::handle& value, int width, const std::string& what) {
  const std::string expected = what + ": expected an integer for a " + std::to_string(width) + "-bit bit-vector";
  if (py::isinstance<py::bool_>(value) || py::isinstance<py::float_>(value)) throw Error(expected);
  PyObject* index = PyNumber_Index(value.ptr());  // ints and numpy integers
  if (index == nullptr) {
    PyErr_Clear();
    throw Error(expected);
  }
  const py::int_ v = py::reinterpret_steal<py::int_>(index);
  const py::int_ one(1);
  const py::object low = -(one << py::int_(width - 1)), high = one << py::int_(width);
  if (v < low || v >= high) {
    throw Error(what + ": " + py::repr(v).cast<std::string>() + " does not fit in " + std::to_string(width) + " bits");
  }
  return BitVec{py::int_(v & (high - one)).cast<uint64_t>(), width};
}

// A Python sequence or numpy array as a column of `kind` (`width`: a bit-vector's). `strict`: a Float
// column takes floats only (probe columns, where whole numbers are a mistake, not values to convert).
std::vector<Scalar> ToColumn(const py::handle& values, ValueKind kind, const std::string& what, int width = 0,
                             bool strict = false) {
  switch (kind) {
    case ValueKind::kFloat:
      if (strict && !HasDtypeKind(values, 'f')) {
        throw Error(what + ": expected Float values (floats such as 1.0), got " +
                    (HasDtypeKind(values, 'b') ? std::string("booleans") : std::string("integers or other values")));
      }
      return NumericColumn<double>(values, what, "numbers");
    case ValueKind::kBitVec: {
      if (py::isinstance<py::str>(values)) throw Error(what + ": expected integers");
      std::vector<Scalar> out;
      for (const py::handle& v : values) out.emplace_back(ToBitVec(v, width, what));
      return out;
    }
    case ValueKind::kInt:
      // Floats would be truncated silently: refuse them (numpy integer or bool arrays and Python ints pass).
      if (HasDtypeKind(values, 'f')) throw Error(what + ": expected integers, got floating-point values");
      return NumericColumn<int64_t>(values, what, "integers");
    case ValueKind::kBool:
      if (!HasDtypeKind(values, 'b')) throw Error(what + ": expected booleans");
      return NumericColumn<bool>(values, what, "booleans");
    case ValueKind::kString: {
      if (py::isinstance<py::str>(values)) throw Error(what + ": expected a sequence of strings, got one string");
      std::vector<Scalar> out;
      for (const py::handle& v : values) {
        if (!py::isinstance<py::str>(v)) throw Error(what + ": expected strings");
        out.emplace_back(Utf8Of(v));
      }
      return out;
    }
  }
  return {};
}

// A numpy array of the T values of `column`.
template <typename T>
py::array_t<T> NumericArray(const std::vector<Scalar>& column) {
  py::array_t<T> a(static_cast<py::ssize_t>(column.size()));
  for (size_t i = 0; i < column.size(); ++i) a.mutable_at(i) = std::get<T>(column[i]);
  return a;
}

// A column of results as numpy (numbers, booleans) or a list (strings; bit-vectors as ints).
py::object FromColumn(const std::vector<Scalar>& column, ValueKind kind) {
  switch (kind) {
    case ValueKind::kBitVec: {
      py::list l;
      for (const Scalar& s : column) l.append(py::int_(std::get<BitVec>(s).bits));
      return l;
    }
    case ValueKind::kFloat:
      return NumericArray<double>(column);
    case ValueKind::kInt:
      return NumericArray<int64_t>(column);
    case ValueKind::kBool:
      return NumericArray<bool>(column);
    case ValueKind::kString: {
      py::list l;
      for (const Scalar& s : column) l.append(StrOf(std::get<std::string>(s)));
      return l;
    }
  }
  return py::none();
}

// The API's variables as [(name, kind name), ...], as SearchSpace and Program show them.
py::list VariableList(const std::vector<std::pair<std::string, ValueKind>>& variables) {
  py::list out;
  for (const auto& [name, kind] : variables) out.append(py::make_tuple(name, KindName(kind)));
  return out;
}

// {name: kind} (or [(name, kind), ...]) as the API's variables.
std::vector<std::pair<std::string, ValueKind>> ParseVariables(const py::object& variables) {
  std::vector<std::pair<std::string, ValueKind>> vars;
  if (py::isinstance<py::dict>(variables)) {
    for (const auto& [k, v] : variables.cast<py::dict>()) {
      vars.emplace_back(k.cast<std::string>(), ParseKind(v.cast<std::string>()));
    }
  } else {
    for (const py::handle& item : variables) {
      auto pair = item.cast<std::pair<std::string, std::string>>();
      vars.emplace_back(pair.first, ParseKind(pair.second));
    }
  }
  return vars;
}

// The columns for `program`'s variables from positional or keyword arguments; `scalar` is set when every
// argument was a single value (the call then returns one value).
std::vector<std::vector<Scalar>> CallColumns(const Program& program, const py::args& args, const py::kwargs& kwargs,
                                             bool& scalar) {
  const auto vars = program.variables();
  const std::vector<int> widths = program.variable_widths();
  if (args.size() && kwargs.size()) throw Error("pass the inputs by position or by name, not both");
  if (args.size() + kwargs.size() != vars.size()) {
    throw Error("the program has " + std::to_string(vars.size()) + " variables, got " +
                std::to_string(args.size() + kwargs.size()) + " inputs");
  }
  scalar = true;
  std::vector<std::vector<Scalar>> columns;
  for (size_t i = 0; i < vars.size(); ++i) {
    py::object v;
    if (args.size()) {
      v = args[i];
    } else if (kwargs.contains(vars[i].first.c_str())) {
      v = kwargs[vars[i].first.c_str()];
    } else {
      throw Error("missing input '" + vars[i].first + "'");
    }
    const bool one = py::isinstance<py::str>(v) || !py::hasattr(v, "__len__");
    if (one) v = py::make_tuple(v);
    scalar = scalar && one;
    columns.push_back(ToColumn(v, vars[i].second, "input " + vars[i].first, widths[i]));
  }
  return columns;
}

// The inputs as double arrays when the program and all its variables are Float (no boxing), else empty.
std::optional<std::vector<std::vector<double>>> FloatColumns(const Program& p, const py::args& args,
                                                             const py::kwargs& kwargs) {
  const auto vars = p.variables();
  if (p.result_kind() != ValueKind::kFloat || kwargs.size() || args.size() != vars.size()) return std::nullopt;
  std::vector<std::vector<double>> columns;
  for (size_t i = 0; i < vars.size(); ++i) {
    if (vars[i].second != ValueKind::kFloat || !py::isinstance<py::array>(args[i])) return std::nullopt;
    auto a = py::array_t<double, py::array::c_style | py::array::forcecast>::ensure(args[i]);
    if (!a || a.ndim() != 1) return std::nullopt;
    columns.emplace_back(a.data(), a.data() + a.size());
  }
  return columns;
}

py::object CallProgram(const Program& p, const py::args& args, const py::kwargs& kwargs) {
  if (auto floats = FloatColumns(p, args, kwargs)) {
    std::vector<double> out;
    {
      py::gil_scoped_release release;
      out = p.EvaluateFloats(*floats);
    }
    return py::array_t<double>(static_cast<py::ssize_t>(out.size()), out.data());
  }
  bool scalar = false;
  std::vector<std::vector<Scalar>> columns = CallColumns(p, args, kwargs, scalar);
  std::vector<Scalar> out;
  {
    py::gil_scoped_release release;
    out = p.Evaluate(columns);
  }
  py::object column = FromColumn(out, p.result_kind());
  return scalar ? py::object(column[py::int_(0)]) : column;
}

// Converts a Python exception raised in a callback (GIL held) into a C++ one for the engine, which fails
// that candidate or program. Ctrl-C in an operator is not the program's failure: it is raised again as a
// pending signal for the next check (evolve's progress, or Python's own).
[[noreturn]] void Rethrow(py::error_already_set& e, const char* where) {
  if (e.matches(PyExc_KeyboardInterrupt)) PyErr_SetInterrupt();
  throw std::runtime_error(std::string(where) + ": " + e.what());
}

// The state a progress callback gets, as a dict of its fields.
py::dict StateDict(const EvolveProgress& p) {
  py::dict d;
  d["cycles"] = p.cycles;
  d["evaluations"] = p.evaluations;
  d["cache_hits"] = p.cache_hits;
  d["best_fitness"] = p.best_fitness;
  d["seconds"] = p.seconds;
  d["best"] = p.best.empty() ? py::object(py::none()) : py::cast(p.best);
  return d;
}
py::dict StateDict(const SynthesisProgress& p) {
  py::dict d;
  d["candidates"] = p.candidates;
  d["distinct_values"] = p.distinct_values;
  d["cost"] = p.cost;
  d["seconds"] = p.seconds;
  return d;
}
py::dict StateDict(const DiscoverProgress& p) {
  py::dict d;
  d["phase"] = p.phase;
  d["cycles"] = p.cycles;
  d["best_error"] = p.best_error;
  d["fraction"] = p.fraction;
  d["seconds"] = p.seconds;
  return d;
}

// What ends a run from Python: Ctrl-C, the user's progress callback returning a falsy value or raising,
// or an error kept from a callback. The error is raised from the call once the engine has returned.
struct RunInterrupts {
  std::unique_ptr<py::error_already_set> pending;
  std::atomic<bool> stop{false};

  // Every progress check (from the engine's thread, taking the GIL): false ends the run. `state` builds
  // the callback's dict.
  template <typename State>
  bool Continue(const py::object& progress, const State& state) {
    py::gil_scoped_acquire gil;
    if (stop) return false;
    if (PyErr_CheckSignals() != 0) {
      Keep(py::error_already_set());
      return false;
    }
    if (progress.is_none()) return true;
    try {
      py::object r = progress(state());
      return r.is_none() || static_cast<bool>(py::bool_(r));  // truthiness; an error there ends the run too
    } catch (py::error_already_set& e) {
      Keep(std::move(e));
      return false;
    }
  }
  void Keep(py::error_already_set e) {
    if (!pending) pending = std::make_unique<py::error_already_set>(std::move(e));
    stop = true;
  }
  // The engine's progress callback of a run: Ctrl-C and the user's `progress`, given the state's dict.
  template <typename State>
  std::function<bool(const State&)> Progress(const py::object& progress) {
    return [this, &progress](const State& s) { return Continue(progress, [&s] { return StateDict(s); }); };
  }
  // `run()` without the GIL; then what a callback kept is raised.
  template <typename Run>
  auto Released(const Run& run) {
    auto result = [&] {
      py::gil_scoped_release release;
      return run();
    }();
    RaiseIfAny();
    return result;
  }
  void RaiseIfAny() {
    if (pending) throw std::move(*pending);
  }
};

struct PyEvolveResult {
  Program best;
  double best_fitness;
  std::string stop_reason;
  EvolveStats stats;
  std::vector<Program> population;
  std::vector<double> population_fitness;
};

PyEvolveResult PyEvolve(const SearchSpace& space, const py::object& probes, const py::object& fitness,
                        EvolveOptions options, const py::object& progress, const std::vector<py::object>& seeds) {
  const auto& vars = space.variables();
  std::vector<std::vector<Scalar>> columns;
  if (py::isinstance<py::dict>(probes)) {
    py::dict d = probes.cast<py::dict>();
    for (const auto& [name, kind] : vars) {
      if (!d.contains(name.c_str())) throw Error("probes: no column for variable '" + name + "'");
      columns.push_back(ToColumn(d[name.c_str()], kind, "probes: column " + name, 0, true));
    }
    if (d.size() != vars.size()) throw Error("probes: a column for a name the space has no variable of");
  } else {
    py::list l(probes);
    // One variable may take its column directly: [0.0, 0.5, ...] or ["a", "b", ...].
    if (vars.size() == 1 && l.size() && (py::isinstance<py::str>(l[0]) || !py::hasattr(l[0], "__len__"))) {
      l = py::list(py::make_tuple(probes));
    }
    if (l.size() != vars.size()) throw Error("probes: one column per variable");
    for (size_t i = 0; i < vars.size(); ++i) {
      columns.push_back(ToColumn(l[i], vars[i].second, "probes: column " + vars[i].first, 0, true));
    }
  }
  for (const py::object& s : seeds) {
    options.seeds.push_back(py::isinstance<Program>(s) ? s.cast<Program>() : space.Parse(s.cast<std::string>()));
  }
  // Ctrl-C (KeyboardInterrupt) or SystemExit inside the fitness is the run's, not the candidate's: kept
  // here, it ends the run at the next progress check and is raised from evolve.
  RunInterrupts interrupts;
  Fitness wrapped;
  if (!fitness.is_none()) wrapped = [&fitness, &interrupts](const Program& candidate) -> double {
    py::gil_scoped_acquire gil;
    RestartFitnessClock();  // waiting for the GIL is not the fitness's time
    try {
      return fitness(candidate).cast<double>();
    } catch (py::error_already_set& e) {
      if (!e.matches(PyExc_Exception)) {
        interrupts.Keep(std::move(e));
        throw std::runtime_error("the run was interrupted");
      }
      Rethrow(e, "fitness raised");
    } catch (const py::cast_error&) {
      throw std::runtime_error("the fitness did not return a number");
    }
  };
  // Every batch: Ctrl-C and the user's progress callback, whose exception ends the run and is raised.
  options.progress = interrupts.Progress<EvolveProgress>(progress);
  const EvolveResult r = interrupts.Released([&] { return Evolve(space, columns, wrapped, options); });
  return PyEvolveResult{r.best, r.best_fitness, r.stop_reason, r.stats, r.population, r.population_fitness};
}

// `value` as a Scalar of `kind` (numbers may be numpy scalars).
Scalar ToScalarOf(const py::handle& value, ValueKind kind, const std::string& what) {
  std::vector<Scalar> one = ToColumn(py::make_tuple(value), kind, what);
  return one.at(0);
}

// [(inputs, output), ...] with `inputs` a tuple/list, or one value for a task of one input.
std::vector<IOExample> ToExamples(const py::handle& examples, const ExampleTask& task, const char* which) {
  std::vector<IOExample> out;
  size_t i = 0;
  for (const py::handle& pair : examples) {
    const std::string where = std::string(which) + " example " + std::to_string(i++);
    py::tuple t = py::reinterpret_borrow<py::object>(pair).cast<py::tuple>();
    if (t.size() != 2) throw Error(where + ": expected (inputs, output)");
    py::object inputs = t[0];
    if (task.inputs.size() == 1 && (py::isinstance<py::str>(inputs) || !py::hasattr(inputs, "__len__"))) {
      inputs = py::make_tuple(inputs);
    }
    IOExample e;
    size_t k = 0;
    for (const py::handle& v : inputs) {
      if (k >= task.inputs.size()) throw Error(where + ": more inputs than the task has");
      e.inputs.push_back(ToScalarOf(v, task.inputs[k].second, where + ": input " + task.inputs[k].first));
      ++k;
    }
    if (k != task.inputs.size()) throw Error(where + ": fewer inputs than the task has");
    e.output = ToScalarOf(t[1], task.output, where + ": the output");
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace

PYBIND11_MODULE(_progsearch, m) {
  m.doc() = "progsearch: program search (regularized evolution with a functional-hash fitness cache).";
  py::register_exception<Error>(m, "Error", PyExc_ValueError);
  m.def("version", &Version, "The library's version, 'MAJOR.MINOR.PATCH'.");

  py::class_<Program>(m, "Program", "A program over its variables: print it, call it, emit C.")
      .def("__str__", &Program::ToString)
      .def("__repr__", [](const Program& p) { return "Program('" + p.ToString() + "')"; })
      .def_property_readonly("text", &Program::ToString, "The program as an s-expression, e.g. '(+ (* x 2.0) 1.0)'.")
      .def_property_readonly("variables", [](const Program& p) { return VariableList(p.variables()); },
                             "[(name, kind), ...] in the order calls bind them.")
      .def_property_readonly("c", &Program::ToC,
                             "The program as a C expression in double arithmetic (Float programs of built-in "
                             "operators and of your operators with a set_c_form spelling; raises "
                             "progsearch.Error otherwise).")
      .def_property_readonly("size", &Program::Size, "Nodes of the program tree.")
      .def_property_readonly("variable_widths", &Program::variable_widths,
                             "Bit-vector widths of the variables (0 for other kinds): a BitVec input is a Python "
                             "int from -2**(w-1) to 2**w - 1, negative ones taken as two's complement.")
      .def_property_readonly("result_width", &Program::result_width,
                             "The result's bit-vector width (0 for other kinds); BitVec results are ints.")
      .def("__call__", &CallProgram,
           "program(x, y, ...) or program(x=..., y=...): the program on one value per variable (returns one "
           "value) or on arrays of equal length (returns a numpy array, or a list of str).");

  py::class_<EvolveStats>(m, "EvolveStats", "What a run did.")
      .def_readonly("cycles", &EvolveStats::cycles)
      .def_readonly("evaluations", &EvolveStats::evaluations, "Calls of the fitness.")
      .def_readonly("cache_hits", &EvolveStats::cache_hits, "Candidates the cache answered instead of the fitness.")
      .def_readonly("cache_hit_rate", &EvolveStats::cache_hit_rate)
      .def_readonly("failures", &EvolveStats::failures, "Candidates whose fitness raised, was NaN or took too long.")
      .def_readonly("first_failure", &EvolveStats::first_failure)
      .def_readonly("rejected_mutants", &EvolveStats::rejected_mutants)
      .def_readonly("fitness_seconds", &EvolveStats::fitness_seconds, "Time inside the fitness, summed over threads.")
      .def_readonly("repeat_evaluations", &EvolveStats::repeat_evaluations,
                    "With use_cache=False: calls that repeated an earlier candidate's outputs.")
      .def_readonly("repeat_fitness_seconds", &EvolveStats::repeat_fitness_seconds)
      .def_readonly("seconds", &EvolveStats::seconds)
      .def("__repr__", [](const EvolveStats& s) {
        return "EvolveStats(cycles=" + std::to_string(s.cycles) + ", evaluations=" + std::to_string(s.evaluations) +
               ", cache_hits=" + std::to_string(s.cache_hits) + ", failures=" + std::to_string(s.failures) +
               ", seconds=" + std::to_string(s.seconds) + ")";
      });

  py::class_<PyEvolveResult>(m, "EvolveResult", "The outcome of evolve().")
      .def_readonly("best", &PyEvolveResult::best, "The best program found.")
      .def_readonly("best_fitness", &PyEvolveResult::best_fitness)
      .def_readonly("stop_reason", &PyEvolveResult::stop_reason,
                    "'cycles', 'evaluations', 'timeout', 'target', 'failures', 'exhausted' or 'interrupted' (progress returned False, or Ctrl-C).")
      .def_readonly("stats", &PyEvolveResult::stats)
      .def_readonly("population", &PyEvolveResult::population, "The final population, oldest first.")
      .def_readonly("population_fitness", &PyEvolveResult::population_fitness)
      .def("__repr__", [](const PyEvolveResult& r) {
        return "EvolveResult(best=" + r.best.ToString() + ", best_fitness=" + std::to_string(r.best_fitness) +
               ", stop_reason='" + r.stop_reason + "')";
      });

  py::class_<SearchSpace>(m, "SearchSpace", "What programs are built from: variables, built-in operators, your own.")
      .def(py::init([](const py::object& variables, const std::string& result) {
             return SearchSpace(ParseVariables(variables), ParseKind(result));
           }),
           py::arg("variables"), py::arg("result") = "Float",
           "SearchSpace({'x': 'Float', 's': 'String'}, result='Float'): programs of these variables (kinds "
           "'Bool', 'Int', 'Float', 'String') returning `result`. No operators yet: add them.")
      .def_static("arithmetic", &SearchSpace::Arithmetic, py::arg("variables"),
                  "SearchSpace.arithmetic(['x', 'y']): Float variables and + - * /.")
      .def_static(
          "domain",
          [](const std::string& domain, const py::object& variables, const std::string& result) {
            return SearchSpace::Domain(domain, ParseVariables(variables), ParseKind(result));
          },
          py::arg("domain"), py::arg("variables"), py::arg("result"),
          "SearchSpace.domain('strings', {'s': 'String'}, 'String'): a built-in domain's operators ('float': + - * / "
          "fma sqrt fabs fmin fmax; 'lia': + - * div mod abs ite = < <= and or not; 'strings': the SMT-LIB string "
          "operators with + - ite =).")
      .def(
          "add_builtin",
          [](SearchSpace& s, const std::string& name, const std::vector<std::string>& kinds) {
            std::vector<ValueKind> k;
            for (const std::string& n : kinds) k.push_back(ParseKind(n));
            s.AddBuiltin(name, k);
            return &s;
          },
          py::arg("name"), py::arg("args"), py::return_value_policy::reference_internal,
          "add_builtin('fma', ['Float', 'Float', 'Float']): a built-in operator at argument kinds "
          "(any the engine knows: + - * / fma sqrt fabs fmin fmax exp log sin ..., str.len, ...).")
      .def(
          "add_operator",
          [](SearchSpace& s, const std::string& name, py::function fn, int arity, int cost) {
            // The callable is released with the GIL held, whichever thread drops the last copy.
            std::shared_ptr<py::function> guarded(new py::function(std::move(fn)), [](py::function* f) {
              py::gil_scoped_acquire gil;
              delete f;
            });
            s.AddFloatColumnOperator(
                name, arity,
                [guarded, name](const std::vector<const double*>& args, size_t rows, double* out) {
                  py::gil_scoped_acquire gil;
                  try {
                    py::tuple arrays(args.size());
                    for (size_t i = 0; i < args.size(); ++i) {
                      arrays[i] = py::array_t<double>(static_cast<py::ssize_t>(rows), args[i]);
                    }
                    py::object r = (*guarded)(*arrays);
                    auto a = py::array_t<double, py::array::c_style | py::array::forcecast>::ensure(r);
                    if (!a) throw std::runtime_error("operator " + name + " did not return numbers");
                    if (a.size() == 1) {
                      std::fill(out, out + rows, a.data()[0]);
                    } else if (static_cast<size_t>(a.size()) == rows) {
                      std::copy(a.data(), a.data() + rows, out);
                    } else {
                      throw std::runtime_error("operator " + name + " returned " + std::to_string(a.size()) +
                                               " values for " + std::to_string(rows));
                    }
                  } catch (py::error_already_set& e) {
                    Rethrow(e, name.c_str());
                  }
                },
                cost);
            return &s;
          },
          py::arg("name"), py::arg("fn"), py::arg("arity") = 1, py::arg("cost") = 1,
          py::return_value_policy::reference_internal,
          "add_operator('relu', lambda a: np.maximum(a, 0), arity=1): a Float operator of your own. `fn` gets "
          "`arity` numpy arrays (one row per probe input) and returns an array of the same length (or one "
          "number). An exception makes the program that used it fail to evaluate. Give it a C spelling "
          "with set_c_form for Program.c.")
      .def(
          "set_c_form",
          [](SearchSpace& s, const std::string& name, const py::object& form) {
            if (py::isinstance<py::str>(form)) {
              s.SetCForm(name, form.cast<std::string>());
              return &s;
            }
            if (!PyCallable_Check(form.ptr())) throw Error("set_c_form: give a format string or a callable");
            // The callable is released with the GIL held, whichever thread drops the last copy.
            std::shared_ptr<py::object> guarded(new py::object(form), [](py::object* f) {
              py::gil_scoped_acquire gil;
              delete f;
            });
            s.SetCForm(name, [guarded, name](const std::vector<std::string>& args) {
              py::gil_scoped_acquire gil;
              try {
                return (*guarded)(*py::cast(args)).cast<std::string>();
              } catch (py::error_already_set& e) {
                throw Error("the C form of " + name + " raised: " + e.what());
              } catch (const py::cast_error&) {
                throw Error("the C form of " + name + " did not return a str");
              }
            });
            return &s;
          },
          py::arg("name"), py::arg("form"), py::return_value_policy::reference_internal,
          "set_c_form('relu', 'fmax({0}, 0.0)'): how Program.c spells a call of your operator `name`: a format "
          "with {0}, {1}, ... for the arguments' C expressions, or a callable taking those expressions "
          "(strs) and returning the call's C text.")
      .def(
          "parse", &SearchSpace::Parse,
          py::arg("text"), "A program of this space from its s-expression, e.g. '(+ x 1.0)'.")
      .def_property_readonly("variables", [](const SearchSpace& s) { return VariableList(s.variables()); },
                             "[(name, kind), ...] as given, kinds spelled 'Bool', 'Int', 'Float' or 'String'.")
      .def("describe", &SearchSpace::Describe, "Every operator added, as 'name: (Float Float) -> Float'.");

  py::enum_<ValueKind>(m, "ValueKind")
      .value("Bool", ValueKind::kBool)
      .value("Int", ValueKind::kInt)
      .value("Float", ValueKind::kFloat)
      .value("String", ValueKind::kString)
      .value("BitVec", ValueKind::kBitVec);

  const EvolveOptions d;
  m.def(
      "evolve",
      [](const SearchSpace& space, const py::object& probes, const py::object& fitness, uint64_t population,
         uint64_t tournament, uint64_t seed, uint64_t batch, int threads, int max_size, int initial_depth,
         bool use_cache, uint64_t cache_capacity, double hash_float_precision, uint64_t max_cycles,
         uint64_t max_evaluations, double max_seconds, double target_fitness, uint64_t max_failures,
         double fitness_timeout, const py::object& progress, const std::string& checkpoint, double checkpoint_seconds,
         bool resume, const std::vector<py::object>& seeds, const py::object& targets, const std::string& loss,
         int constant_fitting) {
        EvolveOptions o;
        if (!targets.is_none()) {
          for (const Scalar& t : ToColumn(targets, ValueKind::kFloat, "targets")) o.targets.push_back(std::get<double>(t));
        }
        o.loss = loss;
        o.constant_fitting = constant_fitting;
        o.population = population;
        o.tournament = tournament;
        o.seed = seed;
        o.batch = batch;
        o.threads = threads;
        o.max_size = max_size;
        o.initial_depth = initial_depth;
        o.use_cache = use_cache;
        o.cache_capacity = cache_capacity;
        o.hash_float_precision = hash_float_precision;
        o.max_cycles = max_cycles;
        o.max_evaluations = max_evaluations;
        o.max_seconds = max_seconds;
        o.target_fitness = target_fitness;
        o.max_failures = max_failures;
        o.fitness_timeout_seconds = fitness_timeout;
        o.checkpoint_path = checkpoint;
        o.checkpoint_seconds = checkpoint_seconds;
        o.resume = resume;
        return PyEvolve(space, probes, fitness, std::move(o), progress, seeds);
      },
      py::arg("space"), py::arg("probes"), py::arg("fitness") = py::none(), py::kw_only(),
      py::arg("population") = d.population,
      py::arg("tournament") = d.tournament, py::arg("seed") = d.seed, py::arg("batch") = d.batch,
      py::arg("threads") = d.threads, py::arg("max_size") = d.max_size, py::arg("initial_depth") = d.initial_depth,
      py::arg("use_cache") = d.use_cache, py::arg("cache_capacity") = d.cache_capacity,
      py::arg("hash_float_precision") = d.hash_float_precision, py::arg("max_cycles") = 0,
      py::arg("max_evaluations") = 0, py::arg("max_seconds") = 0.0, py::arg("target_fitness") = d.target_fitness,
      py::arg("max_failures") = 0, py::arg("fitness_timeout") = 0.0, py::arg("progress") = py::none(),
      py::arg("checkpoint") = "", py::arg("checkpoint_seconds") = d.checkpoint_seconds, py::arg("resume") = false,
      py::arg("seeds") = std::vector<py::object>{}, py::arg("targets") = py::none(), py::arg("loss") = d.loss,
      py::arg("constant_fitting") = d.constant_fitting,
      R"(Evolves programs of `space` against `fitness` (lower is better) by regularized evolution.

probes: the inputs candidates are hashed on, as {name: array} or [array, ...] in variable order, each
    exactly of its variable's kind (a Float column takes floats: [0, 1, 2] is refused, write [0.0, 1.0,
    2.0]). A candidate computing the same outputs on them as one evaluated before gets that fitness from
    the cache, without a call, however it is written (x*2 and x+x are evaluated once).
fitness(program) -> float: may be slow; a raise, a NaN, or a call longer than `fitness_timeout` seconds
    fails that candidate (fitness inf, counted in stats.failures, first message in
    stats.first_failure) and the run goes on; `max_failures` ends the run. The GIL is held during the
    call and released while the engine works.
targets, loss, constant_fitting: regression instead of a fitness (pass no fitness): Float programs
    are scored by their loss against `targets` (one per probe row), loss 'mse' (mean squared error) or
    'max' (largest absolute error), after their Float constants are fitted to it (at most
    `constant_fitting` loss evaluations per candidate; 0: none).
Budget (one of the first three is required): max_cycles, max_evaluations, max_seconds; also
    target_fitness (stop at fitness <= target), max_failures, and progress(dict) called after every
    batch with cycles, evaluations, cache_hits, best_fitness, best (the best Program, or None) and
    seconds: return False to stop (an exception it raises ends the run and is raised here; so does
    Ctrl-C).
population, tournament, seed, batch (children bred per batch, evaluated in parallel on `threads`
    threads, 0: every core; the run depends on seed and batch only), max_size (nodes per program),
    initial_depth, use_cache, cache_capacity, hash_float_precision (hash floats at this relative
    precision; 0: exact bits).
checkpoint: a file written atomically every `checkpoint_seconds` and at the end; resume=True continues
    the run saved there (same space and options).
seeds: programs (or their text) to start the population with.
Returns an EvolveResult: best, best_fitness, stop_reason, stats, population, population_fitness; the
programs' constant sub-terms come folded ((sqrt (- 0.85 0.1)) as one number).)");

  py::class_<SynthesisResult>(m, "SynthesisResult", "The outcome of synthesize() and synthesize_examples().")
      .def_readonly("solved", &SynthesisResult::solved)
      .def_readonly("status", &SynthesisResult::status, "'solved', 'timeout', 'exhausted', 'candidates', 'memory' or 'interrupted' (progress or Ctrl-C).")
      .def_readonly("solution", &SynthesisResult::solution, "The SyGuS define-funs.")
      .def_readonly("programs", &SynthesisResult::programs, "One Program per function to synthesize, when solved.")
      .def_readonly("checked", &SynthesisResult::checked, "'examples' (bottom-up) or 'proved' (CEGIS, by Z3).")
      .def_readonly("method", &SynthesisResult::method)
      .def_readonly("seconds", &SynthesisResult::seconds)
      .def_readonly("candidates", &SynthesisResult::candidates)
      .def_readonly("test_passed", &SynthesisResult::test_passed)
      .def_readonly("test_total", &SynthesisResult::test_total)
      .def_readonly("guide", &SynthesisResult::guide, "What guided the search: 'off: ...', or where and which model.")
      .def_readonly("size", &SynthesisResult::size, "Nodes of the answer, when solved.")
      .def_readonly("guided_size", &SynthesisResult::guided_size,
                    "The guided answer's size before the search for a smaller one (size is the final "
                    "answer's); 0 when that search did not run.")
      .def("__repr__", [](const SynthesisResult& r) {
        return "SynthesisResult(status='" + r.status + "', solution='" + r.solution + "')";
      });

  // Runs a synthesis without the GIL; Ctrl-C and `progress` (a dict of candidates, distinct_values, cost
  // and seconds; falsy ends the search) are checked twice a second on this thread while the engine
  // searches on its own.
  auto run_synthesis = [](SynthesisOptions o, const py::object& progress,
                          const std::function<SynthesisResult(const SynthesisOptions&)>& run) {
    RunInterrupts interrupts;
    o.progress = interrupts.Progress<SynthesisProgress>(progress);
    return interrupts.Released([&] { return run(o); });
  };
  m.def(
      "synthesize",
      [run_synthesis](const py::object& source, const py::object& text, const py::object& path, double timeout,
                      int threads, uint64_t max_candidates, const py::object& progress, const std::string& guide,
                      const std::string& guide_model, double smaller_answer_budget,
                      uint64_t smaller_answer_min_candidates) {
        // Exactly one of source, text= and path=. A positional source is a path when it is a
        // pathlib.Path (os.PathLike), and SyGuS text when it is a str holding a '(' (no task file name
        // does), else a path.
        const int given = !source.is_none() + !text.is_none() + !path.is_none();
        if (given != 1) throw Error("synthesize: give one of source, text= (SyGuS-IF text) or path= (a task file)");
        auto fspath = [](const py::object& p) {
          return py::str(py::module_::import("os").attr("fspath")(p)).cast<std::string>();
        };
        std::string file, sygus;
        if (!path.is_none()) {
          file = fspath(path);
        } else if (!text.is_none()) {
          if (!py::isinstance<py::str>(text)) throw Error("synthesize: text= takes a str of SyGuS-IF");
          sygus = text.cast<std::string>();
        } else if (py::hasattr(source, "__fspath__")) {
          file = fspath(source);
        } else if (py::isinstance<py::str>(source)) {
          const std::string s = source.cast<std::string>();
          (s.find('(') != std::string::npos ? sygus : file) = s;
        } else {
          throw Error("synthesize: source is a path (str or pathlib.Path) or SyGuS-IF text");
        }
        return run_synthesis({timeout, threads, max_candidates, guide, guide_model, smaller_answer_budget,
                              smaller_answer_min_candidates, nullptr},
                             progress, [&](const SynthesisOptions& o) {
                               return file.empty() ? SynthesizeSygus(sygus, o) : SynthesizeFile(file, o);
                             });
      },
      py::arg("source") = py::none(), py::kw_only(), py::arg("text") = py::none(), py::arg("path") = py::none(),
      py::arg("timeout") = 10.0, py::arg("threads") = 0, py::arg("max_candidates") = 0,
      py::arg("progress") = py::none(), py::arg("guide") = "auto", py::arg("guide_model") = "",
      py::arg("smaller_answer_budget") = SynthesisOptions().smaller_answer_budget,
      py::arg("smaller_answer_min_candidates") = SynthesisOptions().smaller_answer_min_candidates,
      R"(Synthesizes the functions of a task, as `progsearch synth` does.

The task, one of:
  path=: a SyGuS-IF file (.sl) or a JSON task file (.json, or any file starting with '{');
  text=: SyGuS-IF text;
  source (positional): a pathlib.Path is a path; a str is SyGuS-IF text when it holds a '(' and a
    path otherwise.
Tasks of examples are solved by bottom-up enumeration deduplicated by the functional hash; tasks with a
logical spec by CEGIS, every answer proved by Z3.
timeout: seconds (0 or inf: none); threads: 0 for every core (the answer does not depend on it);
max_candidates: 0 for no limit.
guide: the neural guide, 'auto' (on where a bundled model serves the task's domain), 'off', 'cpu' or
    'gpu'; guide_model: a model file instead of the bundled one. result.guide says what guided it.
smaller_answer_budget, smaller_answer_min_candidates: after a guided answer, an unguided search for a
    smaller program may spend this many times the guided search's candidates, and at least
    smaller_answer_min_candidates (within timeout and max_candidates); budget 0: no such search.
    result.guided_size and result.size say what it found.
progress(state) -> bool or None: called about twice a second while the task is searched, with a dict
    of candidates, distinct_values, cost and seconds; a falsy value other than None ends the search
    (status 'interrupted'), and an exception ends it and is raised. Ctrl-C ends it within a second and
    raises KeyboardInterrupt.
Returns a SynthesisResult; raises progsearch.Error for unreadable or unsupported tasks (a folder,
contradictory examples).)");

  m.def(
      "synthesize_examples",
      [run_synthesis](const py::object& inputs, const py::object& train, const std::string& output,
                      const py::object& test, const std::string& domain, const py::object& constants, double timeout,
                      int threads, uint64_t max_candidates, const py::object& progress, const std::string& guide,
                      const std::string& guide_model, double smaller_answer_budget,
                      uint64_t smaller_answer_min_candidates) {
        ExampleTask task;
        task.output = ParseKind(output);
        task.domain = domain;
        if (py::isinstance<py::dict>(inputs)) {
          task.inputs = ParseVariables(inputs);
        } else {
          for (const py::handle& name : inputs) task.inputs.emplace_back(name.cast<std::string>(), ValueKind::kString);
        }
        task.train = ToExamples(train, task, "training");
        if (!test.is_none()) task.test = ToExamples(test, task, "test");
        if (!constants.is_none()) {
          for (const py::handle& c : constants) {
            task.constants.push_back(py::isinstance<py::str>(c) ? Scalar(Utf8Of(c))
                                                                : Scalar(c.cast<int64_t>()));
          }
        }
        return run_synthesis({timeout, threads, max_candidates, guide, guide_model, smaller_answer_budget,
                              smaller_answer_min_candidates, nullptr},
                             progress, [&task](const SynthesisOptions& o) { return SynthesizeExamples(task, o); });
      },
      py::arg("inputs"), py::arg("train"), py::kw_only(), py::arg("output") = "String", py::arg("test") = py::none(),
      py::arg("domain") = "strings", py::arg("constants") = py::none(), py::arg("timeout") = 10.0,
      py::arg("threads") = 0, py::arg("max_candidates") = 0, py::arg("progress") = py::none(),
      py::arg("guide") = "auto", py::arg("guide_model") = "",
      py::arg("smaller_answer_budget") = SynthesisOptions().smaller_answer_budget,
      py::arg("smaller_answer_min_candidates") = SynthesisOptions().smaller_answer_min_candidates,
      R"(Synthesizes a function from input/output examples by bottom-up enumeration.

inputs: input names (Strings), or {name: kind} with kinds 'String', 'Int', 'Bool'.
train: [(inputs, output), ...]; inputs is a tuple, or one value for a function of one input. Examples
    with the same inputs and different outputs are refused (progsearch.Error naming both).
output: the output's kind. test: held-out examples, reported in test_passed/test_total, never searched
    on. domain: 'strings' (SMT-LIB string operators) or 'spreadsheet' (BUSTLE's spreadsheet functions).
constants: strings or integers the grammar offers besides the usual ones and those in the examples.
timeout, threads, max_candidates, progress, guide, guide_model, smaller_answer_budget,
    smaller_answer_min_candidates: as for synthesize().
Returns a SynthesisResult whose programs[0] is callable.)");

  py::class_<ApproximationPoint>(m, "ApproximationPoint", "One program of a discover() front or baseline.")
      .def_readonly("ops", &ApproximationPoint::ops, "Operation count (fma counts 2, a shared sub-term once).")
      .def_readonly("max_rel_error", &ApproximationPoint::max_rel_error)
      .def_readonly("float32_ulps", &ApproximationPoint::float32_ulps, "At every float of the interval; -1: not checked.")
      .def_readonly("program", &ApproximationPoint::program)
      .def_readonly("dense_max_rel_error", &ApproximationPoint::dense_max_rel_error,
                    "At dense_points points against MPFR (front programs); -1: not checked.")
      .def("__repr__", [](const ApproximationPoint& p) {
        return "ApproximationPoint(ops=" + std::to_string(p.ops) + ", max_rel_error=" + std::to_string(p.max_rel_error) +
               ", program=" + p.program.ToString() + ")";
      });
  py::class_<DiscoverResult>(m, "DiscoverResult", "The outcome of discover().")
      .def_readonly("front", &DiscoverResult::front, "By operation count, each better than every shorter one.")
      .def_readonly("minimax", &DiscoverResult::minimax, "The minimax polynomials, counted the same way.")
      .def_readonly("stop_reason", &DiscoverResult::stop_reason, "'timeout', 'cycles' or 'interrupted' (progress returned False).")
      .def_readonly("checks_interrupted", &DiscoverResult::checks_interrupted,
                    "The checks after the search were stopped: some float32_ulps / dense_max_rel_error stay -1.")
      .def_readonly("cycles", &DiscoverResult::cycles)
      .def_readonly("seconds", &DiscoverResult::seconds);
  const DiscoverOptions dd;
  m.def(
      "discover",
      [](const std::string& target, double low, double high, int max_ops, double seconds, uint64_t max_cycles,
         uint64_t seed, int threads, bool float32, bool allow_sqrt, bool seed_classical, bool centre,
         uint64_t dense_points, const py::object& progress) {
        DiscoverOptions o;
        o.low = low;
        o.high = high;
        o.max_ops = max_ops;
        o.seconds = seconds;
        o.max_cycles = max_cycles;
        o.seed = seed;
        o.threads = threads;
        o.float32 = float32;
        o.allow_sqrt = allow_sqrt;
        o.seed_classical = seed_classical;
        o.centre = centre;
        o.dense_points = dense_points;
        // Checked twice a second on this thread while the engine works on its own: Ctrl-C raises
        // KeyboardInterrupt within a second, in the search and in the checks after it alike.
        RunInterrupts interrupts;
        o.progress = interrupts.Progress<DiscoverProgress>(progress);
        return interrupts.Released([&] { return Discover(target, o); });
      },
      py::arg("target"), py::kw_only(), py::arg("low") = dd.low, py::arg("high") = dd.high,
      py::arg("max_ops") = dd.max_ops, py::arg("seconds") = dd.seconds, py::arg("max_cycles") = dd.max_cycles,
      py::arg("seed") = dd.seed, py::arg("threads") = dd.threads, py::arg("float32") = dd.float32,
      py::arg("allow_sqrt") = dd.allow_sqrt, py::arg("seed_classical") = dd.seed_classical,
      py::arg("centre") = dd.centre, py::arg("dense_points") = dd.dense_points, py::arg("progress") = py::none(),
      R"(Discovers approximations of a math function on [low, high], as `progsearch discover` does.

target: exp exp2 exp10 log log2 log10 erf sin cos tan tanh sigmoid sqrt rsqrt, or an s-expression of x.
Programs of + - * / fma (and sqrt with allow_sqrt) evolve against MPFR ground truth for `seconds` (or
max_cycles, which with a seed reproduces a run); float32=True runs them in float arithmetic and checks
the front at every float of the interval. centre=True searches on t = x - c (c the target's zero in
the interval, else its middle), each program computing t once. Every front program is measured again at dense_points evenly
spaced points against MPFR (0: not). `seconds` bounds the search, not the checks after it.
progress(state) -> bool or None: called about twice a second with a dict of phase ('search', 'float32
    check', 'dense check'), cycles, best_error, fraction (of a check phase) and seconds; a falsy value
    other than None stops (the search ends 'interrupted', checks not done are skipped), an exception
    stops and is raised. Ctrl-C stops within a second and raises KeyboardInterrupt.
Returns a DiscoverResult: the front of error against operation count, and the minimax polynomials of
the same counts.)");
}
