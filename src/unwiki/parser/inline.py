"""Inline wikitext -> inline nodes.

One compiled pattern jumps from one significant character to the next (`[[`, `''`, `[`, `<`,
`&`, strip markers, `-{`, line ends, free URLs); each hit becomes an event in a flat list
(text, apostrophe run, atomic node, open, close). Apostrophe runs are resolved per line
with MediaWiki's doQuotes rules, then a small stack builder makes the tree (closing an
element reopens the formatting left open inside it, as browsers do with misnested tags)."""
from __future__ import annotations

import re

from unwiki.model import (
    Bold,
    Code,
    ExternalLinkRef,
    ExtLink,
    Inline,
    Italic,
    LineBreak,
    Link,
    LinkRef,
    Math,
    Span,
    Text,
)
from unwiki.parser import extlinks, langconv, links, quotes
from unwiki.parser.html import (
    ALLOWED_TAGS,
    BLOCK_TAGS,
    BOLD_TAGS,
    ENTITY_RE,
    ITALIC_TAGS,
    SILENT_TAGS,
    TAG_RE,
    entity_text,
)
from unwiki.parser.state import ParseState
from unwiki.site import parse_title
from unwiki.site.title import plain_link_target

E_TEXT, E_QUOTE, E_NODE, E_OPEN, E_CLOSE, E_NL = range(6)

# Free URLs are found apart from the other significant characters: a `\b(?i:proto)` branch in
# one alternation makes the regex engine try it at every letter, which costs more than all
# the rest of the scan. Every protocol holds a `:`, so URLs are looked for at colons only.
# Every branch starts with a literal (`''+`, not `'{2,}`): the engine then skips ahead by
# character set to the next candidate instead of trying each branch at every position.
_SIG = re.compile(r"\[\[?|''+|<|&|\x7f|-\{|\n")
_FREE = re.compile(extlinks.FREE_RE_SOURCE)
_SCHEMES = sorted({p[:p.index(":") + 1] for p in extlinks.PROTOCOLS}, key=len, reverse=True)
_SCHEME_COLON = re.compile(":(?i:" + "|".join(f"(?<={re.escape(p)})" for p in _SCHEMES) + ")")
_SCHEME_LENS = sorted({len(p) - 1 for p in _SCHEMES}, reverse=True)  # letters before the colon
_MARKER_AT = re.compile("\x7fUNIQ([0-9]+)QINU\x7f")
MAX_DEPTH = 30
_MISSING = object()
_PROTO_START = re.compile(r"\s*(?i:" + extlinks.PROTO_RE + r"|//)")


def plain_text(nodes: list[Inline] | None) -> str:
    """The visible characters of inline nodes (line breaks as spaces)."""
    if not nodes:
        return ""
    out: list[str] = []
    for n in nodes:
        kind = type(n)
        if kind is Text:
            out.append(n.text)
        elif kind is Bold or kind is Italic or kind is Link or kind is Span:
            out.append(plain_text(n.children))
        elif kind is ExtLink:
            out.append(plain_text(n.children) if n.children is not None else "")
        elif kind is LineBreak:
            out.append(" ")
        elif kind is Code:
            out.append(n.text)
        elif kind is Math:
            out.append(n.tex)
        elif isinstance(n, (Bold, Italic, Link, Span)):
            out.append(plain_text(n.children))
        elif isinstance(n, ExtLink):
            out.append(plain_text(n.children) if n.children is not None else "")
        elif isinstance(n, LineBreak):
            out.append(" ")
        elif isinstance(n, Code):
            out.append(n.text)
        elif isinstance(n, Math):
            out.append(n.tex)
    return "".join(out)


def parse_inline(text: str, st: ParseState) -> list[Inline]:
    """Inline nodes for `text` (several lines allowed: line ends stay as "\\n" in Text)."""
    if not text:
        return []
    if _SIG.search(text) is None and (":" not in text or _next_url(text, 0) is None):
        return [Text(text)]       # nothing to parse: the common case of a plain run of prose
    st.depth += 1
    try:
        if st.depth > MAX_DEPTH:
            return [Text(_MARKER_AT.sub("", text))]
        ev: list[tuple] = []
        tokenize(text, st, ev, False, False)
        # Apostrophe runs only come from `''` in the text or in a strip item's body.
        return build(ev, st, "''" in text or "\x7f" in text)
    finally:
        st.depth -= 1


# --- tokenizer -----------------------------------------------------------------------------

def _next_url(text: str, pos: int) -> re.Match[str] | None:
    """The first free URL starting at or after `pos` (what `_FREE.search` finds, faster)."""
    match = _FREE.match
    for cm in _SCHEME_COLON.finditer(text, pos):
        c = cm.start()
        for k in _SCHEME_LENS:             # longest scheme first = leftmost start
            start = c - k
            if start >= pos:
                m = match(text, start)
                if m is not None:
                    return m
    return None


