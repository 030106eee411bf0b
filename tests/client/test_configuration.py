"""`Configuration`: defaults, validation before any I/O, redaction, the debug switch."""

from __future__ import annotations

import copy
import logging
import subprocess
import sys

import pytest

from pieces_os_client import _constants as C
from pieces_os_client._version import __version__
from pieces_os_client.configuration import Configuration
from pieces_os_client.exceptions import ApiValueError, ConfigurationError


def test_defaults() -> None:
    config = Configuration()
    assert config.host == "http://localhost:1000" == C.DEFAULT_HOST
    assert config.timeout == (C.DEFAULT_CONNECT_TIMEOUT, C.DEFAULT_READ_TIMEOUT) == (5.0, 60.0)
    assert config.retries == C.DEFAULT_MAX_RETRIES == 2
    assert config.verify_ssl is True
    assert config.ssl_ca_cert is None and config.cert_file is None and config.key_file is None
    assert config.proxy is None
    assert config.api_key == {}
    assert config.user_agent == f"pieces-os-client-python/{__version__}"
    assert config.max_response_bytes == 4 * 1024 * 1024
    assert config.connection_pool_maxsize == C.DEFAULT_POOL_MAXSIZE
    assert config.transport == "urllib3"
    assert config.debug is False
    assert config.logger["package_logger"].name == "pieces_os_client"


@pytest.mark.parametrize(
    ("host", "expected"),
    [
        ("http://localhost:39300", "http://localhost:39300"),
        ("http://localhost:39300/", "http://localhost:39300"),
        ("https://pieces.example:8443//", "https://pieces.example:8443"),
        ("http://127.0.0.1", "http://127.0.0.1"),
        ("http://[::1]:1000", "http://[::1]:1000"),
        ("http://localhost:1000/base/", "http://localhost:1000/base"),
    ],
)
def test_host_is_normalised(host: str, expected: str) -> None:
    assert Configuration(host=host).host == expected


@pytest.mark.parametrize(
    ("host", "problem"),
    [
        ("invalid://x", "needs the scheme http:// or https://"),
        ("http://", "has no host name"),
        ("localhost:1000", "needs the scheme http:// or https://"),
        ("localhost", "needs the scheme http:// or https://"),
        ("http://localhost:1000?x=1", "must not have a query or fragment"),
        ("http://localhost:1000#top", "must not have a query or fragment"),
        ("http://user:secret@localhost:1000", "must not carry credentials"),
        ("http://localhost:99999", "is not a valid URL"),
        ("http://localhost:abc", "is not a valid URL"),
        ("http://local host:1000", "contains whitespace or a control character"),
        ("http://localhost:1000\r\nX-Evil: 1", "contains whitespace or a control character"),
        ("", "needs the scheme"),
    ],
)
def test_bad_host_is_rejected_at_construction(host: str, problem: str) -> None:
    with pytest.raises(ConfigurationError) as info:
        Configuration(host=host)
    message = str(info.value)
    assert problem in message
    assert "a valid host looks like 'http://localhost:39300'" in message
    assert isinstance(info.value, ApiValueError) and isinstance(info.value, ValueError)


def test_bad_host_is_rejected_on_assignment_and_the_old_value_stays() -> None:
    config = Configuration(host="http://localhost:39300")
    with pytest.raises(ConfigurationError):
        config.host = "localhost:1000"
    assert config.host == "http://localhost:39300"
    config.host = "http://127.0.0.1:39301/"
    assert config.host == "http://127.0.0.1:39301"


def test_host_must_be_a_string() -> None:
    with pytest.raises(ConfigurationError, match="host must be a string, got int"):
        Configuration(host=1000)  # type: ignore[arg-type]


def test_api_key_accepts_a_string_or_a_dict() -> None:
    assert Configuration(api_key="abc").api_key == {"application": "abc"}
    assert Configuration(api_key={"application": "abc"}).api_key == {"application": "abc"}
    config = Configuration()
    config.api_key["application"] = "later"  # the upstream idiom
    assert config.auth_headers() == {"X-Application-ID": "later"}
    config.api_key_prefix["application"] = "Token"
    assert config.get_api_key_with_prefix("application") == "Token later"
    assert config.get_api_key_with_prefix("missing") is None


@pytest.mark.parametrize("key", ["abc\r\nX-Evil: 1", "abc\n", "a\x00b", "\x7f"])
def test_api_key_with_control_characters_is_rejected(key: str) -> None:
    with pytest.raises(ConfigurationError) as info:
        Configuration(api_key=key)
    assert "control character" in str(info.value)
    assert key not in str(info.value)


def test_api_key_of_wrong_type() -> None:
    with pytest.raises(ConfigurationError, match="api_key must be a string or a dict"):
        Configuration(api_key=42)  # type: ignore[arg-type]


