"""The expander: walks a preprocessor tree in a frame and substitutes braces (Parser.php's
braceSubstitution, PPFrame::expand), counting what it used and recording what went wrong."""
from __future__ import annotations

import time
from functools import lru_cache
from time import monotonic as _monotonic

from unwiki.expansion.builtin import REGISTRY, has_builtin, render_builtin
from unwiki.expansion.context import ExpandContext
from unwiki.expansion.exttags import EXPANDED_TAGS, render_tag
from unwiki.expansion.frame import TRIM, Frame, flat_frame_args
from unwiki.expansion.magicwords import VARIABLES, variable_alias
from unwiki.expansion.parserfunctions import lookup
from unwiki.expansion.parserfunctions.registry import Call
from unwiki.expansion.templates import TemplateIndex
from unwiki.model import PageError
from unwiki.preprocessor import preprocess
from unwiki.preprocessor.strip import (
    CITATION,
    DISAMBIGUATION,
    HATNOTE,
    INFOBOX,
    MAINTENANCE,
    NAVBOX,
    NOWIKI,
    REFERENCES,
    REFERENCES_LIST,
    TEMPLATE,
    StripItem,
    StripState,
)
from unwiki.preprocessor.tags import parse_attrs
from unwiki.preprocessor.tree import Argument, ExtTag, Node, Part, Template
from unwiki.site import SiteConfig, Title, parse_title
from unwiki.site.templates import template_role

try:
    import cython
except ImportError:  # plain Python without Cython: ordinary classes
    from unwiki.preprocessor.cython_shim import cython

if cython.compiled:  # a strip item made by a C function (strip.pxd)
    from cython.cimports.unwiki.preprocessor.strip import new_strip_item
else:
    from unwiki.preprocessor.strip import new_strip_item

if cython.compiled:  # a flat call's arguments as a captured template's list: one C call
    from cython.cimports.cpython.dict import PyDict_Items as _pairs
else:
    def _pairs(args: dict[str, str]) -> list[tuple[str, str]]:
        return list(args.items())

_TEMPLATE_NS = 10

# Route kinds (Expander.route), compared by identity.
_TEMPLATE = "template"
_FUNCTION = "function"
_VARIABLE = "variable"
_SUBST = "subst"

# Plan kinds (Expander.plan): what a flat call whose title is a known template does.
_CAPTURE = "capture"
_BUILTIN = "builtin"
_UNRESOLVED = "unresolved"  # no renderer for that name: `builtin` would count it and give ""
_UNPLANNED = ("",)
_NOT_RENDERED = object()  # Expander.rendered: no output memoised yet (None is an output)
_BLOCK_ROLES = frozenset({INFOBOX, NAVBOX, HATNOTE, MAINTENANCE, DISAMBIGUATION, REFERENCES_LIST})
_HOW = {INFOBOX: "infobox", CITATION: "builtin", REFERENCES_LIST: "builtin"}  # else "dropped"

Routes = tuple[dict[str, tuple], dict[str, tuple]]  # [without parts, with parts]: name -> route
Plans = tuple[dict[str, tuple | None], dict[str, tuple | None]]  # as Routes, by title as written
Names = dict[str, tuple[Title | None, str, str | None, str]]
_SITE_CACHES: dict[tuple[int, bool], tuple[SiteConfig, tuple, Routes, Names, Plans]] = {}
_CACHE_MAX = 50_000


def _site_caches(site: SiteConfig, page_mode: bool) -> tuple[Routes, Names, Plans]:
    """The route, name and plan caches of `site`, shared by its pages while its naming data
    stays as it was (a site built from a dump's siteinfo may gain namespaces before use)."""
    version = (site.lang, len(site.aliases), len(site.namespaces), site.first_letter_case,
               len(site.magic_words), site.interwiki, site.interlanguage)
    key = (id(site), page_mode)
    entry = _SITE_CACHES.get(key)
    if (entry is None or entry[0] is not site or entry[1] != version
            or len(entry[3]) > _CACHE_MAX or len(entry[2][0]) + len(entry[2][1]) > _CACHE_MAX
            or len(entry[4][0]) + len(entry[4][1]) > _CACHE_MAX):
        if len(_SITE_CACHES) > 16:
            _SITE_CACHES.clear()
        entry = _SITE_CACHES[key] = (site, version, ({}, {}), {}, ({}, {}))
    return entry[2], entry[3], entry[4]


