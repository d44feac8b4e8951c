"""MediaWiki's wfEscapeWikiText and URL encodings: how page names are made inert in output."""
from __future__ import annotations

import re
from urllib.parse import quote, quote_plus

_ESCAPES = {
    '"': "&#34;", "&": "&#38;", "'": "&#39;", "<": "&#60;", "=": "&#61;", ">": "&#62;",
    "[": "&#91;", "]": "&#93;", "{": "&#123;", "|": "&#124;", "}": "&#125;", ";": "&#59;",
}
_ESCAPE_RE = re.compile(r"""["&'<=>\[\]{|};]""")
_LINE_START = {"#": "&#35;", "*": "&#42;", ":": "&#58;", " ": "&#32;", "\n": "&#10;",
               "\r": "&#13;", "+": "&#43;", "-": "&#45;", "_": "&#95;", "~": "&#126;"}
_LINE_START_RE = re.compile(r"\n([#*: \n\r+\-_~])")


def escape_wikitext(text: str) -> str:
    """Text that renders literally (entities for markup characters)."""
    if not text:
        return text
    text = _ESCAPE_RE.sub(lambda m: _ESCAPES[m.group()], text)
    if text[0] in _LINE_START and text[0] not in "-_~":
        text = _LINE_START[text[0]] + text[1:]
    if "\n" in text:
        text = _LINE_START_RE.sub(lambda m: "\n" + _LINE_START[m.group(1)], text)
    if "__" in text:
        text = text.replace("__", "_&#95;")
    if "://" in text:
        text = text.replace("://", "&#58;//")
    return text


_WIKI_UNSAFE = {"%3B": ";", "%40": "@", "%24": "$", "%21": "!", "%2A": "*", "%28": "(",
                "%29": ")", "%2C": ",", "%2F": "/", "%7E": "~", "%3A": ":"}
_WIKI_UNSAFE_RE = re.compile("|".join(_WIKI_UNSAFE), re.IGNORECASE)


def php_urlencode(text: str) -> str:
    """PHP urlencode(): spaces as `+`, everything but `-_.` and alphanumerics escaped."""
    return quote_plus(text, safe="-_.").replace("~", "%7E")


def php_rawurlencode(text: str) -> str:
    return quote(text, safe="-_.~")


def wiki_urlencode(text: str) -> str:
    """wfUrlencode(): PHP urlencode keeping the characters that are safe in wiki URLs."""
    return _WIKI_UNSAFE_RE.sub(lambda m: _WIKI_UNSAFE[m.group().upper()], php_urlencode(text))


def dbkey(text: str) -> str:
    return text.replace(" ", "_")
