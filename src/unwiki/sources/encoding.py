"""Byte-order sniffing: dumps come as UTF-8, or UTF-16 LE/BE with or without a BOM.

Everything downstream works on UTF-8 bytes, so a UTF-16 stream is transcoded once, in
blocks, as it is read; UTF-8 input passes through untouched (no decode in the reader).
"""
from __future__ import annotations

import codecs


def sniff_encoding(head: bytes) -> tuple[str, int]:
    """(codec, BOM length) from the first bytes of an XML document."""
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8", 3
    if head.startswith(codecs.BOM_UTF16_LE):
        return "utf-16-le", 2
    if head.startswith(codecs.BOM_UTF16_BE):
        return "utf-16-be", 2
    if head[:2] == b"<\x00":
        return "utf-16-le", 0
    if head[:2] == b"\x00<":
        return "utf-16-be", 0
    return "utf-8", 0


class Utf8Reader:
    """Reads an InputStream as UTF-8 bytes whatever its encoding (BOM removed).

    Keeps `offset` in bytes of the *original* decompressed stream so messages name
    positions a user can find with `dd`/`head -c`.
    """

    def __init__(self, source) -> None:
        self.source = source
        head = source.read(4)
        self.encoding, bom = sniff_encoding(head)
        self._pending = head[bom:]
        self._decoder = None if self.encoding == "utf-8" else codecs.getincrementaldecoder(self.encoding)()

    @property
    def offset(self) -> int:
        return self.source.offset

    @property
    def compressed_offset(self) -> int:
        return self.source.compressed_offset

    def read(self, n: int) -> bytes:
        data = self.source.read(n)
        if self._pending:
            data, self._pending = self._pending + data, b""
        if self._decoder is None:
            return data
        while True:
            text = self._decoder.decode(data, final=not data)
            if text or not data:
                return text.encode("utf-8")
            data = self.source.read(n)  # an odd byte alone decodes to nothing: read on

    def close(self) -> None:
        self.source.close()