@lru_cache(maxsize=2048)
def template_tree(source: str) -> list[Node]:
    """A template source preprocessed for transclusion (shared between pages: trees are immutable)."""
    return preprocess(source, for_inclusion=True)


@cython.cclass
class Expander:
    """Expansion state of one page: strip items, template counts, errors, limits. (An
    extension type when compiled: its methods then read these attributes directly, and the
    `ccall` ones call each other as C functions, not through Python method calls.)"""

    ctx = cython.declare(object, visibility="public")
    page_mode = cython.declare(object, visibility="public")
    strip = cython.declare(object, visibility="public")
    counts = cython.declare(object, visibility="public")
    errors = cython.declare(object, visibility="public")
    index = cython.declare(object, visibility="public")
    size = cython.declare(cython.Py_ssize_t, visibility="public")  # (C: no int object per add)
    max_size = cython.declare(cython.Py_ssize_t, visibility="public")
    deadline = cython.declare(object, visibility="public")
    stopped = cython.declare(object, visibility="public")
    disambiguation = cython.declare(object, visibility="public")
    routes = cython.declare(object, visibility="public")
    names = cython.declare(object, visibility="public")
    plans = cython.declare(object, visibility="public")
    root = cython.declare(object, visibility="public")
    rendered = cython.declare(object, visibility="public")

    def __init__(self, ctx: ExpandContext, page_mode: bool = True) -> None:
        self.ctx = ctx
        self.page_mode = page_mode
        self.strip = StripState()
        # (name, how) -> calls; a plain dict, cheaper to update than a Counter (expand_page
        # hands out a Counter).
        self.counts: dict[tuple[str, str], int] = {}
        self.errors: list[PageError] = []
        self.index = TemplateIndex.get(ctx.templates, ctx.site)
        self.size = 0
        self.max_size = ctx.max_expansion_bytes
        self.deadline = time.monotonic() + ctx.max_seconds
        self.stopped = False
        self.disambiguation = False
        self.routes, self.names, self.plans = _site_caches(ctx.site, page_mode)
        self.root = Frame(ctx.title)
        self.rendered: dict[tuple[str, ...], str | None] = {}  # flat builtin call -> its output

    # -- errors and limits -------------------------------------------------------------
    def error(self, kind: str, message: str) -> None:
        if len(self.errors) < 100:
            self.errors.append(PageError(kind, message))

    def out_of_budget(self, what: str) -> bool:
        if self.stopped:
            return True
        if time.monotonic() > self.deadline:
            self.stopped = True
            self.error("time_limit", f"expansion stopped after {self.ctx.max_seconds:g} s at {what}")
            return True
        return False

    @cython.ccall
    def count(self, name: str, how: str) -> None:
        counts: dict = self.counts
        key = (name, how)
        counts[key] = counts.get(key, 0) + 1

    def add_strip(self, item: StripItem) -> str:
        return self.strip.add(item)

    # -- tree walking -----------------------------------------------------------------
    @cython.ccall
    def expand(self, nodes: list[Node], frame: Frame) -> str:
        if len(nodes) == 1 and type(nodes[0]) is str:
            return nodes[0]  # most titles and argument values: one run of text
        out: list[str] = []
        for node in nodes:
            t = type(node)
            if t is str:
                out.append(node)  # type: ignore[arg-type]
            elif t is Template:
                out.append(self.brace(node, frame))  # type: ignore[arg-type]
            elif t is Argument:
                out.append(self.argument(node, frame))  # type: ignore[arg-type]
            elif t is ExtTag:
                out.append(self.ext_tag(node, frame))  # type: ignore[arg-type]
            # Comment and Ignored nodes expand to nothing.
        return "".join(out)

    @cython.ccall
    def expand_wikitext(self, text: str, frame: Frame, for_inclusion: bool = False) -> str:
        """Preprocess and expand a piece of wikitext in `frame` (ref bodies, builtin output)."""
        if "{" not in text and "<" not in text:
            return text
        return self.expand(preprocess(text, for_inclusion), frame)

    @cython.ccall
    def argument(self, node: Argument, frame: Frame) -> str:
        name = self.expand(node.title, frame).strip(TRIM)
        value = frame.argument(name, self)
        if value is not None:
            return value
        if node.parts:
            return self.expand(node.parts[0].full, frame)
        return "{{{" + self.expand(node.title, frame) + "}}}"

    def literal_call(self, title_ws: str, parts: list[Part], frame: Frame) -> str:
        return "{{" + title_ws + "".join("|" + self.expand(p.full, frame) for p in parts) + "}}"

    # -- {{…}} ------------------------------------------------------------------------
    @cython.ccall
    @cython.locals(first=cython.Py_UCS4)
    def brace(self, node: Template, frame: Frame) -> str:
        if self.stopped:
            return ""
        pieces = node.pieces
        if pieces is None:
            title_ws = self.expand(node.title, frame)
            text = self.substitute(node, frame, title_ws, title_ws.strip(TRIM))
        else:  # flat: most calls on a page; a known name goes straight to its plan
            title_ws = pieces[0]
            has_parts = len(pieces) > 1
            # (locals typed `dict`: compiled, `.get` is then a C call, not a method call)
            plans: dict = self.plans[1 if has_parts else 0]
            plan = plans.get(title_ws, _UNPLANNED)
            if plan is _UNPLANNED:
                plan = plans[title_ws] = self.plan(title_ws, has_parts)
            if plan is None:
                text = self.substitute(node, frame, title_ws, title_ws.strip(TRIM))
            elif plan[0] is _CAPTURE:
                text = self.captured(plan[1], plan[2], _pairs(node.flat_args()), plan[3])
            elif self.index.mapping:
                text = self.substitute(node, frame, title_ws, title_ws.strip(TRIM))
            elif plan[0] is _UNRESOLVED and plan[3] == len(REGISTRY):
                # What `builtin` does for a name without a renderer, without its call, its
                # memo key (the call's every piece hashed) or the renderer look-up.
                if _monotonic() > self.deadline and self.out_of_budget(plan[1]):
                    return ""
                self.count(plan[1], _UNRESOLVED)
                return ""
            else:
                text = self.builtin(node, frame, plan[1], plan[2])
        if text:
            # MediaWiki T2529: output starting a table or list starts a new line. (Compiled,
            # `first` is a C character: compares, not a set look-up of a one-character str.)
            first = text[0]
            if ((first == ":" or first == ";" or first == "#" or first == "*"
                 or (first == "{" and text.startswith("{|"))) and not node.line_start):
                text = "\n" + text
            self.size += len(text)
            if self.size > self.max_size:
                if not self.stopped:
                    self.stopped = True
                    self.error("size_limit", f"post-expand size over {self.max_size} bytes "
                                             f"at {{{{{title_ws.strip()[:80]}}}}}")
                return ""
        return text

    @cython.ccall
    def substitute(self, node: Template, frame: Frame, title_ws: str, part1: str) -> str:
        pieces = node.pieces
        routes: dict = self.routes[1 if (len(pieces) > 1 if pieces is not None else node.parts)
                                   else 0]
        route = routes.get(part1)
        if route is None:
            route = routes[part1] = self.route(part1, routes is self.routes[1])
        kind = route[0]
        if kind is _TEMPLATE:
            return self.template(node, frame, title_ws, route[1], route[2])
        if kind is _FUNCTION:
            _, target, nowiki, handler, name, first = route
            result = handler(Call(self, frame, name, first, node.parts))
            if result is not None:
                return result
            return self.template(node, frame, title_ws, target, nowiki)
        if kind is _VARIABLE:
            return route[1](self, frame)
        return self.literal_call(title_ws, node.parts, frame)  # subst:

    def route(self, part1: str, has_parts: bool) -> tuple:
        """What a call named `part1` is (MediaWiki's braceSubstitution prefix rules): the same for
        every call of that name on a site, so worked out once (see `_site_caches`)."""
        head = part1[:10].lower()
        if head.startswith("subst:"):
            return (_SUBST,)
        if head.startswith("safesubst:"):
            part1 = part1[10:].strip(TRIM)
        nowiki = False
        head = part1[:6].lower()
        if head.startswith("msgnw:"):
            nowiki, part1 = True, part1[6:].strip(TRIM)
        elif head.startswith("msg:"):
            part1 = part1[4:].strip(TRIM)
        elif head.startswith("raw:"):
            part1 = part1[4:].strip(TRIM)
        if not has_parts:
            var = VARIABLES.get(part1) or variable_alias(part1, self.ctx.site)
            if var is not None:
                return (_VARIABLE, var)
        colon = part1.find(":")
        if colon > 0:
            handler = lookup(part1[:colon])
            if handler is not None:
                return (_FUNCTION, part1, nowiki, handler, part1[:colon], part1[colon + 1:].strip(TRIM))
        return (_TEMPLATE, part1, nowiki)

    @cython.ccall
    def plan(self, title_ws: str, has_parts: bool) -> tuple | None:
        """What a flat call written `title_ws` does when it names a template (as `template`
        decides it): captured (name, role, written), or rendered by a builtin unless the
        page's sources give it (name, title), or, when no builtin has that name, counted as
        unresolved (name, title, registry size); None for anything else
        (`substitute` decides)."""
        part1 = title_ws.strip(TRIM)
        routes: dict = self.routes[1 if has_parts else 0]
        route = routes.get(part1)
        if route is None:
            route = routes[part1] = self.route(part1, has_parts)
        if route[0] is not _TEMPLATE:
            return None
        title, name, role, written = self.resolve(route[1])
        if title is None or title.ns < 0:
            return None
        if role is not None:
            return (_CAPTURE, name, role, written)
        if not has_builtin(name, self.ctx):  # (valid while no renderer is registered)
            return (_UNRESOLVED, name, title, len(REGISTRY))
        return (_BUILTIN, name, title)

    @cython.ccall
    def resolve(self, part1: str) -> tuple[Title | None, str, str | None, str]:
        """(title, name, role, name as written) of a template call's name; title None when it
        cannot be one. Kept per site: pages call the same few names (citations, `lang`)."""
        names: dict = self.names
        found = names.get(part1)
        if found is None:
            title = parse_title(part1, self.ctx.site, default_ns=_TEMPLATE_NS)
            if title is None or title.interwiki:
                found = (None, "", None, "")
            else:
                name = title.text if title.ns == _TEMPLATE_NS else title.full
                role = None
                if self.page_mode and title.ns == _TEMPLATE_NS:
                    role = template_role(name, self.ctx.site)
                found = (title, name, role, self.written_name(part1) if role is not None else "")
            names[part1] = found
        return found

    @cython.ccall
    def template(self, node: Template, frame: Frame, title_ws: str, part1: str, nowiki: bool) -> str:
        title, name, role, written = self.resolve(part1)
        if title is None:
            return self.literal_call(title_ws, node.parts, frame)
        if title.ns < 0:
            return ""
        if role is not None:
            return self.capture(node, frame, name, role, written)
        key, source = self.index.find(title) if self.index.mapping else ("", None)
        if source is not None:
            if nowiki:
                if self.page_mode:
                    return self.add_strip(StripItem(NOWIKI, name="nowiki", body=source))
                return source
            return self.transclude(node, frame, key, name, source, title)
        return self.builtin(node, frame, name, title)

    @cython.ccall
    def builtin(self, node: Template, frame: Frame, name: str, title: Title) -> str:
        """A call of a template with no source: its builtin renderer's output, expanded."""
        if (self.stopped or _monotonic() > self.deadline) and self.out_of_budget(name):
            return ""
        pieces = node.pieces
        if pieces is not None:  # flat: its arguments need no frame to expand
            # Renderers read only their arguments and the context, fixed for the page, and
            # pages repeat calls ({{,}}, dates, units): each distinct call is rendered once
            # (keyed by its pieces, title as written included).
            key = (name, *pieces)
            rendered: dict = self.rendered
            wikitext = rendered.get(key, _NOT_RENDERED)
            if wikitext is _NOT_RENDERED:
                wikitext = rendered[key] = render_builtin(name, node.flat_args().items(), self.ctx)
            child = None
        else:
            child = Frame(title, frame, self.call_args(node, frame), frame.loop)
            wikitext = render_builtin(name, child.expanded_args(self), self.ctx)
        self.count(name, _UNRESOLVED if wikitext is None else "builtin")
        if wikitext is None:
            return ""
        if "{" not in wikitext and "<" not in wikitext:
            return wikitext
        if child is None:
            # Only `{{{…}}}` nodes read a frame's arguments: output without them (a footnote's
            # `<ref>`, a span) needs none made.
            args = flat_frame_args(node.flat_args()) if "{{{" in wikitext else {}
            child = Frame(title, frame, args, frame.loop)
        return self.expand(template_tree(wikitext), child)

    def call_args(self, node: Template, frame: Frame) -> dict[str, tuple[list[Node], bool]]:
        if node.pieces is not None:
            return flat_frame_args(node.flat_args())
        args: dict[str, tuple[list[Node], bool]] = {}
        index = 0
        for part in node.parts:
            if part.name is None:
                index += 1
                args[str(index)] = (part.value, False)
            else:
                args[self.expand(part.name, frame).strip(TRIM)] = (part.value, True)
        return args

    def transclude(self, node: Template, frame: Frame, key: str, name: str, source: str,
                   title: Title) -> str:
        if key in frame.loop:
            self.count(name, "expanded")
            self.error("template_loop", f"Template loop detected: [[{key}]]")
            return f'<span class="error">Template loop detected: [[{key}]]</span>'
        if frame.depth >= self.ctx.max_depth:
            self.error("template_depth", f"Template recursion depth limit exceeded "
                                         f"({self.ctx.max_depth}) at [[{key}]]")
            return (f'<span class="error">Template recursion depth limit exceeded '
                    f'({self.ctx.max_depth})</span>')
        if self.out_of_budget(name):
            return ""
        self.count(name, "expanded")
        child = Frame(title, frame, self.call_args(node, frame), frame.loop | {key})
        return self.expand(template_tree(source), child)

    def written_name(self, part1: str) -> str:
        """The template name as the page writes it (spaces normalised, `Template:` dropped)."""
        written = " ".join(part1.replace("_", " ").split())
        head, colon, rest = written.partition(":")
        if colon and self.ctx.site.ns_id(head) == _TEMPLATE_NS:
            written = rest.strip()
        return written

    @cython.ccall
    def capture(self, node: Template, frame: Frame, name: str, role: str, written: str) -> str:
        if node.pieces is not None:
            args = _pairs(node.flat_args())
        else:
            args = Frame(None, frame, self.call_args(node, frame), frame.loop).expanded_args(self)
        return self.captured(name, role, args, written)

    @cython.ccall
    def captured(self, name: str, role: str, args: list, written: str) -> str:
        """A template kept as structure (infobox, citation, navbox, …): a TEMPLATE strip item
        named as the page writes it (`written`, if any); counted under its normalised `name`."""
        counts: dict = self.counts
        how: dict = _HOW
        counted = (name, how.get(role, "dropped"))
        counts[counted] = counts.get(counted, 0) + 1
        name = written or name
        if role == DISAMBIGUATION:
            self.disambiguation = True
        if role == REFERENCES_LIST:
            body = ""
            for key, value in args:  # (a loop: no closure in a compiled method)
                if key == "refs":
                    body = value
                    break
            return self.strip.add(StripItem(REFERENCES, name=name, body=body, role=role, args=args,
                                            block=True))
        # Every field given, as for `<ref>` in `expanded_tag`.
        return self.strip.add(new_strip_item(TEMPLATE, name, {}, None, role, args,
                                             role in _BLOCK_ROLES))

    # -- <tag> --------------------------------------------------------------------------
    @cython.ccall
    def ext_tag(self, node: ExtTag, frame: Frame) -> str:
        """The strip marker (page mode) or source (text mode) of an extension tag. A page's
        `<ref>`s, its commonest tags, go to `expanded_tag` without render_tag's Python call."""
        name = node.name
        page_mode = self.page_mode
        if page_mode and name in EXPANDED_TAGS:
            attrs = node.attrs
            return self.expanded_tag(name, parse_attrs(attrs) if attrs else {}, node.inner, frame,
                                     EXPANDED_TAGS[name])
        # (its source, a slice made on demand, is read in text mode only)
        return render_tag(self, name, node.attrs, node.inner, "" if page_mode else node.source,
                          frame)

    @cython.ccall
    def expanded_tag(self, name: str, attrs: dict, inner: str | None, frame: Frame,
                     spec: tuple) -> str:
        """The strip marker of a tag whose body is wikitext (`<ref>`, `<poem>`, …), expanded
        in `frame`; `spec` is its (kind, block) in EXPANDED_TAGS."""
        kind, block = spec
        body = None if inner is None else self.expand_wikitext(inner, frame)
        if kind == REFERENCES and body is None:
            body = ""
        # The page's commonest item: every field given, made by a C function (strip.pxd).
        return self.strip.add(new_strip_item(kind, name, attrs, body, "", [], block))
