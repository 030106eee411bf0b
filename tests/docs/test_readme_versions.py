"""The README's supported versions are the ones pyproject.toml declares and the matrix tests."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    tomllib = pytest.importorskip("tomli")

ROOT = Path(__file__).resolve().parents[2]


def _supported_versions_section() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return text.split("### Supported versions", 1)[1].split("\n## ", 1)[0]


def test_the_readme_names_every_lower_bound_and_python_that_pyproject_declares() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    section = " ".join(_supported_versions_section().split())
    declared = [*project["dependencies"], *project["optional-dependencies"]["requests"]]
    declared += project["optional-dependencies"]["async"]
    for requirement in declared:
        match = re.match(r"([A-Za-z0-9_.-]+)>=([0-9.]+)", requirement)
        assert match, requirement
        name, bound = match.groups()
        if name == "typing-extensions":  # pydantic's own requirement, not one users choose
            continue
        assert f"{name} {bound} or later" in section, (name, bound)
    pythons = [c.rsplit(" :: ", 1)[1] for c in project["classifiers"] if re.search(r":: 3\.\d+$", c)]
    assert f"{', '.join(pythons[:-1])} and {pythons[-1]} (CPython)" in section
