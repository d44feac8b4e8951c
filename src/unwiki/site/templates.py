"""Which templates play which role (infobox, navbox, hatnote, citation, …), per language.

Without a template's source the only evidence of what it does is its name and how it is
used, so the knowledge is data: `site/data/_roles.json` holds, per role, exact names,
name prefixes, suffixes and regular expressions, in a shared part (`_common`: the English
names most wikis copied) and one part per language. This module is only the matcher.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from unwiki.site.config import SiteConfig

# Checked in this order: the first role whose rules match wins (a "cite … navbox" is a navbox
# only if no earlier role claims it; reference lists come first since "references" is also
# a hatnote-like word on some wikis).
# The values are those of the role constants in `unwiki.preprocessor.strip` (site sits below
# the preprocessor, so it names them by value; a test keeps the two equal).
ROLE_ORDER: tuple[str, ...] = (
    "references", "dead_link", "citation", "infobox", "navbox",
    "hatnote", "coordinates", "disambiguation", "maintenance", "dropped",
)


def norm_name(name: str) -> str:
    """Fold a template name for look-up: `_` and space runs as one space, trimmed, case-folded.

    MediaWiki only folds the first letter, but template names that differ in later
    letters' case are redirects to each other in practice (`Cite Web`, `Cite web`)."""
    # str.split() splits at exactly the white space `\s` matches: `_` and the direction marks
    # are the only other characters to fold (a regex substitution costs twice as much).
    if "_" in name:
        name = name.replace("_", " ")
    if "\u200e" in name or "\u200f" in name:
        name = name.replace("\u200e", " ").replace("\u200f", " ")
    return " ".join(name.split()).casefold()


@dataclass(slots=True)
class RoleRules:
    """One role's name rules for one wiki (common and language parts merged)."""

    names: set[str] = field(default_factory=set)
    prefixes: list[str] = field(default_factory=list)
    suffixes: list[str] = field(default_factory=list)
    patterns: list[re.Pattern[str]] = field(default_factory=list)
    exclude: list[re.Pattern[str]] = field(default_factory=list)

    def add(self, spec: dict) -> None:
        self.names.update(norm_name(n) for n in spec.get("names", []))
        self.prefixes.extend(norm_name(p) for p in spec.get("prefixes", []))
        self.suffixes.extend(norm_name(s) for s in spec.get("suffixes", []))
        self.patterns.extend(re.compile(p, re.I) for p in spec.get("patterns", []))
        self.exclude.extend(re.compile(p, re.I) for p in spec.get("exclude", []))


class _RoleTable:
    """All roles' rules of one wiki merged for look-up: each name, prefix and suffix maps to
    the bit set of the roles listing it (bit k: `ROLE_ORDER[k]`), and prefixes and suffixes
    are looked up by length, so a key costs one slice per distinct length whatever the
    number of rules and roles. Only the few regular expressions are tried role by role."""

    __slots__ = ("names", "prefixes", "prefix_sizes", "prefix_starts", "suffixes", "suffix_sizes",
                 "suffix_ends", "roles", "pattern_roles", "any_pattern")

    def __init__(self, rules: tuple[tuple[str, RoleRules], ...]) -> None:
        self.names: dict[str, int] = {}
        self.prefixes: dict[str, int] = {}
        self.suffixes: dict[str, int] = {}
        for index, (_, role_rules) in enumerate(rules):
            bit = 1 << index
            for table, keys in ((self.names, role_rules.names), (self.prefixes, role_rules.prefixes),
                                (self.suffixes, role_rules.suffixes)):
                for key in keys:
                    table[key] = table.get(key, 0) | bit
        self.prefix_sizes = tuple(sorted({len(p) for p in self.prefixes}))
        self.suffix_sizes = tuple(sorted({len(s) for s in self.suffixes}))
        # The prefixes by first letter and the suffixes by last letter, for one startswith or
        # endswith test (a C loop over the few keys sharing that letter) that rules out most
        # keys before the look-ups by length.
        self.prefix_starts = _by_letter(self.prefixes, 0)
        self.suffix_ends = _by_letter(self.suffixes, -1)
        # (role, its bit, its patterns, its exclusions), in ROLE_ORDER
        self.roles = tuple((role, 1 << index, tuple(r.patterns), tuple(r.exclude))
                           for index, (role, r) in enumerate(rules))
        # The roles a key no name, prefix or suffix lists can still have: those with patterns.
        self.pattern_roles = tuple(entry for entry in self.roles if entry[2])
        # All those patterns as one, for one regex call that rules out most such keys (a
        # fullmatch of alternatives is a fullmatch of one of them); None when a pattern
        # numbers its groups (back references would shift) or there is none.
        patterns = [pattern for entry in self.pattern_roles for pattern in entry[2]]
        self.any_pattern = None
        if patterns and all(p.groups == 0 and p.flags == patterns[0].flags for p in patterns):
            self.any_pattern = re.compile("|".join(f"(?:{p.pattern})" for p in patterns),
                                          patterns[0].flags)

    def role(self, key: str) -> str | None:
        """The first role whose rules match `key` and do not exclude it."""
        # (`in` then `[]`, not `.get`: compiled, these are direct C calls, not method calls;
        # nearly every look-up misses)
        names = self.names
        hits = names[key] if key in names else 0
        size = len(key)
        # A prefix or suffix matches whole words only: `Infobox x`, `Infobox/x`, `Infobox`,
        # not `Infoboxes`.
        prefixes = self.prefixes
        starts = self.prefix_starts.get(key[0])
        if starts is not None and key.startswith(starts):
            for at in self.prefix_sizes:
                if at > size:
                    break
                head = key[:at]
                if head in prefixes and (at >= size or not key[at].isalnum() or not key[at - 1].isalnum()):
                    hits |= prefixes[head]
        suffixes = self.suffixes
        ends = self.suffix_ends.get(key[-1])
        if ends is not None and key.endswith(ends):
            for length in self.suffix_sizes:
                if length > size:
                    break
                at = size - length
                tail = key[at:]
                if tail in suffixes and (at <= 0 or not key[at - 1].isalnum() or not key[at].isalnum()):
                    hits |= suffixes[tail]
        if not hits:
            any_pattern = self.any_pattern
            if any_pattern is not None and any_pattern.fullmatch(key) is None:
                return None
        for role, bit, patterns, exclude in (self.roles if hits else self.pattern_roles):
            hit = hits & bit
            if not hit:
                for pattern in patterns:
                    if pattern.fullmatch(key):
                        hit = 1
                        break
            if hit:
                for pattern in exclude:
                    if pattern.search(key):
                        hit = 0
                        break
                if hit:
                    return role
        return None


