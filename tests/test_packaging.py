"""Packaging stays consistent: conda env vs pyproject, pins, layering of the package."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib

import yaml

from conftest import REPO


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~ \[;]", requirement.strip(), maxsplit=1)[0].lower().replace("_", "-")


def test_environment_yml_lists_the_same_packages_as_pyproject():
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    wanted = {_name(r) for r in project["dependencies"]} | {_name(r) for r in project["optional-dependencies"]["dev"]}
    env = yaml.safe_load((REPO / "environment.yml").read_text())
    assert env["channels"] == ["conda-forge"]
    conda = {_name(d) for d in env["dependencies"] if isinstance(d, str)} - {"python", "pip"}
    assert conda == wanted
    pip_section = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    assert pip_section == ["-e ."]


def test_every_dependency_is_pinned_in_constraints():
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    pins = {_name(line) for line in (REPO / "constraints.txt").read_text().splitlines()
            if line and not line.startswith("#")}
    for req in project["dependencies"] + project["optional-dependencies"]["dev"]:
        assert _name(req) in pins, req


def test_importing_toolkit_loads_no_plotting_or_widgets():
    code = ("import sys, toolkit; toolkit.parse_text('Troops left on Monday.', published='2024-10-21'); "
            "print(sorted(m for m in ('matplotlib', 'ipywidgets') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_ci_runs_the_readme_test_command():
    assert "make test" in (REPO / ".ci" / "run").read_text()
    assert "make test" in (REPO / "README.md").read_text()
