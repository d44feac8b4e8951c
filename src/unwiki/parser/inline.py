"""Inline wikitext -> inline nodes.

A C loop over the characters jumps from one significant token to the next (`[[`, `''`, `[`,
`<`, `&`, strip markers, `-{`, line ends, free URLs); each hit becomes an event in a flat list
(text, apostrophe run, atomic node, open, close). Apostrophe runs are resolved per line
with MediaWiki's doQuotes rules, then a small stack builder makes the tree (closing an
element reopens the formatting left open inside it, as browsers do with misnested tags)."""
from __future__ import annotations

import re

try:
    import cython
except ImportError:  # plain Python without Cython
    from unwiki.preprocessor.cython_shim import cython
if cython.compiled:  # _next_token reads characters through the str's kind and data pointer
    from cython.cimports.cpython.unicode import PyUnicode_DATA, PyUnicode_KIND, PyUnicode_READ

from unwiki.model import (
    Bold,
    Code,
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
from unwiki.parser import extlinks, langconv, links
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
from unwiki.parser.nodes import slot_offset
from unwiki.parser.quotes import OPEN as QUOTE_OPEN
from unwiki.parser.quotes import resolve as resolve_quotes
from unwiki.parser.state import MAX_DEPTH, ParseState
from unwiki.preprocessor.strip import MARKER_RE
from unwiki.site.title import parse_title_uncached, plain_link_target

if cython.compiled:  # C calls (declared in markers.pxd)
    from cython.cimports.unwiki.parser.markers import inline_marker
else:
    from unwiki.parser.markers import inline_marker
if cython.compiled:  # C calls (declared in nodes.pxd)
    from cython.cimports.unwiki.parser.nodes import (
        _get,
        _put,
        new_bold,
        new_ext_link,
        new_external_link_ref,
        new_italic,
        new_line_break,
        new_link,
        new_link_ref,
        new_span,
        new_text,
    )
else:
    from unwiki.parser.nodes import (
        _get,
        _put,
        new_bold,
        new_ext_link,
        new_external_link_ref,
        new_italic,
        new_line_break,
        new_link,
        new_link_ref,
        new_span,
        new_text,
    )

# --- slot loads and stores ---------------------------------------------------------------
# `node.text = x` on a slots dataclass is a generic setattr (about 140 instructions), a read a
# generic getattr: _put and _get (parser.nodes) go to the slot at its offset (nodes.slot_offset).
_TEXT_TEXT = cython.declare(cython.Py_ssize_t, slot_offset(Text, "text"))
_LINK_TARGET = cython.declare(cython.Py_ssize_t, slot_offset(Link, "target"))
_LINK_CHILDREN = cython.declare(cython.Py_ssize_t, slot_offset(Link, "children"))
_REF_TARGET = cython.declare(cython.Py_ssize_t, slot_offset(LinkRef, "target"))
_REF_TEXT = cython.declare(cython.Py_ssize_t, slot_offset(LinkRef, "text"))
_ST_DEPTH = cython.declare(cython.Py_ssize_t, slot_offset(ParseState, "depth"))
_ST_QUOTES = cython.declare(cython.Py_ssize_t, slot_offset(ParseState, "quotes"))
_ST_TRAIL_LETTERS = cython.declare(cython.Py_ssize_t, slot_offset(ParseState, "trail_letters"))
_ST_DOC = cython.declare(cython.Py_ssize_t, slot_offset(ParseState, "doc"))
_ST_SITE = cython.declare(cython.Py_ssize_t, slot_offset(ParseState, "site"))

# Events (tokenize -> build): a `str` is text, an inline node stands for itself, and a tuple
# whose first item is one of these kinds is anything else: (E_QUOTE, run length),
# (E_OPEN, key, node, LinkRef | None), (E_CLOSE, key), or the line end _NL. Text and nodes,
# nearly all events, so cost no wrapper.
E_QUOTE, E_OPEN, E_CLOSE, E_NL = range(4)
_NL = (E_NL,)
_CLOSE_LINK = (E_CLOSE, "link")
_CLOSE_EXT = (E_CLOSE, "ext")

# Free URLs are looked for at colons (every protocol holds a `:`), and only at those the
# letter before which ends a scheme: most colons (times, "Note :", namespaces) fail that test.
_SCHEMES = sorted({p[:p.index(":") + 1] for p in extlinks.PROTOCOLS}, key=len, reverse=True)
_SCHEME_ENDS = "".join(sorted({p[-2] for p in _SCHEMES}))
# At a colon: a scheme ends there (case-insensitive, as the URL pattern).
_SCHEME_COLON = re.compile(
    ":(?i:(?<=[" + _SCHEME_ENDS + "]:)(?:" + "|".join(f"(?<={re.escape(p)})" for p in _SCHEMES)
    + "))"
)
# The compiled scan's pre-test of the character before a colon: a superset of the letters
# _SCHEME_COLON accepts there (any non-ASCII character too: some case-fold to ASCII ones).
_SCHEME_ENDS_ANY_CASE = "".join(sorted(set(_SCHEME_ENDS.lower() + _SCHEME_ENDS.upper())))
# The last two letters of each scheme (ASCII, lower case) as `first << 7 | second`.
_SCHEME_PAIRS = frozenset(ord(p[-3].lower()) << 7 | ord(p[-2].lower()) for p in _SCHEMES)
_SIG = re.compile(r"\[\[?|''+|<|&|\x7f|-\{|\n")
# Where a token can start (the plain Python scan; the compiled one is a C loop, _next_token).
_TOKEN_START = re.compile(r"[\[<&\x7f\n]|''|-\{")
_TOKEN_START_URLS = re.compile(r"[\[<&\x7f\n]|''|-\{|:(?i:(?<=[" + _SCHEME_ENDS + "]:))")
_FREE = re.compile(extlinks.FREE_RE_SOURCE)
_SCHEME_LENS = sorted({len(p) - 1 for p in _SCHEMES}, reverse=True)  # letters before the colon
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


# Nodes are made here as `T.__new__(T)` with `T` a local typed `type` (cython.locals):
# compiled, that is a direct call of the type's tp_new, about a sixth of what
# `object.__new__(T)` costs (a builtin called with an argument tuple); plain Python runs it
# as written.
@cython.locals(text_type=type, start=cython.Py_ssize_t)
def parse_inline(text: str, st: ParseState) -> list[Inline]:
    """Inline nodes for `text` (several lines allowed: line ends stay as "\\n" in Text)."""
    if not text:
        return []
    # Where tokenize's scan would find its first token (a colon may yet turn out not to be
    # one, then tokenize gives the same single text this would).
    start = _next_token(text, 0, len(text), True)
    if start < 0:
        # nothing to parse, the common case of a plain run of prose: new_text(text), inlined
        text_type = Text
        node = text_type.__new__(text_type)
        _put(node, _TEXT_TEXT, text)
        return [node]
    depth = _get(st, _ST_DEPTH) + 1      # read once: nested calls give it back as they found it
    _put(st, _ST_DEPTH, depth)
    try:
        if depth > MAX_DEPTH:
            return [Text(MARKER_RE.sub("", text))]
        ev: list = []
        quotes_before = _get(st, _ST_QUOTES)
        _tokenize(text, st, ev, False, False, start)
        if len(ev) == 1:      # one text or node (a line that is one link): build's result
            only = ev[0]
            kind = type(only)
            if kind is str:
                return [new_text(only)] if only else []
            if kind is not tuple:
                return ev
        # Apostrophe runs only come from tokenize's `''` branch, which counts them.
        return build(ev, st, _get(st, _ST_QUOTES) != quotes_before)
    finally:
        _put(st, _ST_DEPTH, depth - 1)


@cython.cfunc
@cython.locals(k=cython.Py_ssize_t, n=cython.Py_ssize_t, ch=cython.Py_UCS4, urls=cython.bint)
def _next_token(text: str, k: cython.Py_ssize_t, n: cython.Py_ssize_t,
                urls: cython.bint) -> cython.Py_ssize_t:
    """The index of the first character at or after `k` (of `n`) where a scan token can start,
    -1 if none: `[`, `<`, `&`, `\\x7f`, a line end, `''`, `-{`, and with `urls` a colon a
    scheme letter may end (a superset of _SCHEME_COLON). Compiled, a C loop (several times
    cheaper per character than the regex engine's skip to a character set)."""
    if cython.compiled:
        # kind and data read once (text[k] would test the str's state at every character)
        kind: cython.int = PyUnicode_KIND(text)
        data: cython.p_void = PyUnicode_DATA(text)
        data1: cython.p_uchar = cython.cast(cython.p_uchar, data)    # (one per width)
        data2: cython.p_ushort = cython.cast(cython.p_ushort, data)
        data4: cython.p_uint = cython.cast(cython.p_uint, data)
        while k < n:
            # Characters above `[` but `\x7f` (lower-case letters, most non-ASCII text) start
            # no token: skipped by a loop per character width, two compares each.
            if kind == 1:
                while k < n and data1[k] > 91 and data1[k] != 127:
                    k += 1
            elif kind == 2:
                while k < n and data2[k] > 91 and data2[k] != 127:
                    k += 1
            else:
                while k < n and data4[k] > 91 and data4[k] != 127:
                    k += 1
            if k >= n:
                break
            ch = PyUnicode_READ(kind, data, k)
            if ch in "[<&\x7f\n'-:":
                if ch == "'":
                    if k + 1 < n and PyUnicode_READ(kind, data, k + 1) == "'":
                        return k
                elif ch == "-":
                    if k + 1 < n and PyUnicode_READ(kind, data, k + 1) == "{":
                        return k
                elif ch != ":":
                    return k
                elif urls and k > 0:
                    ch = PyUnicode_READ(kind, data, k - 1)
                    if ch > "\x7f" or ch in _SCHEME_ENDS_ANY_CASE:
                        return k
            k += 1
        return -1
    m = (_TOKEN_START_URLS if urls else _TOKEN_START).search(text, k)
    return m.start() if m is not None else -1


# --- tokenizer -----------------------------------------------------------------------------

@cython.cfunc
@cython.inline
def _char_at(text: str, width: cython.int, data: cython.p_void,
             k: cython.Py_ssize_t) -> cython.Py_UCS4:
    """`text[k]` (0 <= k < len(text)); compiled, read at `data` by the str's `width` (its
    kind), read once by the caller: no bounds test, no test of the str's state."""
    if cython.compiled:
        return PyUnicode_READ(width, data, k)
    return text[k]

@cython.cfunc
@cython.locals(s=cython.Py_ssize_t, n=cython.Py_ssize_t, k=cython.Py_ssize_t)
def _marker_end(text: str, s: cython.Py_ssize_t, n: cython.Py_ssize_t) -> cython.Py_ssize_t:
    """The end of the strip marker `\\x7fUNIQ<digits>QINU\\x7f` at `s`, -1 if none there
    (read in place: compiled, C compares, no regex call)."""
    if not text.startswith("\x7fUNIQ", s):
        return -1
    k = s + 5
    while k < n and "0" <= text[k] <= "9":
        k += 1
    if k == s + 5 or not text.startswith("QINU\x7f", k):
        return -1
    return k + 5


@cython.cfunc
@cython.inline
@cython.locals(n=cython.Py_ssize_t, first=cython.Py_UCS4, last=cython.Py_UCS4)
def _strip(text: str) -> str:
    """`text.strip()`, with no method call when neither end is white space (most link texts)."""
    n = len(text)
    if n == 0:
        return text
    first = text[0]
    last = text[n - 1]
    if not (first.isspace() or last.isspace()):
        return text
    return text.strip()


@cython.cfunc
@cython.locals(colon=cython.Py_ssize_t, a=cython.Py_UCS4, b=cython.Py_UCS4)
def _scheme_pair(text: str, colon: cython.Py_ssize_t) -> cython.bint:
    """Whether the two characters before `colon` may end a scheme (_SCHEME_COLON's cheap
    pre-test: an ASCII pair must be one of _SCHEME_PAIRS in any case; a non-ASCII character
    may case-fold to an ASCII letter, the regex tells)."""
    if colon < 3:                      # the shortest scheme has three letters
        return False
    a = text[colon - 2]
    b = text[colon - 1]
    if a > "\x7f" or b > "\x7f":
        return True
    if "A" <= a <= "Z":
        a = chr(ord(a) + 32)
    if "A" <= b <= "Z":
        b = chr(ord(b) + 32)
    return (ord(a) << 7 | ord(b)) in _SCHEME_PAIRS


@cython.cfunc
def _url_at(text: str, colon: int, pos: int) -> re.Match[str] | None:
    """The free URL whose scheme ends at `colon` and starts at or after `pos`, if any."""
    match = _FREE.match
    for k in _SCHEME_LENS:                 # longest scheme first = leftmost start
        start = colon - k
        if start >= pos:
            m = match(text, start)
            if m is not None:
                return m
    return None


# A link trail of one character class, `[a-zäö]+`: its letters are matched by a C loop.
_ONE_CLASS_TRAIL = re.compile(r"\[([^\]\[\\^][^\]\[\\]*)\]\+")
_TRAIL_LETTERS: dict[tuple[str, int], str] = {}


def _trail_letters(trail: re.Pattern[str] | None) -> str:
    """The letters a one-class link trail takes, every one listed ("" when the trail is not
    one class of letters, or there is none: tokenize then matches `trail` itself)."""
    if trail is None:
        return ""
    key = (trail.pattern, trail.flags)
    letters = _TRAIL_LETTERS.get(key)
    if letters is None:
        letters = ""
        m = _ONE_CLASS_TRAIL.fullmatch(trail.pattern)
        if m is not None and not trail.flags & (re.IGNORECASE | re.ASCII):
            body = m[1]
            chars: list[str] = []
            k = 0
            while k < len(body):
                if k + 2 < len(body) and body[k + 1] == "-":     # a range `a-z`
                    chars += map(chr, range(ord(body[k]), ord(body[k + 2]) + 1))
                    k += 3
                else:
                    chars.append(body[k])
                    k += 1
            letters = "".join(sorted(set(chars)))
            if len(letters) > 512:    # (a long `in` loop: the regex does as well)
                letters = ""
            # the class read right: each letter and no other Latin-1 character starts a trail
            if not letters or any((trail.match(chr(c)) is not None) != (chr(c) in letters)
                                  for c in [*range(256), *map(ord, letters)]):
                letters = ""
        _TRAIL_LETTERS[key] = letters
    return letters


def _link_setup(st: ParseState) -> str:
    """The page's link trail letters (_trail_letters), read on first use.
    (Plain link targets are not remembered: most are met once, and a memo's hashing, look-up
    and store cost more than plain_link_target's one pass over the characters.)"""
    letters = st.trail_letters = _trail_letters(st.trail)
    return letters


# Compiled, the positions are C integers: the per-token compares and slices skip int objects.
@cython.locals(s=cython.Py_ssize_t, end=cython.Py_ssize_t, pos=cython.Py_ssize_t,
               n=cython.Py_ssize_t, close=cython.Py_ssize_t, bar=cython.Py_ssize_t,
               kind=cython.Py_ssize_t, c=cython.Py_UCS4, nxt=cython.Py_UCS4,
               index=cython.Py_ssize_t, at=cython.Py_ssize_t, width=cython.int, data=cython.p_void,
               urls=cython.bint, slash=cython.bint, raw=str, trail=str, shown=str, shown_stripped=str, letters=str, link_refs=list,
               text_type=type, link_type=type, ref_type=type)
@cython.cfunc
def _tokenize(text: str, st: ParseState, ev: list, in_link: bool, in_ext: bool,
              k: cython.Py_ssize_t = 0) -> None:
    """Append the events of `text` to `ev`. _next_token finds where each token starts (the
    first at or after `k`, which the caller may have found), its characters tell its kind;
    only strip markers and free URLs are matched by a regex there."""
    letters = _get(st, _ST_TRAIL_LETTERS)
    if letters is None:
        letters = _link_setup(st)
    n = len(text)
    if cython.compiled:         # the link scan reads characters in place (_char_at)
        width = PyUnicode_KIND(text)
        data = PyUnicode_DATA(text)
    else:
        width = 0
        data = None
    pos = 0
    urls = not (in_link or in_ext)        # inside a link label a URL is plain text
    # The page's link list and its wiki, read at the first plain link (many texts have none:
    # each read is an attribute look-up).
    link_refs = None
    site = None
    text_type, link_type, ref_type = Text, Link, LinkRef
    while True:
        s = _next_token(text, k, n, urls)
        if s < 0:
            break
        # The token's kind (3 a plain link, 4 a strip marker, 5 a free URL, 0 the rest,
        # told apart by their first character) and end.
        kind = 0
        c = text[s]
        if c == "[":
            end = s + 1
            if s + 1 < n and text[s + 1] == "[":
                end = s + 2
                # The common link, `[[target]]` or `[[target|label]]` plus its trail: a
                # target with no `:` (no namespace, file or interwiki), `%` or `&` (nothing
                # to decode), a label with nothing this scan acts on (the finished node is
                # made here). The first `|` ends the target, the first `]` the link.
                bar = -1
                close = end
                slash = False          # a `/` in the target (it may be a URL)
                while close < n:
                    c = _char_at(text, width, data, close)
                    if c == "]":
                        break
                    if bar < 0:
                        if c == "|":
                            bar = close
                        elif c in "[{}<>\n\t\x7f:%&/":
                            if c != "/":
                                break
                            slash = True
                    elif c in "[<&\x7f\n":
                        break
                    elif (c == "'" or c == "-") and close + 1 < n:    # `''` or `-{`
                        nxt = _char_at(text, width, data, close + 1)
                        if nxt == "'" if c == "'" else nxt == "{":
                            break
                    close += 1
                if (c == "]" and close + 1 < n and text[close + 1] == "]"
                        and (close > s + 2 if bar < 0 else s + 2 < bar < close - 1)):
                    kind = 3
                    end = close + 2
                    if letters:                # the trail: letters of a one-class trail
                        while end < n and text[end] in letters:
                            end += 1
                    elif st.trail is not None:
                        m = st.trail.match(text, end)
                        if m is not None:
                            end = m.end()
                c = "["
        elif c == "'":
            end = s + 2
            while end < n and text[end] == "'":
                end += 1
        elif c == ":":
            url = (_url_at(text, s, pos) if _scheme_pair(text, s)
                   and _SCHEME_COLON.match(text, s) is not None else None)
            if url is None:                    # plain text, taken with what follows
                k = s + 1
                continue
            kind = 5
            end = s + 1
            s = url.start()                    # the token is the free URL
        elif c == "\x7f":
            end = _marker_end(text, s, n)
            if end > 0:
                kind = 4
            else:
                end = s + 1
        elif c == "-":
            end = s + 2
        else:
            end = s + 1
        if s > pos:
            ev.append(text[pos:s])
        pos = end                              # what the tokens matched whole take
        if kind == 3:                          # a plain link (made as _general_link would)
            if bar < 0:
                raw = text[s + 2:close]
                label = None
            else:
                raw = text[s + 2:bar]
                label = text[bar + 1:close]
            trail = text[close + 2:end] if end > close + 2 else ""    # (most links: no trail)
            if link_refs is None:
                link_refs = _get(st, _ST_DOC).links
                site = _get(st, _ST_SITE)
            # None: no plain link (a URL `[[http://x]]`, or no title), the general path reads it
            target = (None if slash and _PROTO_START.match(raw) is not None
                      else plain_link_target(raw, site))
            if target is not None:
                if label is None:              # the ref's text: what shows, stripped
                    shown = _strip(raw)
                    if trail:
                        shown += trail
                        shown_stripped = _strip(shown)
                    else:
                        shown_stripped = shown
                else:
                    shown = label + trail if trail else label
                    shown_stripped = _strip(shown)
                # new_link_ref, new_link and new_text, inlined: a link makes all three
                ref = ref_type.__new__(ref_type)
                _put(ref, _REF_TARGET, target)
                _put(ref, _REF_TEXT, shown_stripped)
                link_refs.append(ref)
                node = link_type.__new__(link_type)
                _put(node, _LINK_TARGET, target)
                if shown:
                    child = text_type.__new__(text_type)
                    _put(child, _TEXT_TEXT, shown)
                    _put(node, _LINK_CHILDREN, [child])
                else:
                    _put(node, _LINK_CHILDREN, [])
                ev.append(node)
            else:
                pos = _general_link(text, s, st, ev, in_ext)
        elif kind == 4:                        # a strip marker
            if end - s <= 28:                  # the marker's digits, read here (18 at most)
                index = 0
                for at in range(s + 5, end - 5):
                    index = index * 10 + (ord(text[at]) - 48)
                inline_marker(index, st, ev)
            else:
                inline_marker(int(text[s + 5:end - 5]), st, ev)
        elif kind == 5:
            pos = _free_url(text, url, st, ev, False)
        else:
            if c == "'":
                ev.append((E_QUOTE, end - s))
                _put(st, _ST_QUOTES, _get(st, _ST_QUOTES) + 1)
            elif c == "\n":
                ev.append(_NL)
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
                    ev.append(entity_text(em))
                    pos = em.end()
                else:
                    ev.append("&")
                    pos = s + 1
            elif c == "\x7f":
                ev.append("\x7f")
            else:  # "-{"
                pos = _langconv(text, s, st, ev, in_link, in_ext)
        if pos >= n:
            return
        k = pos
    # No significant token left: the rest is text.
    if pos < n:
        ev.append(text[pos:])



def tokenize(text: str, st: ParseState, ev: list, in_link: bool, in_ext: bool) -> None:
    """Append the events of `text` to `ev` (_tokenize, for the marker handlers: compiled,
    this module's own calls go to it directly, as C calls)."""
    _tokenize(text, st, ev, in_link, in_ext)


@cython.cfunc
def _general_link(text: str, s: cython.Py_ssize_t, st: ParseState, ev: list, in_ext: bool) -> cython.Py_ssize_t:
    site = st.site
    fl = links.file_link_at(text, s, st)
    if fl is not None:
        end, title, params = fl
        caption_raw = links.image_caption(params, site)
        caption = plain_text(parse_inline(caption_raw, st)).strip() if caption_raw else ""
        links.add_image(st, title, caption)
        if st.in_infobox:
            ev.append(title.text)
        return end
    m = links.LINK_RE.match(text, s)
    if m is None:
        ev.append("[[")
        return s + 2
    raw, label = m[1], m[2]
    if (":" in raw or "/" in raw) and _PROTO_START.match(raw):
        ev.append("[")      # `[[http://x y]]`: `[` then an external link
        return s + 1
    if "&" in raw:
        raw = ENTITY_RE.sub(entity_text, raw)
    end = m.end()
    if label is not None and "[" in label and text.startswith("]", end):
        label += "]"
        end += 1
    title = parse_title_uncached(raw, site)   # (links the plain path left: seldom met twice)
    if title is None:
        ev.append("[[")
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
                    ev.append(title.text)
                return end
    trail = ""
    if st.trail is not None:
        tm = st.trail.match(text, end)
        if tm:
            trail = tm[0]
            end = tm.end()
    target = links.link_target_text(title)
    ref = None
    if not title.interwiki:
        ref = new_link_ref(target, "")
        st.doc.links.append(ref)
    if label is None:
        shown = links.display_target(raw) + trail
    elif _SIG.search(label) is None:
        shown = label + trail
    else:
        ev.append((E_OPEN, "link", Link(target=target), ref))
        _tokenize(label, st, ev, True, in_ext)
        if trail:
            ev.append(trail)
        ev.append(_CLOSE_LINK)
        return end
    # A label with no markup: the finished node (what the builder would make of it).
    if ref is not None:
        ref.text = shown.strip()
    ev.append(new_link(target, [new_text(shown)] if shown else []))
    return end


@cython.cfunc
def _bracket_link(text: str, s: cython.Py_ssize_t, st: ParseState, ev: list, in_ext: bool) -> cython.Py_ssize_t:
    if in_ext:
        ev.append("[")
        return s + 1
    m = extlinks.BRACKET_RE.match(text, s)
    if m is None:
        ev.append("[")
        return s + 1
    url, label = m[1], m[2]
    if "&" in url:
        url = ENTITY_RE.sub(entity_text, url)
    ref = new_external_link_ref(url, None)
    st.doc.external_links.append(ref)
    if not label.strip():
        ev.append(new_ext_link(url, None))
        return m.end()
    node = new_ext_link(url, [])
    ev.append((E_OPEN, "ext", node, ref))
    _tokenize(label, st, ev, True, True)
    ev.append(_CLOSE_EXT)
    return m.end()


@cython.cfunc
def _free_url(text: str, m: re.Match[str], st: ParseState, ev: list,
              plain: bool) -> cython.Py_ssize_t:
    raw = m[0]
    url, trail = extlinks.split_free_url(raw)
    end = m.start() + len(url)
    if plain or not extlinks.has_host(url):
        ev.append(url)
        return end
    shown = ENTITY_RE.sub(entity_text, url) if "&" in url else url
    st.doc.external_links.append(new_external_link_ref(shown, shown))
    ev.append(new_ext_link(shown, [new_text(shown)]))
    return end


@cython.cfunc
@cython.locals(k=cython.Py_ssize_t, n=cython.Py_ssize_t, c=cython.Py_UCS4)
def _br_end(text: str, s: cython.Py_ssize_t) -> cython.Py_ssize_t:
    """The end of a `<br>`, `<br/>`, `<br />` or `</br>` (any case) at `s`, -1 if none of
    those is there (the commonest tag: TAG_RE's answer, read in C compares)."""
    n = len(text)
    k = s + 1
    if k < n and text[k] == "/":
        k += 1
    if k + 2 >= n or text[k] not in "bB" or text[k + 1] not in "rR":
        return -1
    k += 2
    c = text[k]
    if c == " ":
        k += 1
        if k >= n:
            return -1
        c = text[k]
    if c == ">":
        return k + 1
    if c == "/" and k + 1 < n and text[k + 1] == ">":
        return k + 2
    return -1


@cython.cfunc
@cython.locals(br=cython.Py_ssize_t)
def _tag(text: str, s: cython.Py_ssize_t, st: ParseState, ev: list) -> cython.Py_ssize_t:
    br = _br_end(text, s)
    if br > 0:
        ev.append(new_line_break())
        return br
    m = TAG_RE.match(text, s)
    if m is None:
        ev.append("<")
        return s + 1
    name = m[2].lower()
    if name not in ALLOWED_TAGS:
        ev.append("<")
        return s + 1
    closing = m[1] == "/"
    if name == "br":
        ev.append(new_line_break())
    elif name in SILENT_TAGS or name in BLOCK_TAGS:
        pass
    elif name in BOLD_TAGS:
        ev.append((E_CLOSE, "hb") if closing else (E_OPEN, "hb", new_bold(), None))
    elif name in ITALIC_TAGS:
        ev.append((E_CLOSE, "hi") if closing else (E_OPEN, "hi", new_italic(), None))
    elif closing:
        ev.append((E_CLOSE, "span:" + name))
    elif not m[4]:
        ev.append((E_OPEN, "span:" + name, new_span(name), None))
    return m.end()


@cython.cfunc
def _langconv(text: str, s: cython.Py_ssize_t, st: ParseState, ev: list, in_link: bool,
              in_ext: bool) -> cython.Py_ssize_t:
    if not st.langconv:
        ev.append("-{")
        return s + 2
    end = langconv.find_end(text, s)
    if end < 0:
        ev.append("-{")
        return s + 2
    shown = langconv.default_text(text[s + 2:end - 2])
    if shown:
        _tokenize(shown, st, ev, in_link, in_ext)
    return end


# --- quotes and tree building ----------------------------------------------------------------

# Compiled, the index is a C integer (enumerate would make a pair and an int per event).
@cython.cfunc
@cython.locals(i=cython.Py_ssize_t, j=cython.Py_ssize_t, line_start=cython.Py_ssize_t)
def _resolve_quotes(ev: list) -> None:
    """Replace apostrophe runs by literal text and bold/italic open/close events, per line,
    in place: most runs become one event, set at their index, so the list is not copied.
    Lines are resolved last to first, so the events a line gains shift no line left to do."""
    lines: list[tuple[int, int, list[int]]] = []   # (start, end, runs) of lines with runs
    line_start = 0
    runs: list[int] = []          # indices in `ev` of the current line's apostrophe runs
    for i in range(len(ev)):
        e = ev[i]
        if type(e) is tuple:
            kind = e[0]
            if kind == E_QUOTE:
                runs.append(i)
            elif kind == E_NL:
                if runs:
                    lines.append((line_start, i, runs))
                    runs = []
                line_start = i + 1
    if runs:
        lines.append((line_start, len(ev), runs))
    for j in range(len(lines) - 1, -1, -1):
        line_start, i, runs = lines[j]
        _resolve_line(ev, line_start, i, runs)


# The close events of quotes.resolve's actions (an open makes a new node each time).
_QUOTE_CLOSES = {"b": (E_CLOSE, "b"), "i": (E_CLOSE, "i")}


@cython.cfunc
@cython.inline
def _quote_event(act: str, what: str) -> tuple:
    """The event of one quotes.resolve action: (OPEN|CLOSE, "b"|"i")."""
    if act == QUOTE_OPEN:
        return (E_OPEN, what, new_bold() if what == "b" else new_italic(), None)
    return _QUOTE_CLOSES[what]


@cython.cfunc
@cython.locals(k=cython.Py_ssize_t, j=cython.Py_ssize_t, first=cython.Py_ssize_t,
               decided=list, acts=list, repl=list)
def _resolve_line(ev: list, start: cython.Py_ssize_t, end: cython.Py_ssize_t, runs: list[int]) -> None:
    """One line's apostrophe runs (indices `runs` in `ev`, the line `start` to `end`) replaced
    in place by what they stand for, the closes at line end inserted before `end`."""
    if len(runs) == 2:
        # The commonest line, one italic or bold span: an open and its close (resolve's answer).
        first = ev[runs[0]][1]
        if (first == 2 or first == 3) and ev[runs[1]][1] == first:
            what = "i" if first == 2 else "b"
            ev[runs[0]] = _quote_event(QUOTE_OPEN, what)
            ev[runs[1]] = _QUOTE_CLOSES[what]
            return
    lens = [ev[k][1] for k in runs]
    resolved = resolve_quotes(lens, None)
    if resolved is None:        # a bold run to demote: it needs the characters before each run
        resolved = resolve_quotes(lens, _chars_before(ev, start, runs))
    decided, tail = resolved
    if tail:
        ev[end:end] = [_QUOTE_CLOSES[what] for _act, what in tail]
    for j in range(len(runs) - 1, -1, -1):      # last first: an insertion shifts no run left
        k = runs[j]
        lit, acts = decided[j]
        if not lit and len(acts) == 1:
            act, what = acts[0]
            ev[k] = _quote_event(act, what)
        else:
            repl = [lit] if lit else []
            for act, what in acts:
                repl.append(_quote_event(act, what))
            ev[k:k + 1] = repl


@cython.cfunc
def _chars_before(ev: list, start: int, runs: list[int]) -> list[str]:
    """The two characters before each apostrophe run of a line (quotes.resolve's `before`)."""
    chars = []
    for k in runs:
        prev = ev[k - 1] if k > start else None
        chars.append(prev[-2:] if type(prev) is str else ("xx" if prev is not None else ""))
    return chars


@cython.cfunc
def _clone(node: Inline) -> Inline:
    if isinstance(node, Bold):
        return Bold()
    if isinstance(node, Italic):
        return Italic()
    if isinstance(node, Span):
        return new_span(node.tag)
    return node


# Compiled, `cur` and `stack` are known lists: their truth tests and `[-1]` are C.
@cython.cfunc
@cython.locals(text_type=type, root=list, cur=list, stack=list)
def build(ev: list, st: ParseState, quoted: bool = True) -> list[Inline]:
    """The inline tree of an event list (`quoted` False: the caller knows it has no
    apostrophe runs, so the list is not scanned for them)."""
    if quoted:
        _resolve_quotes(ev)
    text_type = Text
    root: list[Inline] = []
    stack: list[tuple[str, Inline | None, list[Inline], object]] = [("", None, root, None)]
    cur = root
    for e in ev:
        t = type(e)
        if t is str:
            if e:
                if cur and type(cur[-1]) is Text:
                    cur[-1].text += e
                else:
                    node = text_type.__new__(text_type)   # new_text(e), inlined: the commonest event
                    _put(node, _TEXT_TEXT, e)
                    cur.append(node)
        elif t is not tuple:
            cur.append(e)
        else:
            kind = e[0]
            if kind == E_NL:
                if cur and type(cur[-1]) is Text:
                    cur[-1].text += "\n"
                else:
                    cur.append(new_text("\n"))
            elif kind == E_OPEN:
                _, key, node, ref = e
                cur.append(node)
                cur = node.children
                stack.append((key, node, cur, ref))
            elif kind == E_CLOSE:
                cur = _close(stack, e[1])
    while len(stack) > 1:
        key, node, children, ref = stack.pop()
        parent = stack[-1][2]
        if not children and _is_formatting(key):
            if parent and parent[-1] is node:
                parent.pop()
        elif ref is not None:
            ref.text = plain_text(children).strip()
    return root


@cython.cfunc
def _close(stack: list[tuple[str, Inline | None, list[Inline], object]], key: str) -> list[Inline]:
    """Close the innermost open element `key` (none open: nothing happens), reopening the
    formatting left open inside it; returns the list new children go to."""
    top = stack[-1]
    if top[0] == key:          # closes the innermost element: nothing to reopen
        stack.pop()
        _, node, children, ref = top
        cur = stack[-1][2]
        if not children and (key in _FORMATTING_KEYS or key.startswith("span:")):
            if cur and cur[-1] is node:
                cur.pop()
        elif ref is not None:
            ref.text = plain_text(children).strip()
        return cur
    j = len(stack) - 1
    while j > 0 and stack[j][0] != key:
        j -= 1
    if j == 0:
        return stack[-1][2]
    reopen = []
    while len(stack) > j:
        k, node, children, ref = stack.pop()
        parent = stack[-1][2]
        formatting = k in _FORMATTING_KEYS or k.startswith("span:")
        if not children and formatting:
            if parent and parent[-1] is node:
                parent.pop()
        elif ref is not None:
            ref.text = plain_text(children).strip()
        if k != key and formatting:
            reopen.append((k, node))
    cur = stack[-1][2]
    for k, node in reversed(reopen):
        clone = _clone(node)
        cur.append(clone)
        cur = clone.children
        stack.append((k, clone, cur, None))
    return cur


_FORMATTING_KEYS = frozenset(("b", "i", "hb", "hi"))


@cython.cfunc
def _is_formatting(key: str) -> bool:
    return key in _FORMATTING_KEYS or key.startswith("span:")