@pytest.mark.parametrize("name", ["connect_timeout", "read_timeout", "pool_timeout"])
@pytest.mark.parametrize("value", [0, -1, float("nan"), float("inf"), "5", True, None])
def test_bad_timeouts_are_rejected(name: str, value: object) -> None:
    with pytest.raises(ConfigurationError, match=name):
        Configuration(**{name: value})  # type: ignore[arg-type]


def test_timeouts_can_be_set() -> None:
    config = Configuration(connect_timeout=1, read_timeout=2.5)
    assert config.timeout == (1.0, 2.5)
    config.read_timeout = 0.2
    assert config.timeout == (1.0, 0.2)


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("retries", -1),
        ("retries", 1.5),
        ("retries", True),
        ("connection_pool_maxsize", 0),
        ("max_response_bytes", -1),
        ("max_response_bytes", 0),
    ],
)
def test_bad_counts_are_rejected(name: str, value: object) -> None:
    with pytest.raises(ConfigurationError, match=name):
        Configuration(**{name: value})  # type: ignore[arg-type]


def test_retries_none_means_default_and_zero_turns_them_off() -> None:
    assert Configuration(retries=None).retries == 2
    assert Configuration(retries=0).retries == 0
    config = Configuration()
    config.retries = 5
    assert config.retries == 5


def test_unknown_transport_names_the_choices() -> None:
    with pytest.raises(
        ConfigurationError, match=r"unknown transport 'carrier-pigeon'; choose one of .*'urllib3'"
    ):
        Configuration(transport="carrier-pigeon")


def test_bad_proxy_and_user_agent() -> None:
    with pytest.raises(ConfigurationError, match="proxy 'proxy:3128' needs a scheme such as http://"):
        Configuration(proxy="proxy:3128")
    assert Configuration(proxy="http://proxy:3128").proxy == "http://proxy:3128"
    with pytest.raises(ConfigurationError, match="control character"):
        Configuration(user_agent="x\r\ny")


def test_repr_never_shows_secrets() -> None:
    config = Configuration(
        host="http://localhost:39300",
        api_key="s3cret-key",
        proxy_headers={"Proxy-Authorization": "Basic cHJveHk="},
    )
    text = repr(config)
    assert "s3cret-key" not in text and "cHJveHk=" not in text
    assert text == (
        "Configuration(host='http://localhost:39300', api_key={'application': '***'}, timeout=(5.0, 60.0), "
        "retries=2, verify_ssl=True, proxy=None, transport='urllib3')"
    )


def test_deepcopy_keeps_settings() -> None:
    config = Configuration(host="http://localhost:39300", api_key="k", read_timeout=3)
    clone = copy.deepcopy(config)
    assert clone.host == config.host and clone.api_key == {"application": "k"} and clone.timeout == (5.0, 3.0)
    clone.api_key["application"] = "other"
    assert config.api_key == {"application": "k"}


def test_default_configuration_can_be_replaced() -> None:
    try:
        first = Configuration.get_default()
        assert Configuration.get_default() is first
        mine = Configuration(host="http://localhost:39300")
        Configuration.set_default(mine)
        assert Configuration.get_default() is mine
    finally:
        Configuration.set_default(None)


def test_debug_switches_the_package_logger_and_back() -> None:
    logger = logging.getLogger("pieces_os_client")
    before = (logger.level, list(logger.handlers))
    config = Configuration(debug=True)
    try:
        assert logger.level == logging.DEBUG
        assert len(logger.handlers) == len(before[1]) + 1
        Configuration(debug=True)  # a second switch does not add a second handler
        assert len(logger.handlers) == len(before[1]) + 1
    finally:
        config.debug = False
    assert (logger.level, list(logger.handlers)) == (logging.NOTSET, before[1])
    config = Configuration(debug=True)
    Configuration()  # building settings with debug off leaves the switch of another one alone
    assert len(logger.handlers) == len(before[1]) + 1
    config.debug = False
    assert (logger.level, list(logger.handlers)) == (logging.NOTSET, before[1])


def test_debug_off_leaves_levels_set_elsewhere_alone(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="pieces_os_client")
    Configuration(debug=False)
    assert logging.getLogger("pieces_os_client").level == logging.DEBUG


def test_debug_report_names_versions() -> None:
    report = Configuration().to_debug_report()
    assert f"SDK Package Version: {__version__}" in report
    assert "Python Version: " in report


def test_configuration_imports_neither_urllib3_nor_pydantic() -> None:
    code = (
        "import sys; from pieces_os_client.configuration import Configuration; Configuration(); "
        "print(sorted(m for m in ('urllib3', 'pydantic', 'requests') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert out.stdout.strip() == "[]"
