"""Print pins for the versions of pydantic, pydantic-core, urllib3 and aiohttp installed here.

``make bench-compare`` installs the official SDK with these pins in its own virtual environment, and
``make bench-pythons`` both SDKs, so the two are compared on the same libraries. aiohttp (the async
extra, pinned in requirements-dev.txt) is pinned when it is installed here: the asyncio rows need it in
both environments (ours for the client, the official one for its floor with the official models).
"""

from __future__ import annotations

import contextlib
from importlib.metadata import PackageNotFoundError, version


def pins() -> list[str]:
    found = [f"{name}=={version(name)}" for name in ("pydantic", "pydantic-core", "urllib3")]
    with contextlib.suppress(PackageNotFoundError):  # without it, benchmarks.run leaves the asyncio rows out
        found.append(f"aiohttp=={version('aiohttp')}")
    return found


if __name__ == "__main__":
    print(" ".join(pins()))
