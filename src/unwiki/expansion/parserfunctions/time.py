"""#time / #timel: dates formatted with PHP's format letters; `ctx.now` fixes the clock."""
from __future__ import annotations

from unwiki.expansion.magicwords import now
from unwiki.expansion.parserfunctions.registry import Call, parser_function
from unwiki.expansion.timefmt import format_time, parse_time

_INVALID = '<strong class="error">Error: Invalid time.</strong>'


@parser_function("#time", "#timel")
def pf_time(c: Call) -> str:
    fmt = c.first
    moment = parse_time(c.arg(1), now(c.ctx))
    if moment is None:
        return _INVALID
    if moment.year < 0:
        return '<strong class="error">Error: #time only supports years from 0.</strong>'
    if moment.year > 9999:
        return '<strong class="error">Error: #time only supports years up to 9999.</strong>'
    return format_time(fmt, moment, c.arg(2) or c.site.lang)


_TIMEF = {"both": "H:i, j F Y", "date": "j F Y", "time": "H:i", "pretty": "j F"}


@parser_function("#timef", "#timefl")
def pf_timef(c: Call) -> str:
    """A date in the wiki's preferred style (English styles; other languages fall back to them)."""
    moment = parse_time(c.first, now(c.ctx))
    if moment is None:
        return _INVALID
    return format_time(_TIMEF.get(c.arg(1).lower() or "both", _TIMEF["both"]), moment, c.site.lang)
