"""One `<page>` element -> PageData (title, ids, revision, text, redirect, content model)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from unwiki.site.config import SiteConfig
from unwiki.sources.xmlsafe import local, parse_fragment
from unwiki.sources.xmltext import unescape_text

WIKITEXT_MODELS = frozenset({"wikitext", "", None})


@dataclass(slots=True)
class PageData:
    """A page as the converter needs it; one per revision when all revisions are asked for."""

    title: str
    ns: int = 0
    page_id: int | None = None
    rev_id: int | None = None
    timestamp: str | None = None
    text: str = ""
    redirect: str | None = None
    model: str | None = None
    format: str | None = None


@dataclass(slots=True)
class _Revision:
    rev_id: int | None
    timestamp: str | None
    text: str
    model: str | None
    format: str | None


def _int(text: str | None) -> int | None:
    try:
        return int(text) if text is not None and text.strip() else None
    except ValueError:
        return None


def ns_of_title(title: str, site: SiteConfig) -> int:
    """Namespace from the title prefix, for schemas before 0.4 that have no `<ns>`."""
    if ":" in title:
        found = site.ns_id(title.split(":", 1)[0])
        if found is not None:
            return found
    return 0


# A `<text>` start tag (attributes quoted, any order) and whether it closes itself
_TEXT_OPEN = re.compile(rb"""<text(?:\s+[^\s=<>/"']+\s*=\s*(?:"[^"<]*"|'[^'<]*'))*\s*(/?)>""")
_TEXT_CLOSE = re.compile(rb"</text\s*>")


def split_text(fragment: bytes) -> tuple[bytes, str] | None:
    """The page with its one `<text>` element emptied, and that element's content as lxml
    would read it (sources.xmltext); None when the page is not in that plain form: more or
    fewer than one `<text`, a comment, CDATA or processing instruction around it, or content
    the plain reader refuses. lxml then reads the whole page."""
    at = fragment.find(b"<text")
    if at == -1 or fragment.find(b"<text", at + 5) != -1:
        return None
    m = _TEXT_OPEN.match(fragment, at)
    if m is None or m.group(1):
        return None
    close = fragment.find(b"<", m.end())
    if close == -1 or _TEXT_CLOSE.match(fragment, close) is None:
        return None
    head = fragment[: m.end()] + fragment[close:]
    if b"<!" in head or b"<?" in head:
        return None
    text = unescape_text(fragment[m.end():close])
    return None if text is None else (head, text)


def parse_page(fragment: bytes, site: SiteConfig, *, all_revisions: bool = False) -> list[PageData]:
    """The page's latest revision (by timestamp, then position), or every revision in order.

    The revision text, most of the page's bytes, is read by `split_text` when it can be;
    lxml parses the rest (or all of a page in another form)."""
    split = split_text(fragment)
    if split is None:
        return page_from_element(parse_fragment(fragment), site, None, all_revisions=all_revisions)
    head, text = split
    return page_from_element(parse_fragment(head), site, text, all_revisions=all_revisions)


def page_from_element(root, site: SiteConfig, text_content: str | None, *,
                      all_revisions: bool = False) -> list[PageData]:
    """PageData from a parsed `<page>` element; `text_content` is the content of its one
    `<text>` element when that was read apart (split_text), else None."""
    title = ""
    ns: int | None = None
    page_id = None
    redirect = None
    revisions: list[_Revision] = []
    for el in root:
        name = local(el.tag)
        if name == "title":
            title = el.text or ""
        elif name == "ns":
            ns = _int(el.text)
        elif name == "id":
            page_id = _int(el.text)
        elif name == "redirect":
            redirect = el.get("title") or None
        elif name == "revision":
            rev_id = timestamp = model = fmt = None
            text = ""
            for r in el:
                rname = local(r.tag)
                if rname == "id":
                    rev_id = _int(r.text)
                elif rname == "timestamp":
                    timestamp = (r.text or "").strip() or None
                elif rname == "text":
                    text = text_content if text_content is not None else r.text or ""
                elif rname == "model":
                    model = (r.text or "").strip()
                elif rname == "format":
                    fmt = (r.text or "").strip()
            revisions.append(_Revision(rev_id, timestamp, text, model, fmt))
    if ns is None:
        ns = ns_of_title(title, site)
    if not revisions:
        revisions.append(_Revision(None, None, "", None, None))
    if not all_revisions:
        latest = max(range(len(revisions)), key=lambda i: (revisions[i].timestamp or "", i))
        revisions = [revisions[latest]]
    return [PageData(title=title, ns=ns, page_id=page_id, rev_id=r.rev_id, timestamp=r.timestamp,
                     text=r.text, redirect=redirect, model=r.model, format=r.format)
            for r in revisions]


def redirect_target(text: str, site: SiteConfig) -> str | None:
    """Target of a `#REDIRECT [[…]]` page in any of the wiki's redirect spellings."""
    pattern = _redirect_re(site.redirect_words)
    m = pattern.match(text)
    if not m:
        return None
    target = m.group(1).split("|", 1)[0].strip()
    return target or None


_REDIRECT_CACHE: dict[tuple[str, ...], re.Pattern[str]] = {}


def _redirect_re(words: tuple[str, ...]) -> re.Pattern[str]:
    pattern = _REDIRECT_CACHE.get(words)
    if pattern is None:
        alts = "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))
        pattern = re.compile(r"\s*(?:" + alts + r")\s*:?\s*\[\[([^\]\n]+)\]\]", re.IGNORECASE)
        _REDIRECT_CACHE[words] = pattern
    return pattern
