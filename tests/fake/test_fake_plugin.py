"""The pytest plugin as users' projects load it: a pytest run in a subprocess, in a project of its own.

The package is installed (editable) with its ``pytest11`` entry point, so a project with no
``pytest_plugins`` line gets the fixtures; the documented line keeps working beside the entry point.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Dict, List, Optional

PLUGIN = "pieces_os_client.testing.pytest_plugin"
TIMEOUT = 120
# Other plugins installed here load slowly (schemathesis takes seconds); ours still loads by entry point.
# Installed plugins that take long to load, or reorder tests (the sample module depends on its order).
QUIET = ("-p", "no:schemathesis", "-p", "no:hypothesispytest", "-p", "no:anyio", "-p", "no:randomly")

USES_THE_FIXTURES = """
import pytest

import pieces_os_client
from pieces_os_client.testing import sample_user_profile


@pytest.fixture(scope="module")
def module_client(pieces_os_session):
    with pieces_os_client.ApiClient(pieces_os_session.configuration()) as client:
        yield pieces_os_client.AllocationsApi(client)


def test_function_fixture(pieces_os):
    with pieces_os_client.ApiClient(pieces_os.configuration()) as client:
        api = pieces_os_client.AllocationsApi(client)
        api.allocations_connect_new_cloud(user_profile=sample_user_profile("ada"))
    assert [r.path for r in pieces_os.requests] == ["/allocations/connect"]


def test_session_fixture_from_a_module_scoped_one(module_client, pieces_os_session):
    module_client.allocations_connect_new_cloud(user_profile=sample_user_profile("grace"))
    assert [a.id for a in pieces_os_session.allocations] == ["grace"]


def test_session_state_is_shared_until_reset(module_client, pieces_os_session):
    assert [a.id for a in module_client.allocations_snapshot().iterable] == ["grace"]
    pieces_os_session.cloud = True
    pieces_os_session.fail_next("/allocations")
    pieces_os_session.reset()
    assert pieces_os_session.requests == [] and pieces_os_session.pending_faults() == []
    assert module_client.allocations_snapshot().iterable == [] and not pieces_os_session.cloud
"""


def run_pytest(
    project: Path, *args: str, env: Optional[Dict[str, str]] = None
) -> subprocess.CompletedProcess[str]:
    command: List[str] = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *QUIET, *args]
    environment = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST_")}
    environment.update(env or {})
    return subprocess.run(
        command, cwd=project, capture_output=True, text=True, timeout=TIMEOUT, env=environment, check=False
    )


def make_project(tmp_path: Path, files: Dict[str, str]) -> Path:
    project = tmp_path / "project"
    project.mkdir()
    (project / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")  # the project's root
    for name, content in files.items():
        (project / name).write_text(textwrap.dedent(content), encoding="utf-8")
    return project


def test_the_entry_point_enables_the_fixtures_without_a_pytest_plugins_line(tmp_path: Path) -> None:
    project = make_project(tmp_path, {"test_app.py": USES_THE_FIXTURES})
    done = run_pytest(project)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "3 passed" in done.stdout


def test_the_documented_pytest_plugins_line_keeps_working(tmp_path: Path) -> None:
    project = make_project(
        tmp_path,
        {"conftest.py": f"pytest_plugins = [{PLUGIN!r}]\n", "test_app.py": USES_THE_FIXTURES},
    )
    for env in ({}, {"PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"}):  # beside the entry point, and alone
        done = run_pytest(project, env=env)
        assert done.returncode == 0, done.stdout + done.stderr
        assert "3 passed" in done.stdout and "already registered" not in done.stdout + done.stderr
    done = run_pytest(project, "-p", PLUGIN)  # named on the command line too
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_plugin_can_be_disabled_by_its_name(tmp_path: Path) -> None:
    project = make_project(tmp_path, {"test_app.py": "def test_x(pieces_os):\n    pass\n"})
    done = run_pytest(project, "-p", f"no:{PLUGIN}")
    assert done.returncode != 0 and "fixture 'pieces_os' not found" in done.stdout


def test_loading_the_plugin_imports_only_pytest() -> None:
    probe = textwrap.dedent(
        f"""
        import sys
        import pytest
        before = set(sys.modules)
        import {PLUGIN}
        print(sorted(set(sys.modules) - before))
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=TIMEOUT, check=True
    )
    loaded = eval(done.stdout)  # a printed list of module names
    assert loaded and all(name.startswith("pieces_os_client") for name in loaded), loaded
    heavy = ("pydantic", "urllib3", "aiohttp", "pytest_asyncio", "http.server", "pieces_os_client.models.")
    assert not [name for name in loaded if name.startswith(heavy)], loaded
    assert "pieces_os_client.testing._server" not in loaded


def test_a_suite_that_never_uses_the_fixtures_never_loads_the_fake(tmp_path: Path) -> None:
    project = make_project(
        tmp_path,
        {
            "test_other.py": """
            import sys

            def test_nothing_of_the_fake_is_loaded():
                assert "pieces_os_client.testing._server" not in sys.modules
                assert "pydantic" not in sys.modules
            """
        },
    )
    done = run_pytest(project, "-p", PLUGIN, env={"PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"})
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_fixtures_can_be_served_in_process(tmp_path: Path) -> None:
    project = make_project(
        tmp_path,
        {
            "test_app.py": """
            import socket

            import pieces_os_client


            def test_no_socket(pieces_os, monkeypatch):
                monkeypatch.setattr(socket, "socket", None)  # any socket would fail
                assert pieces_os.is_in_process
                with pieces_os_client.ApiClient(pieces_os.configuration()) as client:
                    assert pieces_os_client.AllocationsApi(client).allocations_snapshot().iterable == []


            def test_session_too(pieces_os_session):
                assert pieces_os_session.is_in_process
            """
        },
    )
    (project / "pytest.ini").write_text("[pytest]\npieces_os_in_process = true\n", encoding="utf-8")
    done = run_pytest(project)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "2 passed" in done.stdout
