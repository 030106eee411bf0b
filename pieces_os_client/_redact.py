"""Masking credentials in URLs before they are quoted in an error message, a log line or a ``repr()``.

One rule everywhere: in a URL, everything between ``scheme://`` and the **last** ``@`` is the
``user:password`` part and is shown as ``***``. The last ``@`` (not the first ``/``, ``?`` or ``#``)
ends it, because a password may itself hold ``/``, ``?``, ``#`` or ``@`` that the URL parser would
take for the start of the path, query or fragment (``http://admin:S3/CRET@host`` parses as host
``admin``, port ``S3`` and path ``/CRET@host``). A URL with an ``@`` in its path is masked too: the
rule errs on the side of hiding. Standard library only.
"""

from __future__ import annotations

import re

__all__ = ["MASK", "redact_text", "redact_url"]

MASK = "***"

# A scheme, ://, then a run without whitespace that holds an @: the run up to its last @ is user info.
_URL_WITH_USERINFO = re.compile(r"(?i)\b([a-z][a-z0-9+.\-]*://)[^\s@]*(?:@[^\s@]*)*@")


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
    """``text`` with the user info of every ``scheme://...@`` URL in it masked (for free-form messages)."""
    if "@" not in text:
        return text
    return _URL_WITH_USERINFO.sub(lambda m: f"{m.group(1)}{MASK}@", text)
