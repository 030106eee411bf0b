"""The ``pieces-os-client`` command (also ``python -m pieces_os_client``): the Allocations API from a shell.

Subcommands: ``allocations snapshot|connect|reconnect|disconnect|create|delete`` call the six
endpoints through the SDK; ``discover`` finds a running Pieces OS; ``version`` prints this package's
version and the one Pieces OS reports; ``fake-server`` runs the built-in
fake in the foreground; ``demo`` runs every endpoint against an embedded fake and shows the errors a
user meets. Output is a readable table, or JSON with ``--json``. Errors are one line on stderr, never a
traceback, and each kind has its own exit status (`EXIT_USAGE` and the rest below).

Every string that comes from the server (ids, statuses, URLs, text answers, error messages) is printed
with its control characters escaped (`escape_controls`), so an answer cannot retitle, clear or rewrite
the terminal; ``--json`` output stays exact JSON, with those characters as ``\\u`` escapes.

Standard library only (argparse); the SDK itself is imported when a command needs it.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import threading
from typing import TYPE_CHECKING, Any, Callable, Dict, List, NoReturn, Optional, Sequence, TextIO, Tuple

from pieces_os_client._constants import DEFAULT_HOST, MAX_TIMEOUT
from pieces_os_client._text import escape_controls

if TYPE_CHECKING:
    from pieces_os_client.api.allocations_api import AllocationsApi
    from pieces_os_client.models.allocation_cloud import AllocationCloud

__all__ = ["EXIT_CONNECTION", "EXIT_HTTP", "EXIT_OK", "EXIT_OTHER", "EXIT_USAGE", "main"]

PROG = "pieces-os-client"

# Exit statuses, one per kind of failure, so scripts can tell them apart.
EXIT_OK = 0
# Bad arguments, or a request body (file, stdin, flags) that is not valid JSON or does not fit the model.
EXIT_USAGE = 2
# Pieces OS could not be reached: connection refused or broken, timeout, no Pieces OS found.
EXIT_CONNECTION = 3
# Pieces OS answered with an error status (4xx or 5xx).
EXIT_HTTP = 4
# Anything else the SDK reports, e.g. a response that does not decode.
EXIT_OTHER = 5
# Stopped with Ctrl-C.
EXIT_INTERRUPTED = 130

# Set to 1 to get the traceback of an unexpected error (a bug) instead of its one-line summary.
TRACEBACK_ENV = "PIECES_OS_CLIENT_TRACEBACK"


class UsageError(Exception):
    """A mistake in the command line or in the body it names; reported with exit status 2."""


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is the one-line ``pieces-os-client: error: ...`` like every other."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see {self.prog} --help)")


# -- entry point ------------------------------------------------------------------------------------


def main(argv: Optional[Sequence[str]] = None) -> int:
    """Run the command line ``argv`` (default: ``sys.argv[1:]``) and return the exit status."""
    parser = _build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse has printed help or the version
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    except UsageError as exc:
        return _report(exc)
    handler: Callable[[argparse.Namespace], int] = args.handler
    try:
        return handler(args)
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # e.g. piped into `head`
        return EXIT_OK
    except Exception as exc:
        return _report(exc)


def _report(exc: BaseException) -> int:
    from pieces_os_client.exceptions import (
        ApiException,
        ApiTypeError,
        ApiValueError,
        OpenApiException,
        TransportError,
    )

    status = EXIT_OTHER
    if isinstance(exc, UsageError):
        status = EXIT_USAGE
    elif isinstance(exc, TransportError):
        status = EXIT_CONNECTION
    elif isinstance(exc, ApiException):
        status = EXIT_HTTP
    elif isinstance(exc, (ApiValueError, ApiTypeError)):
        status = EXIT_USAGE
    elif not isinstance(exc, (OpenApiException, OSError)):
        # A bug in this program. Still one line; the traceback on request, for a bug report.
        if os.environ.get(TRACEBACK_ENV) == "1":
            raise exc
        message = _one_line(str(exc))
        print(
            f"{PROG}: internal error: {type(exc).__name__}: {message} (set {TRACEBACK_ENV}=1 to see where)",
            file=sys.stderr,
        )
        return EXIT_OTHER
    kind = type(exc).__name__ if not isinstance(exc, UsageError) else "error"
    message = _cli_words(_one_line(str(exc))) or kind
    print(f"{PROG}: {kind}: {message}", file=sys.stderr)
    return status


def _one_line(text: str) -> str:
    """``text`` on one line, whitespace runs collapsed, control characters escaped."""
    return escape_controls(" ".join(text.split()))


# The SDK's hints name Python settings; on the command line the same advice names the options.
_CLI_WORDS: Tuple[Tuple[str, str], ...] = (
    ("pieces_os_client.discover()", f"`{PROG} discover`"),
    ("Configuration(host=...)", "--host URL"),
    ("Configuration.connect_timeout or _request_timeout", "--timeout"),
    ("Configuration.read_timeout or _request_timeout", "--timeout"),
    ("Configuration.total_timeout (or _total_timeout for one call)", "--total-timeout"),
    ("Configuration.host", "--host"),
    ("Configuration(retries=...)", "--retries"),
)


def _cli_words(message: str) -> str:
    for python, option in _CLI_WORDS:
        message = message.replace(python, option)
    if message.startswith("host '"):  # a ConfigurationError about the host: it came from --host
        message = f"--{message}"
    return message


# -- parser -----------------------------------------------------------------------------------------


def _given(value: str) -> str:
    """An option's value, refused when empty or blank: an unset shell variable must not mean "absent"."""
    if not value.strip():
        raise argparse.ArgumentTypeError(
            "empty value (an unset shell variable?); give a value or leave the option out"
        )
    return value


