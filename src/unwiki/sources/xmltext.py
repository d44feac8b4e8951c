"""A dump page's `<text>` content, read without an XML parser when its form allows.

The revision text is nearly all of a page's bytes, and libxml2 copies non-ASCII character
data one character at a time: on jawiki pages it cost ~50 instructions a byte, about 7 % of
a worker's time. A MediaWiki export writes that text in one plain form: UTF-8 with `<`, `>`,
`&` and `"` escaped as entities. `unescape_text` reads exactly that form (compiled: one pass
over the bytes, then one UTF-8 decode) and answers None for anything an XML parser would
reject: `<`, `]]>`, control characters, U+FFFE/U+FFFF, malformed UTF-8, an entity other
than the five predefined ones or a character reference to a character XML forbids. Line ends
are normalised as XML does (`\\r\\n` and a lone `\\r` read as `\\n`). On None the caller
parses the page with lxml, which then reports what it reports; so the result is always the
one lxml gives.
"""
from __future__ import annotations

import re

try:
    import cython
except ImportError:  # plain Python without Cython
    from unwiki.preprocessor.cython_shim import cython
if cython.compiled:  # the one-pass reader works on the bytes' buffer and decodes with the C API
    from cython.cimports.cpython.unicode import PyUnicode_DecodeUTF8
    from cython.cimports.libc.stdlib import free, malloc
    from cython.cimports.libc.string import memcpy

_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"', "apos": "'"}
# what the plain Python reader refuses outright (the compiled one tests the same bytes)
_REFUSED = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f<]|]]>|\xef\xbf[\xbe\xbf]")
_REFERENCE = re.compile(r"&(?:(lt|gt|amp|quot|apos)|#([0-9]+)|#x([0-9a-fA-F]+));")


def xml_char(cp: int) -> bool:
    """A code point XML 1.0 allows in a document (and so as a character reference)."""
    return (cp == 0x9 or cp == 0xA or cp == 0xD or 0x20 <= cp <= 0xD7FF
            or 0xE000 <= cp <= 0xFFFD or 0x10000 <= cp <= 0x10FFFF)


def unescape_text(raw: bytes) -> str | None:
    """The character data `raw` (the bytes between `<text …>` and `</text>`) as an XML parser
    reads it, or None when `raw` is not in the plain form this reader takes."""
    if cython.compiled:
        return _unescape_compiled(raw)
    return _unescape_python(raw)


def _unescape_python(raw: bytes) -> str | None:
    if _REFUSED.search(raw) is not None:
        return None
    if b"\r" in raw:
        raw = raw.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    if "&" not in text:
        return text
    refs = 0
    valid = True

    def replace(m: re.Match[str]) -> str:
        nonlocal refs, valid
        refs += 1
        if m.group(1):
            return _NAMED[m.group(1)]
        digits = m.group(2)
        cp = int(digits) if digits else int(m.group(3), 16)
        if not xml_char(cp):
            valid = False
            return ""
        return chr(cp)

    out = _REFERENCE.sub(replace, text)
    return out if valid and refs == text.count("&") else None


_PLAIN = cython.declare(cython.uchar, 0)
_CHECKED = cython.declare(cython.uchar, 1)
_SPECIAL = cython.declare(cython.uchar, 2)
_REFUSE = cython.declare(cython.uchar, 3)


def _byte_classes() -> bytes:
    """`_unescape_compiled`'s class of each byte value: `_PLAIN` for most (a table load and a
    test each), `_CHECKED` for one that may start something refused and is otherwise kept,
    `_SPECIAL` for one written otherwise (`&`, `\\r`), `_REFUSE` for one never allowed."""
    classes = bytearray([_PLAIN]) * 256
    for c in range(0x20):
        classes[c] = _REFUSE
    classes[0x09] = classes[0x0A] = _PLAIN
    classes[0x0D] = classes[0x26] = _SPECIAL                # \r, &
    classes[0x3C] = _REFUSE                                 # <
    classes[0x5D] = classes[0xEF] = _CHECKED                # ]]>, U+FFFE/U+FFFF
    return bytes(classes)


_CLASSES: bytes = _byte_classes()


@cython.cfunc
@cython.locals(n=cython.Py_ssize_t, i=cython.Py_ssize_t, j=cython.Py_ssize_t, k=cython.Py_ssize_t,
               run=cython.Py_ssize_t, c=cython.uchar, d=cython.uchar, kind=cython.uchar,
               cp=cython.long, src=cython.p_uchar, buf=cython.p_uchar, classes=cython.p_uchar)
