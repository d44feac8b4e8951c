"""Title functions: ns, nse, fullurl/localurl, #titleparts, #rel2abs, PAGENAME:… forms."""
from __future__ import annotations

import re

from unwiki.expansion.magicwords import TITLE_WORDS, title_word
from unwiki.expansion.parserfunctions.registry import Call, parser_function
from unwiki.expansion.wikiescape import wiki_urlencode
from unwiki.site import Title, parse_title


def _ns_index(c: Call, text: str) -> int | None:
    text = text.strip()
    if re.fullmatch(r"-?\d+", text):
        return int(text)
    if not text:
        return 0
    return c.site.ns_id(text)


@parser_function("ns")
def pf_ns(c: Call) -> str | None:
    index = _ns_index(c, c.first)
    if index is None or (index != 0 and not c.site.ns_name(index)):
        return None
    return c.site.ns_name(index) if index else ""


@parser_function("nse")
def pf_nse(c: Call) -> str | None:
    result = pf_ns(c)
    return None if result is None else wiki_urlencode(result.replace(" ", "_"))


def _url(c: Call, full: bool) -> str | None:
    title = parse_title(c.first, c.site)
    if title is None:
        return ""
    name = wiki_urlencode(title.full.replace(" ", "_"))
    query = c.arg(1) if c.has(1) else ""
    server = c.site.server if full else ""
    article = getattr(c.site, "article_path", "/wiki/$1")
    if query:
        script = getattr(c.site, "script", "/w/index.php")
        url = f"{server}{script}?title={name}&{query}"
    else:
        url = server + article.replace("$1", name)
    if title.fragment:
        url += "#" + title.fragment.replace(" ", "_")
    return url


@parser_function("fullurl", "canonicalurl")
def pf_fullurl(c: Call) -> str | None:
    return _url(c, True)


@parser_function("localurl")
def pf_localurl(c: Call) -> str | None:
    return _url(c, False)


@parser_function("fullurle", "canonicalurle")
def pf_fullurle(c: Call) -> str | None:
    url = _url(c, True)
    return None if url is None else url.replace("&", "&amp;")


@parser_function("localurle")
def pf_localurle(c: Call) -> str | None:
    url = _url(c, False)
    return None if url is None else url.replace("&", "&amp;")


def _intval(text: str) -> int:
    m = re.match(r"\s*([+-]?\d+)", text)
    return int(m.group(1)) if m else 0


@parser_function("#titleparts")
def pf_titleparts(c: Call) -> str:
    raw = c.first
    parts = _intval(c.arg(1))
    offset = _intval(c.arg(2))
    title = parse_title(raw, c.site)
    if title is None:
        return raw
    bits = title.full.split("/", 24)
    if offset > 0:
        offset -= 1
    chosen = bits[offset:] if offset >= 0 else bits[offset:]
    if parts:
        chosen = chosen[:parts]
    return "/".join(chosen)


@parser_function("#rel2abs")
def pf_rel2abs(c: Call) -> str:
    to = c.first.rstrip(" /")
    start = c.arg(1).strip()
    if not start:
        start = c.ctx.title.full if c.ctx.title is not None else ""
    if to in ("", "."):
        return start
    if not (to.startswith("/") or to.startswith("./") or to.startswith("../") or to == ".."):
        start = ""
    path = "/" + start + "/" + to + "/"
    path = re.sub(r"/(\./)+", "/", path)
    path = re.sub(r"/{2,}", "/", path).strip("/")
    out: list[str] = []
    for bit in path.split("/"):
        if bit == "..":
            if not out:
                return ('<strong class="error">Error: Invalid depth in path: "'
                        f'{path}" (tried to access a node above the root node).</strong>')
            out.pop()
        else:
            out.append(bit)
    return "/".join(out)


def _title_function(word: str):  # noqa: ANN202 - returns a handler
    def handler(c: Call) -> str:
        title: Title | None = parse_title(c.first, c.site) if c.first else None
        if c.first and title is None:
            return ""
        return title_word(word, title, c.site)
    return handler


for _word in TITLE_WORDS:
    parser_function(_word, cased=True)(_title_function(_word))
    if _word != "NAMESPACENUMBER":
        parser_function(_word + "E", cased=True)(_title_function(_word + "E"))


@parser_function("#special", "#speciale")
def pf_special(c: Call) -> str:
    return f"{c.site.ns_name(-1)}:{c.first}"


