"""The folders of toolkit/ are floors, and imports point only downward (issue 12).

    read/ -> extract/ -> tables/ -> show/ -> cli.py        (errors.py, records.py: below all)

Two checks per floor. Statically, every import statement in every module of the folder (those
inside functions too) names only what the floor may use. At run time, importing the floor in
a fresh interpreter loads none of the heavy libraries it must stay free of: the extraction
floor is pure Python in what it loads, not only in its source.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "toolkit"

BASE = ("toolkit.errors", "toolkit.records")
#: floor -> (toolkit modules it may import, third-party modules it must not import)
RULES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "read": (BASE + ("toolkit.read",), ("pandas", "numpy", "matplotlib", "ipywidgets", "IPython", "nbformat")),
    "extract": (BASE + ("toolkit.read.lexicon", "toolkit.read.clean", "toolkit.read.alternation", "toolkit.extract"),
                ("pandas", "numpy", "matplotlib", "ipywidgets", "IPython", "nbformat", "yaml")),
    "tables": (BASE + ("toolkit", "toolkit.read", "toolkit.extract", "toolkit.tables"),
               ("matplotlib", "ipywidgets", "IPython", "nbformat")),
    "show": (BASE + ("toolkit", "toolkit.tables", "toolkit.show"), ()),
}
#: Calls that read or write files; extraction gets its words through toolkit.read.lexicon only.
FILE_CALLS = {"open", "read_text", "read_bytes", "write_text", "write_bytes"}


def _imports(tree: ast.AST, module: str) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: resolve against the importing module's package
                parts = module.split(".")[: -node.level]
                base = ".".join(parts + ([base] if base else []))
            found.append((node.lineno, base))
            # "from toolkit.extract import dates" imports toolkit.extract.dates
            found += [(node.lineno, f"{base}.{a.name}") for a in node.names
                      if _is_module(f"{base}.{a.name}")]
    return found


def _is_module(name: str) -> bool:
    path = REPO.joinpath(*name.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def _within(name: str, prefix: str) -> bool:
    return name == prefix or name.startswith(prefix + ".")


def violations(floor: str, module: str, source: str) -> list[str]:
    """What in one module's source breaks its floor's rule, as readable lines."""
    allowed, banned = RULES[floor]
    tree = ast.parse(source)
    out = []
    for line, name in _imports(tree, module):
        if name.startswith("toolkit"):
            if not any(_within(name, a) for a in allowed) and name != "toolkit":
                out.append(f"{module}:{line} imports {name}, above or beside the {floor} floor")
            elif name == "toolkit" and "toolkit" not in allowed:
                out.append(f"{module}:{line} imports the toolkit package, which re-exports the tables floor")
        elif any(_within(name, b) for b in banned):
            out.append(f"{module}:{line} imports {name}, which the {floor} floor must not use")
    if floor == "extract":
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                func = node.func
                called = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
                if called in FILE_CALLS:
                    out.append(f"{module}:{node.lineno} calls {called}(): extraction reads no files")
    return out


def _modules(floor: str) -> list[tuple[str, Path]]:
    out = []
    for path in sorted((PACKAGE / floor).rglob("*.py")):
        name = ".".join(path.relative_to(REPO).with_suffix("").parts).removesuffix(".__init__")
        out.append((name, path))
    return out


@pytest.mark.parametrize("floor", list(RULES))
def test_every_import_of_a_floor_points_down(floor):
    modules = _modules(floor)
    assert modules, f"toolkit/{floor}/ holds no module"
    problems = [p for name, path in modules for p in violations(floor, name, path.read_text(encoding="utf-8"))]
    assert problems == []


@pytest.mark.parametrize("source, expected", [
    ("import pandas as pd\n", "imports pandas, which the extract floor must not use"),
    ("def f():\n    import matplotlib.pyplot as plt\n", "imports matplotlib.pyplot, which the extract floor"),
    ("from toolkit.tables.frames import records_frame\n", "imports toolkit.tables.frames, above or beside"),
    ("from ..tables import corpus\n", "imports toolkit.tables.corpus, above or beside"),
    ("import toolkit\n", "imports the toolkit package"),
    ("def f(p):\n    return p.read_text()\n", "calls read_text(): extraction reads no files"),
])
def test_the_check_catches_an_arrow_pointing_up(source, expected):
    problems = violations("extract", "toolkit.extract.numbers", source)
    assert any(expected in p for p in problems), problems


def test_the_check_passes_what_a_floor_may_import():
    source = "import re\nfrom toolkit.records import Figure\nfrom toolkit.read.lexicon import Lexicon\nfrom . import numbers\n"
    assert violations("extract", "toolkit.extract.figures", source) == []


def _loaded_after(statement: str) -> set[str]:
    code = f"import sys\n{statement}\nprint('\\n'.join(sorted(sys.modules)))"
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    return set(done.stdout.split())


HEAVY = ("pandas", "numpy", "matplotlib", "ipywidgets", "IPython")


@pytest.mark.parametrize("statement", [
    "import toolkit",
    "import toolkit.read.readers",
    "import toolkit.extract",
    "from toolkit.extract import run; run('Seoul said 1,500 troops left.', published=None, sentences=[(0, 29)])",
], ids=["toolkit", "read", "extract", "extract-run"])
def test_the_lower_floors_load_no_heavy_library(statement):
    loaded = _loaded_after(statement)
    assert sorted(m for m in loaded if m.split(".")[0] in HEAVY) == []


def test_the_extraction_floor_loads_nothing_above_it():
    loaded = _loaded_after("import toolkit.extract")
    assert sorted(m for m in loaded if _within(m, "toolkit.tables") or _within(m, "toolkit.show")) == []


def test_the_package_still_offers_its_public_names():
    loaded = _loaded_after("import toolkit as tk; tk.load; tk.parse_text; tk.Corpus")
    assert "toolkit.tables.corpus" in loaded and "pandas" in loaded


MAX_MODULE_LINES = 600
MAX_FUNCTION_LINES = 80


def test_every_module_and_function_stays_readable_alone():
    # Issue 12: a module a person can read alone, a function that fits on a screen.
    too_long = []
    for path in sorted(PACKAGE.rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        name = path.relative_to(REPO)
        if source.count("\n") > MAX_MODULE_LINES:
            too_long.append(f"{name}: {source.count(chr(10))} lines")
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                first = min([node.lineno] + [d.lineno for d in node.decorator_list])
                if node.end_lineno - first + 1 > MAX_FUNCTION_LINES:
                    too_long.append(f"{name}:{node.lineno} {node.name}: {node.end_lineno - first + 1} lines")
    assert too_long == []
