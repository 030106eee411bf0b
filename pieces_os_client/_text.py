"""`escape_controls`: server-provided text made safe to print on a terminal or write to a log line.

A reason phrase, a body excerpt or an id comes from the server and may hold terminal control sequences:
an OSC title (``ESC ] 0;title BEL``), a screen clear (``ESC [2J``), a carriage return that overwrites
the line, a C1 CSI (``\\x9b``), or bidi overrides that reorder what the reader sees. Each such character
is replaced by a visible escape (``\\x1b``, ``\\r``, ``\\u202e``); everything else is kept as it is.
"""

from __future__ import annotations

from typing import Dict

__all__ = ["escape_controls"]


def _escape(code: int) -> str:
    named = {0x09: "\\t", 0x0A: "\\n", 0x0D: "\\r"}
    if code in named:
        return named[code]
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


# C0 controls, DEL, C1 controls, and the bidi embeddings, overrides and isolates (U+202A-U+202E,
# U+2066-U+2069).
_CONTROLS = [*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0), *range(0x202A, 0x202F), *range(0x2066, 0x206A)]
_TABLE: Dict[int, str] = {code: _escape(code) for code in _CONTROLS}
_TABLE_KEEP_NEWLINES: Dict[int, str] = {k: v for k, v in _TABLE.items() if k != 0x0A}


def escape_controls(text: str, *, keep_newlines: bool = False) -> str:
    """``text`` with every control character shown as an escape, e.g. ``"\\x1b[2J"`` for ESC [2J.

    ``keep_newlines`` keeps ``\\n`` (for output meant to span lines); ``\\r`` is always escaped.
    """
    return text.translate(_TABLE_KEEP_NEWLINES if keep_newlines else _TABLE)
