"""Every attribute of the official SDK's `Configuration` is honoured here or refused when assigned; reading
one gives the official default; a name no class declares is an error at assignment.

The names and defaults below were read off the official pieces-os-client 5.0.1 (its own virtual
environment); tests/compat/official_surface.py reads them again on both SDKs.
"""

from __future__ import annotations

import copy
import inspect
import json
import logging
import pickle
import socket
from pathlib import Path
from typing import Any, Dict, List, Optional

import pytest

import pieces_os_client
from pieces_os_client.configuration import Configuration
from pieces_os_client.exceptions import ConfigurationError
from pieces_os_client.testing import FakePiecesOS

# Attribute -> its value on a fresh official Configuration() (official_surface.py checks the same table
# against the official SDK itself).
OFFICIAL_DEFAULTS: Dict[str, Any] = json.loads(
    (Path(__file__).with_name("official_configuration.json")).read_text(encoding="utf-8")
)
# Official attributes whose default differs here on purpose (README, Configuration).
OUR_DEFAULTS = {"retries": 2, "connection_pool_maxsize": 10}
OFFICIAL_METHODS = [
    "auth_settings",
    "get_api_key_with_prefix",
    "get_basic_auth_token",
    "get_default",
    "get_default_copy",
    "get_host_from_settings",
    "get_host_settings",
    "set_default",
    "to_debug_report",
]
# The official constructor's parameters, in order (all before `*` but debug).
OFFICIAL_PARAMETERS = [
    "host",
    "api_key",
    "api_key_prefix",
    "username",
    "password",
    "access_token",
    "server_index",
    "server_variables",
    "server_operation_index",
    "server_operation_variables",
    "ignore_operation_servers",
    "ssl_ca_cert",
    "retries",
    "ca_cert_data",
]

# Attribute -> a value code written for the official SDK assigns; each is taken and read back.
HONOURED: Dict[str, Any] = {
    "access_token": "token",
    "api_key": {"application": "key"},
    "api_key_prefix": {"application": "Token"},
    "assert_hostname": "pieces.local",
    "ca_cert_data": "-----BEGIN CERTIFICATE-----",
    "cert_file": "client.pem",
    "client_side_validation": False,
    "connection_pool_maxsize": 4,
    "date_format": "%d.%m.%Y",
    "datetime_format": "%Y",
    "debug": False,
    "host": "http://127.0.0.1:39300",
    "ignore_operation_servers": True,
    "key_file": "client.key",
    "logger_format": "%(message)s",
    "password": "secret",
    "proxy": "http://user:pass@proxy.local:3128",
    "proxy_headers": {"Proxy-Authorization": "Basic eA=="},
    "retries": 0,
    "safe_chars_for_path_param": "/",
    "server_operation_index": {"allocations_snapshot": 0},
    "server_operation_variables": {"allocations_snapshot": {}},
    "server_variables": {"port": "39300"},
    "socket_options": [(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)],
    "ssl_ca_cert": "ca.pem",
    "temp_folder_path": "/tmp",
    "tls_server_name": "pieces.local",
    "username": "user",
    "verify_ssl": False,
}


@pytest.fixture(autouse=True)
def _no_host_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PIECES_OS_HOST", raising=False)


def test_reading_each_official_attribute_gives_the_official_default() -> None:
    configuration = Configuration()
    for name, default in OFFICIAL_DEFAULTS.items():
        assert getattr(configuration, name) == default, name
    for name, ours in OUR_DEFAULTS.items():
        assert getattr(configuration, name) == ours, name
    assert set(configuration.logger) == {"package_logger", "urllib3_logger"}
    assert configuration.logger_formatter._fmt == OFFICIAL_DEFAULTS["logger_format"]
    for name in OFFICIAL_METHODS:
        assert callable(getattr(configuration, name)), name


def test_the_constructor_takes_the_official_parameters_in_their_order() -> None:
    parameters = list(inspect.signature(Configuration).parameters.values())
    assert [p.name for p in parameters[: len(OFFICIAL_PARAMETERS)]] == OFFICIAL_PARAMETERS
    assert all(p.kind is p.POSITIONAL_OR_KEYWORD for p in parameters[: len(OFFICIAL_PARAMETERS)])
    assert inspect.signature(Configuration).parameters["debug"].kind is inspect.Parameter.KEYWORD_ONLY
    built = Configuration(
        "http://127.0.0.1:1", None, None, "user", "secret", "token", None, None, None, None, True
    )
    assert (built.username, built.password, built.access_token) == ("user", "secret", "token")
    assert built.ignore_operation_servers is True and Configuration(debug=None).debug is False


