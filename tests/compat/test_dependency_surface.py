"""The package reaches no private name of its dependencies: an AST scan of every module.

A private name (``_x``) of http.client, urllib3, requests or aiohttp can change in any release, and a
class the SDK swaps in for one of theirs hides it from the tools that patch them (vcrpy, OpenTelemetry).
The scan fails on:

- any attribute ``obj._x`` read or written, and any ``getattr``/``setattr``/``hasattr``/``delattr`` of a
  ``"_x"`` string, where ``_x`` is not a name this package defines itself (a function, a class, an
  assignment target, a ``__slots__`` entry, an argument, an import alias);
- the names that were once reached on purpose (`FORBIDDEN`), wherever they appear;
- assigning the class attributes that replace a library's machinery (`REPLACED`);
- importing a private module of those libraries.

`UNDOCUMENTED` lists the public-looking names the package uses although the library does not document
them, each with why it is public in practice; a test checks each still exists where it is used.
"""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Dict, Iterator, List, Set, Tuple

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "pieces_os_client"

LIBRARIES = ("http", "urllib3", "requests", "aiohttp")

# Every private name the transports used to reach, and their neighbours: none may come back.
FORBIDDEN = frozenset(
    {
        "_read_status",
        "_close_conn",
        "_container",
        "_factory",
        "_retry_connection",
        "_acquired",
        "_reschedule_timeout",
        "_drop_timeout",
        "_on_read_timeout",
        "_new_conn",
        "_get_conn",
        "_put_conn",
        "_make_request",
        "_validate_conn",
        "_raw_read",
        "_fp",
        "_sock_shutdown",
        "_connection",
        "_conns",
        "_payload",
        "_protocol",
        "_safe_read",
        "_method",
    }
)

# Class attributes whose assignment swaps part of a library for the SDK's own.
REPLACED = frozenset({"ConnectionCls", "pool_classes_by_scheme", "response_class", "fp", "ResponseClass"})

# Underscored names of the standard library outside this scan's concern: namedtuple's documented
# methods and fields (the underscore keeps them apart from field names), and enum's value lookup table,
# which the models' open enums read (pieces_os_client/_model.py; no HTTP library involved).
STDLIB_UNDERSCORED = frozenset({"_fields", "_replace", "_asdict", "_make", "_value2member_map_"})

UNDOCUMENTED: Dict[str, str] = {
    "should_close": (
        "aiohttp.client_proto.ResponseHandler.should_close, read by the asyncio transport's connector: "
        "a property without an underscore, the one aiohttp's own pool reads when a connection is "
        "released, absent from aiohttp's documentation; the transport refuses to start without it"
    ),
}


def _modules() -> Iterator[Tuple[Path, ast.Module]]:
    for path in sorted(PACKAGE.rglob("*.py")):
        yield path, ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def _private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def _defined_names() -> Set[str]:
    """Every name the package defines itself, anywhere."""
    names: Set[str] = set()
    for _, tree in _modules():
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                names.add(node.name)
            elif isinstance(node, ast.arg):
                names.add(node.arg)
            elif isinstance(node, ast.alias) and node.asname:
                names.add(node.asname)
            elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                names.add(node.id)
            elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
                names.add(node.attr)
            elif isinstance(node, ast.Assign):
                for target in node.targets:
                    if isinstance(target, ast.Name) and target.id == "__slots__":
                        names.update(_strings(node.value))
    return names


def _strings(node: ast.AST) -> List[str]:
    return [n.value for n in ast.walk(node) if isinstance(n, ast.Constant) and isinstance(n.value, str)]


def _attribute_uses(tree: ast.Module) -> Iterator[Tuple[int, str, bool]]:
    """(line, name, written) of every attribute, and of every attribute named by a string to getattr & co."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute):
            yield node.lineno, node.attr, isinstance(node.ctx, ast.Store)
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in ("getattr", "setattr", "hasattr", "delattr")
            and len(node.args) >= 2
            and isinstance(node.args[1], ast.Constant)
            and isinstance(node.args[1].value, str)
        ):
            yield node.lineno, node.args[1].value, node.func.id in ("setattr", "delattr")


def test_no_private_name_of_a_dependency_is_reached() -> None:
    defined = _defined_names()
    found: List[str] = []
    for path, tree in _modules():
        where = path.relative_to(PACKAGE.parent)
        for line, name, written in _attribute_uses(tree):
            if name in FORBIDDEN:
                found.append(f"{where}:{line}: {name} (a private name the SDK once reached)")
            elif _private(name) and name not in defined and name not in STDLIB_UNDERSCORED:
                found.append(f"{where}:{line}: {name} (private, and not defined by this package)")
            elif written and name in REPLACED:
                found.append(f"{where}:{line}: assigns {name} (replaces part of a library)")
    assert found == []


def test_no_private_module_of_a_dependency_is_imported() -> None:
    found: List[str] = []
    for path, tree in _modules():
        for node in ast.walk(tree):
            modules: List[str] = []
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                modules = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
            for module in modules:
                parts = module.split(".")
                if parts[0] in LIBRARIES and any(_private(part) for part in parts[1:]):
                    found.append(f"{path.relative_to(PACKAGE.parent)}:{node.lineno}: imports {module}")
    assert found == []


def test_the_scan_finds_what_it_looks_for() -> None:
    """The scan is not vacuous: it flags each kind of use in a module written to break every rule."""
    bad = ast.parse(
        "import urllib3.util._private\n"
        "pool.ConnectionCls = Mine\n"
        "connector._factory = build\n"
        "getattr(session, '_something_private')\n"
        "response._undefined_thing\n"
    )
    uses = [name for _, name, _ in _attribute_uses(bad)]
    assert {"ConnectionCls", "_factory", "_something_private", "_undefined_thing"} <= set(uses)
    defined = _defined_names()
    assert "_factory" in FORBIDDEN and not {"_something_private", "_undefined_thing"} & defined


def test_every_undocumented_name_still_exists() -> None:
    aiohttp = pytest.importorskip("aiohttp")
    from aiohttp.client_proto import ResponseHandler

    assert isinstance(ResponseHandler.should_close, property), UNDOCUMENTED["should_close"]
    assert aiohttp is not None