def _seconds(value: str) -> float:
    """A timeout option's value: seconds above 0, at most a day (what `Configuration` accepts)."""
    try:
        seconds = float(value)
    except ValueError:
        seconds = float("nan")
    if not 0 < seconds <= MAX_TIMEOUT:  # NaN fails too
        raise argparse.ArgumentTypeError(
            f"seconds above 0 and at most {MAX_TIMEOUT:g} (one day), not {value!r}"
        )
    return seconds


def _count(value: str) -> int:
    """A count option's value: a whole number >= 0."""
    try:
        count = int(value)
    except ValueError:
        count = -1
    if count < 0:
        raise argparse.ArgumentTypeError(f"a whole number >= 0, not {value!r}")
    return count


# Options that only the allocations commands use; the other commands refuse them rather than ignore them.
_CALL_OPTIONS = ("host", "timeout", "total_timeout", "retries", "verbose", "quiet")


def _build_parser() -> argparse.ArgumentParser:
    # Options accepted both before and after the subcommand; after it, only when given (SUPPRESS).
    def common(defaults: bool, *, calls: bool = True) -> _Parser:
        p = _Parser(add_help=False)
        d = (lambda v: v) if defaults else (lambda v: argparse.SUPPRESS)
        if calls:
            p.add_argument(
                "--host",
                type=_given,
                default=d(None),
                help="Pieces OS base URL, e.g. http://127.0.0.1:39300 (default: discover, then "
                + DEFAULT_HOST
                + ")",
            )
        p.add_argument("--json", action="store_true", default=d(False), help="print JSON instead of a table")
        if calls:
            p.add_argument(
                "--timeout",
                type=_seconds,
                default=d(None),
                metavar="SECONDS",
                help="connect and read timeout for each request",
            )
            p.add_argument(
                "--total-timeout",
                type=_seconds,
                default=d(None),
                metavar="SECONDS",
                help="deadline of each call, every attempt and wait included (default: 300)",
            )
            p.add_argument(
                "--retries",
                type=_count,
                default=d(None),
                metavar="N",
                help="retries after a failed attempt, where retrying is safe (default: 2)",
            )
            p.add_argument(
                "--verbose",
                "-v",
                action="store_true",
                default=d(None),
                help="print a line for each attempt and retry on stderr",
            )
            p.add_argument(
                "--quiet",
                "-q",
                action="store_true",
                default=d(None),
                help="no status line on stderr while waiting for Pieces OS",
            )
        return p

    parser = _Parser(
        prog=PROG,
        description="Call the Pieces OS Allocations API, find Pieces OS, or run a fake one.",
        parents=[common(True)],
        epilog="exit status: 0 ok, 2 usage or bad body, 3 connection or timeout, 4 HTTP error status, "
        "5 other error (e.g. a response that does not decode), 130 interrupted",
    )
    from pieces_os_client._version import __version__

    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    shared = [common(False)]
    local = [common(False, calls=False)]

    alloc = sub.add_parser("allocations", help="call an Allocations endpoint", parents=shared)
    ops = alloc.add_subparsers(dest="operation", metavar="OPERATION", required=True)

    snap = ops.add_parser("snapshot", help="list every allocation (GET /allocations)", parents=shared)
    snap.set_defaults(handler=_cmd_snapshot)

    connect = ops.add_parser(
        "connect",
        help="connect a user to their cloud (POST /allocations/connect)",
        parents=shared,
        description="The body is a UserProfile: from --file (or - for stdin), or built from the flags. "
        "Without either, no body is sent and Pieces OS connects its signed-in user.",
    )
    _add_file(connect, "UserProfile")
    connect.add_argument("--user-id", type=_given, help="the user's id")
    connect.add_argument("--email", type=_given)
    connect.add_argument("--name", type=_given)
    connect.add_argument("--username", type=_given)
    connect.add_argument("--vanityname", type=_given)
    connect.add_argument("--project", type=_given, help="cloud project for the allocation")
    connect.add_argument("--region", type=_given, help="cloud region for the allocation")
    connect.set_defaults(handler=_cmd_connect)

    for name, path, what in (
        ("reconnect", "/allocations/reconnect", "reconnect to a cloud"),
        ("disconnect", "/allocations/disconnect", "disconnect from a cloud"),
        ("delete", "/allocations/delete", "delete an allocation (cloud only)"),
    ):
        op = ops.add_parser(
            name,
            help=f"{what} (POST {path})",
            parents=shared,
            description="The body is an AllocationCloud: from --file (or - for stdin), or the allocation "
            "with --id as the snapshot lists it. Without either, no body is sent and Pieces OS acts on "
            "the signed-in user's allocation"
            + (
                " (say so with --signed-in-user, or confirm at the prompt on a terminal)."
                if name in _ASKS_FOR_THE_SIGNED_IN_USER
                else "."
            ),
        )
        _add_file(op, "AllocationCloud")
        op.add_argument("--id", type=_given, help="id of an allocation in the snapshot")
        if name in _ASKS_FOR_THE_SIGNED_IN_USER:
            op.add_argument(
                "--signed-in-user",
                action="store_true",
                help=f"send no body: Pieces OS will {name} its signed-in user's allocation",
            )
        op.set_defaults(handler=_cmd_by_id, operation=name)

    create = ops.add_parser(
        "create",
        help="create an allocation (POST /allocations/create, cloud only)",
        parents=shared,
        description="The body is an AllocationCloud: from --file (or - for stdin), or built from the flags.",
    )
    _add_file(create, "AllocationCloud")
    create.add_argument("--id", type=_given, help="the allocation id")
    create.add_argument("--user", type=_given, help="the owning user's id (default: the allocation id)")
    create.add_argument("--project", type=_given, default="pieces-cloud")
    create.add_argument("--region", type=_given)
    create.add_argument(
        "--url", type=_given, help="base URL of the allocation (default: https://<id>.pieces.cloud)"
    )
    create.set_defaults(handler=_cmd_create)

    disc = sub.add_parser(
        "discover",
        help="find a running Pieces OS on this machine and print its URL",
        parents=local,
        description="Looks at the Pieces OS port file, then ports 39300-39333, then 1000 and 5323, "
        "on this machine; a port counts only when its health check answers as Pieces OS does.",
    )
    disc.add_argument(
        "--wait", type=float, default=0.0, metavar="SECONDS", help="keep looking for up to this long"
    )
    disc.set_defaults(handler=_cmd_discover)

    version = sub.add_parser(
        "version",
        help="print this package's version, its API level and the version of Pieces OS",
        parents=shared,
        description="Prints this package's version, the official pieces-os-client release whose API it "
        "implements, and the version the Pieces OS at --host (default: the one discover finds) reports "
        "at GET /.well-known/version.",
    )
    version.set_defaults(handler=_cmd_version)

    fake = sub.add_parser("fake-server", help="run the built-in fake Pieces OS until Ctrl-C", parents=local)
    fake.add_argument("--port", type=int, default=0, help="port to listen on (default: any free port)")
    fake.add_argument(
        "--bind",
        type=_given,
        default="127.0.0.1",
        help="address to listen on, e.g. ::1 (default: 127.0.0.1)",
    )
    fake.add_argument("--cloud", action="store_true", help="serve create and delete, as a Pieces cloud does")
    fake.add_argument(
        "--status",
        choices=("RUNNING", "PENDING"),
        default="RUNNING",
        help="status of newly connected clouds",
    )
    # SUPPRESS: `pieces-os-client --quiet fake-server` (the option before the command) counts too.
    fake.add_argument(
        "--quiet",
        "-q",
        action="store_true",
        default=argparse.SUPPRESS,
        help="do not log each request to stderr",
    )
    fake.set_defaults(handler=_cmd_fake_server)

    demo = sub.add_parser("demo", help="try every endpoint against an embedded fake Pieces OS", parents=local)
    demo.set_defaults(handler=_cmd_demo)
    return parser


