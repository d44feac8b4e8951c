"""Which `<tag>` names the preprocessor keeps out of the markup parse (extension tags).

Tag names not listed here are ordinary text for the preprocessor (HTML is the parser's job).
"""
from __future__ import annotations

import re
from collections.abc import Callable

# Extension tags installed on Wikimedia wikis (Cite, Math, SyntaxHighlight, Poem, Score, …).
EXTENSION_TAGS: frozenset[str] = frozenset({
    "nowiki", "pre", "math", "chem", "ce", "ref", "references", "gallery", "syntaxhighlight",
    "source", "poem", "score", "timeline", "graph", "templatedata", "templatestyles",
    "indicator", "mapframe", "maplink", "section", "categorytree", "imagemap", "inputbox",
    "hiero", "charinsert", "languages", "tabs", "tab", "tabber", "translate", "rss", "quiz",
    "dynamicpagelist", "langconvert", "phonos", "talkpage", "chart", "page", "pages",
})

# Sections marked for page view vs. transclusion; their tags may run to the end of the text.
ALLOW_MISSING_END = frozenset({"includeonly", "noinclude", "onlyinclude"})


def _trie_pattern(names: list[str]) -> str:
    """A regex matching any of `names`, as a prefix tree: the regex engine then reads each
    character once instead of trying forty alternatives in turn at every `<`."""
    heads: dict[str, list[str]] = {}
    for name in names:
        heads.setdefault(name[:1], []).append(name[1:])
    alternatives = [re.escape(head) + _trie_pattern(rests) for head, rests in sorted(heads.items()) if head]
    if "" in heads:
        alternatives.append("")  # a name ending here; tried after the longer ones
    return alternatives[0] if len(alternatives) == 1 else "(?:" + "|".join(alternatives) + ")"


def _names_regex(names: list[str]) -> re.Pattern[str]:
    return re.compile(rf"({_trie_pattern(names)})(?=\s|/>|>)", re.IGNORECASE)


# For page view: `<includeonly>…</includeonly>` vanishes with its content; the other two
# section tags vanish themselves. For transclusion: `<noinclude>…</noinclude>` vanishes.
IGNORED_TAGS = {
    False: frozenset({"noinclude", "/noinclude", "onlyinclude", "/onlyinclude"}),
    True: frozenset({"includeonly", "/includeonly"}),
}
IGNORED_ELEMENTS = {False: frozenset({"includeonly"}), True: frozenset({"noinclude"})}
TAG_NAME_RE = {
    inclusion: _names_regex([*EXTENSION_TAGS, *IGNORED_TAGS[inclusion], *IGNORED_ELEMENTS[inclusion]])
    for inclusion in (False, True)
}

_ALL_NAMES = {name for inclusion in (False, True)
              for name in (*EXTENSION_TAGS, *IGNORED_TAGS[inclusion], *IGNORED_ELEMENTS[inclusion])}
# ASCII characters that start no tag name, even case-insensitively: after `<` (`<br>`,
# `<span>`) or after `</` (`</span>`) no TAG_NAME_RE match can follow, so the scanner need not
# try one. (Non-ASCII ones are left out: `ſ`, `K`, `ı`, `İ` match ASCII letters.)
_ASCII = [chr(c) for c in range(32, 127)]
NO_TAG_START = frozenset(c for c in _ASCII if c.lower() not in {name[0] for name in _ALL_NAMES})
NO_CLOSING_TAG_START = frozenset(
    c for c in _ASCII if c.lower() not in {name[1] for name in _ALL_NAMES if name[0] == "/"})

# Tag name -> the search method of its `</name >` pattern; a fixed, small set of names.
_CLOSING_TAG_SEARCH: dict[str, Callable[..., re.Match[str] | None]] = {}


def closing_tag_search(name: str) -> Callable[..., re.Match[str] | None]:
    """The `search` method of `</name >`, case-insensitive."""
    search = _CLOSING_TAG_SEARCH.get(name)
    if search is None:
        search = _CLOSING_TAG_SEARCH[name] = re.compile(rf"</{re.escape(name)}\s*>", re.IGNORECASE).search
    return search


_ATTR_RE = re.compile(
    r"""([^\s/>=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s'">]+)))?""")


# The commonest case, one quoted attribute (`<ref name="x">`), in one match.
_ONE_QUOTED_RE = re.compile(r"""\s*([^\s/>="']+)\s*=\s*"([^"]*)"\s*""")


_ATTRS_SEEN: dict[str, dict[str, str]] = {}
_ATTRS_SEEN_MAX = 10_000


def parse_attrs(text: str) -> dict[str, str]:
    """Attributes of a tag as MediaWiki's Sanitizer reads them (names lower-cased). Pages
    repeat the same ones (a `<ref name=…>` reused): each text is parsed once; callers get a
    copy they may change."""
    seen: dict = _ATTRS_SEEN  # (typed: compiled, `.get` is a C call, not a method call)
    attrs = seen.get(text)
    if attrs is not None:
        return dict(attrs)
    attrs = {}
    if text and not text.isspace():
        named = text.strip()  # (str.strip and the patterns' `\s` drop the same characters)
        if named.startswith('name="') and named.endswith('"') and named.count('"') == 2:
            # `<ref name="…">`, the commonest by far: what _ONE_QUOTED_RE finds, without it.
            attrs["name"] = named[6:-1].strip()
        elif (m := _ONE_QUOTED_RE.fullmatch(text)) is not None:
            name, value = m.groups()
            attrs[name.lower()] = value.strip()
        else:
            for m in _ATTR_RE.finditer(text):
                value = m.group(2)
                if value is None:
                    value = m.group(3)
                if value is None:
                    value = m.group(4)
                attrs[m.group(1).lower()] = "" if value is None else value.strip()
    if len(seen) >= _ATTRS_SEEN_MAX:
        seen.clear()
    seen[text] = attrs
    return dict(attrs)
