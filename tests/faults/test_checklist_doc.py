"""docs/reliability.md lists every checklist case once, and every test it names exists."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Dict, List, Set

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "reliability.md"
# The cases' tests: tests/faults (one file per area, load included), and the parity tables (every client).
TEST_FILES = sorted(
    [*(ROOT / "tests" / "faults").glob("test_*.py"), *(ROOT / "tests" / "parity").glob("test_*.py")]
)
CASES = 34
# Cases added after the first checklist (35 on): every one is listed, with a test.
LATER_CASES = [*range(35, 62)]


def case_rows() -> Dict[int, str]:
    """Case number -> its row; a case with lettered rows (54a, 54b, ...) -> those rows, one per line."""
    rows: Dict[int, str] = {}
    letters: Dict[int, str] = {}
    for line in DOC.read_text(encoding="utf-8").splitlines():
        match = re.match(r"\| (\d+)([a-z]?) \|", line)
        if match:
            number, letter = int(match.group(1)), match.group(2)
            if letter:
                expected = chr(ord(letters.get(number, "`")) + 1)
                assert letter == expected, f"case {number}{letter} follows {number}{letters.get(number)}"
                assert number not in rows or number in letters, f"case {number} listed twice"
                letters[number] = letter
                rows[number] = rows.get(number, "") + line + "\n"
                continue
            assert number not in rows, f"case {number} listed twice"
            rows[number] = line
    return rows


def defined_tests() -> Set[str]:
    names: Set[str] = set()
    for path in TEST_FILES:
        names.update(re.findall(r"(?m)^def (test_\w+)", path.read_text(encoding="utf-8")))
    return names


def test_every_case_has_a_row_and_a_test():
    rows = case_rows()
    listed = sorted(rows)
    assert listed[:CASES] == list(range(1, CASES + 1))
    assert listed[CASES:] == list(LATER_CASES), listed[CASES:]
    functions = defined_tests()
    covered: Set[int] = set()
    for name in functions:
        match = re.match(r"test_(\d\d)[a-z]?_(?:to_(\d\d)_)?", name)
        if match:
            first = int(match.group(1))
            covered.update(range(first, int(match.group(2) or first) + 1))
    assert covered >= set(range(1, CASES)), sorted(set(range(1, CASES)) - covered)
    later = set(listed[CASES:])
    assert covered >= later, sorted(later - covered)
    assert any(name.startswith("test_load_") for name in functions)


def test_every_test_the_table_names_exists():
    functions = defined_tests()
    for number, row in case_rows().items():
        named: List[str] = re.findall(r"`(test_[\w*]+)`", row)
        assert named, f"case {number} names no test"
        for name in named:
            if name.endswith("*"):
                assert any(f.startswith(name[:-1]) for f in functions), (
                    f"case {number}: nothing matches {name}"
                )
            else:
                assert name in functions, f"case {number}: no test named {name}"
