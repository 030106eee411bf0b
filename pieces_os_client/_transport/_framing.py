"""Response heads the SDK refuses, because their body cannot be framed safely: one rule for every transport.

The HTTP libraries read a response head their own way, and the SDK does not reach into them to read it
differently. What it can do, with what every library hands back (the status and the headers), is refuse
a head from which the end of the body cannot be told:

- an interim ``1xx``: http.client skips ``100 Continue`` only, and returns any other interim response
  as if it were the answer, the final response still unread on the connection. The call ends with
  `ProtocolError` and the connection is closed, so no later call reads that leftover (aiohttp skips
  interim responses itself and never hands one back);
- ``101 Switching Protocols``: the SDK never asks for an upgrade;
- a Content-Length that is not one whole number (``abc``, ``²``, ``16, 16``, two lines, 5,000 digits):
  http.client would ignore it and read until the connection closes, waiting out the read timeout when
  the server keeps it open;
- a success (2xx, but 204 and 205, which have no body) with neither Content-Length nor chunked
  framing: its body would end only when the connection closes, so a response cut short, even one cut
  inside its header section (``HTTP/1.1 200 OK\\r\\n`` and then close), would look complete. Pieces OS
  frames every body; an error status is still read to the close, since the status is the answer.

This module imports no HTTP library.
"""

from __future__ import annotations

from typing import Mapping, Optional

__all__ = ["asks_to_close", "refused_head"]

# Digits in the longest Content-Length read (10**18 bytes, beyond any body); Python parses no integer
# of more than 4,300 digits, and http.client then reads to the close.
_MAX_LENGTH_DIGITS = 18
# Statuses whose responses carry no body (RFC 9110, 15.3.5 and 15.3.6).
_NO_BODY = frozenset({204, 205})


def refused_head(status: int, headers: Mapping[str, str], *, on_a_connection: bool = True) -> Optional[str]:
    """Why a response with ``status`` and ``headers`` is refused, or None when its body can be framed.

    ``on_a_connection`` is False for a response a mock made in memory (the ``responses`` library's):
    its body cannot be cut short, so it needs no framing.
    """
    if status < 200:
        if status == 101:
            return "the server switched protocols (101) though no upgrade was asked for"
        return (
            f"an interim response ({status}) came where the final response was expected, and the final "
            "response cannot be read after it"
        )
    length = headers.get("Content-Length")
    if length is not None:
        if length.isdigit() and length.isascii() and len(length) <= _MAX_LENGTH_DIGITS:
            return None  # nearly every response
        if "," in length:
            # One line "16, 16" or two lines joined: http.client cannot parse it and would read to the
            # close. RFC 9110 8.6 lets a recipient reject it; the SDK does, on every client.
            return "it has more than one Content-Length value"
        if len(length) > _MAX_LENGTH_DIGITS and length.isdigit() and length.isascii():
            return f"its Content-Length has {len(length)} digits, more than any body could need"
        return "its Content-Length is not a whole number, so the end of the body cannot be found"
    if on_a_connection and 200 <= status <= 299 and status not in _NO_BODY:
        coding = headers.get("Transfer-Encoding")
        if coding is None or coding.rsplit(",", 1)[-1].strip().lower() != "chunked":
            return (
                "a success with neither Content-Length nor chunked framing, so a response cut short "
                "cannot be told from a complete one"
            )
    return None


def asks_to_close(connection: Optional[str]) -> bool:
    """Whether a response's ``Connection`` value (its lines joined with ", ") holds ``close``.

    RFC 9110 7.6.1: the field is a list, and a "close" in any of its lines means the server closes
    the connection after this response, so no request may be sent on it again.
    """
    return connection is not None and "close" in (token.strip().lower() for token in connection.split(","))
