"""Masking credentials in URLs before they are quoted in an error message, a log line or a ``repr()``.

One rule everywhere: in a URL, everything between ``scheme://`` and the **last** ``@`` is the
``user:password`` part and is shown as ``***``. The last ``@`` (not the first ``/``, ``?`` or ``#``)
ends it, because a password may itself hold ``/``, ``?``, ``#`` or ``@`` that the URL parser would
take for the start of the path, query or fragment (``http://admin:S3/CRET@host`` parses as host
``admin``, port ``S3`` and path ``/CRET@host``). A URL with an ``@`` in its path is masked too: the
rule errs on the side of hiding. Standard library only.

`redact_text` takes time linear in its input whatever the input holds: it may see text a server wrote
(a status line quoted by an HTTP library can be 64 KiB of ``a://``), so it is a single pass with
``str.find``, not a regular expression that backtracks.
"""

from __future__ import annotations

import re

__all__ = ["MASK", "redact_text", "redact_url"]

MASK = "***"

# A scheme is a letter, then letters, digits, "+", "." or "-" (RFC 3986); ASCII only.
_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
_SCHEME_CHARS = _LETTERS | frozenset("0123456789+.-")
_SPACE = re.compile(r"\s")


def redact_url(url: str) -> str:
    """``url`` with its ``user:password@`` part shown as ``***@`` (also without a scheme)."""
    if "@" not in url:
        return url
    scheme_end = url.find("://")
    start = scheme_end + 3 if scheme_end >= 0 and "@" not in url[:scheme_end] else 0
    last_at = url.rfind("@")
    if last_at < start:
        return url
    return f"{url[:start]}{MASK}{url[last_at:]}"


def redact_text(text: str) -> str:
    """``text`` with the user info of every ``scheme://...@`` URL in it masked (for free-form messages).

    A URL is a run of text without whitespace: in each run, the first ``scheme://`` (its scheme starting
    at a word boundary) that an ``@`` follows in the same run is masked up to the run's last ``@``.
    Every character is looked at a bounded number of times, so the time is linear in ``len(text)``.
    """
    if "@" not in text:
        return text
    pieces = []
    copied = 0  # text[:copied] is in pieces
    run_end = -1  # end of the whitespace-free run holding the current "://"
    sep = text.find("://")
    while sep >= 0:
        if sep >= run_end:
            found = _SPACE.search(text, sep)
            run_end = found.start() if found is not None else len(text)
        start = _scheme_start(text, sep)
        if start >= 0:
            last_at = text.rfind("@", sep + 3, run_end)
            if last_at < 0:  # no "@" after this "://" in the run, so none after a later one either
                sep = text.find("://", run_end)
                continue
            pieces.append(text[copied:start])
            pieces.append(f"{text[start:sep]}://{MASK}@")
            copied = last_at + 1
            sep = text.find("://", run_end)  # the run's last "@" is behind: nothing more to mask in it
            continue
        sep = text.find("://", sep + 1)
    if not pieces:
        return text
    pieces.append(text[copied:])
    return "".join(pieces)


def _scheme_start(text: str, sep: int) -> int:
    """Where the scheme ending at ``text[sep]`` (a "://") starts, or -1 when there is none.

    The scheme is the leftmost position of the scheme characters just before ``sep`` that holds a
    letter at a word boundary. The walk back stops at the first character that is not a scheme
    character (the ":" of an earlier "://" at the latest), so walks for successive "://" never overlap.
    """
    first = sep
    while first > 0 and text[first - 1] in _SCHEME_CHARS:
        first -= 1
    for start in range(first, sep):
        if text[start] in _LETTERS and (start == 0 or not _is_word(text[start - 1])):
            return start
    return -1


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"
