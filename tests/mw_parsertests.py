"""Reader for MediaWiki's parser-test files (`!! test … !! wikitext … !! html … !! end`),
shared by the expansion tests; plus a rough HTML -> text used to compare expansions."""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
PARSERTESTS = SHARED / "corpus" / "parsertests"


@dataclass
class Case:
    name: str
    sections: dict[str, str] = field(default_factory=dict)

    @property
    def wikitext(self) -> str | None:
        return self.sections.get("wikitext")

    @property
    def html(self) -> str | None:
        return self.sections.get("html/php") or self.sections.get("html")


def read(path: Path) -> tuple[dict[str, str], list[Case]]:
    """Articles (title -> text) and test cases of one parser-test file."""
    articles: dict[str, str] = {}
    cases: list[Case] = []
    lines = path.read_text(encoding="utf-8").split("\n")
    current: dict[str, list[str]] | None = None
    section = ""
    for line in lines:
        if line.startswith("!!"):
            word = line[2:].strip()
            key = word.split()[0].lower() if word else ""
            if key in ("test", "article"):
                current = {"_kind": [key]}
                section = key
                current[section] = []
                continue
            if key in ("end", "endarticle") and current is not None:
                kind = current.pop("_kind")[0]
                text = {k: "\n".join(v) for k, v in current.items()}
                if kind == "article":
                    articles[text.get("article", "").strip()] = text.get("text", "")
                else:
                    cases.append(Case(text.get("test", "").strip(), text))
                current = None
                continue
            if current is not None:
                section = key
                current[section] = []
            continue
        if current is not None and section:
            current[section].append(line)
    return articles, cases


_TAG = re.compile(r"</?(?:p|div|span|br|strong|b|i|em|ul|ol|li|dl|dt|dd|pre|a|sup|sub|small|table|tr|td|th)\b[^>]*>",
                  re.IGNORECASE)
_LINK = re.compile(r"\[\[(?:[^\]|]*\|)?([^\]|]*)\]\]")


def html_text(fragment: str) -> str:
    """Visible text of an HTML fragment, whitespace collapsed."""
    return " ".join(html.unescape(_TAG.sub(" ", fragment)).split())


def wikitext_text(text: str) -> str:
    """Rough visible text of simple expanded wikitext (links shown by label, bold/italic
    quotes dropped, HTML tags removed), whitespace collapsed."""
    text = _LINK.sub(r"\1", text)
    text = text.replace("'''", "").replace("''", "")
    text = re.sub(r"^[*#:;]+", "", text, flags=re.MULTILINE)
    return " ".join(html.unescape(_TAG.sub(" ", text)).split())
