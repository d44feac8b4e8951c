"""Internal links `[[…]]`: titles, link trails, categories, files and interlanguage links.

Categories and interlanguage links are taken out of the text before the block pass, with
MediaWiki's white-space rule (the white space before them goes, so a line holding only
them leaves no blank line behind)."""
from __future__ import annotations

import re
from urllib.parse import unquote

try:
    import cython
except ImportError:  # plain Python without Cython
    from unwiki.preprocessor.cython_shim import cython

from unwiki.model import InterwikiLink
from unwiki.parser.nodes import new_image
from unwiki.parser.state import ParseState
from unwiki.site import SiteConfig, Title
from unwiki.site.title import parse_title_uncached

NS_MEDIA, NS_FILE, NS_CATEGORY = -2, 6, 14

# Title characters (Title::legalChars plus # and %): no []{}|<>, controls, or the marker byte.
# The target and the label's bracket-free runs are matched possessively (neither can end
# inside such a run), not a character at a time.
LINK_RE = re.compile(
    r"\[\[([^\[\]{}|<>\n\t\x7f]++)(?:\|((?:[^\[\]]++|\[(?!\[)|\](?!\]))+?))?\]\]"
)
# `[[target|` where the label holds further links (files): the rest is scanned for brackets.
OPEN_PIPE_RE = re.compile(r"\[\[([^\[\]{}|<>\n\t\x7f]+)\|")
# Group 1 keeps the white space around the prefix (namespace look-ups fold it away): matched
# possessively, a `[[` with no prefix costs one run over its target instead of a step per
# character with a try for `:` at each.
PREFIX_RE = re.compile(r"\[\[([^\[\]{}|<>\n:]++):")

_EN_IMAGE_OPTIONS = {
    "img_thumbnail": ["thumb", "thumbnail"], "img_manualthumb": ["thumbnail=$1", "thumb=$1"],
    "img_framed": ["frame", "framed", "enframed"], "img_frameless": ["frameless"],
    "img_border": ["border"], "img_left": ["left"], "img_right": ["right"],
    "img_center": ["center", "centre"], "img_none": ["none"], "img_baseline": ["baseline"],
    "img_sub": ["sub"], "img_super": ["super", "sup"], "img_top": ["top"],
    "img_text_top": ["text-top"], "img_middle": ["middle"], "img_bottom": ["bottom"],
    "img_text_bottom": ["text-bottom"], "img_upright": ["upright", "upright=$1", "upright $1"],
    "img_width": ["$1px"], "img_alt": ["alt=$1"], "img_link": ["link=$1"],
    "img_page": ["page=$1", "page $1"], "img_class": ["class=$1"], "img_lang": ["lang=$1"],
    "img_lossy": ["lossy=$1"], "timedmedia_thumbtime": ["thumbtime=$1"],
    "timedmedia_starttime": ["start=$1"], "timedmedia_endtime": ["end=$1"],
    "timedmedia_loop": ["loop"], "timedmedia_muted": ["muted"], "img_width_px": ["$1 px"],
}
_BLOCK_OPTIONS = frozenset(("img_thumbnail", "img_manualthumb", "img_framed", "img_left",
                            "img_right", "img_center", "img_none"))


# (exact keyword -> option id, [(pattern with a parameter, option id)], memo of answers,
#  (what a parameter must start with, or end with, to match any pattern; True: anything can))
_OptionTable = tuple[dict[str, str], list[tuple[re.Pattern[str], str]], dict[str, str | None],
                     tuple[tuple[str, ...], tuple[str, ...], bool]]
_OPTION_CACHE: dict[int, tuple[SiteConfig, _OptionTable]] = {}
_WIDTH_RE = re.compile(r"\s*(?:\d*x)?\d+\s*")


def _option_keys(site: SiteConfig) -> list[str]:
    """Image option ids: MediaWiki's, then any further `img_*`/`timedmedia_*` the wiki has."""
    keys = list(_EN_IMAGE_OPTIONS)
    keys += [k for k in (site.magic_words or {}) if k.startswith(("img_", "timedmedia_")) and k not in _EN_IMAGE_OPTIONS]
    return keys


