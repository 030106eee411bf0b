"""The command line against the fake: `cli.main` with the streams a process would have, and as a user runs
it, ``python -m pieces_os_client ...`` in a process of its own, where the process is what is tested (the
entry point, exit statuses, signals). Every subprocess has a timeout.
"""

from __future__ import annotations

import io
import json
import signal
import subprocess
import sys
import urllib.request
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional

import pytest

from pieces_os_client import cli, discovery
from pieces_os_client.testing import FakePiecesOS, sample_user_profile
from tests._processes import fake_server_command, run_cli
from tests._server import closed_port, has_ipv6_loopback

TIMEOUT = 60


def run(*args: str, stdin: Optional[str] = None) -> subprocess.CompletedProcess[str]:
    """``pieces-os-client *args`` in this interpreter: `cli.main` with stdin, stdout and stderr as a process
    has them (UTF-8 streams, not terminals), read back as `subprocess.run(text=True)` reads a process's."""
    streams = {
        name: io.TextIOWrapper(io.BytesIO(), encoding="utf-8", write_through=True) for name in ("out", "err")
    }
    given = io.TextIOWrapper(io.BytesIO((stdin or "").encode("utf-8")), encoding="utf-8")
    saved = sys.stdin, sys.stdout, sys.stderr
    sys.stdin, sys.stdout, sys.stderr = given, streams["out"], streams["err"]
    try:
        status = cli.main(list(args))
    finally:
        sys.stdin, sys.stdout, sys.stderr = saved
    out, err = (_as_read_by_subprocess(streams[name]) for name in ("out", "err"))
    return subprocess.CompletedProcess(["pieces-os-client", *args], status, out, err)


def _as_read_by_subprocess(stream: io.TextIOWrapper) -> str:
    stream.flush()
    raw = stream.buffer.getvalue()  # type: ignore[attr-defined]
    return io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8").read()  # universal newlines, as text=True


def ok(*args: str, stdin: Optional[str] = None, runner: Callable[..., Any] = run) -> str:
    done = runner(*args, stdin=stdin)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    return done.stdout


def one_line_error(done: subprocess.CompletedProcess[str], code: int) -> str:
    assert done.returncode == code, (done.stdout, done.stderr)
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("pieces-os-client: ")
    return lines[0]


@pytest.mark.parametrize("runner", [run_cli, run], ids=["process", "in-process"])
def test_help_and_usage_errors(runner: Callable[..., subprocess.CompletedProcess[str]]) -> None:
    assert "allocations" in ok("--help", runner=runner)
    line = one_line_error(runner(), cli.EXIT_USAGE)
    assert line.startswith("pieces-os-client: error: the following arguments are required: COMMAND")
    assert line.endswith("(see pieces-os-client --help)")
    line = one_line_error(runner("allocations", "frobnicate"), cli.EXIT_USAGE)
    assert "invalid choice" in line and "(see pieces-os-client allocations --help)" in line


def test_connect_snapshot_disconnect_reconnect(pieces_os: FakePiecesOS) -> None:
    host = pieces_os.url
    assert ok("--host", host, "allocations", "snapshot", runner=run_cli).strip() == "no allocations"

    out = ok(
        "--host",
        host,
        "--json",
        "allocations",
        "connect",
        "--user-id",
        "u1",
        "--project",
        "acme",
        "--region",
        "eu",
    )
    cloud = json.loads(out)
    assert (cloud["id"], cloud["project"], cloud["region"]) == ("u1", "acme", "eu")
    sent = pieces_os.requests[-1].json()
    assert sent["id"] == "u1" and sent["auth0"]["allocation"] == {"project": "acme", "region": "eu"}

    table = ok("allocations", "snapshot", "--host", host).splitlines()  # options after the subcommand too
    assert table[0].split() == ["ID", "USER", "PROJECT", "REGION", "STATUS", "UPDATED", "URL"]
    assert table[1].split()[:5] == ["u1", "u1", "acme", "eu", "RUNNING"]

    assert json.loads(ok("--host", host, "--json", "allocations", "disconnect", "--id", "u1")) == "u1"
    assert ok("--host", host, "allocations", "disconnect", "--id", "u1").strip() == "u1"
    assert "DISCONNECTED" in ok("--host", host, "allocations", "snapshot")
    assert "RUNNING" in ok("--host", host, "allocations", "reconnect", "--id", "u1")