def _refuse_call_options(args: argparse.Namespace, instead: str, *, uses: Tuple[str, ...] = ()) -> None:
    """UsageError when an option only the allocations commands use was given to this command."""
    for name in _CALL_OPTIONS:
        if name not in uses and getattr(args, name, None) is not None:
            option = name.replace("_", "-")
            raise UsageError(f"{args.command} does not use --{option}; {instead}")


def _add_file(parser: argparse.ArgumentParser, model: str) -> None:
    parser.add_argument(
        "--file",
        "-f",
        type=_given,
        metavar="PATH",
        help=f"read the {model} body (JSON) from PATH, or from stdin with -",
    )


# -- helpers ----------------------------------------------------------------------------------------


def _resolve_host(args: argparse.Namespace) -> str:
    host: Optional[str] = getattr(args, "host", None)
    if host:
        return host
    from pieces_os_client.discovery import PiecesOSNotFoundError, discover

    try:
        return discover()
    except PiecesOSNotFoundError:
        return DEFAULT_HOST


def _configuration(args: argparse.Namespace, host: str) -> Any:
    from pieces_os_client.configuration import Configuration

    options: Dict[str, Any] = {"host": host}
    timeout = getattr(args, "timeout", None)
    if timeout is not None:
        options["connect_timeout"] = options["read_timeout"] = timeout
    total_timeout = getattr(args, "total_timeout", None)
    if total_timeout is not None:
        options["total_timeout"] = total_timeout
    retries = getattr(args, "retries", None)
    if retries is not None:
        options["retries"] = retries
    return Configuration(**options)