# The site image_options last answered for, and its table: a page's file links are all of one
# wiki (compiled, C globals: image_option reads them without a call).
_options_site = cython.declare(object, None)
_options_table = cython.declare(object, None)


def image_options(site: SiteConfig) -> _OptionTable:
    """(exact keyword -> option id, [(pattern with a parameter, option id)], memo of answers,
    what a parameter must start or end with to match a pattern): the English spellings and
    the wiki's own (`site.magic`, e.g. es `miniatura`, `izquierda`)."""
    global _options_site, _options_table
    if site is not _options_site:
        _options_table = _image_options(site)
        _options_site = site      # (held: its id is not reused while it is compared)
    return _options_table


def _image_options(site: SiteConfig) -> _OptionTable:
    """image_options' table, made once per wiki (its generator expressions make a closure
    at each call: kept out of the look-up)."""
    got = _OPTION_CACHE.get(id(site))
    if got is not None and got[0] is site:
        return got[1]
    exact: dict[str, str] = {}
    patterns: list[tuple[re.Pattern[str], str]] = []
    seen: set[tuple[tuple[str, str], str]] = set()   # ((before `$1`, after it), option id)
    for name in _option_keys(site):
        words = [*_EN_IMAGE_OPTIONS.get(name, ()), *(w for w in site.magic(name) if isinstance(w, str))]
        for word in words:
            if "$1" in word:
                before, after = word.split("$1", 1)
                key = (before.casefold(), after.casefold())
                if (key, name) in seen:
                    continue
                seen.add((key, name))
                pat = re.compile(re.escape(key[0]) + r"(.*)" + re.escape(key[1]) + r"$", re.S)
                patterns.append((pat, name))
            else:
                exact[word.casefold()] = name
    # A pattern matches only a parameter with its text before `$1` first and after it last: a
    # caption (most parameters not remembered) is ruled out at once by these two tests.
    affixes = [pair[0] for pair in seen]
    starts = tuple(sorted({affix[0] for affix in affixes if affix[0]}))
    ends = tuple(sorted({affix[1] for affix in affixes if not affix[0] and affix[1]}))
    bare = any(not affix[0] and not affix[1] for affix in affixes)
    table: _OptionTable = (exact, patterns, {}, (starts, ends, bare))
    if len(_OPTION_CACHE) >= 16:
        _OPTION_CACHE.clear()
    _OPTION_CACHE[id(site)] = (site, table)  # holds `site`, so its id is not reused
    return table


def image_option(param: str, site: SiteConfig) -> str | None:
    """The option id a file-link parameter sets, or None when it is caption text."""
    exact, patterns, memo, (starts, ends, bare) = (
        _options_table if site is _options_site else image_options(site))
    if param in memo:
        return memo[param]
    p = param.strip().casefold()
    hit = exact.get(p)
    if not hit and (bare or p.startswith(starts) or p.endswith(ends)):
        for pat, name in patterns:
            m = pat.match(p)
            if m:
                if name in ("img_width", "img_width_px") and not _WIDTH_RE.fullmatch(m[1]):
                    continue
                hit = name
                break
    if len(memo) < 4096 and len(param) < 64:   # options repeat; captions rarely do
        memo[param] = hit or None
    return hit or None


@cython.locals(body=str, k=cython.Py_ssize_t, n=cython.Py_ssize_t, depth=cython.Py_ssize_t,
               start=cython.Py_ssize_t, ch=cython.Py_UCS4)
def split_params(body: str) -> list[str]:
    """Split `a|b|[[c|d]]` on pipes outside nested links (`[[`, `]]` and `|` read left to
    right, a pair never overlapping the next; compiled, a C loop over the characters)."""
    if "[[" not in body:
        return body.split("|")
    parts: list[str] = []
    depth = 0
    start = 0
    n = len(body)
    k = 0
    while k < n:
        ch = body[k]
        if (ch == "[" or ch == "]") and k + 1 < n and body[k + 1] == ch:
            if ch == "[":
                depth += 1
            elif depth > 0:
                depth -= 1
            k += 2
            continue
        if ch == "|" and depth == 0:
            parts.append(body[start:k])
            start = k + 1
        k += 1
    parts.append(body[start:])
    return parts


