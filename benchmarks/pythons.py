"""``make bench-pythons``: ``make bench-compare`` on every supported CPython found on this machine.

``BENCH_PYTHONS="3.11 3.12"`` limits the run to those versions.

For each version, two virtual environments under ``.bench/<version>/``: ours (installed from this checkout,
not editable) and the official SDK 5.0.1, both with the same pydantic, pydantic-core, urllib3 and aiohttp
(for the asyncio rows; see `benchmarks._pins`) as ``.venv``, and both with their bytecode compiled first
(these machines may set PYTHONDONTWRITEBYTECODE, and an import figure without .pyc files measures the
compiler). Then ``python -m benchmarks.run --compare`` runs with that version's interpreters.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import List, Optional, Sequence

ROOT = Path(__file__).resolve().parents[1]
VERSIONS = ("3.10", "3.11", "3.12", "3.13")


def find_python(version: str) -> Optional[str]:
    """An interpreter for ``version``: ``pythonX.Y`` on PATH, else one under pyenv's versions folder."""
    found = shutil.which(f"python{version}")
    if found and _version_of(found) == version:
        return found
    root = Path(os.environ.get("PYENV_ROOT", Path.home() / ".pyenv")) / "versions"
    for candidate in sorted(root.glob(f"{version}.*"), reverse=True):
        exe = candidate / "bin" / f"python{version}"
        if exe.exists():
            return str(exe)
    return None


def _version_of(python: str) -> str:
    out = subprocess.run(
        [python, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
        capture_output=True,
        text=True,
        check=False,
    )
    return out.stdout.strip()


def _run(args: Sequence[str]) -> None:
    print("$", " ".join(args), flush=True)
    subprocess.run(args, check=True)


def _venv(python: str, path: Path, packages: List[str]) -> str:
    exe = path / "bin" / "python"
    if not exe.exists():
        _run([python, "-m", "venv", str(path)])
        _run([str(exe), "-m", "pip", "install", "--quiet", "--upgrade", "pip"])
    _run([str(exe), "-m", "pip", "install", "--quiet", "--force-reinstall", *packages])
    site = subprocess.run(
        [str(exe), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    # Not checked: a dependency may ship a file for another Python that cannot compile (aenum's _py2.py).
    compile_all = [str(exe), "-m", "compileall", "-q", site]
    subprocess.run(compile_all, check=False, env=env, stdout=subprocess.DEVNULL)
    return str(exe)


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    pins = subprocess.run(
        [sys.executable, "-m", "benchmarks._pins"], capture_output=True, text=True, check=True, cwd=ROOT
    ).stdout.split()
    missing = []
    wanted = os.environ.get("BENCH_PYTHONS", "").split() or VERSIONS  # e.g. BENCH_PYTHONS="3.11 3.12"
    for version in wanted:
        python = find_python(version)
        if python is None:
            missing.append(version)
            continue
        base = ROOT / ".bench" / version
        ours = _venv(python, base / "ours", [*pins, "pyyaml", "typing-extensions", str(ROOT)])
        # pyyaml: the harness builds the full UserProfile document from openapi.yaml in each worker.
        official = _venv(python, base / "official", [*pins, "pyyaml", "pieces-os-client==5.0.1"])
        print(f"\n=== Python {version} ===", flush=True)
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        # Run from the checkout, whose package comes first on sys.path for `-c` imports: compile it too.
        subprocess.run([ours, "-m", "compileall", "-q", str(ROOT / "pieces_os_client")], check=True, env=env)
        subprocess.run(
            [ours, "-m", "benchmarks.run", "--compare", official, *args], check=True, cwd=ROOT, env=env
        )
    if missing:
        print(f"\nNot found on this machine: Python {', '.join(missing)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