def test_bodies_from_stdin_and_file(pieces_os: FakePiecesOS, tmp_path: Path) -> None:
    body = sample_user_profile("from-stdin").to_json()
    assert json.loads(
        ok("--host", pieces_os.url, "--json", "allocations", "connect", "--file", "-", stdin=body)
    )["id"] == ("from-stdin")
    cloud_file = tmp_path / "cloud.json"
    cloud_file.write_text(pieces_os.allocations[0].to_json(), encoding="utf-8")
    assert (
        ok("--host", pieces_os.url, "allocations", "disconnect", "-f", str(cloud_file)).strip()
        == "from-stdin"
    )


def test_connect_without_a_body_uses_the_signed_in_user(pieces_os: FakePiecesOS) -> None:
    out = json.loads(ok("--host", pieces_os.url, "--json", "allocations", "connect"))
    assert out["user"] == pieces_os.signed_in_user_id
    assert pieces_os.requests[-1].body == b""


def test_bad_input_is_a_usage_error(pieces_os: FakePiecesOS, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"id": "x"}', encoding="utf-8")
    line = one_line_error(
        run("--host", pieces_os.url, "allocations", "connect", "--file", str(bad)), cli.EXIT_USAGE
    )
    assert "UserProfile" in line and "aesthetics" in line
    line = one_line_error(
        run("--host", pieces_os.url, "allocations", "connect", "-f", "-", stdin="{"), cli.EXIT_USAGE
    )
    assert "stdin" in line
    line = one_line_error(
        run("--host", pieces_os.url, "allocations", "connect", "-f", "-", stdin="null"), cli.EXIT_USAGE
    )
    assert "UserProfile" in line and "stdin" in line
    line = one_line_error(
        run("--host", pieces_os.url, "allocations", "reconnect", "--id", "nope"), cli.EXIT_USAGE
    )
    assert "no allocation with id 'nope'" in line
    line = one_line_error(run("--host", "localhost:1000", "allocations", "snapshot"), cli.EXIT_USAGE)
    assert "ConfigurationError" in line and "http://" in line
    assert pieces_os.requests == [
        r for r in pieces_os.requests if r.path == "/allocations"
    ]  # nothing was POSTed


def test_http_error_exit_status(pieces_os: FakePiecesOS) -> None:
    line = one_line_error(run("--host", pieces_os.url, "allocations", "create", "--id", "x"), cli.EXIT_HTTP)
    assert "ServiceException: HTTP 500" in line and "unimplemented locally" in line


def test_create_and_delete_against_a_cloud_mode_fake() -> None:
    with FakePiecesOS(cloud=True) as fake:
        out = json.loads(
            ok("--host", fake.url, "--json", "allocations", "create", "--id", "team", "--user", "u2")
        )
        assert (out["id"], out["user"], out["urls"]["base"]["url"]) == (
            "team",
            "u2",
            "https://team.pieces.cloud",
        )
        assert ok("--host", fake.url, "allocations", "delete", "--id", "team").strip() == "team"
        assert fake.allocations == []


def test_connection_error_exit_status() -> None:
    done = run("--host", f"http://127.0.0.1:{closed_port()}", "--retries", "0", "allocations", "snapshot")
    line = one_line_error(done, cli.EXIT_CONNECTION)
    assert "ApiConnectionError" in line and "is Pieces OS running?" in line


def test_timeout_exit_status(pieces_os: FakePiecesOS) -> None:
    pieces_os.stall_next("/allocations", 5)
    done = run("--host", pieces_os.url, "--timeout", "0.3", "--retries", "0", "allocations", "snapshot")
    assert "ApiTimeoutError" in one_line_error(done, cli.EXIT_CONNECTION)


def test_decode_error_exit_status(pieces_os: FakePiecesOS) -> None:
    pieces_os.respond_next("/allocations", body="{oops", content_type="application/json")
    assert "ApiDecodeError" in one_line_error(
        run("--host", pieces_os.url, "allocations", "snapshot"), cli.EXIT_OTHER
    )


