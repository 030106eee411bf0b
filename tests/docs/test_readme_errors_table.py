"""The README's status -> exception table says exactly what `exception_for_status` does."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Dict, List, Tuple

from pieces_os_client import exceptions as E
from pieces_os_client.exceptions import exception_for_status

README = Path(__file__).resolve().parents[2] / "README.md"


def _table_rows() -> List[Tuple[str, str]]:
    text = README.read_text(encoding="utf-8")
    section = text.split("## Errors", 1)[1].split("\n## ", 1)[0]
    rows = []
    for line in section.splitlines():
        match = re.match(r"^\| (.+?) \| `(\w+)`.*\|$", line)
        if match:
            rows.append((match.group(1), match.group(2)))
    return rows


def test_table_matches_exception_for_status() -> None:
    rows = _table_rows()
    explicit: Dict[int, str] = {int(label): name for label, name in rows if label.isdigit()}
    others = {label: name for label, name in rows if not label.isdigit()}
    # Every explicitly listed status maps as written...
    for status, name in explicit.items():
        assert exception_for_status(status).__name__ == name, status
    # ...and every status with its own class is listed.
    for status in range(100, 600):
        cls = exception_for_status(status)
        if cls not in (E.ServiceException, E.ApiException):
            assert explicit.get(status) == cls.__name__, status
    assert others["other 5xx"] == "ServiceException"
    for status in range(500, 600):
        if status not in explicit:
            assert exception_for_status(status) is E.ServiceException, status
    catch_all = [name for label, name in others.items() if label.startswith("any other status")]
    assert catch_all == ["ApiException"]
    for status in (300, 302, 307, 402, 405, 410, 418, 451):
        assert exception_for_status(status) is E.ApiException, status


def test_every_listed_name_is_an_exported_exception() -> None:
    import pieces_os_client

    for _, name in _table_rows():
        assert name in pieces_os_client.__all__
        assert issubclass(getattr(pieces_os_client, name), E.ApiException)
