"""A measurement worker: one process, one SDK (ours or the official one), driven over stdin/stdout.

Run by path with ``python -I`` so that neither the current directory nor this folder's parent can shadow
the installed ``pieces_os_client`` (the official SDK has the same import name as ours and lives in its own
virtual environment). Only the standard library, urllib3 and the SDK under test are imported.

Protocol: one JSON command per line on stdin, one JSON answer per line on stdout. Each measurement
command runs a block of calls and answers the client CPU (``time.process_time``, this process only: the
server runs in another process) and the wall time the block took; the parent interleaves blocks of
the implementations it compares and takes medians.

Implementations (``impl``):

- ``sdk``: the SDK under test (``--flavour ours`` or ``--flavour official``);
- ``floor``: the least any client must do: a bare urllib3 ``PoolManager`` request (keep-alive) to the
  same server for the same bytes, plus ``Allocations.model_validate_json`` on the body (for connect:
  ``UserProfile.model_dump_json`` for the body, the same bare POST, ``AllocationCloud.model_validate_json``);
- ``dump``: for connect, ``model_dump_json`` of the body alone;
- ``async``: our ``AsyncAllocationsApi`` (snapshot only; ``--flavour ours``), awaited one call after
  another in this process's event loop;
- ``async-floor``: a bare aiohttp ``ClientSession`` GET (keep-alive) of the same bytes, plus
  ``Allocations.model_validate_json`` on the body, in the same event loop (either flavour's models);
- ``async-floor-timed``: the same with our client's default timeouts given to aiohttp
  (``ClientTimeout(total=300, sock_connect=5, sock_read=60)``): what the floor costs doing what ours does.

aiohttp is imported only by the async implementations and the ``tasks`` command, which runs many tasks on
one `AsyncApiClient` (the asyncio counterpart of ``threads``).

With ``--memory IMPL`` it instead measures memory once in this fresh process and exits.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import os
import resource
import sys
import threading
import time
import tracemalloc
from typing import Any, Awaitable, Callable, Dict, List, Optional, Tuple

HERE = os.path.dirname(os.path.abspath(__file__))


class Ours:
    """Our SDK: public top-level names."""

    def __init__(self) -> None:
        import pieces_os_client

        self.sdk = pieces_os_client
        from pieces_os_client.models.allocation_cloud import AllocationCloud
        from pieces_os_client.models.allocations import Allocations

        self.Allocations = Allocations
        self.AllocationCloud = AllocationCloud

    def client(self, host: str) -> Tuple[Any, Any]:
        configuration = self.sdk.Configuration(host=host)
        api_client = self.sdk.ApiClient(configuration)
        return api_client, self.sdk.AllocationsApi(api_client)

    def async_client(self, host: str) -> Tuple[Any, Any]:
        api_client = self.sdk.AsyncApiClient(self.sdk.Configuration(host=host))
        return api_client, self.sdk.AsyncAllocationsApi(api_client)

    def profile(self) -> Any:
        sys.path.insert(0, HERE)
        import _profile  # type: ignore[import-not-found]

        return self.sdk.UserProfile.model_validate_json(json.dumps(_profile.full_document()))


class Official:
    """The official pieces-os-client 5.0.1: its top-level exports are empty, so import from submodules."""

    def __init__(self) -> None:
        from pieces_os_client.api.allocations_api import AllocationsApi
        from pieces_os_client.api_client import ApiClient
        from pieces_os_client.configuration import Configuration
        from pieces_os_client.models.allocation_cloud import AllocationCloud
        from pieces_os_client.models.allocations import Allocations

        self.AllocationsApi = AllocationsApi
        self.ApiClient = ApiClient
        self.Configuration = Configuration
        self.Allocations = Allocations
        self.AllocationCloud = AllocationCloud

    def client(self, host: str) -> Tuple[Any, Any]:
        api_client = self.ApiClient(self.Configuration(host=host))
        return api_client, self.AllocationsApi(api_client)

    def profile(self) -> Any:
        """The same full UserProfile document, decoded by the official models (for model_dump_json)."""
        from pieces_os_client.models.user_profile import UserProfile

        sys.path.insert(0, HERE)
        import _profile  # type: ignore[import-not-found]

        return UserProfile.model_validate_json(json.dumps(_profile.full_document()))


def _close(api_client: Any) -> None:
    close = getattr(api_client, "close", None)
    if close is not None:
        close()
    else:  # the official ApiClient has no close(); its pool goes with it
        api_client.rest_client.pool_manager.clear()


ASYNC_IMPLS = ("async", "async-floor", "async-floor-timed")


class Worker:
    def __init__(self, flavour: str, ports: Dict[str, int]) -> None:
        self.sdk = Ours() if flavour == "ours" else Official()
        self.ports = ports
        self.calls: Dict[Tuple[str, str, str], Callable[[], Any]] = {}
        self.async_calls: Dict[Tuple[str, str, str], Callable[[], Awaitable[Any]]] = {}
        self._profile: Any = None
        self._loop: Optional[asyncio.AbstractEventLoop] = None
        self._async_closers: List[Callable[[], Awaitable[Any]]] = []

    @property
    def loop(self) -> asyncio.AbstractEventLoop:
        """The one event loop the async implementations run in (their sessions belong to it)."""
        if self._loop is None:
            self._loop = asyncio.new_event_loop()
        return self._loop

    def close(self) -> None:
        if self._loop is not None:
            for close in self._async_closers:
                self._loop.run_until_complete(close())
            self._loop.close()

    def host(self, clouds: str) -> str:
        return f"http://127.0.0.1:{self.ports[clouds]}"

    def profile(self) -> Any:
        if self._profile is None:
            self._profile = self.sdk.profile()
        return self._profile

    def call(self, kind: str, impl: str, clouds: str) -> Callable[[], Any]:
        """The zero-argument function one measured call runs (built once, then reused: warm pools)."""
        key = (kind, impl, clouds)
        if key in self.calls:
            return self.calls[key]
        host = self.host(clouds)
        fn: Callable[[], Any]
        if impl == "sdk":
            _api_client, api = self.sdk.client(host)
            if kind == "snapshot":
                fn = api.allocations_snapshot
            else:
                profile = self.profile()

                def fn() -> Any:
                    return api.allocations_connect_new_cloud(user_profile=profile)

        elif impl == "floor":
            import urllib3

            pool = urllib3.PoolManager()
            if kind == "snapshot":
                url = host + "/allocations"
                validate = self.sdk.Allocations.model_validate_json

                def fn() -> Any:
                    return validate(pool.request("GET", url, headers={"Accept": "application/json"}).data)

            else:
                url = host + "/allocations/connect"
                validate_cloud = self.sdk.AllocationCloud.model_validate_json
                profile = self.profile()
                headers = {"Content-Type": "application/json", "Accept": "application/json"}

                def fn() -> Any:
                    body = profile.model_dump_json(by_alias=True, exclude_unset=True)
                    return validate_cloud(pool.request("POST", url, body=body, headers=headers).data)

        elif impl == "dump":
            profile = self.profile()

            def fn() -> Any:
                return profile.model_dump_json(by_alias=True, exclude_unset=True)

        else:
            raise ValueError(impl)
        for _ in range(5):  # warm: connection open, validators built, caches filled
            fn()
        self.calls[key] = fn
        return fn

    def async_call(self, kind: str, impl: str, clouds: str) -> Callable[[], Awaitable[Any]]:
        """`call` for the async implementations: a coroutine function, its client warm in `loop`."""
        key = (kind, impl, clouds)
        if key in self.async_calls:
            return self.async_calls[key]
        if kind != "snapshot":
            raise ValueError(f"{impl}: snapshot only")
        host = self.host(clouds)
        fn: Callable[[], Awaitable[Any]]
        if impl == "async":
            api_client, api = self.sdk.async_client(host)  # type: ignore[union-attr]
            self._async_closers.append(api_client.close)
            fn = api.allocations_snapshot
        elif impl in ("async-floor", "async-floor-timed"):
            import aiohttp

            async def open_session() -> Any:  # a session belongs to the loop it is created in
                if impl == "async-floor":
                    return aiohttp.ClientSession()
                timeout = aiohttp.ClientTimeout(total=300.0, sock_connect=5.0, sock_read=60.0)
                return aiohttp.ClientSession(timeout=timeout)

            session = self.loop.run_until_complete(open_session())
            self._async_closers.append(session.close)
            url = host + "/allocations"
            validate = self.sdk.Allocations.model_validate_json
            headers = {"Accept": "application/json"}

            async def fn() -> Any:
                async with session.get(url, headers=headers) as response:
                    return validate(await response.read())

        else:
            raise ValueError(impl)

        async def warm() -> None:
            for _ in range(5):
                await fn()

        self.loop.run_until_complete(warm())
        self.async_calls[key] = fn
        return fn

    def async_block(self, kind: str, impl: str, clouds: str, calls: int) -> Dict[str, float]:
        fn = self.async_call(kind, impl, clouds)

        async def run() -> Dict[str, float]:
            cpu0, wall0 = time.process_time(), time.perf_counter()
            for _ in range(calls):
                await fn()
            cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
            return {"cpu": cpu / calls, "wall": wall / calls}

        gc.collect()
        return self.loop.run_until_complete(run())

    def block(self, kind: str, impl: str, clouds: str, calls: int) -> Dict[str, float]:
        if impl in ASYNC_IMPLS:
            return self.async_block(kind, impl, clouds, calls)
        fn = self.call(kind, impl, clouds)
        gc.collect()
        cpu0, wall0 = time.process_time(), time.perf_counter()
        for _ in range(calls):
            fn()
        cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
        return {"cpu": cpu / calls, "wall": wall / calls}

    def threads(self, threads: int, calls: int) -> Dict[str, float]:
        """``threads`` threads sharing one new client, ``calls`` snapshot calls each (1 cloud)."""
        api_client, api = self.sdk.client(self.host("1"))
        errors: List[BaseException] = []
        start = threading.Barrier(threads + 1)

        def run() -> None:
            try:
                start.wait(timeout=30)
                for _ in range(calls):
                    api.allocations_snapshot()
            except BaseException as exc:  # reported, not raised: the parent prints it
                errors.append(exc)

        pool = [threading.Thread(target=run, daemon=True) for _ in range(threads)]
        for thread in pool:
            thread.start()
        start.wait(timeout=30)
        cpu0, wall0 = time.process_time(), time.perf_counter()
        for thread in pool:
            thread.join(timeout=300)
        wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
        _close(api_client)
        if errors:
            raise RuntimeError(f"{len(errors)} thread(s) failed: {errors[0]!r}")
        return {"throughput": threads * calls / wall, "wall": wall, "cpu": cpu / (threads * calls)}

    def tasks(self, tasks: int, calls: int) -> Dict[str, float]:
        """``tasks`` asyncio tasks sharing one new `AsyncApiClient`, ``calls`` snapshot calls each (1 cloud).

        Also answers the client CPU per call over the run (``time.process_time`` of this process).
        """
        api_client, api = self.sdk.async_client(self.host("1"))  # type: ignore[union-attr]

        async def one_task() -> None:
            for _ in range(calls):
                await api.allocations_snapshot()

        async def run() -> Tuple[float, float]:
            async with api_client:
                await api.allocations_snapshot()  # the session exists before the clock starts
                cpu0, wall0 = time.process_time(), time.perf_counter()
                await asyncio.wait_for(asyncio.gather(*(one_task() for _ in range(tasks))), timeout=300)
                return time.perf_counter() - wall0, time.process_time() - cpu0

        wall, cpu = self.loop.run_until_complete(run())
        return {"throughput": tasks * calls / wall, "wall": wall, "cpu": cpu / (tasks * calls)}

    def handle(self, command: Dict[str, Any]) -> Dict[str, Any]:
        if command["cmd"] == "block":
            return self.block(command["kind"], command["impl"], command["clouds"], command["calls"])
        if command["cmd"] == "threads":
            return self.threads(command["threads"], command["calls"])
        if command["cmd"] == "tasks":
            return self.tasks(command["tasks"], command["calls"])
        if command["cmd"] == "pool_size":  # the connections one client may open at most
            return {"pool_size": self.sdk.sdk.Configuration().connection_pool_maxsize}  # type: ignore[union-attr]
        if command["cmd"] == "versions":
            import pydantic
            import urllib3

            versions = {"pydantic": pydantic.VERSION, "urllib3": urllib3.__version__}  # type: ignore[attr-defined]
            try:
                import aiohttp
            except ImportError:
                versions["aiohttp"] = ""
            else:
                versions["aiohttp"] = aiohttp.__version__
            return versions
        raise ValueError(command)


def _maxrss_kib() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux


def memory(flavour: str, impl: str, ports: Dict[str, int]) -> Dict[str, Any]:
    """Peak RSS after import and after a 1,000-cloud snapshot, and the traced peak of one such call."""
    host = f"http://127.0.0.1:{ports['1000']}"
    if impl == "sdk":
        sdk: Any = Ours() if flavour == "ours" else Official()
        if flavour == "ours":
            sdk.sdk.UserProfile  # noqa: B018 - the import the import benchmark measures
        after_import = _maxrss_kib()
        _api_client, api = sdk.client(host)
        call: Callable[[], Any] = api.allocations_snapshot
    else:
        import pydantic  # noqa: F401
        import urllib3

        after_import = _maxrss_kib()
        validate = (Ours() if flavour == "ours" else Official()).Allocations.model_validate_json
        pool = urllib3.PoolManager()

        def call() -> Any:
            return validate(pool.request("GET", host + "/allocations").data)

    call()
    after_call = _maxrss_kib()
    gc.collect()
    tracemalloc.start()
    call()
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {"rss_import_kib": after_import, "rss_snapshot_kib": after_call, "traced_peak": peak}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--flavour", choices=("ours", "official"), required=True)
    parser.add_argument("--ports", required=True, help="JSON: snapshot size -> port")
    parser.add_argument("--memory", choices=("sdk", "floor"))
    args = parser.parse_args()
    ports = json.loads(args.ports)
    if args.memory:
        print(json.dumps(memory(args.flavour, args.memory, ports)), flush=True)
        return
    worker = Worker(args.flavour, ports)
    print(json.dumps({"ready": True}), flush=True)
    for line in sys.stdin:
        try:
            answer = worker.handle(json.loads(line))
        except Exception as exc:
            answer = {"error": f"{type(exc).__name__}: {exc}"}
        print(json.dumps(answer), flush=True)
    worker.close()


if __name__ == "__main__":
    main()