@pytest.mark.parametrize("name", sorted(HONOURED))
def test_each_official_attribute_is_taken(name: str) -> None:
    configuration = Configuration()
    setattr(configuration, name, HONOURED[name])
    assert getattr(configuration, name) == HONOURED[name]
    assert name in OFFICIAL_DEFAULTS or name in OUR_DEFAULTS


def test_every_official_attribute_is_listed_here() -> None:
    assert set(OFFICIAL_DEFAULTS) | set(OUR_DEFAULTS) == set(HONOURED) | {
        "logger_file",
        "logger_file_handler",
        "logger_stream_handler",
        "refresh_api_key_hook",
        "server_index",
    }


def test_logger_file_is_refused_saying_what_to_do() -> None:
    configuration = Configuration()
    with pytest.raises(ConfigurationError, match=r"logger_file.*logging\.FileHandler"):
        configuration.logger_file = "pieces.log"
    configuration.logger_file = None  # the official default is taken
    assert configuration.logger_file is None
    assert not any(isinstance(h, logging.FileHandler) for h in logging.getLogger("pieces_os_client").handlers)


def test_server_index_selects_one_of_the_official_servers() -> None:
    assert Configuration(server_index=1).host == "http://localhost:5323"
    assert Configuration(host="http://127.0.0.1:39300", server_index=1).host == "http://localhost:5323"
    configuration = Configuration(host="http://127.0.0.1:39300")
    assert configuration.server_index is None
    configuration.server_index = 0
    assert configuration.host == "http://localhost:1000" and configuration.server_index == 0
    configuration.host = "http://127.0.0.1:39301"
    assert configuration.server_index is None  # a host given replaces the index, as in the official SDK
    with pytest.raises(ConfigurationError, match="server_index 2 is not an index"):
        configuration.server_index = 2
    assert configuration.host == "http://127.0.0.1:39301"
    assert [s["url"] for s in configuration.get_host_settings()] == [
        "http://localhost:1000",
        "http://localhost:5323",
    ]
    assert configuration.get_host_from_settings(None) == "http://127.0.0.1:39301"
    servers = [{"url": "http://{name}:1", "description": "", "variables": {"name": {"default_value": "a"}}}]
    assert configuration.get_host_from_settings(0, {"name": "b"}, servers) == "http://b:1"


def test_auth_helpers_give_what_the_official_sdk_gives() -> None:
    configuration = Configuration(api_key={"application": "k"}, api_key_prefix={"application": "Tok"})
    configuration.username, configuration.password, configuration.access_token = "u", "p", "t"
    assert configuration.get_basic_auth_token() == "Basic dTpw"
    bearer = {"type": "oauth2", "in": "header", "key": "Authorization", "value": "Bearer t"}
    assert configuration.auth_settings() == {
        "application": {"type": "api_key", "in": "header", "key": "X-Application-ID", "value": "Tok k"},
        "auth0": bearer,
        "authorization": bearer,
    }
    assert Configuration.get_default_copy() is Configuration.get_default()
    # Kept, never shown.
    assert "secret" not in repr(Configuration(password="secret"))


def test_refresh_api_key_hook_runs_before_each_request_as_in_the_official_sdk(
    pieces_os: FakePiecesOS,
) -> None:
    seen: List[str] = []

    def refresh(configuration: Configuration) -> None:
        seen.append(configuration.api_key["application"])
        configuration.api_key["application"] = f"fresh-{len(seen)}"

    configuration = pieces_os.configuration()
    configuration.api_key = "stale"
    configuration.refresh_api_key_hook = refresh
    with pieces_os_client.ApiClient(configuration) as client:
        api = pieces_os_client.AllocationsApi(client)
        api.allocations_snapshot()
        api.allocations_snapshot()
    assert [r.headers.get("X-Application-ID") for r in pieces_os.requests] == ["fresh-1", "fresh-2"]
    with pytest.raises(ConfigurationError, match="refresh_api_key_hook must be None or a function"):
        configuration.refresh_api_key_hook = "refresh"  # type: ignore[assignment]


# --- names no class declares ---------------------------------------------------------------------------


