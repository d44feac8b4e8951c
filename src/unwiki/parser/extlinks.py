"""External links: `[url label]`, free URLs and their trailing-punctuation rule ($wgUrlProtocols)."""
from __future__ import annotations

import re

PROTOCOLS = (
    "bitcoin:", "ftp://", "ftps://", "geo:", "git://", "gopher://", "http://", "https://",
    "irc://", "ircs://", "magnet:", "mailto:", "matrix:", "mms://", "news:", "nntp://",
    "redis://", "sftp://", "sip:", "sips:", "sms:", "ssh://", "svn://", "tel:", "telnet://",
    "urn:", "worldwind://", "xmpp:",
)
PROTO_RE = "(?:" + "|".join(re.escape(p) for p in PROTOCOLS) + ")"
# EXT_LINK_URL_CLASS: no brackets, <>, ", controls, spaces, U+FFFD; we also stop at `''`
# (MediaWiki turns quotes into tags before it looks for URLs).
# Ordinary characters are taken a run at a time (possessively: what follows a URL never needs
# some of them back), so the per-character alternation only runs at apostrophes.
URL_CHARS = r"(?:[^\]\[<>\"\x00-\x20\x7f\s\ufffd']++|'(?!'))"

# `[url label]` at a `[`: protocols, or protocol-relative `//`. The label (anything but
# controls, up to the first `]` that does not close a `[[…]]` inside it) takes its ordinary
# characters a run at a time: a run stops before every `[`, `]` and control, where the lazy
# label can end or branch, so it never needs a character back.
BRACKET_RE = re.compile(
    r"\[((?i:" + PROTO_RE + r"|//)" + URL_CHARS + r"+)[ \u00a0\u2000-\u200a\u3000]*"
    r"((?:[^\[\]\x00-\x08\x0a-\x1f\ufffd]++|\[\[[^\[\]\n]*\]\]|\[)*?)\]"
)
FREE_RE_SOURCE = r"\b(?i:" + PROTO_RE + r")" + URL_CHARS + r"+"
_ANGLE_ENT = re.compile(r"&(?:lt|gt);")
_SEP = ",;.:!?"


def split_free_url(url: str) -> tuple[str, str]:
    """(url, trail): MediaWiki leaves trailing punctuation (and `)` without `(`) out of a free URL."""
    trail = ""
    m = _ANGLE_ENT.search(url)
    if m:
        trail = url[m.start():]
        url = url[:m.start()]
    sep = _SEP if "(" in url else _SEP + ")"
    stripped = url.rstrip(sep)
    if stripped != url:
        trail = url[len(stripped):] + trail
        url = stripped
    return url, trail


def has_host(url: str) -> bool:
    """A free URL needs something after the protocol."""
    i = url.find(":")
    rest = url[i + 1:].lstrip("/")
    return bool(rest)
