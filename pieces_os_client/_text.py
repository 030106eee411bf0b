"""`escape_controls`: server-provided text made safe to print on a terminal or write to a log line.

A reason phrase, a body excerpt or an id comes from the server and may hold terminal control sequences:
an OSC title (``ESC ] 0;title BEL``), a screen clear (``ESC [2J``), a carriage return that overwrites
the line, a C1 CSI (``\\x9b``), or bidi overrides that reorder what the reader sees. Each such character
is replaced by a visible escape (``\\x1b``, ``\\r``, ``\\u202e``); everything else is kept as it is.

`server_excerpt` is how server text enters a message: cut to a short excerpt first (a status line can be
64 KiB), then credentials in URLs masked and control characters escaped.
"""

from __future__ import annotations

from typing import Dict

from pieces_os_client._redact import redact_text

__all__ = ["EXCERPT_CHARS", "escape_controls", "server_excerpt"]


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


# How much of a text the server wrote (a status line, a header value, a library's message quoting one)
# an exception message quotes.
EXCERPT_CHARS = 200


def server_excerpt(text: str, limit: int = EXCERPT_CHARS) -> str:
    """``text`` as a message may quote it: at most ``limit`` characters of it (and "…" when cut), URL
    credentials masked (`redact_text`), control characters escaped.

    The cut comes first, so the cost does not depend on the length of ``text``. A URL that the cut goes
    through keeps only its ``scheme://``: its user info may go on past the cut, where the ``@`` that
    marks its end for `redact_text` is no longer seen.
    """
    if len(text) > limit:
        cut = text[:limit]
        if not text[limit].isspace():  # the cut goes through a run of text: a URL, maybe
            run = len(cut)
            while run > 0 and not cut[run - 1].isspace():
                run -= 1
            scheme_end = cut.find("://", run)
            if scheme_end >= 0:
                cut = cut[: scheme_end + 3]
        text = cut + "…"
    return escape_controls(redact_text(text))
