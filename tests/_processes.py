"""Child processes in tests: `pieces-os-client fake-server` started as a user would, stopped with SIGTERM.

Tests stop child processes with SIGTERM, never SIGINT: a shell starts a background job (``make test &``)
with SIGINT ignored, its children inherit that, and the fake-server keeps the shell's convention (SIGINT
ignored stays ignored), so SIGINT would stop nothing there. A test that is about Ctrl-C starts the child
with ``sigint="default"``, as an interactive shell would.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import threading
from typing import Any, Dict, Iterator, List, Literal, Optional, Tuple

__all__ = ["fake_server_command", "python_command", "run_cli", "stop"]

# SIGINT as the child finds it: inherited from the test process, the default (an interactive shell's
# foreground job), or ignored (a background job of a script).
Sigint = Optional[Literal["default", "ignore"]]

_WITH_SIGINT = (
    "import os, signal, sys\n"
    "signal.signal(signal.SIGINT, signal.SIG_IGN if sys.argv[1] == 'ignore' else signal.SIG_DFL)\n"
    "os.execv(sys.executable, [sys.executable, *sys.argv[2:]])\n"
)


def python_command(*args: str, sigint: Sigint = None) -> List[str]:
    """``python *args``; with ``sigint``, the interpreter starts with SIGINT set that way (then execs)."""
    if sigint is None:
        return [sys.executable, *args]
    return [sys.executable, "-c", _WITH_SIGINT, sigint, *args]


def run_cli(*args: str, stdin: Optional[str] = None, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """``python -m pieces_os_client *args`` in a process of its own, ``stdin`` its input (none when None)."""
    return subprocess.run(
        [sys.executable, "-m", "pieces_os_client", *args],
        input=stdin,
        stdin=subprocess.DEVNULL if stdin is None else None,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
        check=False,
    )


def stop(proc: subprocess.Popen[Any], timeout: float = 30) -> None:
    """SIGTERM a process still running, wait up to ``timeout`` s, kill it if it has not stopped."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout)


@contextlib.contextmanager
def fake_server_command(
    *args: str, timeout: float = 30, sigint: Sigint = None, errors: Optional[str] = None
) -> Iterator[Tuple[subprocess.Popen[str], Dict[str, Any]]]:
    """``python -m pieces_os_client --json fake-server *args`` in a process of its own.

    Yields the process and the JSON line it prints first (``url``, ...). On leaving, a process still
    running gets SIGTERM (and is killed if it has not stopped within ``timeout``); its pipes are closed.
    """
    proc = subprocess.Popen(
        python_command("-m", "pieces_os_client", "--json", "fake-server", *args, sigint=sigint),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        errors=errors,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        lines: List[str] = []
        reader = threading.Thread(target=lambda: lines.append(proc.stdout.readline() if proc.stdout else ""))
        reader.start()
        reader.join(timeout)
        assert lines and lines[0], "fake-server printed nothing"
        yield proc, json.loads(lines[0])
    finally:
        stop(proc, timeout)
        for stream in (proc.stdout, proc.stderr):
            if stream is not None:
                stream.close()