def _read_body(source: str, model: Any, *, by_id: bool = False) -> Any:
    """``model`` decoded from the JSON in file ``source`` (``-``: stdin); UsageError when it does not fit.

    ``by_id``: the command also takes ``--id``, which a hint about picking one allocation names.
    """
    from pydantic import ValidationError

    where = "stdin" if source == "-" else source
    try:
        if source == "-":
            raw = sys.stdin.read()
        else:
            with open(source, encoding="utf-8") as handle:
                raw = handle.read()
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"cannot read {where}: {exc}") from exc
    try:
        # Not from_json: its official contract raises JSONDecodeError for non-JSON and gives None for null.
        return model.model_validate_json(raw, by_alias=True, by_name=False)
    except ValidationError as exc:
        snapshot = _allocations_in(raw)
        if snapshot is not None and model.__name__ != "Allocations":
            pick = (
                "give its id with --id instead of --file (the allocation is sent as the snapshot lists it)"
                if by_id
                else 'give one item of its "iterable" list as the body'
            )
            raise UsageError(
                f"{where} holds an Allocations (a snapshot: {snapshot}), not one {model.__name__}; "
                f"to send one of them, {pick}"
            ) from exc
        first = exc.errors(include_url=False)[0]
        loc = ".".join(str(p) for p in first.get("loc", ())) or "body"
        raise UsageError(
            f"the {model.__name__} in {where} is not valid: {loc}: {first.get('msg')}"
            + (f" ({exc.error_count()} problems)" if exc.error_count() > 1 else "")
        ) from exc


def _allocations_in(raw: str) -> Optional[str]:
    """What the Allocations (``{"iterable": [...]}``) in ``raw`` holds, in a few words; None if none."""
    try:
        value = json.loads(raw)
    except (ValueError, RecursionError):
        return None
    if not isinstance(value, dict) or not isinstance(value.get("iterable"), list):
        return None
    items = value["iterable"]
    ids = [str(item["id"]) for item in items if isinstance(item, dict) and "id" in item]
    shown = ", ".join(escape_controls(i) for i in ids[:5]) + (", …" if len(ids) > 5 else "")
    count = f"{len(items)} allocation" + ("" if len(items) == 1 else "s")
    return f"{count}, ids {shown}" if ids else count


