"""The type stubs (progsearch/_progsearch.pyi) describe the module as built: every public name, and every
function's and method's parameters, with the same names, order, keyword-only marks and defaults."""
import ast
import math
import re
from pathlib import Path

import progsearch
from progsearch import _progsearch

STUB = Path(_progsearch.__file__).with_name("_progsearch.pyi")


def stub_tree():
    return ast.parse(STUB.read_text())


def runtime_params(fn):
    """(name, keyword_only, default text or None) from pybind11's signature line 'name(a: T = d, *, b: U) -> R'."""
    line = fn.__doc__.splitlines()[0]
    inner = line[line.index("(") + 1:line.rindex(") ->")]
    params, kw_only, depth, cur = [], False, 0, ""
    for ch in inner + ",":
        depth += ch in "[(" and 1 or 0
        depth -= ch in "])" and 1 or 0
        if ch == "," and depth == 0:
            p = cur.strip()
            cur = ""
            if p == "*":
                kw_only = True
            elif p and p not in ("self", "*args", "**kwargs") and not p.startswith("self:"):
                name = re.match(r"\w+", p).group(0)
                default = p.split(" = ", 1)[1] if " = " in p else None
                params.append((name, kw_only, default))
            continue
        cur += ch
    return params


def stub_params(node):
    args = node.args
    out = []
    positional = args.posonlyargs + args.args
    defaults = [None] * (len(positional) - len(args.defaults)) + list(args.defaults)
    for a, d in zip(positional, defaults):
        if a.arg != "self":
            out.append((a.arg, False, d))
    for a, d in zip(args.kwonlyargs, args.kw_defaults):
        out.append((a.arg, True, d))
    return out


def same_default(stub_default, runtime_default):
    if stub_default is None or runtime_default is None:
        return stub_default is None and runtime_default is None
    if isinstance(stub_default, ast.Constant) and stub_default.value is Ellipsis:
        return True  # a default the stub leaves to the module (-inf, [])
    value = ast.literal_eval(stub_default)
    text = runtime_default.strip("'")
    if isinstance(value, bool) or value is None:
        return str(value) == text
    if isinstance(value, (int, float)):
        return math.isclose(float(value), float(text))
    return value == text


def compare(stub_fn, runtime_fn, where):
    got = runtime_params(runtime_fn)
    want = stub_params(stub_fn)
    assert [(n, k) for n, k, _ in want] == [(n, k) for n, k, _ in got], where
    for (name, _, sd), (_, _, rd) in zip(want, got):
        assert same_default(sd, rd), f"{where}: default of {name}: stub {ast.unparse(sd) if sd else None}, module {rd}"


def test_every_public_name_has_a_stub():
    names = {n.name for n in stub_tree().body if isinstance(n, (ast.FunctionDef, ast.ClassDef))}
    assert set(progsearch.__all__) <= names


def test_functions_match_the_module():
    for node in stub_tree().body:
        if isinstance(node, ast.FunctionDef):
            compare(node, getattr(_progsearch, node.name), node.name)


def test_classes_match_the_module():
    checked = 0
    for cls in (n for n in stub_tree().body if isinstance(n, ast.ClassDef)):
        runtime = getattr(_progsearch, cls.name)
        for item in cls.body:
            if isinstance(item, ast.FunctionDef):
                is_property = any(isinstance(d, ast.Name) and d.id == "property" for d in item.decorator_list)
                attr = getattr(runtime, item.name)
                if is_property:
                    assert isinstance(attr, property), f"{cls.name}.{item.name}"
                elif item.name != "__call__":  # pybind11 shows *args, **kwargs; the stub names them too
                    compare(item, attr, f"{cls.name}.{item.name}")
                checked += 1
            elif isinstance(item, ast.AnnAssign):
                assert hasattr(runtime, item.target.id), f"{cls.name}.{item.target.id}"
                checked += 1
        # Every public attribute of the class is in the stub.
        public = {a for a in vars(runtime) if not a.startswith("_")}
        if issubclass(runtime, BaseException):
            continue
        described = {i.name for i in cls.body if isinstance(i, ast.FunctionDef)} | {
            i.target.id for i in cls.body if isinstance(i, ast.AnnAssign)} | {
            t.id for i in cls.body if isinstance(i, ast.Assign) for t in i.targets}
        assert public <= described | {"name", "value"}, f"{cls.name}: {public - described}"
    assert checked > 40


def test_help_shows_the_docstrings():
    assert "fitness" in progsearch.evolve.__doc__
    assert "minimax" in progsearch.DiscoverResult.minimax.__doc__
