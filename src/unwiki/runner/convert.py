"""One page -> an output record, a skip, or an error record. Runs in the workers."""
from __future__ import annotations

import signal
import traceback
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from unwiki.gcpause import gc_paused
from unwiki.site.config import SiteConfig
from unwiki.sources.page import WIKITEXT_MODELS, PageData, redirect_target


class PageTimeout(BaseException):
    """Raised by the interval timer inside a page that runs past --page-timeout.

    A BaseException, as KeyboardInterrupt is: the pipeline's per-page safety nets catch
    Exception (a page always gets its record, in the fallback layout if need be), and one
    of them catching the alarm would carry on with the page past its limit."""


def _on_alarm(signum, frame):  # noqa: ARG001 - signal handler signature
    raise PageTimeout


def install_timer() -> None:
    """Let SIGALRM interrupt a page (main thread only; workers and the inline runner)."""
    signal.signal(signal.SIGALRM, _on_alarm)


@dataclass(slots=True)
class ConvertOptions:
    needs: str = "dict"                 # "dict" | "text" | "markdown"
    redirects: str = "skip"             # "skip" | "keep" | "map"
    page_timeout: float = 0.0           # seconds; 0 = no limit
    lang: str | None = None
    hook: Callable[[PageData], None] | None = None   # called before each page (fault-injection tests)


@dataclass(slots=True)
class Outcome:
    """What became of a batch of pages (sent back to the parent)."""

    records: list[dict[str, Any]] = field(default_factory=list)
    keys: list[str] = field(default_factory=list)            # keys of pages with records
    errors: list[dict[str, Any]] = field(default_factory=list)
    skips: list[tuple[str, str]] = field(default_factory=list)  # (reason, key)
    failures: list[tuple[str, str]] = field(default_factory=list)  # (kind, key): pages without a record
    redirects: list[dict[str, Any]] = field(default_factory=list)
    pages: int = 0
    text_bytes: int = 0         # XML a worker decompressed itself (a multistream stream)


def page_meta(page: PageData, site: SiteConfig) -> dict[str, Any]:
    return {"title": page.title, "ns": page.ns, "page_id": page.page_id, "rev_id": page.rev_id,
            "timestamp": page.timestamp, "lang": site.lang}


def error_record(page: PageData | None, kind: str, message: str, **where: Any) -> dict[str, Any]:
    rec: dict[str, Any] = {"title": page.title if page else where.pop("title", None),
                           "page_id": page.page_id if page else where.pop("page_id", None),
                           "ns": page.ns if page else None,
                           "rev_id": page.rev_id if page else None,
                           "kind": kind, "message": message}
    rec.update({k: v for k, v in where.items() if v is not None})
    return rec


def _where(exc: BaseException) -> str | None:
    """`file:line` of the innermost frame, to point a developer at the failing code."""
    frames = traceback.extract_tb(exc.__traceback__)
    if not frames:
        return None
    f = frames[-1]
    path = f.filename.split("/src/", 1)[-1]
    return f"{path}:{f.lineno}"


def convert_revisions(pages: list[PageData], site: SiteConfig, templates: Mapping[str, str],
                      opts: ConvertOptions, out: Outcome, *, key: str, source: str | None = None,
                      offset: int | None = None) -> None:
    """Convert the revision(s) of one page into `out` (one page counted, whatever happens)."""
    out.pages += 1
    produced = False
    first_error: str | None = None
    for page in pages:
        if page.model not in WIKITEXT_MODELS:
            out.skips.append(("non-wikitext", key))
            return
        target = page.redirect or (redirect_target(page.text, site) if page.text[:1] in "#\n \t" else None)
        if target and opts.redirects != "keep":
            if opts.redirects == "map":
                out.redirects.append({"title": page.title, "target": target, "page_id": page.page_id})
            out.skips.append(("redirect", key))
            return
        page.redirect = target
        rec, err = _convert_one(page, site, templates, opts, source, offset)
        if rec is not None:
            out.records.append(rec)
            produced = True
        else:
            out.errors.append(err)
            first_error = first_error or err["kind"]
    if produced:
        out.keys.append(key)
    elif first_error:
        out.failures.append((first_error, key))


@gc_paused
def _convert_one(page: PageData, site: SiteConfig, templates: Mapping[str, str], opts: ConvertOptions,
                 source: str | None, offset: int | None) -> tuple[dict | None, dict | None]:
    from unwiki.api import parse
    from unwiki.render.text import forget_layout

    try:
        if opts.page_timeout > 0:
            signal.setitimer(signal.ITIMER_REAL, opts.page_timeout)
        try:
            if opts.hook is not None:
                opts.hook(page)
            doc = parse(page.text, title=page.title, lang=site.lang, templates=templates, site=site)
            doc.ns, doc.page_id, doc.rev_id, doc.timestamp = page.ns, page.page_id, page.rev_id, page.timestamp
            if doc.redirect is None:
                doc.redirect = page.redirect
            if opts.needs == "dict":
                rec = doc.to_dict()
                rec.update(page_meta(page, site))
                rec["redirect"] = doc.redirect
            else:
                rec = page_meta(page, site)
                rec[opts.needs] = doc.text() if opts.needs == "text" else doc.markdown()
        finally:
            if opts.page_timeout > 0:
                signal.setitimer(signal.ITIMER_REAL, 0)
            # The record is all that is kept: let the page's model go now, not when the next
            # page is laid out (the renderers keep the last layout for a second reader), so
            # the next page's parse reuses its memory (jawiki+enwiki dump pages, parse +
            # to_dict: -4 % median CPU time)
            forget_layout()
    except PageTimeout:
        return None, error_record(page, "timeout", f"page took longer than {opts.page_timeout:g} s",
                                  source=source, offset=offset)
    except MemoryError:
        return None, error_record(page, "memory", "out of memory while converting the page",
                                  source=source, offset=offset)
    except RecursionError as exc:
        return None, error_record(page, "recursion", f"nesting too deep: {exc}",
                                  source=source, offset=offset, where=_where(exc))
    except Exception as exc:  # noqa: BLE001 - one page's failure must not stop the run
        return None, error_record(page, "exception", f"{type(exc).__name__}: {exc}",
                                  source=source, offset=offset, where=_where(exc))
    return rec, None
