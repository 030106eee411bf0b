"""Type-check usage.py and the docs' code blocks against the installed package, as a user's project sees
it (`make typecheck`).

Run with the Python of the virtual environment that holds the checkers (tests/typecheck/requirements.txt):

1. build a wheel of this repository and check that it ships ``py.typed``;
2. install it (not editable) into that environment;
3. copy usage.py, every Python code block of README.md and docs/ (one file each, its lines padded so a
   diagnostic names the Markdown file's line) and the checkers' configs to an empty scratch folder, so
   the only pieces_os_client importable is the installed one, and prove it: the module's file and the
   one mypy parsed must both be in site-packages;
4. run ``mypy --strict`` (no pydantic plugin, tests/typecheck/mypy.ini) and basedpyright in standard mode
   (tests/typecheck/pyrightconfig.json); both must report nothing.

Exits non-zero when any step fails. Standard library only.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tempfile
import zipfile
from pathlib import Path
from typing import Dict, List, Optional

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT))
from tests._doc_blocks import doc_files, extract  # noqa: E402  (stdlib only; needs ROOT on the path)

FILES = ("usage.py", "mypy.ini", "pyrightconfig.json")
# The folder of the scratch copy that holds the docs' code blocks.
DOCS = "doc_blocks"
# Shipped in the wheel, or type checkers treat the package as untyped (PEP 561).
REQUIRED_IN_WHEEL = ("pieces_os_client/py.typed", "pieces_os_client/api/allocations_api.py")


def _run(args: List[str], *, cwd: Path, env: Dict[str, str], capture: bool = False) -> str:
    print("$", " ".join(args), flush=True)
    result = subprocess.run(args, cwd=cwd, env=env, text=True, capture_output=capture, check=False)
    if result.returncode != 0:
        if capture:
            sys.stdout.write(result.stdout)
            sys.stderr.write(result.stderr[-20000:])
        raise SystemExit(
            f"typecheck: {args[0]} {args[1] if len(args) > 1 else ''} failed ({result.returncode})"
        )
    return (result.stdout + result.stderr) if capture else ""


def _inside(path: str, folder: str) -> bool:
    return os.path.commonpath([os.path.realpath(path), os.path.realpath(folder)]) == os.path.realpath(folder)


def _mypy_parsed(log: str, module_file: str) -> Optional[str]:
    """The file mypy's verbose log says it parsed for ``module_file`` (e.g. pieces_os_client/__init__.py)."""
    for line in log.splitlines():
        if "Parsing " in line and line.rstrip().endswith("(pieces_os_client)"):
            path = line.split("Parsing ", 1)[1].rsplit(" (", 1)[0]
            if path.replace(os.sep, "/").endswith(module_file):
                return path
    return None


def _write_doc_blocks(folder: Path) -> Dict[str, str]:
    """Each docs code block as a module of ``folder``; returns {file name: its Markdown file}."""
    folder.mkdir()
    sources: Dict[str, str] = {}
    for path in doc_files():
        for example in extract(path):
            where = str(path.relative_to(ROOT))
            name = re.sub(r"\W", "_", where).lower() + f"_line{example.line}.py"
            (folder / name).write_text("\n" * (example.line - 1) + example.code, encoding="utf-8")
            sources[name] = where
    return sources


def _in_repo(report: str, work: Path, docs: Dict[str, str]) -> str:
    """A checker's report with the scratch copy's paths replaced by the file's place in the repository."""
    lines = []
    for line in report.replace(f"{work}{os.sep}", "").splitlines(keepends=True):
        stripped = line.lstrip()
        if stripped.startswith("usage.py"):
            line = line[: len(line) - len(stripped)] + "tests/typecheck/" + stripped
        elif stripped.startswith(f"{DOCS}{os.sep}") or stripped.startswith(f"{DOCS}/"):
            name = re.split(r"[:\s]", stripped[len(DOCS) + 1 :], maxsplit=1)[0]
            line = line.replace(f"{DOCS}{os.sep}{name}", docs.get(name, name)).replace(
                f"{DOCS}/{name}", docs.get(name, name)
            )
        lines.append(line)
    return "".join(lines)


def _pyright_package_holders(log: str) -> List[str]:
    """The folders in pyright's verbose list of search paths that hold a pieces_os_client package."""
    holders: List[str] = []
    in_paths = False
    for line in log.splitlines():
        if line.strip() == "Search paths:":
            in_paths = True
            continue
        if in_paths:
            if not line.startswith("    "):
                in_paths = False
                continue
            folder = Path(line.strip())
            if any((folder / name).exists() for name in ("pieces_os_client", "pieces_os_client-stubs")):
                holders.append(str(folder))
    return holders