def _with_api(
    args: argparse.Namespace, call: Callable[[AllocationsApi], Any], host: Optional[str] = None
) -> Any:
    """``call`` on an `AllocationsApi` for ``host`` (default: --host, else discovered), with the status
    line on a terminal and the lines of --verbose."""
    import pieces_os_client
    from pieces_os_client._cli_status import Progress, terminal

    configuration = _configuration(args, host or _resolve_host(args))
    progress = Progress(
        sys.stderr,
        host=configuration.host,
        attempts=configuration.retry_policy.attempts,
        total_timeout=configuration.total_timeout,
        status=terminal(sys.stderr) and not args.json and not args.quiet,
        verbose=bool(args.verbose),
        words=_cli_words,
    )
    with pieces_os_client.ApiClient(configuration) as client, progress:
        return call(progress.watch(pieces_os_client.AllocationsApi(client)))


def _cell(value: Any) -> str:
    return "-" if value is None or value == "" else escape_controls(str(value))


# Characters json.dumps(ensure_ascii=False) leaves raw but a terminal acts on: DEL, C1 controls, bidi
# overrides and isolates. Inside a JSON string \\uXXXX decodes to the same character, so values stay exact.
_JSON_ESCAPES = {
    code: f"\\u{code:04x}"
    for code in (0x7F, *range(0x80, 0xA0), *range(0x202A, 0x202F), *range(0x2066, 0x206A))
}


def _dumps(value: Any, indent: Optional[int] = None) -> str:
    """``value`` as JSON for a terminal: exact values, non-ASCII text kept, no raw control characters."""
    return json.dumps(value, indent=indent, ensure_ascii=False).translate(_JSON_ESCAPES)


def _rows(allocations: List[AllocationCloud]) -> List[List[str]]:
    rows = []
    for a in allocations:
        updated = a.updated.value.strftime("%Y-%m-%d %H:%M:%SZ") if a.updated is not None else None
        rows.append(
            [
                _cell(a.id),
                _cell(a.user),
                _cell(a.project),
                _cell(a.region),
                _cell(a.status.cloud.value if a.status is not None else None),
                _cell(updated),
                _cell(a.urls.base.url if a.urls is not None and a.urls.base is not None else None),
            ]
        )
    return rows


def _table(rows: List[List[str]], out: TextIO) -> None:
    header = ["ID", "USER", "PROJECT", "REGION", "STATUS", "UPDATED", "URL"]
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip(), file=out)


def _print_result(result: Any, as_json: bool, out: Optional[TextIO] = None) -> None:
    from pieces_os_client.models.allocation_cloud import AllocationCloud
    from pieces_os_client.models.allocations import Allocations

    out = out or sys.stdout

    if as_json:
        if isinstance(result, str):
            print(_dumps(result), file=out)
        else:
            print(
                _dumps(result.model_dump(mode="json", by_alias=True, exclude_unset=True), indent=2), file=out
            )
        return
    if isinstance(result, Allocations):
        if not result.iterable:
            print("no allocations", file=out)
        else:
            _table(_rows(list(result.iterable)), out)
    elif isinstance(result, AllocationCloud):
        _table(_rows([result]), out)
    else:
        print(escape_controls(str(result), keep_newlines=True), file=out)


# -- commands ---------------------------------------------------------------------------------------


def _cmd_snapshot(args: argparse.Namespace) -> int:
    _print_result(_with_api(args, lambda api: api.allocations_snapshot()), args.json)
    return EXIT_OK


def _cmd_connect(args: argparse.Namespace) -> int:
    from pieces_os_client.models.user_profile import UserProfile

    flags = {k: getattr(args, k) for k in ("email", "name", "username", "vanityname", "project", "region")}
    profile: Optional[UserProfile] = None
    if args.file:
        if args.user_id or any(flags.values()):
            raise UsageError("give the body either with --file or with flags, not both")
        profile = _read_body(args.file, UserProfile)
    elif args.user_id:
        profile = _profile_from_flags(args.user_id, flags)
    elif any(flags.values()):
        raise UsageError("--user-id is required when the profile is given with flags")
    result = _with_api(args, lambda api: api.allocations_connect_new_cloud(user_profile=profile))
    _print_result(result, args.json)
    return EXIT_OK


def _profile_from_flags(user_id: str, flags: Dict[str, Optional[str]]) -> Any:
    from pieces_os_client.models.aesthetics import Aesthetics
    from pieces_os_client.models.auth0_user_allocation_metadata import Auth0UserAllocationMetadata
    from pieces_os_client.models.auth0_user_metadata import Auth0UserMetadata
    from pieces_os_client.models.font import Font
    from pieces_os_client.models.theme import Theme
    from pieces_os_client.models.user_profile import UserProfile

    fields: Dict[str, Any] = {
        "id": user_id,
        # Required by the schema; Pieces OS keeps its own settings, so neutral values do.
        "aesthetics": Aesthetics(theme=Theme(dark=False), font=Font(size=14)),
    }
    fields.update({k: v for k, v in flags.items() if v and k not in ("project", "region")})
    if flags.get("project"):
        allocation = Auth0UserAllocationMetadata(
            project=str(flags["project"]), region=str(flags.get("region") or "us-central1")
        )
        fields["auth0"] = Auth0UserMetadata(global_id=user_id, allocation=allocation)
    elif flags.get("region"):
        raise UsageError("--region needs --project")
    return UserProfile(**fields)


