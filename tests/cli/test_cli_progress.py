"""The command line while it waits: the status line on a terminal, --verbose, --quiet, and the questions
it asks before acting on the signed-in user.

Each command runs as a subprocess whose stderr (and, where it asks, stdin) is a pseudo-terminal
(`os.openpty`), against a raw server that accepts and never answers, or answers late. Every read of the
terminal is bounded in time.
"""

from __future__ import annotations

import json
import os
import select
import subprocess
import sys
import time
from dataclasses import dataclass
from typing import List, Optional, Tuple

import pytest

from pieces_os_client import cli
from pieces_os_client.testing import FakePiecesOS, sample_user_profile
from tests._payloads import SNAPSHOT_BODY
from tests._processes import run_cli
from tests._server import RawServer, respond, stall

pytestmark = pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal (POSIX)")

TIMEOUT = 30.0


@dataclass
class Run:
    returncode: int
    stdout: str
    terminal: str  # everything written to the pseudo-terminal (stderr, and the prompt)
    chunks: List[Tuple[float, str]]  # (seconds since start, text) as it was read from the terminal


def run_on_terminal(*args: str, answer: Optional[str] = None, stdin_terminal: bool = False) -> Run:
    """Run the command with stderr (and stdin, when ``stdin_terminal``) on a pseudo-terminal.

    ``answer`` is typed on the terminal once the command has written a question mark.
    """
    master, slave = os.openpty()
    started = time.monotonic()
    proc = subprocess.Popen(
        [sys.executable, "-m", "pieces_os_client", *args],
        stdin=slave if stdin_terminal else subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=slave,
        env={**os.environ, "PYTHONUNBUFFERED": "1", "PYTHONIOENCODING": "utf-8"},
    )
    os.close(slave)
    chunks: List[Tuple[float, str]] = []
    deadline = started + TIMEOUT
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 0.1)
            if not ready:
                if proc.poll() is not None:
                    break
                continue
            try:
                data = os.read(master, 65536)
            except OSError:  # the child closed the terminal (EIO on Linux)
                break
            if not data:
                break
            chunks.append((time.monotonic() - started, data.decode("utf-8", "replace")))
            if answer is not None and "?" in data.decode("utf-8", "replace"):
                os.write(master, answer.encode())
                answer = None
        proc.wait(timeout=max(1.0, deadline - time.monotonic()))
        assert proc.stdout is not None
        stdout = proc.stdout.read().decode()
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=5)
        if proc.stdout is not None:
            proc.stdout.close()
        os.close(master)
    return Run(proc.returncode, stdout, "".join(text for _, text in chunks), chunks)


def screen_text(run: Run) -> str:
    """What was written to the terminal, with its line ends as ``\n`` (a terminal writes ``\r\n``)."""
    return run.terminal.replace("\r\n", "\n")


def final_lines(run: Run) -> List[str]:
    """The lines left on the terminal once every status line was erased (``\r``, spaces, ``\r``)."""
    shown = (line.rsplit("\r", 1)[-1].strip() for line in screen_text(run).split("\n"))
    return [line for line in shown if line]


# -- the status line ----------------------------------------------------------------------------------


def test_a_silent_server_shows_what_the_command_waits_for_then_clears_it() -> None:
    with RawServer([stall(10)]) as server:
        run = run_on_terminal(
            "--host", server.url, "--timeout", "1", "--retries", "1", "allocations", "snapshot"
        )
    where = server.url.removeprefix("http://")
    assert run.returncode == cli.EXIT_CONNECTION, run
    text = screen_text(run)
    # After about a second, what it waits for, the attempt, and the deadline left.
    assert f"waiting for {where} (attempt 1 of 2, " in text, text
    assert "deadline in 29" in text  # of the default 300 s
    assert f"{where} timed out (attempt 1 of 2); retry in " in text
    assert f"waiting for {where} (attempt 2 of 2, " in text
    # Nothing before a second had passed.
    assert run.chunks[0][0] >= 0.9, run.chunks
    # Erased before the error line, which is then all that is left.
    before_error, _, error = text.rstrip("\n").rpartition("\r")
    erased = before_error.rsplit("\r", 1)[-1]
    assert erased.strip() == "" and len(erased) >= len("waiting for ")
    assert final_lines(run) == [error]
    assert error.startswith("pieces-os-client: ApiTimeoutError: read timed out") and "--timeout" in error
    assert "\x1b" not in text  # carriage returns and spaces only
    # Never wider than the terminal (80 columns here), so a redraw never wraps.
    for piece in text.split("\r"):
        assert len(piece.rstrip("\n")) < 80 or piece.startswith("pieces-os-client: "), piece