def test_fake_server_runs_until_interrupted() -> None:
    # Ctrl-C in an interactive shell: SIGINT at its default in the child, as a terminal starts it.
    with fake_server_command("--cloud", timeout=TIMEOUT, sigint="default") as (proc, info):
        assert info["cloud"] is True
        with urllib.request.urlopen(info["url"] + "/.well-known/health", timeout=5) as response:
            assert response.status == 200
        proc.send_signal(signal.SIGINT)
        assert proc.wait(TIMEOUT) == 0
        assert "Traceback" not in (proc.stderr.read() if proc.stderr else "")


@pytest.mark.parametrize("sigint", ["ignore", None], ids=["sigint-ignored", "sigint-inherited"])
def test_fake_server_stops_on_sigterm_whatever_sigint_is(sigint: Any) -> None:
    # A background job of a script (`make test &`) starts with SIGINT ignored and the fake-server keeps
    # that convention; SIGTERM (what tests and process managers send) stops it at once all the same.
    with fake_server_command("--quiet", timeout=TIMEOUT, sigint=sigint) as (proc, info):
        with urllib.request.urlopen(info["url"] + "/.well-known/health", timeout=5) as response:
            assert response.status == 200
        proc.terminate()
        assert proc.wait(5) == 0
        assert (proc.stderr.read() if proc.stderr else "") == ""


def test_fake_server_port_in_use_is_a_usage_error() -> None:
    with FakePiecesOS() as fake:
        line = one_line_error(run("fake-server", "--port", str(fake.port)), cli.EXIT_USAGE)
    assert "cannot listen" in line


def test_demo_runs_every_endpoint_and_shows_the_errors() -> None:
    out = ok("demo")
    for method in (
        "allocations_connect_new_cloud",
        "allocations_snapshot",
        "allocations_disconnect_cloud",
        "allocations_reconnect_cloud",
        "allocations_create_new_allocation",
        "allocations_delete_allocation",
    ):
        assert f"api.{method}(" in out
    for error in (
        "ServiceException",
        "NotFoundException",
        "ApiValueError",
        "BadRequestException",
        "ApiConnectionError",
    ):
        assert f"raised {error}" in out
    assert "no error raised" not in out


# -- in-process: discovery defaults replaced ----------------------------------------------------------


def use_only(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, ports: List[int]) -> None:
    real = discovery.discover

    def fake_discover(**kwargs: Any) -> str:
        kwargs.setdefault("home", tmp_path)
        kwargs.setdefault("ports", ports)
        kwargs.setdefault("legacy_ports", [])
        return real(**kwargs)

    monkeypatch.setattr(discovery, "discover", fake_discover)