def _pyright_report(log: str) -> str:
    """The diagnostics of pyright's verbose output, without its log lines."""
    keep = [
        line
        for line in log.splitlines(keepends=True)
        if (("usage.py" in line or DOCS in line) and not line.startswith("["))
        or re.match(r"\d+ errors?, \d+ warnings?, \d+ (note|informations?)", line)
    ]
    return "".join(keep)


def main() -> int:
    python = sys.executable
    site_packages = sysconfig.get_paths()["purelib"]
    # Nothing from the caller's environment may put this source tree on the path.
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "MYPYPATH", "PYTHONHOME")}
    bin_dir = Path(python).parent
    env["PATH"] = f"{bin_dir}{os.pathsep}{env.get('PATH', '')}"

    with tempfile.TemporaryDirectory(prefix="pieces-typecheck-") as scratch_name:
        scratch = Path(scratch_name)
        dist, work = scratch / "dist", scratch / "work"
        work.mkdir()

        _run(
            [python, "-m", "pip", "wheel", "--quiet", "--no-deps", str(ROOT), "-w", str(dist)],
            cwd=scratch,
            env=env,
        )
        wheels = sorted(dist.glob("pieces_os_client-*.whl"))
        if len(wheels) != 1:
            raise SystemExit(f"typecheck: expected one wheel in {dist}, found {[w.name for w in wheels]}")
        wheel = wheels[0]
        with zipfile.ZipFile(wheel) as archive:
            names = set(archive.namelist())
        missing = [name for name in REQUIRED_IN_WHEEL if name not in names]
        if missing:
            raise SystemExit(f"typecheck: {wheel.name} lacks {missing}")
        print(f"{wheel.name}: {len(names)} files, py.typed included")

        # The same version is reinstalled from the new wheel; then its dependencies are brought in.
        _run(
            [python, "-m", "pip", "install", "--quiet", "--force-reinstall", "--no-deps", str(wheel)],
            cwd=scratch,
            env=env,
        )
        _run([python, "-m", "pip", "install", "--quiet", str(wheel)], cwd=scratch, env=env)

        for name in FILES:
            shutil.copy2(HERE / name, work / name)
        docs = _write_doc_blocks(work / DOCS)
        print(f"{len(docs)} code blocks of README.md and docs/ to check beside usage.py")

        where = _run(
            [python, "-c", "import pieces_os_client; print(pieces_os_client.__file__)"],
            cwd=work,
            env=env,
            capture=True,
        ).strip()
        if not _inside(where, site_packages):
            raise SystemExit(f"typecheck: pieces_os_client resolves to {where}, not to {site_packages}")
        print(f"pieces_os_client imports from {where}")

        # No cache: mypy parses every module afresh, so its log names the file it read for each.
        mypy_args = [
            python,
            "-m",
            "mypy",
            "--config-file",
            "mypy.ini",
            "--cache-dir",
            os.devnull,
            "-v",
            "usage.py",
            DOCS,
        ]
        print("$", " ".join(mypy_args), flush=True)
        mypy = subprocess.run(mypy_args, cwd=work, env=env, text=True, capture_output=True, check=False)
        parsed = _mypy_parsed(mypy.stderr, "pieces_os_client/__init__.py")
        sys.stdout.write(_in_repo(mypy.stdout, work, docs))
        failed = mypy.returncode != 0
        if parsed is None or not _inside(parsed, site_packages):
            raise SystemExit(
                f"typecheck: mypy checked pieces_os_client from {parsed}, not from {site_packages}"
            )
        print(f"mypy read pieces_os_client from {parsed}")

        pyright_args = [
            str(bin_dir / "basedpyright"),
            "--verbose",
            "--pythonpath",
            python,
            "--project",
            "pyrightconfig.json",
        ]
        print("$", " ".join(pyright_args), flush=True)
        pyright = subprocess.run(pyright_args, cwd=work, env=env, text=True, capture_output=True, check=False)
        sys.stdout.write(_in_repo(_pyright_report(pyright.stdout), work, docs))
        sys.stderr.write(pyright.stderr)
        holders = _pyright_package_holders(pyright.stdout)
        if [os.path.realpath(h) for h in holders] != [os.path.realpath(site_packages)]:
            raise SystemExit(f"typecheck: basedpyright can import pieces_os_client from {holders}")
        print(f"basedpyright can import pieces_os_client from {site_packages} only")
        failed = failed or pyright.returncode != 0

    if failed:
        print("typecheck: FAILED (see the errors above)")
        return 1
    print("typecheck: mypy --strict (no plugin) and basedpyright (standard) report no errors, in usage.py")
    print("and in every Python code block of README.md and docs/")
    return 0


if __name__ == "__main__":
    sys.exit(main())
