"""The version scheme: the official SDK's version, then this package's release as a PEP 440 local label.

Consumers gate on the SDK's version (the Neovim plugin wants ``>= 4.4.1``, the Pieces CLI pinned
``==4.2.0``) and run ``pip install -U pieces-os-client`` themselves. What the README's "Versions" section
promises is checked here with packaging's rules and with pip itself, on a folder of wheels (no index, no
network): dummy distributions named ``pieces-os-client`` stand in for the official releases.
"""

from __future__ import annotations

import base64
import hashlib
import importlib.metadata
import os
import subprocess
import sys
import venv
import zipfile
from pathlib import Path
from typing import Dict, List

import pytest
from packaging.specifiers import SpecifierSet
from packaging.version import Version

import pieces_os_client
from pieces_os_client._constants import USER_AGENT

VERSION = Version(pieces_os_client.__version__)
OFFICIAL = Version("5.0.1")  # the official release whose Allocations API this package implements


def test_the_version_is_the_official_level_and_a_local_label() -> None:
    assert VERSION.public == "5.0.1" and VERSION.local is not None and VERSION.local.startswith("lossless.")
    assert importlib.metadata.version("pieces-os-client") == pieces_os_client.__version__
    assert f"pieces-os-client-python/{pieces_os_client.__version__}" == USER_AGENT
    assert OFFICIAL < VERSION < Version("5.0.1.post1") < Version("5.0.2")


@pytest.mark.parametrize(
    "gate", [">=4.4.0", ">=4.4.1", ">=5", "==5.0.1", "==5.0.*", "~=5.0", "<6", "<=5.0.1"]
)
def test_gates_and_pins_written_for_the_official_sdk_accept_it(gate: str) -> None:
    assert VERSION in SpecifierSet(gate) and OFFICIAL in SpecifierSet(gate)


def test_what_the_local_label_changes() -> None:
    assert VERSION not in SpecifierSet("==4.2.0")  # an old pin accepts neither
    assert VERSION not in SpecifierSet(">5.0.1")  # "later than 5.0.1" means a later public version
    pin = SpecifierSet(f"=={VERSION}")
    assert VERSION in pin and OFFICIAL not in pin  # a pin on the local label admits this release only


# --- pip, on a folder of wheels -------------------------------------------------------------------------


def _wheel(folder: Path, version: str) -> None:
    """A dummy ``pieces-os-client`` wheel of ``version``: metadata only."""
    info = f"pieces_os_client-{version}.dist-info"
    files: Dict[str, bytes] = {
        f"{info}/METADATA": f"Metadata-Version: 2.1\nName: pieces-os-client\nVersion: {version}\n".encode(),
        f"{info}/WHEEL": b"Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
    }
    record = []
    for name, data in files.items():
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
        record.append(f"{name},sha256={digest},{len(data)}")
    record.append(f"{info}/RECORD,,")
    files[f"{info}/RECORD"] = ("\n".join(record) + "\n").encode()
    with zipfile.ZipFile(folder / f"pieces_os_client-{version}-py3-none-any.whl", "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)


class Pip:
    """pip of this interpreter, run against an empty virtual environment, with a folder as its only index."""

    def __init__(self, root: Path) -> None:
        self.wheels = root / "wheels"
        self.wheels.mkdir()
        self.env_dir = root / "env"
        venv.EnvBuilder(with_pip=False).create(self.env_dir)
        bindir = "Scripts" if os.name == "nt" else "bin"
        self.python = self.env_dir / bindir / ("python.exe" if os.name == "nt" else "python")
        # Only what this test sets: no configuration file, no PIP_* variable of the machine.
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("PIP_")}
        self.env["PIP_CONFIG_FILE"] = os.devnull

    def run(self, *args: str, env: Dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
        command: List[str] = [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(self.python),
            "--disable-pip-version-check",
        ]
        command += ["install", "--no-index", "--find-links", str(self.wheels), *args]
        return subprocess.run(
            command, env={**self.env, **(env or {})}, capture_output=True, text=True, timeout=120, check=False
        )

    def installed(self) -> str:
        code = "import importlib.metadata as m; print(m.version('pieces-os-client'))"
        # -I, and a working directory of its own: only the environment's site-packages is looked at.
        done = subprocess.run(
            [str(self.python), "-I", "-c", code],
            cwd=self.env_dir,
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        )
        return done.stdout.strip()


def test_pip_keeps_it_until_the_official_sdk_publishes_a_later_version_and_a_constraint_keeps_it(
    tmp_path: Path,
) -> None:
    pip = Pip(tmp_path)
    ours = str(VERSION)
    _wheel(pip.wheels, ours)
    assert pip.run(f"pieces-os-client=={ours}").returncode == 0
    (pip.wheels / f"pieces_os_client-{ours}-py3-none-any.whl").unlink()  # as from a wheel: not in the index
    _wheel(pip.wheels, "5.0.1")  # the official release on the index

    # What consumers run while the official SDK's latest release is 5.0.1: this package stays.
    for args in (["-U", "pieces-os-client"], ["pieces-os-client>=5"], ["pieces-os-client==5.0.1"]):
        done = pip.run(*args)
        assert done.returncode == 0, done.stderr
        assert pip.installed() == ours, args

    # The official SDK publishes 5.0.2: `pip install -U` takes it, unless a constraint pins this package,
    # given on the command line or in PIP_CONSTRAINT (read by pip run by anything else, plugins too).
    _wheel(pip.wheels, "5.0.2")
    constraints = tmp_path / "constraints.txt"
    constraints.write_text(f"pieces-os-client=={ours}\n", encoding="utf-8")
    assert pip.run("-U", "pieces-os-client", "-c", str(constraints)).returncode == 0
    assert pip.installed() == ours
    assert pip.run("-U", "pieces-os-client", env={"PIP_CONSTRAINT": str(constraints)}).returncode == 0
    assert pip.installed() == ours
    refused = pip.run("pieces-os-client>=5.0.2", "-c", str(constraints))
    assert refused.returncode != 0 and pip.installed() == ours  # a conflict, not a swap
    assert pip.run("-U", "pieces-os-client").returncode == 0
    assert pip.installed() == "5.0.2"
