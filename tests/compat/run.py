"""Run tests/compat/official_surface.py against this package and against the official SDK.

Usage: python tests/compat/run.py OURS_PYTHON [OFFICIAL_PYTHON]

Each interpreter is a virtual environment with one of the two SDKs installed (they share an import
name). For each, a fresh fake Pieces OS is started as a separate process from OURS_PYTHON
(``python -m pieces_os_client fake-server --json --port 0``), and the script runs with its URL in
``PIECES_COMPAT_HOST``, so the script itself imports only the official surface. Exits non-zero when a
run fails.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from typing import List

SCRIPT = Path(__file__).resolve().parent / "official_surface.py"
# Seconds the fake may take to start, and a whole run of the script.
START_TIMEOUT = 30.0
RUN_TIMEOUT = 120.0


def _run(ours_python: str, python: str, side: str, cwd: str) -> int:
    # -I, and a working directory outside the checkout: each interpreter imports its installed SDK only.
    fake = subprocess.Popen(
        [ours_python, "-I", "-m", "pieces_os_client", "fake-server", "--json", "--quiet", "--port", "0"],
        stdout=subprocess.PIPE,
        text=True,
        cwd=cwd,
    )
    try:
        assert fake.stdout is not None
        line = _first_line(fake, START_TIMEOUT)
        url = json.loads(line)["url"]
        env = {**os.environ, "PIECES_COMPAT_HOST": url, "PIECES_COMPAT_SIDE": side}
        env.pop("PIECES_OS_HOST", None)
        done = subprocess.run([python, "-I", str(SCRIPT)], env=env, cwd=cwd, timeout=RUN_TIMEOUT, check=False)
        return done.returncode
    finally:
        fake.terminate()
        try:
            fake.wait(timeout=10)
        except subprocess.TimeoutExpired:
            fake.kill()
            fake.wait(timeout=10)


def _first_line(process: subprocess.Popen[str], timeout: float) -> str:
    lines: List[str] = []
    stdout = process.stdout
    reader = threading.Thread(target=lambda: lines.append(stdout.readline() if stdout else ""), daemon=True)
    reader.start()
    reader.join(timeout)
    if not lines or not lines[0].strip():
        raise SystemExit(f"the fake Pieces OS did not start within {timeout:.0f} s")
    return lines[0]


def main(argv: List[str]) -> int:
    if not 1 <= len(argv) <= 2:
        print(__doc__, file=sys.stderr)
        return 2
    pythons = [os.path.abspath(python) for python in argv]
    failed = []
    with tempfile.TemporaryDirectory() as cwd:
        for python, side in zip(pythons, ("ours", "official")):
            print(f"--- {side}: {python}", flush=True)
            if _run(pythons[0], python, side, cwd) != 0:
                failed.append(side)
    if failed:
        print(f"compat: the script failed against {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