def _by_letter(keys: dict[str, int], at: int) -> dict[str, tuple[str, ...]]:
    """`keys` grouped by their letter at `at` (0: the first, -1: the last)."""
    groups: dict[str, list[str]] = {}
    for key in keys:
        groups.setdefault(key[at], []).append(key)
    return {letter: tuple(group) for letter, group in groups.items()}


@cache
def _roles_data() -> dict:
    raw = resources.files("unwiki.site").joinpath("data", "_roles.json").read_text(encoding="utf-8")
    return json.loads(raw)


@cache
def _rules(lang: str) -> tuple[tuple[str, RoleRules], ...]:
    data = _roles_data()
    parts = [data.get("_common", {})]
    base = lang.split("-")[0]
    for code in dict.fromkeys([*data.get("_fallback", {}).get(lang, []), base, lang]):
        if code in data and code != "_common":
            parts.append(data[code])
    # A language may take back a shared name that means something else there
    # (fr `{{Citation}}` is a quotation, not a reference).
    unlisted = {norm_name(n) for part in parts[1:] for n in part.get("unlist", [])}
    out = []
    for role in ROLE_ORDER:
        rules = RoleRules()
        for part in parts:
            rules.add(part.get(role, {}))
        rules.names -= unlisted
        rules.exclude.extend(re.compile(f"^{re.escape(n)}$") for n in unlisted)
        out.append((role, rules))
    return tuple(out)


@cache
def _role_table(lang: str) -> _RoleTable:
    return _RoleTable(_rules(lang))


@cache
def _role_for(key: str, lang: str) -> str | None:
    return _role_table(lang).role(key)


def _strip_namespace(key: str, site: SiteConfig) -> str:
    if ":" in key:
        head, rest = key.split(":", 1)
        if site.ns_id(head) == 10:
            return rest.strip()
    return key


def template_role(name: str, site: SiteConfig, *, standalone: bool = False) -> str | None:
    """Role constant from `unwiki.preprocessor.strip` (INFOBOX, NAVBOX, REFERENCES_LIST, …)
    or None for an ordinary template.

    `standalone`: the caller saw an argument-less call on a page-level line that holds
    nothing but such calls (`{{柏林区份}}{{德國各邦}}`), and has neither a source nor a
    built-in renderer for it. Wikipedias place topic navigation boxes exactly
    so (zh `{{共产党}}`, `{{哈萨克斯坦政党}}` are named only by their topic); an unknown
    template used that way is taken as a navbox rather than guessed at."""
    key = _strip_namespace(norm_name(name), site)
    if not key:
        return None
    role = _role_for(key, site.lang)
    if role is None and standalone and not _is_known_inline(key, site.lang):
        return "navbox"
    return role


@cache
def _inline_names(lang: str) -> frozenset[str]:
    data = _roles_data()
    names = set(data.get("_common", {}).get("not_navbox", []))
    names.update(data.get(lang, {}).get("not_navbox", []))
    return frozenset(norm_name(n) for n in names)


def _is_known_inline(key: str, lang: str) -> bool:
    """Argument-less templates that show content even alone on a line (`{{clear}}` shows
    nothing either way, but `{{-}}`-like layout or text templates must not become navboxes)."""
    return key in _inline_names(lang)


def role_names(lang: str, role: str) -> frozenset[str]:
    """The exact names listed for `role` on `lang` (folded): for tests and documentation."""
    for r, rules in _rules(lang):
        if r == role:
            return frozenset(rules.names)
    return frozenset()
