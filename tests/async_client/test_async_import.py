"""The async client is optional: ``import pieces_os_client`` never loads aiohttp, and without it
building an `AsyncApiClient` says how to install it. These run whether aiohttp is installed or not."""

from __future__ import annotations

import json
import subprocess
import sys


def _run(code: str) -> str:
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    return out.stdout.strip()


def test_importing_the_package_and_the_async_names_never_imports_aiohttp() -> None:
    code = (
        "import sys\n"
        "import pieces_os_client\n"
        "from pieces_os_client import AsyncAllocationsApi, AsyncApiClient, async_discover\n"
        "from pieces_os_client.api_client import AsyncApiClient as Again\n"
        "import pieces_os_client.api.allocations_api\n"
        "import json\n"
        "print(json.dumps([AsyncApiClient is Again, 'aiohttp' in sys.modules]))"
    )
    assert json.loads(_run(code)) == [True, False]


def test_building_a_client_without_aiohttp_says_how_to_install_it() -> None:
    code = (
        "import sys\n"
        "sys.modules['aiohttp'] = None  # as if it were not installed\n"
        "import pieces_os_client\n"
        "try:\n"
        "    pieces_os_client.AsyncApiClient(pieces_os_client.Configuration(host='http://127.0.0.1:9'))\n"
        "except ImportError as exc:\n"
        "    print(str(exc))\n"
        "else:\n"
        "    print('built')\n"
    )
    message = _run(code)
    assert "pip install 'pieces-os-client[async]'" in message, message
    assert "aiohttp" in message