_MISSING = object()


# The last find_close question and answer: the block pass asks where a file link on a line
# ends, then reads the link (file_link_at), which asks the same of the same string at once.
# Held by identity (no hashing of the text; holding it keeps its id from being reused).
_LAST_CLOSE: tuple[str, int, int] = ("", -1, -1)


def find_close(text: str, start: int) -> int:
    """Index just past the `]]` that closes a `[[` opened before `start`, or -1."""
    global _LAST_CLOSE
    last = _LAST_CLOSE
    if last[0] is text and last[1] == start:
        return last[2]
    end = _close_of(text, start)
    _LAST_CLOSE = (text, start, end)
    return end


@cython.cfunc
@cython.locals(text=str, pos=cython.Py_ssize_t, close=cython.Py_ssize_t, opened=cython.Py_ssize_t,
               depth=cython.Py_ssize_t)
def _close_of(text: str, pos: cython.Py_ssize_t) -> cython.Py_ssize_t:
    """find_close's answer: `[[` and `]]` read left to right, never overlapping, from depth 1
    (two str.find calls per `]]` and one per `[[`, no match object per bracket pair)."""
    depth = 1
    close = text.find("]]", pos)
    while close >= 0:
        opened = text.find("[[", pos, close)     # (ends by `close`: a `[[` cannot hold its `]`)
        if opened >= 0:
            depth += 1
            pos = opened + 2
            continue
        depth -= 1
        pos = close + 2
        if depth == 0:
            return pos
        close = text.find("]]", pos)
    return -1


def file_link_at(text: str, pos: int, st: ParseState) -> tuple[int, Title, list[str]] | None:
    """A file link starting at `pos`: (end, title, params) or None."""
    m = PREFIX_RE.match(text, pos)
    if not m or st.site.ns_id(m[1]) != NS_FILE:
        return None
    # Remembered per page by its source up to the line's end, when the link closes on its
    # line: the answer then depends on that text only (callers do not change `params`).
    line_end = text.find("\n", pos)
    if line_end < 0:
        line_end = len(text)
    key = text[pos:line_end]
    known = st.file_links.get(key, _MISSING)
    if known is not _MISSING:
        return None if known is None else (pos + known[0], known[1], known[2])
    end = find_close(text, pos + 2)
    if end < 0:
        return None
    inner = text[pos + 2:end - 2]
    parts = split_params(inner)
    title = parse_title_uncached(parts[0], st.site)     # (a page's files: seldom met twice)
    found = None if title is None or title.ns != NS_FILE else (end, title, parts[1:])
    if end <= line_end:
        st.file_links[key] = None if found is None else (end - pos, found[1], found[2])
    return found


def image_is_block(params: list[str], site: SiteConfig) -> bool:
    """Framed, thumbnailed or floated images are blocks (MediaWiki wraps them in a div/figure)."""
    return any(image_option(p, site) in _BLOCK_OPTIONS for p in params)


def image_caption(params: list[str], site: SiteConfig) -> str:
    """The last parameter that is not an option keyword (raw wikitext)."""
    caption = ""
    for p in params:
        if image_option(p, site) is None:
            caption = p
    return caption.strip()


def display_target(raw: str) -> str:
    """How a label-less link shows its target: as written, leading colon gone, %xx decoded."""
    text = raw
    if "%" in text:
        try:
            text = unquote(text)
        except Exception:  # noqa: BLE001 - malformed escapes stay as written
            pass
    text = text.strip()
    if text.startswith(":"):
        text = text[1:].lstrip()
    return text


def link_target_text(title: Title) -> str:
    """The normalised target recorded in Document.links."""
    if not title.text and title.fragment is not None:
        return "#" + title.fragment
    return title.full