def _find_allocation(api: AllocationsApi, allocation_id: str) -> AllocationCloud:
    for allocation in api.allocations_snapshot().iterable:
        if allocation.id == allocation_id:
            return allocation
    raise UsageError(f"no allocation with id {allocation_id!r} in the snapshot")


def _cmd_by_id(args: argparse.Namespace) -> int:
    from pieces_os_client.models.allocation_cloud import AllocationCloud

    if args.file and args.id:
        raise UsageError("give the body either with --file or with --id, not both")
    host: Optional[str] = None
    if getattr(args, "signed_in_user", False):
        if args.file or args.id:
            raise UsageError("--signed-in-user sends no body: give it without --id and --file")
    elif args.operation in _ASKS_FOR_THE_SIGNED_IN_USER and not (args.file or args.id):
        host = _resolve_host(args)
        _confirm_signed_in_user(args.operation, host)
    body = _read_body(args.file, AllocationCloud, by_id=True) if args.file else None
    method = {
        "reconnect": "allocations_reconnect_cloud",
        "disconnect": "allocations_disconnect_cloud",
        "delete": "allocations_delete_allocation",
    }[args.operation]

    def call(api: AllocationsApi) -> Any:
        sent = _find_allocation(api, args.id) if args.id else body
        return getattr(api, method)(allocation_cloud=sent)

    _print_result(_with_api(args, call, host), args.json)
    return EXIT_OK


# Without --id or --file these act on the signed-in user's allocation: they ask for --signed-in-user.
_ASKS_FOR_THE_SIGNED_IN_USER = ("disconnect", "delete")


def _confirm_signed_in_user(operation: str, host: str) -> None:
    """Ask on the terminal before acting on the signed-in user; UsageError when there is no terminal or
    the answer is not yes. Nothing has been sent either way."""
    from pieces_os_client._cli_status import terminal
    from pieces_os_client._redact import redact_url

    without = (
        f"{operation} without --id or --file acts on the signed-in user's allocation: give --signed-in-user "
        "to mean that, or --id ID for one allocation (nothing was sent)"
    )
    if not (terminal(sys.stdin) and terminal(sys.stderr)):
        raise UsageError(without)
    where = escape_controls(redact_url(host))
    print(
        f"{PROG}: no --id or --file: {operation} the signed-in user's allocation on {where}? [y/N] ",
        end="",
        file=sys.stderr,
        flush=True,
    )
    try:
        answer = sys.stdin.readline()
    except (OSError, ValueError):
        answer = ""
    if answer.strip().lower() not in ("y", "yes"):
        raise UsageError(f"not confirmed; {without}")


def _cmd_create(args: argparse.Namespace) -> int:
    from pieces_os_client.models.allocation_cloud import AllocationCloud

    if args.file:
        if args.id:
            raise UsageError("give the body either with --file or with flags, not both")
        body = _read_body(args.file, AllocationCloud)
    elif args.id:
        body = _allocation_from_flags(args)
    else:
        raise UsageError("create needs a body: --file PATH, --file - (stdin), or --id with the other flags")
    _print_result(
        _with_api(args, lambda api: api.allocations_create_new_allocation(allocation_cloud=body)), args.json
    )
    return EXIT_OK


def _allocation_from_flags(args: argparse.Namespace) -> Any:
    from pieces_os_client.models.allocation_cloud import AllocationCloud
    from pieces_os_client.models.allocation_cloud_status import AllocationCloudStatus
    from pieces_os_client.models.allocation_cloud_url import AllocationCloudUrl
    from pieces_os_client.models.allocation_cloud_urls import AllocationCloudUrls
    from pieces_os_client.models.allocation_status_enum import AllocationStatusEnum

    url = args.url or f"https://{args.id}.pieces.cloud"
    pending = AllocationStatusEnum.PENDING
    fields: Dict[str, Any] = {
        "id": args.id,
        "user": args.user or args.id,
        "project": args.project,
        "status": AllocationCloudStatus(cloud=pending),
        "urls": AllocationCloudUrls(
            base=AllocationCloudUrl(status=pending, url=url), id=AllocationCloudUrl(status=pending, url=url)
        ),
    }
    if args.region:
        fields["region"] = args.region
    return AllocationCloud(**fields)