def test_a_retry_after_wait_is_counted_down_and_the_answer_printed_after_the_line_is_cleared() -> None:
    busy = respond(503, b"busy", content_type="text/plain", headers=[("Retry-After", "2")])
    with RawServer([busy, respond(200, SNAPSHOT_BODY)]) as server:
        run = run_on_terminal("--host", server.url, "allocations", "snapshot")
    assert run.returncode == 0, run
    where = server.url.removeprefix("http://")
    assert f"{where} answered 503 (attempt 1 of 3); retry in 1." in run.terminal
    assert final_lines(run) == []  # the line was erased; nothing else on stderr
    assert run.stdout == "no allocations\n"


@pytest.mark.parametrize("option", ["--quiet", "-q", "--json"])
def test_quiet_and_json_show_no_status_line(option: str) -> None:
    with RawServer([stall(10)]) as server:
        run = run_on_terminal(
            "--host", server.url, "--timeout", "1.5", "--retries", "0", option, "allocations", "snapshot"
        )
    assert run.returncode == cli.EXIT_CONNECTION
    assert "waiting for 127" not in run.terminal
    assert len(final_lines(run)) == 1 and "\r" not in screen_text(run)


def test_no_status_line_when_stderr_is_not_a_terminal() -> None:
    with RawServer([stall(10)]) as server:
        done = run_cli(
            "--host",
            server.url,
            "--timeout",
            "1.5",
            "--retries",
            "0",
            "allocations",
            "snapshot",
            timeout=TIMEOUT,
        )
    assert done.returncode == cli.EXIT_CONNECTION
    assert done.stderr.count("\n") == 1 and "\r" not in done.stderr and "waiting for 127" not in done.stderr


def test_verbose_prints_a_line_per_attempt_and_retry_in_the_command_lines_words() -> None:
    with RawServer([stall(10)]) as server:
        done = run_cli(
            "--host",
            server.url,
            "--timeout",
            "1",
            "--retries",
            "1",
            "allocations",
            "snapshot",
            "--verbose",
            timeout=TIMEOUT,
        )
    assert done.returncode == cli.EXIT_CONNECTION
    lines = done.stderr.splitlines()
    assert len(lines) == 4, lines
    url = f"{server.url}/allocations"
    assert f"DEBUG pieces_os_client: GET {url} -> ApiTimeoutError: read timed out" in lines[0]
    assert lines[0].endswith("(attempt 1/2)") and lines[2].endswith("(attempt 2/2)")
    assert f"DEBUG pieces_os_client: retrying GET {url} in " in lines[1]
    assert lines[3].startswith("pieces-os-client: ApiTimeoutError:")
    assert "Configuration" not in done.stderr and "--timeout sets the limit" in lines[0]


# -- options worded for the command line -----------------------------------------------------------------


@pytest.mark.parametrize(
    "argv, expected",
    [
        (["--timeout", "-1"], "argument --timeout: seconds above 0 and at most 86400 (one day), not '-1'"),
        (["--timeout", "nan"], "argument --timeout: seconds above 0"),
        (["--timeout", "1e10"], "argument --timeout: seconds above 0 and at most 86400"),
        (["--total-timeout", "0"], "argument --total-timeout: seconds above 0"),
        (["--retries", "-1"], "argument --retries: a whole number >= 0, not '-1'"),
        (["--retries", "two"], "argument --retries: a whole number >= 0, not 'two'"),
        (["--host", "foo"], "ConfigurationError: --host 'foo' needs the scheme http:// or https://"),
    ],
)
def test_bad_option_values_name_the_option(argv: List[str], expected: str) -> None:
    done = run_cli(*argv, "allocations", "snapshot", timeout=TIMEOUT)
    assert done.returncode == cli.EXIT_USAGE, done
    assert expected in done.stderr, done.stderr
    assert "Configuration." not in done.stderr and "connect_timeout" not in done.stderr


def test_the_total_deadline_error_names_total_timeout() -> None:
    with RawServer([stall(10)]) as server:
        done = run_cli(
            "--host", server.url, "--total-timeout", "1", "allocations", "snapshot", timeout=TIMEOUT
        )
    assert done.returncode == cli.EXIT_CONNECTION
    assert "did not finish within the total deadline of 1 s" in done.stderr
    assert "--total-timeout sets the limit" in done.stderr and "Configuration" not in done.stderr