def tokenize(text: str, st: ParseState, ev: list[tuple], in_link: bool, in_ext: bool) -> None:
    """Append the events of `text` to `ev`. One scan finds every significant token, the common
    link matched whole (links.inline_scan_re); the scan restarts only when a handler stops
    short of its match's end or inside a later one."""
    scan = st.plain_link
    if scan is None:
        scan = st.plain_link = links.inline_scan_re(st.trail, _SIG.pattern)
    finditer = scan.finditer
    pos = 0
    n = len(text)
    append = ev.append
    it = finditer(text)
    m = next(it, None)
    # Inside a link label a URL is plain text: no need to look for one.
    url = _next_url(text, 0) if ":" in text and not (in_link or in_ext) else None
    while True:
        if m is not None:
            s = m.start()
            if s < pos:                    # inside what a handler took
                if m.end() > pos:
                    it = finditer(text, pos)
                m = next(it, None)
                continue
        if url is not None:
            if url.start() < pos:
                url = _next_url(text, pos)
            if url is not None and (m is None or url.start() < s):
                u = url.start()
                if u > pos:
                    append((E_TEXT, text[pos:u]))
                pos = _free_url(text, url, st, ev, False)
                continue
        if m is None:
            if pos < n:
                append((E_TEXT, text[pos:]))
            return
        if s > pos:
            append((E_TEXT, text[pos:s]))
        end = m.end()
        raw = m.group(1)
        if raw is not None:
            pos = _plain_link(m, raw, st, ev) or _general_link(text, s, st, ev, in_ext)
        else:
            c = text[s]
            if c == "'":
                append((E_QUOTE, end - s))
                pos = end
            elif c == "\n":
                append((E_NL, None))
                pos = end
            elif c == "[":
                if end - s == 2:
                    pos = _general_link(text, s, st, ev, in_ext)
                else:
                    pos = _bracket_link(text, s, st, ev, in_ext)
            elif c == "<":
                pos = _tag(text, s, st, ev)
            elif c == "&":
                em = ENTITY_RE.match(text, s)
                if em:
                    append((E_TEXT, entity_text(em)))
                    pos = em.end()
                else:
                    append((E_TEXT, "&"))
                    pos = s + 1
            elif c == "\x7f":
                mm = _MARKER_AT.match(text, s)
                if mm:
                    from unwiki.parser.markers import inline_marker
                    inline_marker(int(mm.group(1)), st, ev)
                    pos = mm.end()
                else:
                    append((E_TEXT, "\x7f"))
                    pos = s + 1
            else:  # "-{"
                pos = _langconv(text, s, st, ev, in_link, in_ext)
        if pos >= n:
            return
        if pos < end:                      # the handler took less than its match
            it = finditer(text, pos)
        m = next(it, None)


# Link targets resolved on the current page (Document identity): pages repeat their targets.
_TARGETS: tuple[object, dict[str, str | None]] = (None, {})


def _plain_link(m: re.Match[str], raw: str, st: ParseState, ev: list[tuple]) -> int:
    """The fast path for most links (see links.inline_scan_re): what _general_link would emit
    for them, without its file, prefix and nested-markup checks; 0 when it does not apply."""
    global _TARGETS
    cache = _TARGETS
    if cache[0] is not st.doc:
        cache = _TARGETS = (st.doc, {})
    targets = cache[1]
    target = targets.get(raw, _MISSING)
    if target is _MISSING:
        if "/" in raw and _PROTO_START.match(raw):
            target = None
        else:
            target = plain_link_target(raw, st.site)
        targets[raw] = target
    if target is None:
        return 0
    label = m.group(2)
    shown = (raw.strip() if label is None else label) + m.group(3)
    st.doc.links.append(LinkRef(target, shown.strip()))
    ev.append((E_NODE, Link(target, [Text(shown)] if shown else [])))
    return m.end()


