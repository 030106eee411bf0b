"""Print pins for the versions of pydantic, pydantic-core and urllib3 installed here.

``make bench-compare`` installs the official SDK with these pins in its own virtual environment, so the
two SDKs are compared on the same libraries.
"""

from __future__ import annotations

from importlib.metadata import version

if __name__ == "__main__":
    print(" ".join(f"{name}=={version(name)}" for name in ("pydantic", "pydantic-core", "urllib3")))