@pytest.mark.parametrize(
    "argv, expected",
    [
        (["-v", "discover"], "discover does not use --verbose"),
        (["--total-timeout", "3", "demo"], "demo does not use --total-timeout"),
        (["--quiet", "discover"], "discover does not use --quiet"),
    ],
)
def test_call_options_are_refused_by_commands_that_make_no_call(argv: List[str], expected: str) -> None:
    done = run_cli(*argv, timeout=TIMEOUT)
    assert done.returncode == cli.EXIT_USAGE and expected in done.stderr, done.stderr


# -- a snapshot piped where one allocation is expected -----------------------------------------------------


def test_a_snapshot_piped_into_reconnect_says_what_it_is_and_how_to_pick_one(pieces_os: FakePiecesOS) -> None:
    pieces_os.add_allocation(sample_user_profile("ada"))
    pieces_os.add_allocation(sample_user_profile("bob"))
    base = ["--host", pieces_os.url]
    snapshot = run_cli(*base, "--json", "allocations", "snapshot", timeout=TIMEOUT)
    assert snapshot.returncode == 0, snapshot.stderr
    sent_before = len(pieces_os.requests)
    for command in ("reconnect", "create"):
        done = run_cli(*base, "allocations", command, "--file", "-", stdin=snapshot.stdout, timeout=TIMEOUT)
        assert done.returncode == cli.EXIT_USAGE, done
        assert (
            "stdin holds an Allocations (a snapshot: 2 allocations, ids ada, bob), not one AllocationCloud"
            in done.stderr
        )
        if command == "reconnect":
            assert "give its id with --id instead of --file" in done.stderr
        else:
            assert 'give one item of its "iterable" list as the body' in done.stderr
    assert len(pieces_os.requests) == sent_before  # nothing was sent
    one = json.dumps(json.loads(snapshot.stdout)["iterable"][0])
    done = run_cli(*base, "allocations", "reconnect", "--file", "-", stdin=one, timeout=TIMEOUT)
    assert done.returncode == 0, done.stderr


# -- the signed-in user --------------------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["disconnect", "delete"])
def test_acting_on_the_signed_in_user_must_be_asked_for(pieces_os: FakePiecesOS, command: str) -> None:
    pieces_os.add_allocation()
    done = run_cli("--host", pieces_os.url, "allocations", command, timeout=TIMEOUT)
    assert done.returncode == cli.EXIT_USAGE, done
    assert f"{command} without --id or --file acts on the signed-in user's allocation" in done.stderr
    assert "--signed-in-user" in done.stderr and "nothing was sent" in done.stderr
    assert pieces_os.requests == []


def test_signed_in_user_sends_no_body(pieces_os: FakePiecesOS) -> None:
    pieces_os.add_allocation()
    done = run_cli("--host", pieces_os.url, "allocations", "disconnect", "--signed-in-user", timeout=TIMEOUT)
    assert [(r.method, r.path, r.body) for r in pieces_os.requests] == [
        ("POST", "/allocations/disconnect", b"")
    ]
    assert done.returncode == 0, done.stderr
    refused = run_cli(
        "--host",
        pieces_os.url,
        "allocations",
        "disconnect",
        "--signed-in-user",
        "--id",
        "ada",
        timeout=TIMEOUT,
    )
    assert refused.returncode == cli.EXIT_USAGE and "--signed-in-user sends no body" in refused.stderr


@pytest.mark.parametrize(("answer", "sent"), [("y\n", True), ("n\n", False), ("\n", False)])
def test_on_a_terminal_the_command_asks_first(pieces_os: FakePiecesOS, answer: str, sent: bool) -> None:
    run = run_on_terminal(
        "--host", pieces_os.url, "allocations", "disconnect", answer=answer, stdin_terminal=True
    )
    assert f"disconnect the signed-in user's allocation on {pieces_os.url}? [y/N]" in run.terminal
    posts = [r for r in pieces_os.requests if r.path == "/allocations/disconnect"]
    if sent:
        assert len(posts) == 1 and posts[0].body == b""
    else:
        assert posts == [] and run.returncode == cli.EXIT_USAGE
        assert "not confirmed" in run.terminal