def _general_link(text: str, s: int, st: ParseState, ev: list[tuple], in_ext: bool) -> int:
    site = st.site
    fl = links.file_link_at(text, s, st)
    if fl is not None:
        end, title, params = fl
        caption_raw = links.image_caption(params, site)
        caption = plain_text(parse_inline(caption_raw, st)).strip() if caption_raw else ""
        links.add_image(st, title, caption)
        if st.in_infobox:
            ev.append((E_TEXT, title.text))
        return end
    m = links.LINK_RE.match(text, s)
    if m is None:
        ev.append((E_TEXT, "[["))
        return s + 2
    raw, label = m.group(1), m.group(2)
    if (":" in raw or "/" in raw) and _PROTO_START.match(raw):
        ev.append((E_TEXT, "["))      # `[[http://x y]]`: `[` then an external link
        return s + 1
    if "&" in raw:
        raw = ENTITY_RE.sub(entity_text, raw)
    end = m.end()
    if label is not None and "[" in label and text.startswith("]", end):
        label += "]"
        end += 1
    title = parse_title(raw, site)
    if title is None:
        ev.append((E_TEXT, "[["))
        return s + 2
    if title.ns or title.interwiki:
        if not raw.lstrip().startswith(":"):
            if title.ns == links.NS_CATEGORY:
                if title.text:
                    st.doc.categories.append(title.text)
                return end
            if title.interwiki and title.interwiki in site.interlanguage:
                from unwiki.model import InterwikiLink
                st.doc.interwiki.append(InterwikiLink(lang=title.interwiki, title=title.text))
                return end
            if title.ns == links.NS_FILE:
                links.add_image(st, title, "")
                if st.in_infobox:
                    ev.append((E_TEXT, title.text))
                return end
    trail = ""
    if st.trail is not None:
        tm = st.trail.match(text, end)
        if tm:
            trail = tm.group(0)
            end = tm.end()
    target = links.link_target_text(title)
    ref = None
    if not title.interwiki:
        ref = LinkRef(target=target, text="")
        st.doc.links.append(ref)
    if label is None:
        shown = links.display_target(raw) + trail
    elif _SIG.search(label) is None:
        shown = label + trail
    else:
        ev.append((E_OPEN, ("link", Link(target=target), ref)))
        tokenize(label, st, ev, True, in_ext)
        if trail:
            ev.append((E_TEXT, trail))
        ev.append((E_CLOSE, "link"))
        return end
    # A label with no markup: the finished node (what the builder would make of it).
    if ref is not None:
        ref.text = shown.strip()
    ev.append((E_NODE, Link(target=target, children=[Text(shown)] if shown else [])))
    return end


def _bracket_link(text: str, s: int, st: ParseState, ev: list[tuple], in_ext: bool) -> int:
    if in_ext:
        ev.append((E_TEXT, "["))
        return s + 1
    m = extlinks.BRACKET_RE.match(text, s)
    if m is None:
        ev.append((E_TEXT, "["))
        return s + 1
    url, label = m.group(1), m.group(2)
    if "&" in url:
        url = ENTITY_RE.sub(entity_text, url)
    ref = ExternalLinkRef(url=url, text=None)
    st.doc.external_links.append(ref)
    if not label.strip():
        ev.append((E_NODE, ExtLink(url=url, children=None)))
        return m.end()
    node = ExtLink(url=url, children=[])
    ev.append((E_OPEN, ("ext", node, ref)))
    tokenize(label, st, ev, True, True)
    ev.append((E_CLOSE, "ext"))
    return m.end()


def _free_url(text: str, m: re.Match[str], st: ParseState, ev: list[tuple], plain: bool) -> int:
    raw = m.group(0)
    url, trail = extlinks.split_free_url(raw)
    end = m.start() + len(url)
    if plain or not extlinks.has_host(url):
        ev.append((E_TEXT, url))
        return end
    shown = ENTITY_RE.sub(entity_text, url) if "&" in url else url
    st.doc.external_links.append(ExternalLinkRef(url=shown, text=shown))
    ev.append((E_NODE, ExtLink(url=shown, children=[Text(shown)])))
    return end


def _tag(text: str, s: int, st: ParseState, ev: list[tuple]) -> int:
    m = TAG_RE.match(text, s)
    if m is None:
        ev.append((E_TEXT, "<"))
        return s + 1
    name = m.group(2).lower()
    if name not in ALLOWED_TAGS:
        ev.append((E_TEXT, "<"))
        return s + 1
    closing = m.group(1) == "/"
    if name == "br":
        ev.append((E_NODE, LineBreak()))
    elif name in SILENT_TAGS or name in BLOCK_TAGS:
        pass
    elif name in BOLD_TAGS:
        ev.append((E_CLOSE, "hb") if closing else (E_OPEN, ("hb", Bold(), None)))
    elif name in ITALIC_TAGS:
        ev.append((E_CLOSE, "hi") if closing else (E_OPEN, ("hi", Italic(), None)))
    elif closing:
        ev.append((E_CLOSE, "span:" + name))
    elif not m.group(4):
        ev.append((E_OPEN, ("span:" + name, Span(tag=name), None)))
    return m.end()


def _langconv(text: str, s: int, st: ParseState, ev: list[tuple], in_link: bool, in_ext: bool) -> int:
    if not st.langconv:
        ev.append((E_TEXT, "-{"))
        return s + 2
    end = langconv.find_end(text, s)
    if end < 0:
        ev.append((E_TEXT, "-{"))
        return s + 2
    shown = langconv.default_text(text[s + 2:end - 2])
    if shown:
        tokenize(shown, st, ev, in_link, in_ext)
    return end


