"""Content codings undone by the asyncio transport, as urllib3 undoes them for the blocking ones.

aiohttp undoes one coding by itself; a body coded twice (``gzip, gzip``, two ``Content-Encoding``
lines, ``deflate, gzip``) reached the caller still compressed. So the asyncio transport asks aiohttp
for the bytes as sent and undoes the codings here: ``gzip`` and ``x-gzip`` (several members allowed),
``deflate`` (zlib-wrapped, or raw as some servers send it) and ``identity``, in the reverse of the
order they were applied. Each step yields at most `PIECE` bytes, so a small compressed body that
expands without end (a decompression bomb) is stopped by the size cap above the transport after one
piece too many, never held whole in memory. A coding the SDK does not know, or a body that is not
valid for its coding, is `Kind.UNDECODABLE`; a body that ends inside its compressed stream is too.

This module imports no HTTP library.
"""

from __future__ import annotations

import zlib
from typing import Any, Iterator, List, Optional

from pieces_os_client._transport._errors import Kind, TransportFailure

__all__ = ["PIECE", "BodyDecoder"]

PIECE = 64 * 1024

_GZIP = ("gzip", "x-gzip")


class _Stage:
    """One coding to undo: a zlib decompressor, restarted for each gzip member."""

    __slots__ = ("coding", "decompressor", "started")

    def __init__(self, coding: str) -> None:
        self.coding = coding
        self.decompressor = self._new()
        self.started = False  # deflate: whether the zlib wrapping was tried on the first bytes

    def _new(self) -> Any:
        if self.coding in _GZIP:
            return zlib.decompressobj(16 + zlib.MAX_WBITS)
        return zlib.decompressobj(zlib.MAX_WBITS)

    def undo(self, data: bytes) -> Iterator[bytes]:
        """``data`` undone, in pieces of at most `PIECE` bytes."""
        pending = data
        while pending:
            decompressor = self.decompressor
            if decompressor.eof:  # a new gzip member follows the last one
                if self.coding not in _GZIP:
                    raise TransportFailure(
                        Kind.UNDECODABLE, f"data after the end of the {self.coding} stream"
                    )
                decompressor = self.decompressor = self._new()
            try:
                out = decompressor.decompress(pending, PIECE)
            except zlib.error as exc:
                if self.coding == "deflate" and not self.started:
                    # Raw deflate, without the zlib wrapping RFC 9110 asks for: what some servers send.
                    self.decompressor = zlib.decompressobj(-zlib.MAX_WBITS)
                    self.started = True
                    continue
                raise TransportFailure(Kind.UNDECODABLE, f"{self.coding}: {exc}") from exc
            self.started = True
            if out:
                yield out
            pending = decompressor.unconsumed_tail or (decompressor.unused_data if decompressor.eof else b"")
            if decompressor.eof and not decompressor.unused_data and not decompressor.unconsumed_tail:
                break

    def finish(self) -> None:
        """The coded body has ended: it must have ended with its compressed stream."""
        if self.started and not self.decompressor.eof:
            raise TransportFailure(Kind.UNDECODABLE, f"the {self.coding} stream ends early")


class BodyDecoder:
    """Undoes the codings of a ``Content-Encoding`` value (repeated lines joined with commas)."""

    __slots__ = ("_stages",)

    def __init__(self, content_encoding: str) -> None:
        stages: List[_Stage] = []
        for coding in reversed(content_encoding.split(",")):
            name = coding.strip().lower()
            if not name or name == "identity":
                continue
            if name not in (*_GZIP, "deflate"):
                raise TransportFailure(Kind.UNDECODABLE, f"unsupported content coding {name[:40]!r}")
            stages.append(_Stage(name))
        self._stages = stages

    @classmethod
    def for_header(cls, content_encoding: Optional[str]) -> Optional[BodyDecoder]:
        """A decoder for ``content_encoding``, or None when there is nothing to undo."""
        if content_encoding is None:
            return None
        decoder = cls(content_encoding)
        return decoder if decoder._stages else None

    def undo(self, data: bytes) -> Iterator[bytes]:
        """``data`` (the next bytes of the coded body) undone, in pieces."""
        yield from self._through(0, data)

    def _through(self, index: int, data: bytes) -> Iterator[bytes]:
        if index == len(self._stages):
            yield data
            return
        for piece in self._stages[index].undo(data):
            yield from self._through(index + 1, piece)

    def finish(self) -> None:
        """The coded body has ended: every stream must have ended with it."""
        for stage in self._stages:
            stage.finish()
