"""The preprocessor's tree: text runs (plain `str`) and the few node kinds expansion acts on.

A node list is `list[str | Template | Argument | ExtTag | Comment | Ignored]`. Trees are
never mutated after the preprocessor builds them, so parsed template sources can be shared
between pages.
"""
from __future__ import annotations


class Part:
    """One `|`-separated part of a template call: `name=value`, or a positional `value`."""

    __slots__ = ("full", "name", "value")

    def __init__(self, nodes: list[Node], eqpos: int | None) -> None:
        self.full = nodes
        if eqpos is None:
            self.name: list[Node] | None = None
            self.value = nodes
        else:
            self.name = nodes[:eqpos]
            self.value = nodes[eqpos + 1:]

    def __repr__(self) -> str:
        return f"Part({self.full!r})"


class Template:
    """`{{title|parts…}}`: a template, variable or parser function call."""

    __slots__ = ("line_start", "parts", "title")

    def __init__(self, title: list[Node], parts: list[Part], line_start: bool) -> None:
        self.title = title
        self.parts = parts
        self.line_start = line_start

    def __repr__(self) -> str:
        return f"Template({self.title!r}, {self.parts!r})"


class Argument:
    """`{{{name|default}}}`: a template parameter."""

    __slots__ = ("parts", "title")

    def __init__(self, title: list[Node], parts: list[Part]) -> None:
        self.title = title
        self.parts = parts

    def __repr__(self) -> str:
        return f"Argument({self.title!r}, {self.parts!r})"


class ExtTag:
    """An extension tag (`<ref>`, `<nowiki>`, …): its body is not wikitext for the preprocessor."""

    __slots__ = ("attrs", "close", "inner", "name", "source")

    def __init__(self, name: str, attrs: str, inner: str | None, close: str, source: str) -> None:
        self.name = name
        self.attrs = attrs
        self.inner = inner
        self.close = close
        self.source = source

    def __repr__(self) -> str:
        return f"ExtTag({self.source!r})"


class Comment:
    """`<!-- … -->` (with the line it ate, if it stood alone on one)."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        return f"Comment({self.text!r})"


class Ignored:
    """Text dropped in this mode: `<noinclude>` sections when transcluded, section tags."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        return f"Ignored({self.text!r})"


Node = str | Template | Argument | ExtTag | Comment | Ignored


def source_of(nodes: list[Node]) -> str:
    """The wikitext a node list was built from (for literal re-emission and debugging)."""
    out: list[str] = []
    for node in nodes:
        if type(node) is str:
            out.append(node)
        elif type(node) is Template or type(node) is Argument:
            brace = "{{" if type(node) is Template else "{{{"
            out.append(brace)
            out.append(source_of(node.title))
            for part in node.parts:
                out.append("|")
                out.append(source_of(part.full))
            out.append("}}" if type(node) is Template else "}}}")
        elif type(node) is ExtTag:
            out.append(node.source)
        else:
            out.append(node.text)
    return "".join(out)