# --- quotes and tree building ----------------------------------------------------------------

def _resolve_quotes(ev: list[tuple]) -> list[tuple]:
    """Replace apostrophe runs by literal text and bold/italic open/close events, per line."""
    out: list[tuple] = []
    line_start = 0
    runs: list[int] = []          # indices in `ev` of the current line's apostrophe runs
    for i, e in enumerate(ev):
        kind = e[0]
        if kind == E_QUOTE:
            runs.append(i)
        elif kind == E_NL:
            if runs:
                _resolve_line(ev, line_start, i, runs, out)
                runs = []
            else:
                out.extend(ev[line_start:i])
            out.append(e)
            line_start = i + 1
    if runs:
        _resolve_line(ev, line_start, len(ev), runs, out)
    else:
        out.extend(ev[line_start:])
    return out


def _resolve_line(ev: list[tuple], start: int, end: int, runs: list[int], out: list[tuple]) -> None:
    """One line's events with its apostrophe runs (indices `runs`) resolved, onto `out`."""
    lens = [ev[k][1] for k in runs]
    before = []
    for k in runs:
        prev = ev[k - 1] if k > start else None
        before.append(prev[1][-2:] if prev is not None and prev[0] == E_TEXT else ("xx" if prev else ""))
    decided, tail = quotes.resolve(lens, before)
    append = out.append
    pos = start
    for k, (lit, acts) in zip(runs, decided):
        if k > pos:
            out.extend(ev[pos:k])
        pos = k + 1
        if lit:
            append((E_TEXT, lit))
        for act, what in acts:
            if act == quotes.OPEN:
                append((E_OPEN, (what, Bold() if what == "b" else Italic(), None)))
            else:
                append((E_CLOSE, what))
    if end > pos:
        out.extend(ev[pos:end])
    for _act, what in tail:
        append((E_CLOSE, what))


def _clone(node: Inline) -> Inline:
    if isinstance(node, Bold):
        return Bold()
    if isinstance(node, Italic):
        return Italic()
    if isinstance(node, Span):
        return Span(tag=node.tag)
    return node


def build(ev: list[tuple], st: ParseState, quoted: bool = True) -> list[Inline]:
    """The inline tree of an event list (`quoted` False: the caller knows it has no
    apostrophe runs, so the list is not scanned for them)."""
    if quoted:
        for e in ev:
            if e[0] == E_QUOTE:
                ev = _resolve_quotes(ev)
                break
    root: list[Inline] = []
    stack: list[tuple[str, Inline | None, list[Inline], object]] = [("", None, root, None)]
    cur = root
    for kind, payload in ev:
        if kind == E_TEXT:
            if payload:
                if cur and type(cur[-1]) is Text:
                    cur[-1].text += payload
                else:
                    cur.append(Text(payload))
        elif kind == E_NODE:
            cur.append(payload)
        elif kind == E_NL:
            if cur and type(cur[-1]) is Text:
                cur[-1].text += "\n"
            else:
                cur.append(Text("\n"))
        elif kind == E_OPEN:
            key, node, ref = payload
            cur.append(node)
            cur = node.children
            stack.append((key, node, cur, ref))
        elif kind == E_CLOSE:
            top = stack[-1]
            if top[0] == payload:          # closes the innermost element: nothing to reopen
                stack.pop()
                key, node, children, ref = top
                cur = stack[-1][2]
                if not children and (key in _FORMATTING_KEYS or key.startswith("span:")):
                    if cur and cur[-1] is node:
                        cur.pop()
                elif ref is not None:
                    ref.text = plain_text(children).strip()
                continue
            j = len(stack) - 1
            while j > 0 and stack[j][0] != payload:
                j -= 1
            if j == 0:
                continue
            reopen = []
            while len(stack) > j:
                key, node, children, ref = stack.pop()
                parent = stack[-1][2]
                formatting = key in _FORMATTING_KEYS or key.startswith("span:")
                if not children and formatting:
                    if parent and parent[-1] is node:
                        parent.pop()
                elif ref is not None:
                    ref.text = plain_text(children).strip()
                if key != payload and formatting:
                    reopen.append((key, node))
            cur = stack[-1][2]
            for key, node in reversed(reopen):
                clone = _clone(node)
                cur.append(clone)
                cur = clone.children
                stack.append((key, clone, cur, None))
    while len(stack) > 1:
        key, node, children, ref = stack.pop()
        parent = stack[-1][2]
        if not children and _is_formatting(key):
            if parent and parent[-1] is node:
                parent.pop()
        elif ref is not None:
            ref.text = plain_text(children).strip()
    return root


_FORMATTING_KEYS = frozenset(("b", "i", "hb", "hi"))


def _is_formatting(key: str) -> bool:
    return key in _FORMATTING_KEYS or key.startswith("span:")