def _cmd_discover(args: argparse.Namespace) -> int:
    from pieces_os_client.discovery import discover, wait_until_ready

    _refuse_call_options(args, "it looks for Pieces OS on this machine (use --wait SECONDS to wait for it)")
    url = wait_until_ready(timeout=args.wait) if args.wait > 0 else discover()
    print(_dumps({"url": url}) if args.json else escape_controls(url))
    return EXIT_OK


def _cmd_version(args: argparse.Namespace) -> int:
    from pieces_os_client._version import __version__
    from pieces_os_client.discovery import discover
    from pieces_os_client.pieces_os import API_LEVEL, DEFAULT_VERSION_TIMEOUT, server_version

    _refuse_call_options(args, "it asks Pieces OS once, within --timeout", uses=("host", "timeout"))
    ours = {"package": __version__, "api_level": API_LEVEL}
    try:
        url = args.host or discover()
        found = server_version(url, timeout=args.timeout or DEFAULT_VERSION_TIMEOUT)
    except Exception:
        # This package's part is known whatever happens to Pieces OS: print it, then the error.
        print(_dumps({**ours, "pieces_os": None}) if args.json else _version_lines(ours), flush=True)
        raise
    shown = {"url": url, "version": str(found)}
    if args.json:
        print(_dumps({**ours, "pieces_os": shown}))
    else:
        print(_version_lines(ours))
        print(escape_controls(f"Pieces OS {found} at {url}"))
    return EXIT_OK


def _version_lines(ours: Dict[str, str]) -> str:
    return (
        f"{PROG} {ours['package']}\n"
        f"API level: pieces-os-client {ours['api_level']} (its Allocations and well-known APIs)"
    )


def _cmd_fake_server(args: argparse.Namespace) -> int:
    import logging
    import signal

    from pieces_os_client.testing import FakePiecesOS

    _refuse_call_options(args, "choose where the fake listens with --bind and --port", uses=("quiet",))
    if not 0 <= args.port <= 65535:
        raise UsageError(f"--port must be between 0 and 65535, not {args.port}")
    bind = args.bind.strip("[]")  # [::1] as in a URL, or ::1
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(message)s"))
    log = logging.getLogger("pieces_os_client.testing")
    log.addHandler(handler)
    # --quiet: only warnings and errors (the fake's own failures), not a line per request.
    previous_level = log.level
    log.setLevel(logging.WARNING if getattr(args, "quiet", None) else logging.DEBUG)
    stop = threading.Event()
    # SIGTERM stops as cleanly as Ctrl-C (e.g. from a process manager); only possible in the main thread.
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, lambda *_: stop.set())
    try:
        fake = FakePiecesOS(host=bind, port=args.port, cloud=args.cloud, connect_status=args.status)
        fake.start()
    except OSError as exc:
        log.removeHandler(handler)
        log.setLevel(previous_level)
        where = f"[{bind}]" if ":" in bind else bind
        raise UsageError(f"cannot listen on {where}:{args.port}: {exc.strerror or exc}") from exc
    try:
        mode = "cloud mode: create and delete served" if args.cloud else "local mode"
        if args.json:
            print(json.dumps({"url": fake.url, "cloud": args.cloud}), flush=True)
        else:
            print(f"Fake Pieces OS listening on {fake.url} ({mode}); Ctrl-C to stop", flush=True)
        while not stop.wait(0.2):
            pass
    except KeyboardInterrupt:
        pass
    finally:
        fake.stop()
        log.removeHandler(handler)
        log.setLevel(previous_level)
    if not args.json:
        print("stopped", flush=True)
    return EXIT_OK


# -- demo -------------------------------------------------------------------------------------------


def _cmd_demo(args: argparse.Namespace) -> int:
    from pieces_os_client.testing import FakePiecesOS

    _refuse_call_options(args, "the demo runs against its own embedded fake")
    out = sys.stdout
    with FakePiecesOS(cloud=True) as fake:
        _demo(fake, args, out)
    return EXIT_OK


def _show_call(out: TextIO, text: str) -> None:
    print(f"\n>>> {text}", file=out, flush=True)


