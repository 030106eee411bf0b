"""pytest fixtures for testing against a fake Pieces OS: ``pieces_os``, ``pieces_os_session`` and, with
pytest-asyncio, ``pieces_os_async_client``.

Installing ``pieces-os-client`` registers this plugin through the ``pytest11`` entry point, so the
fixtures are available in every test without any set-up::

    def test_my_app_connects(pieces_os):
        app = MyApp(host=pieces_os.url)
        ...
        assert [r.path for r in pieces_os.requests] == ["/allocations/connect"]

The line older versions asked for, ``pytest_plugins = ["pieces_os_client.testing.pytest_plugin"]`` in
the root ``conftest.py``, keeps working (the entry point has that very name, so pytest sees one plugin),
and is what enables the fixtures when plugin autoloading is off (``PYTEST_DISABLE_PLUGIN_AUTOLOAD``).
``-p no:pieces_os_client.testing.pytest_plugin`` disables it.

Loading the plugin imports only pytest: the fake (and pydantic, the models) are imported by the first
test that asks for a fixture. ``pieces_os_async_client`` (an `AsyncApiClient` on the ``pieces_os``
fake) is registered only when pytest-asyncio is loaded; aiohttp is imported by the first test using it.

Faults queued on a fixture's fake and never used fail the test at teardown (see `pieces_os`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterator

import pytest

if TYPE_CHECKING:
    from pieces_os_client.testing._server import FakePiecesOS

__all__ = ["pieces_os", "pieces_os_session"]

_IN_PROCESS_INI = "pieces_os_in_process"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addini(
        _IN_PROCESS_INI,
        type="bool",
        default=False,
        help="serve the pieces_os fixtures in process, without sockets (FakePiecesOS(in_process=True))",
    )


def pytest_configure(config: pytest.Config) -> None:
    # The async fixture needs pytest-asyncio to run; without it the stand-in below says what to install.
    if config.pluginmanager.has_plugin("asyncio"):
        from pieces_os_client.testing import _async_fixtures

        config.pluginmanager.register(_async_fixtures, "pieces_os_client.testing._async_fixtures")
    else:
        config.pluginmanager.register(_NoAsyncFixture(), "pieces_os_client.testing._no_async_fixture")


class _NoAsyncFixture:
    @pytest.fixture
    def pieces_os_async_client(self) -> None:
        """Stands in for the async fixture when pytest-asyncio is not installed."""
        pytest.fail(
            "the pieces_os_async_client fixture needs pytest-asyncio and aiohttp: "
            "pip install pytest-asyncio 'pieces-os-client[async]'",
            pytrace=False,
        )


def _start(config: pytest.Config) -> FakePiecesOS:
    from pieces_os_client.testing._server import FakePiecesOS

    in_process = bool(config.getini(_IN_PROCESS_INI))
    return FakePiecesOS(in_process=in_process).start()


def _stop_and_check(fake: FakePiecesOS, fixture: str) -> None:
    fake.stop()
    unused = fake.pending_faults()
    if unused and not fake.allow_unused_faults:
        pytest.fail(
            "faults queued on the fake Pieces OS were never used: "
            + "; ".join(unused)
            + f" (set {fixture}.allow_unused_faults = True if that is intended)",
            pytrace=False,
        )


@pytest.fixture
def pieces_os(request: pytest.FixtureRequest) -> Iterator[FakePiecesOS]:
    """A running fake Pieces OS in local mode, fresh for each test and stopped when it ends.

    Switch it to cloud mode (``create``/``delete`` served) with ``pieces_os.cloud = True``. With
    ``pieces_os_in_process = true`` in the pytest configuration it is served in process, without
    sockets: give the code under test ``pieces_os.configuration()``, not only ``pieces_os.url``.

    A fault queued with ``fail_next``, ``respond_next``, ``stall_next`` or ``drop_next`` that no request
    used by the end of the test fails it at teardown: the test passed without exercising what it
    meant to. Set ``pieces_os.allow_unused_faults = True`` (or call ``pieces_os.reset_faults()``) when
    leaving faults unused is intended.
    """
    fake = _start(request.config)
    try:
        yield fake
    finally:
        _stop_and_check(fake, "pieces_os")


@pytest.fixture(scope="session")
def pieces_os_session(request: pytest.FixtureRequest) -> Iterator[FakePiecesOS]:
    """One running fake Pieces OS for the whole test session, for fixtures of any scope.

    For what must be set up once, e.g. an app server started by a session-scoped fixture. Tests that
    use it share its allocations, request record and faults: call ``pieces_os_session.reset()`` to
    start from a clean state. Faults left unused at the end of the session fail it, as for `pieces_os`.
    """
    fake = _start(request.config)
    try:
        yield fake
    finally:
        _stop_and_check(fake, "pieces_os_session")