def test_discover_command(
    pieces_os: FakePiecesOS,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    use_only(monkeypatch, tmp_path, [pieces_os.port])
    assert cli.main(["discover"]) == 0
    assert capsys.readouterr().out.strip() == pieces_os.url
    assert cli.main(["--json", "discover"]) == 0
    assert json.loads(capsys.readouterr().out) == {"url": pieces_os.url}


def test_discover_command_when_nothing_runs(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    use_only(monkeypatch, tmp_path, [closed_port()])
    assert cli.main(["discover"]) == cli.EXIT_CONNECTION
    err = capsys.readouterr().err
    assert (
        err.startswith("pieces-os-client: PiecesOSNotFoundError: no Pieces OS found") and err.count("\n") == 1
    )


def test_without_host_the_discovered_pieces_os_is_used(
    pieces_os: FakePiecesOS,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    use_only(monkeypatch, tmp_path, [pieces_os.port])
    assert cli.main(["allocations", "snapshot"]) == 0
    assert capsys.readouterr().out.strip() == "no allocations"
    assert [(r.method, r.path) for r in pieces_os.requests] == [
        ("GET", "/.well-known/health"),
        ("GET", "/allocations"),
    ]


def test_without_host_and_nothing_found_localhost_1000_is_tried(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    use_only(monkeypatch, tmp_path, [closed_port()])
    seen: Dict[str, str] = {}
    original = cli._configuration

    def spy(args: Any, host: str) -> Any:
        seen["host"] = host
        return original(args, f"http://127.0.0.1:{closed_port()}")  # never touch the real port 1000

    monkeypatch.setattr(cli, "_configuration", spy)
    assert cli.main(["--retries", "0", "allocations", "snapshot"]) == cli.EXIT_CONNECTION
    assert seen["host"] == "http://localhost:1000"
    capsys.readouterr()


def test_discover_wait(
    pieces_os: FakePiecesOS,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    use_only(monkeypatch, tmp_path, [pieces_os.port])
    assert cli.main(["discover", "--wait", "5"]) == 0
    assert capsys.readouterr().out.strip() == pieces_os.url


def test_an_unexpected_error_is_still_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(args: Any) -> int:
        raise RuntimeError("something\nunexpected")

    monkeypatch.setattr(cli, "_cmd_discover", broken)
    monkeypatch.delenv(cli.TRACEBACK_ENV, raising=False)
    assert cli.main(["discover"]) == cli.EXIT_OTHER
    err = capsys.readouterr().err
    assert err == (
        "pieces-os-client: internal error: RuntimeError: something unexpected "
        f"(set {cli.TRACEBACK_ENV}=1 to see where)\n"
    )
    monkeypatch.setenv(cli.TRACEBACK_ENV, "1")
    with pytest.raises(RuntimeError):
        cli.main(["discover"])


# -- empty values, options that would do nothing, CLI wording -----------------------------------------


@pytest.mark.parametrize(
    "argv",
    [
        ["allocations", "disconnect", "--id", ""],
        ["allocations", "reconnect", "--id", " "],
        ["allocations", "delete", "--id", ""],
        ["allocations", "connect", "--user-id", ""],
        ["allocations", "connect", "--user-id", "ada", "--project", "\t"],
        ["allocations", "create", "--id", ""],
        ["allocations", "disconnect", "--file", ""],
    ],
)
def test_an_empty_value_is_a_usage_error_and_nothing_is_sent(
    pieces_os: FakePiecesOS, argv: List[str]
) -> None:
    # `--id "$ID"` with ID unset must not act on the signed-in user's allocation.
    pieces_os.add_allocation()
    line = one_line_error(run("--host", pieces_os.url, *argv), cli.EXIT_USAGE)
    assert "empty value" in line and line.startswith("pieces-os-client: error: argument ")
    assert pieces_os.requests == []


@pytest.mark.parametrize(
    "argv, expected",
    [
        (["--host", "http://127.0.0.1:1", "discover"], "discover does not use --host"),
        (["discover", "--host", "http://127.0.0.1:1"], "unrecognized arguments: --host"),
        (["--timeout", "1", "discover"], "discover does not use --timeout"),
        (["--retries", "1", "fake-server"], "fake-server does not use --retries"),
        (["fake-server", "--timeout", "1"], "unrecognized arguments: --timeout"),
        (["--host", "http://127.0.0.1:1", "demo"], "demo does not use --host"),
        (["demo", "--retries", "3"], "unrecognized arguments: --retries"),
        (["--host", "", "allocations", "snapshot"], "argument --host: empty value"),
    ],
)
def test_options_that_would_do_nothing_are_refused(argv: List[str], expected: str) -> None:
    line = one_line_error(run(*argv), cli.EXIT_USAGE)
    assert expected in line, line


def test_error_hints_name_the_command_line_options() -> None:
    done = run("--host", f"http://127.0.0.1:{closed_port()}", "--retries", "0", "allocations", "snapshot")
    line = one_line_error(done, cli.EXIT_CONNECTION)
    assert "--host" in line and "`pieces-os-client discover`" in line
    assert "Configuration" not in line and "discover()" not in line


@pytest.mark.skipif(not has_ipv6_loopback(), reason="no IPv6 loopback on this machine")
def test_fake_server_quiet_on_ipv6_loopback() -> None:
    with fake_server_command("--quiet", "--bind", "::1", timeout=TIMEOUT) as (proc, info):
        url = info["url"]
        assert url.startswith("http://[::1]:")
        assert ok("--host", url, "allocations", "snapshot").strip() == "no allocations"
        proc.terminate()
        assert proc.wait(TIMEOUT) == 0
        assert (proc.stderr.read() if proc.stderr else "") == ""  # --quiet: no line per request