def _demo(fake: Any, args: argparse.Namespace, out: TextIO) -> None:
    import pieces_os_client
    from pieces_os_client.exceptions import OpenApiException
    from pieces_os_client.testing import sample_user_profile

    print(
        f"Started a fake Pieces OS at {fake.url} (cloud mode). Every call below goes through the SDK.",
        file=out,
    )
    configuration = fake.configuration()
    with pieces_os_client.ApiClient(configuration) as client:
        api = pieces_os_client.AllocationsApi(client)
        steps: List[Tuple[str, Callable[[], Any]]] = []
        profile = sample_user_profile("demo-user", vanityname="ada")
        steps.append(
            (
                'api.allocations_connect_new_cloud(user_profile=UserProfile(id="demo-user", ...))',
                lambda: api.allocations_connect_new_cloud(user_profile=profile),
            )
        )
        steps.append(("api.allocations_snapshot()", api.allocations_snapshot))
        held: Dict[str, Any] = {}

        def first() -> Any:
            held["cloud"] = api.allocations_snapshot().iterable[0]
            return held["cloud"]

        steps.append(
            (
                "api.allocations_disconnect_cloud(allocation_cloud=cloud)",
                lambda: api.allocations_disconnect_cloud(allocation_cloud=first()),
            )
        )
        steps.append(
            (
                "api.allocations_reconnect_cloud(allocation_cloud=cloud)",
                lambda: api.allocations_reconnect_cloud(allocation_cloud=held["cloud"]),
            )
        )
        second = _demo_allocation("team-cloud")
        steps.append(
            (
                'api.allocations_create_new_allocation(allocation_cloud=AllocationCloud(id="team-cloud"))',
                lambda: api.allocations_create_new_allocation(allocation_cloud=second),
            )
        )
        steps.append(
            (
                "api.allocations_delete_allocation(allocation_cloud=team_cloud)",
                lambda: api.allocations_delete_allocation(allocation_cloud=second),
            )
        )
        steps.append(("api.allocations_snapshot()", api.allocations_snapshot))
        for text, call in steps:
            _show_call(out, text)
            _print_result(call(), args.json, out)

        print("\nThe errors you may meet, each an SDK exception you can catch:", file=out)
        fake.cloud = False
        errors: List[Tuple[str, Callable[[], Any]]] = [
            (
                "api.allocations_create_new_allocation(...) on a local Pieces OS (cloud-only endpoint)",
                lambda: api.allocations_create_new_allocation(allocation_cloud=second),
            ),
            (
                "api.allocations_reconnect_cloud(...) with an id Pieces OS does not know",
                lambda: api.allocations_reconnect_cloud(allocation_cloud=_demo_allocation("no-such-cloud")),
            ),
            (
                'api.allocations_connect_new_cloud(user_profile={"id": "demo-user"}) (no aesthetics)',
                lambda: api.allocations_connect_new_cloud(user_profile={"id": "demo-user"}),  # type: ignore[arg-type]
            ),
            (
                "api.allocations_connect_new_cloud(user_profile=...) with a body Pieces OS rejects",
                lambda: api.allocations_connect_new_cloud(user_profile=_incomplete_profile()),
            ),
        ]
        for text, call in errors:
            _show_call(out, text)
            try:
                call()
            except OpenApiException as exc:
                print(f"raised {type(exc).__name__}: {_one_line(str(exc))}", file=out)
            else:  # pragma: no cover - the demo shows errors; reaching here is a bug
                print("no error raised", file=out)

    closed = _closed_port_url()
    _show_call(out, f"a call to {closed}, where nothing listens (retries off)")
    try:
        with pieces_os_client.ApiClient(pieces_os_client.Configuration(host=closed, retries=0)) as client:
            pieces_os_client.AllocationsApi(client).allocations_snapshot()
    except OpenApiException as exc:
        print(f"raised {type(exc).__name__}: {_one_line(str(exc))}", file=out)
    print("\nDone. Try `pieces-os-client fake-server` and point your app at it.", file=out)


def _incomplete_profile() -> Any:
    """A UserProfile without its required ``aesthetics``, built unchecked to show the server's 400."""
    from pieces_os_client.models.user_profile import UserProfile

    fields: Dict[str, Any] = {"id": "demo-user"}
    return UserProfile.model_construct(**fields)


def _demo_allocation(allocation_id: str) -> Any:
    ns = argparse.Namespace(
        id=allocation_id, user="demo-user", project="pieces-cloud", region="us-central1", url=None
    )
    return _allocation_from_flags(ns)


def _closed_port_url() -> str:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}"