def _unescape_compiled(raw: bytes) -> object:
    """`unescape_text`, in one pass over the bytes: the runs of bytes kept as they are are
    copied with memcpy, and a text with nothing to write otherwise (no `&`, no `\\r`: most
    pages have some) is decoded straight from `raw`, without a copy."""
    n = len(raw)
    src = raw
    classes = _CLASSES
    buf = cython.NULL
    i = 0
    j = 0
    run = 0     # where the bytes not yet copied to `buf` start
    try:
        while True:
            # four bytes a step (one test of their classes or-ed), then one at a time: a bytes
            # object ends with a NUL byte (refused), so that scan needs no bound test
            while i + 4 <= n and (classes[src[i]] | classes[src[i + 1]] | classes[src[i + 2]]
                                  | classes[src[i + 3]]) == _PLAIN:
                i += 4
            while classes[src[i]] == _PLAIN:
                i += 1
            if i >= n:
                break
            c = src[i]
            kind = classes[c]
            if kind == _CHECKED:
                if c == 0x5D:                               # ]]>
                    if i + 2 < n and src[i + 1] == 0x5D and src[i + 2] == 0x3E:
                        return None
                elif i + 2 < n and src[i + 1] == 0xBF and (src[i + 2] == 0xBE or src[i + 2] == 0xBF):
                    return None                             # U+FFFE, U+FFFF
                i += 1
                continue
            if kind == _REFUSE:
                return None
            if buf == cython.NULL:
                buf = cython.cast(cython.p_uchar, malloc(n + 1))
                if buf == cython.NULL:
                    raise MemoryError
            memcpy(buf + j, src + run, i - run)
            j += i - run
            if c == 0x0D:                                   # \r\n or a lone \r: \n
                if i + 1 < n and src[i + 1] == 0x0A:
                    i += 1
                buf[j] = 0x0A
                i += 1
                j += 1
                run = i
                continue
            # & : a reference
            k = i + 1
            if k < n and src[k] == 0x23:                # &#… or &#x…
                k += 1
                cp = 0
                if k < n and src[k] == 0x78:            # hexadecimal
                    k += 1
                    if k >= n or src[k] == 0x3B:
                        return None
                    while k < n and src[k] != 0x3B:
                        d = src[k]
                        if 0x30 <= d <= 0x39:
                            cp = cp * 16 + (d - 0x30)
                        elif 0x61 <= d <= 0x66:
                            cp = cp * 16 + (d - 0x57)
                        elif 0x41 <= d <= 0x46:
                            cp = cp * 16 + (d - 0x37)
                        else:
                            return None
                        if cp > 0x10FFFF:
                            return None
                        k += 1
                else:
                    if k >= n or src[k] == 0x3B:
                        return None
                    while k < n and src[k] != 0x3B:
                        d = src[k]
                        if not 0x30 <= d <= 0x39:
                            return None
                        cp = cp * 10 + (d - 0x30)
                        if cp > 0x10FFFF:
                            return None
                        k += 1
                if k >= n or not xml_char(cp):
                    return None
                if cp < 0x80:
                    buf[j] = cp
                    j += 1
                elif cp < 0x800:
                    buf[j] = 0xC0 | (cp >> 6)
                    buf[j + 1] = 0x80 | (cp & 0x3F)
                    j += 2
                elif cp < 0x10000:
                    buf[j] = 0xE0 | (cp >> 12)
                    buf[j + 1] = 0x80 | ((cp >> 6) & 0x3F)
                    buf[j + 2] = 0x80 | (cp & 0x3F)
                    j += 3
                else:
                    buf[j] = 0xF0 | (cp >> 18)
                    buf[j + 1] = 0x80 | ((cp >> 12) & 0x3F)
                    buf[j + 2] = 0x80 | ((cp >> 6) & 0x3F)
                    buf[j + 3] = 0x80 | (cp & 0x3F)
                    j += 4
                i = k + 1
                run = i
                continue
            if k + 2 < n and src[k + 2] == 0x3B and src[k + 1] == 0x74:      # lt; gt;
                if src[k] == 0x6C:
                    buf[j] = 0x3C
                elif src[k] == 0x67:
                    buf[j] = 0x3E
                else:
                    return None
                i = k + 3
            elif (k + 3 < n and src[k] == 0x61 and src[k + 1] == 0x6D and src[k + 2] == 0x70
                  and src[k + 3] == 0x3B):                                       # amp;
                buf[j] = 0x26
                i = k + 4
            elif (k + 4 < n and src[k + 4] == 0x3B and src[k] == 0x71 and src[k + 1] == 0x75
                  and src[k + 2] == 0x6F and src[k + 3] == 0x74):                # quot;
                buf[j] = 0x22
                i = k + 5
            elif (k + 4 < n and src[k + 4] == 0x3B and src[k] == 0x61 and src[k + 1] == 0x70
                  and src[k + 2] == 0x6F and src[k + 3] == 0x73):                # apos;
                buf[j] = 0x27
                i = k + 5
            else:
                return None
            j += 1
            run = i
            continue
        try:
            if buf == cython.NULL:
                return PyUnicode_DecodeUTF8(cython.cast(cython.p_char, src), n, cython.NULL)
            memcpy(buf + j, src + run, n - run)
            j += n - run
            return PyUnicode_DecodeUTF8(cython.cast(cython.p_char, buf), j, cython.NULL)
        except UnicodeDecodeError:
            return None
    finally:
        free(buf)
