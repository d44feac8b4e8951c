"""The page: its blocks and everything else it carries (FORMAT.md's JSON fields)."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from unwiki.model.blocks import Block
from unwiki.model.inlines import Inline


@dataclass(slots=True)
class LinkRef:
    target: str
    text: str


@dataclass(slots=True)
class ExternalLinkRef:
    url: str
    text: str | None


@dataclass(slots=True)
class TemplateUse:
    """How one template name was handled: expanded, builtin, infobox, dropped or unresolved."""

    name: str
    how: str
    count: int = 1


@dataclass(slots=True)
class Reference:
    """A `<ref>`; `content` is its parsed inline text, `fields` the citation template's arguments."""

    name: str | None = None
    content: list[Inline] = field(default_factory=list)
    template: str | None = None
    fields: dict[str, str] = field(default_factory=dict)
    url: str | None = None
    title: str | None = None


@dataclass(slots=True)
class Image:
    file: str
    caption: str = ""


@dataclass(slots=True)
class InterwikiLink:
    lang: str
    title: str


@dataclass(slots=True)
class PageError:
    """Something that went wrong on a page, with where: the page still gets its record."""

    kind: str
    message: str


# Renderers register here (dependency inversion: the model never imports a renderer).
RENDERERS: dict[str, Callable[[Document], Any]] = {}


@dataclass(slots=True)
class Document:
    title: str | None = None
    ns: int = 0
    page_id: int | None = None
    rev_id: int | None = None
    timestamp: str | None = None
    lang: str = "en"
    redirect: str | None = None
    disambiguation: bool = False
    blocks: list[Block] = field(default_factory=list)
    links: list[LinkRef] = field(default_factory=list)
    external_links: list[ExternalLinkRef] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    templates: list[TemplateUse] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)
    hatnotes: list[str] = field(default_factory=list)
    interwiki: list[InterwikiLink] = field(default_factory=list)
    errors: list[PageError] = field(default_factory=list)

    def text(self) -> str:
        """The clean text layout of FORMAT.md."""
        return RENDERERS["text"](self)

    def markdown(self) -> str:
        return RENDERERS["markdown"](self)

    def to_dict(self) -> dict[str, Any]:
        """FORMAT.md's JSON object (plain dicts, lists and strings)."""
        return RENDERERS["json"](self)

    @property
    def sections(self) -> list[dict[str, Any]]:
        return self.to_dict()["sections"]

    @property
    def infoboxes(self) -> list[dict[str, Any]]:
        return self.to_dict()["infoboxes"]

    @property
    def tables(self) -> list[dict[str, Any]]:
        return self.to_dict()["tables"]
