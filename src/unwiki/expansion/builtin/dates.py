"""Date templates: start/end/birth/death date, `… and age`, fr `date`, `date-`, `date de naissance`."""
from __future__ import annotations

import re
from datetime import date, datetime
from functools import lru_cache

from unwiki.expansion.builtin.args import Args
from unwiki.expansion.builtin.registry import builtin
from unwiki.expansion.builtin.texts import text, texts
from unwiki.expansion.context import ExpandContext

EN_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
             "october", "november", "december")


@lru_cache(maxsize=64)
def _folded(names: tuple[str, ...]) -> tuple[str, ...]:
    """Month names case-folded, once per table (a few per wiki) rather than once per date."""
    return tuple(n.casefold() for n in names)


def month_number(value: str, ctx: ExpandContext) -> int | None:
    v = value.strip().casefold()
    if v.isdigit():
        n = int(v)
        return n if 1 <= n <= 12 else None
    site = ctx.site
    for names in (site.months, site.months_gen, site.months_abbr, EN_MONTHS):
        folded = _folded(tuple(names))  # no copy: the tables are tuples
        if v in folded:
            return folded.index(v) + 1
    for i, name in enumerate(EN_MONTHS):
        if len(v) >= 3 and name.startswith(v.rstrip(".")):
            return i + 1
    return None


def format_date(ctx: ExpandContext, y: str, m: int | None, d: int | None, *, order: str | None = None) -> str:
    """A date as the wiki's language writes it (`1991年10月`, `October 1991`, `1er octobre 1991`)."""
    t = texts(ctx.site.lang)
    months = ctx.site.months or tuple(n.capitalize() for n in EN_MONTHS)
    mname = months[m - 1] if m else ""
    gen = (ctx.site.months_gen or months)[m - 1] if m else ""
    day = str(d) if d else ""
    if d == 1 and t.get("first_day"):
        day = t["first_day"]
    order = order or t.get("date_default", "dmy")
    if m and d:
        pattern = t.get("date_mdy") if order == "mdy" and t.get("date_mdy") else t.get("date_dmy", "{d} {m} {y}")
    elif m:
        pattern = t.get("date_my", "{m} {y}")
    else:
        pattern = t.get("date_y", "{y}")
    return pattern.format(d=day, m=mname, mg=gen, y=y, mn=m or "").strip()


def _order(args: Args) -> str | None:
    if args.flag("df"):
        return "dmy"
    if args.flag("mf"):
        return "mdy"
    return None


def _ymd(args: Args, ctx: ExpandContext, first: int = 1) -> tuple[str, int | None, int | None]:
    y = args.get(first)
    m = month_number(args.get(first + 1), ctx) if args.get(first + 1) else None
    d_raw = args.get(first + 2)
    d = int(d_raw) if d_raw.isdigit() else None
    return y, m, d


@builtin("start date", "end date", "birth date", "death date", "start-date", "end-date", "birth-date",
         "death-date", "dob", "film date", "release date", "date and time", "start date text")
def start_date(args: Args, ctx: ExpandContext) -> str | None:
    y, m, d = _ymd(args, ctx)
    if not y:
        return None
    if not y.lstrip("-").isdigit():  # `{{birth-date|5 May 1950}}`: already written out
        return y
    return format_date(ctx, y, m, d, order=_order(args))


def _today(ctx: ExpandContext) -> date:
    now = ctx.now or datetime.now()
    return now.date() if isinstance(now, datetime) else now


def _age(y: int, m: int | None, d: int | None, until: date) -> int:
    age = until.year - y
    if (until.month, until.day) < (m or 1, d or 1):
        age -= 1
    return age


@builtin("birth date and age", "bda", "birth year and age", "start date and age", "birth date and age2",
         "film date and age", "date and age")
def birth_date_and_age(args: Args, ctx: ExpandContext) -> str | None:
    y, m, d = _ymd(args, ctx)
    if not y.isdigit():
        return y or None
    shown = format_date(ctx, y, m, d, order=_order(args))
    n = _age(int(y), m, d, _today(ctx))
    key = "age" if args.flag("br") is False else "age"
    return f"{shown} {text(ctx, key, '(age {n})').format(n=n)}"


@builtin("death date and age", "dda", "death year and age")
def death_date_and_age(args: Args, ctx: ExpandContext) -> str | None:
    y, m, d = _ymd(args, ctx)
    by, bm, bd = _ymd(args, ctx, 4)
    if not y.isdigit():
        return y or None
    shown = format_date(ctx, y, m, d, order=_order(args))
    if by.isdigit():
        n = _age(int(by), bm, bd, date(int(y), m or 12, d or 28))
        shown += " " + text(ctx, "aged", "(aged {n})").format(n=n)
    return shown


@builtin("age", "age in years")
def age(args: Args, ctx: ExpandContext) -> str | None:
    y, m, d = _ymd(args, ctx)
    if not y.isdigit():
        return None
    until = _today(ctx)
    ey, em, ed = _ymd(args, ctx, 4)
    if ey.isdigit():
        until = date(int(ey), em or 12, ed or 28)
    return str(_age(int(y), m, d, until))


@builtin("dts", "date table sorting", "sort date")
def dts(args: Args, ctx: ExpandContext) -> str | None:
    vals = [v for v in args.pos if v]
    if len(vals) == 1 and not vals[0].lstrip("-").isdigit():
        return vals[0]
    if len(vals) >= 3 and not vals[0].isdigit() and month_number(vals[0], ctx):  # month day year
        vals = [vals[2], vals[0], vals[1]]
    y = vals[0] if vals else ""
    m = month_number(vals[1], ctx) if len(vals) > 1 else None
    d = int(vals[2]) if len(vals) > 2 and vals[2].isdigit() else None
    return format_date(ctx, y, m, d, order=_order(args)) if y else None


_NOT_A_DATE_PART = re.compile(r"(âge|age|en \w+|\w+ ?=.*)")


# fr: {{date|14|avril|1126}}, {{date-|11|décembre|1198}}, {{date-|décembre 1270}}, {{date|1|2|1950}}
@builtin("date", "date-", "date sport", "date républicaine-", "date de naissance", "date de décès",
         "date de naissance-", "date de décès-", "date sans lien", "date-julien", "date julienne",
         "date de publication", langs=("fr",))
def fr_date(args: Args, ctx: ExpandContext) -> str | None:
    vals = [v for v in args.pos if v and not _NOT_A_DATE_PART.fullmatch(v)]
    if not vals:
        return None
    if len(vals) == 1:
        return vals[0]
    vals = vals[:3]
    if len(vals) == 3:
        d, m, y = vals
    elif len(vals) == 2:
        d, m, y = "", vals[0], vals[1]
    d_num = int(d) if d.isdigit() else None
    m_num = month_number(m, ctx)
    if m_num is None:
        return " ".join(v for v in (("1er" if d in ("1", "1er") else d), m, y) if v)
    shown = format_date(ctx, y, m_num, d_num)
    if d and d_num is None:  # `{{date|1er|mai|1990}}`, `{{date|mi|mai|1990}}`
        shown = f"{d} {shown}"
    if args.flag("âge") or args.flag("age"):
        if y.isdigit():
            shown += f" ({_age(int(y), m_num, d_num, _today(ctx))} ans)"
    return shown


@builtin("date", "date-", langs=("*",))
def generic_date(args: Args, ctx: ExpandContext) -> str | None:
    """en `{{date|2020-05-01}}`-like: the text as given."""
    return args.get(1) or None