@cython.locals(text=str, start=cython.Py_ssize_t, end=cython.Py_ssize_t)
def _rtrim_spans(text: str, spans: list[int]) -> None:
    """The kept text (flat start, end pairs into `text`) loses the white space it ends with:
    an emptied piece goes, and the one before it is trimmed in turn."""
    while spans:
        start = spans[-2]
        end = spans[-1]
        while end > start and text[end - 1] in " \t\n\r\0\x0b":
            end -= 1
        if end > start:
            spans[-1] = end
            return
        del spans[-2:]


@cython.locals(text=str, after=cython.Py_ssize_t, colon=cython.Py_ssize_t, start=cython.Py_ssize_t,
               k=cython.Py_ssize_t, ch=cython.Py_UCS4)
def prefixed_links(text: str) -> list[int]:
    """Where PREFIX_RE matches in `text`, as a flat list `[start, colon, start, colon, …]`
    (`start` at the `[[`, the prefix is `text[start + 2:colon]`).

    Found from the colons (far fewer than the characters a finditer would scan): a match's
    colon is the first after its `[[`, and its `[[` the last before that colon, after the
    colon before (its prefix holds no `[` and no `:`). Compiled, C loops."""
    found: list[int] = []
    after = text.find("[[")
    if after < 0:
        return found
    colon = text.find(":", after + 3)
    while colon >= 0:
        start = text.rfind("[[", after, colon)
        after = colon + 1
        if start >= 0 and colon > start + 2:
            for k in range(start + 2, colon):
                ch = text[k]
                if ch in "[]{}|<>\n":
                    break
            else:
                found.append(start)
                found.append(colon)
        colon = text.find(":", after)
    return found


@cython.locals(text=str, pos=cython.Py_ssize_t, start=cython.Py_ssize_t, end=cython.Py_ssize_t,
               k=cython.Py_ssize_t, nxt=cython.Py_ssize_t, found=list)
def strip_meta_links(text: str, st: ParseState) -> str:
    """Remove category and interlanguage links (recording them), as MediaWiki does.
    The text kept is held as index pairs and sliced once at the end: the piece before the
    first category is most of the page, and trimming a copy of it would copy it again."""
    if "[[" not in text:
        return text
    site = st.site
    spans: list[int] = []
    # prefix as written -> (its namespace, its case fold): pages repeat a few (File, Category)
    prefixes: dict[str, tuple[int | None, str]] = {}
    pos = 0
    found = prefixed_links(text)
    for k in range(0, len(found), 2):
        start = found[k]
        end = found[k + 1]
        if start < pos:                 # inside a link already taken out
            continue
        raw = text[start + 2:end]
        known = prefixes.get(raw)
        if known is None:
            prefix = raw.strip()        # (holds no `:`: PREFIX_RE stops at the first)
            known = prefixes[raw] = (site.ns_id(prefix), prefix.casefold())
        ns, lang = known
        if ns != NS_CATEGORY and (ns is not None or lang not in site.interlanguage):
            continue
        lm = LINK_RE.match(text, start)
        if not lm:
            continue
        title = parse_title_uncached(lm[1], site)    # (categories: seldom met twice)
        if title is None:
            continue
        spans.append(pos)
        spans.append(start)
        pos = lm.end()
        _rtrim_spans(text, spans)
        if ns == NS_CATEGORY:
            if title.text:
                st.doc.categories.append(title.text)
        else:
            st.doc.interwiki.append(InterwikiLink(lang=title.interwiki or lang, title=title.text))
            nxt = text.find("[[", pos)
            seg = text[pos:nxt if nxt >= 0 else len(text)]
            if seg.strip("\n") == "":
                pos += len(seg)
    if not spans:
        return text
    spans.append(pos)
    spans.append(len(text))
    # (empty pieces left out: one piece left is joined as itself, not copied a second time)
    return "".join([text[spans[k]:spans[k + 1]] for k in range(0, len(spans), 2)
                    if spans[k + 1] > spans[k]])


def add_image(st: ParseState, title: Title, caption: str) -> None:
    st.doc.images.append(new_image(title.text, caption))
