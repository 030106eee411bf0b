"""``python -m pieces_os_client``: the same command line as ``pieces-os-client``."""

from __future__ import annotations

import sys

from pieces_os_client.cli import main

if __name__ == "__main__":
    sys.exit(main())