def test_an_unknown_name_is_refused_at_assignment() -> None:
    configuration = Configuration()
    with pytest.raises(ConfigurationError) as info:
        configuration.verfy_ssl = False  # type: ignore[attr-defined]
    assert "no setting 'verfy_ssl'" in str(info.value) and "did you mean 'verify_ssl'?" in str(info.value)
    assert not hasattr(configuration, "verfy_ssl")
    with pytest.raises(ConfigurationError, match="no setting 'colour'"):
        configuration.colour = "blue"  # type: ignore[attr-defined]
    configuration._cache = {}  # a private name: the class's own business
    assert copy.deepcopy(configuration).verify_ssl is True
    assert pickle.loads(pickle.dumps(configuration)).host == configuration.host


def test_attributes_a_subclass_declares_are_allowed() -> None:
    class TeamConfiguration(Configuration):
        team: Optional[str]  # declared by annotation
        region = "eu"  # declared by a class attribute

        def __init__(self) -> None:
            super().__init__(host="http://127.0.0.1:39300")
            self.team = "blue"

    configuration = TeamConfiguration()
    configuration.region = "us"
    assert (configuration.team, configuration.region, configuration.verify_ssl) == ("blue", "us", True)
    with pytest.raises(ConfigurationError, match="TeamConfiguration has no setting 'colour'"):
        configuration.colour = "red"  # type: ignore[attr-defined]


# --- the settings added for the transports ---------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        None,
        [],
        [(socket.SOL_SOCKET, socket.SO_KEEPALIVE, 1)],
        ((socket.IPPROTO_TCP, socket.TCP_NODELAY, 1), (socket.SOL_SOCKET, socket.SO_LINGER, b"\0" * 8)),
    ],
)
def test_socket_options_are_stored_as_a_list_of_tuples(value: Any) -> None:
    configuration = Configuration(socket_options=value)
    assert configuration.socket_options == (None if value is None else list(value))
    assert value is None or configuration.socket_options is not value  # a copy


@pytest.mark.parametrize(
    "value",
    [
        "TCP_NODELAY",
        (6, 1, 1),
        [(6, 1)],
        [(6, 1, 1, 4)],
        [(6, "1", 1)],
        [(True, 1, 1)],
        [(6, 1, 1.5)],
        [[6, 1, 1]],
    ],
)
def test_socket_options_that_setsockopt_cannot_take_are_refused(value: Any) -> None:
    with pytest.raises(ConfigurationError, match=r"socket_options must"):
        Configuration(socket_options=value)


@pytest.mark.parametrize("value", ["pieces.local", "localhost", "a-b.example.com.", "x" * 63])
def test_tls_server_name_takes_a_host_name(value: str) -> None:
    assert Configuration(tls_server_name=value).tls_server_name == value


@pytest.mark.parametrize(
    "value", ["", "https://pieces.local", "pieces local", "-x.com", "x" * 64, "a\nb", 5, "é.com"]
)
def test_tls_server_name_refuses_what_is_not_a_host_name(value: Any) -> None:
    with pytest.raises(ConfigurationError, match="tls_server_name must be None or a host name") as info:
        Configuration(tls_server_name=value)
    assert "\n" not in str(info.value)


@pytest.mark.parametrize(
    "proxy",
    [
        "http://proxy:3128",
        "https://proxy:3129/",
        "http://user:p%40ss@proxy:3128",
        "socks5://proxy:1080",
        "socks5h://user:pass@proxy:1080",
        "socks4://proxy:1080",
        "socks4a://proxy:1080",
    ],
)
def test_proxy_takes_credentials_and_socks_schemes(proxy: str) -> None:
    configuration = Configuration(proxy=proxy)
    assert configuration.proxy == proxy
    assert "pass" not in repr(configuration) and "user" not in repr(configuration)


@pytest.mark.parametrize(
    ("proxy", "problem"),
    [
        ("proxy:3128", "needs a scheme"),
        ("ftp://proxy:21", "not a proxy scheme"),
        ("socks6://proxy:1080", "not a proxy scheme"),
        ("http://proxy:3128/path", "has a path"),
        ("http://proxy:3128?x=1", "query"),
        ("http://us@er:pass@proxy:3128", "unencoded @"),
        ("http://:0", "no host name"),
        ("http://proxy:0", "port 0"),
    ],
)
def test_proxy_refuses_what_cannot_be_a_proxy(proxy: str, problem: str) -> None:
    with pytest.raises(ConfigurationError, match=problem):
        Configuration(proxy=proxy)


def test_host_still_refuses_credentials() -> None:
    with pytest.raises(ConfigurationError, match="must not carry credentials"):
        Configuration(host="http://user:pass@127.0.0.1:39300")
