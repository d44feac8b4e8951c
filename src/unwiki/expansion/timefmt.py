"""`#time` and the CURRENT* clock words: PHP-style date formats (Language::sprintfDate) and
the date strings PHP's DateTime accepts in practice."""
from __future__ import annotations

import calendar
import re
from datetime import UTC, datetime, timedelta

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
MONTH_ABBR = [m[:3] for m in MONTHS]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
DAY_ABBR = [d[:3] for d in DAYS]
_MONTH_NUMBER = {**{m.lower(): k + 1 for k, m in enumerate(MONTHS)},
                 **{m.lower(): k + 1 for k, m in enumerate(MONTH_ABBR)}, "sept": 9}


def _roman(n: int) -> str:
    if not 0 < n < 10000:
        return str(n)
    out = []
    for value, digits in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out.append(digits)
            n -= value
    return "".join(out)


def _code(c: str, dt: datetime) -> str | None:  # noqa: C901 - a table of format letters
    if c == "Y":
        return str(dt.year)
    if c == "y":
        return f"{dt.year % 100:02d}"
    if c == "L":
        return "1" if calendar.isleap(dt.year) else "0"
    if c == "o":
        return str(dt.isocalendar()[0])
    if c == "n":
        return str(dt.month)
    if c == "m":
        return f"{dt.month:02d}"
    if c == "M":
        return MONTH_ABBR[dt.month - 1]
    if c == "F":
        return MONTHS[dt.month - 1]
    if c == "t":
        return str(calendar.monthrange(dt.year, dt.month)[1])
    if c == "d":
        return f"{dt.day:02d}"
    if c == "j":
        return str(dt.day)
    if c == "D":
        return DAY_ABBR[dt.weekday()]
    if c == "l":
        return DAYS[dt.weekday()]
    if c == "N":
        return str(dt.isoweekday())
    if c == "w":
        return str(dt.isoweekday() % 7)
    if c == "z":
        return str(dt.timetuple().tm_yday - 1)
    if c == "W":
        return f"{dt.isocalendar()[1]:02d}"
    if c == "a":
        return "am" if dt.hour < 12 else "pm"
    if c == "A":
        return "AM" if dt.hour < 12 else "PM"
    if c == "g":
        return str(dt.hour % 12 or 12)
    if c == "h":
        return f"{dt.hour % 12 or 12:02d}"
    if c == "G":
        return str(dt.hour)
    if c == "H":
        return f"{dt.hour:02d}"
    if c == "i":
        return f"{dt.minute:02d}"
    if c == "s":
        return f"{dt.second:02d}"
    if c == "U":
        return str(int(dt.timestamp()))
    if c in "eT":
        return "UTC"
    if c == "I":
        return "0"
    if c == "O":
        return "+0000"
    if c == "P":
        return "+00:00"
    if c == "Z":
        return "0"
    if c == "c":
        return dt.strftime("%Y-%m-%dT%H:%M:%S") + "+00:00"
    if c == "r":
        return f"{DAY_ABBR[dt.weekday()]}, {dt.day:02d} {MONTH_ABBR[dt.month - 1]} {dt.year} " \
               f"{dt.hour:02d}:{dt.minute:02d}:{dt.second:02d} +0000"
    return None


def format_time(fmt: str, dt: datetime, lang: str = "en") -> str:
    """`fmt` in MediaWiki's #time format language applied to `dt`."""
    out: list[str] = []
    i = 0
    n = len(fmt)
    while i < n:
        c = fmt[i]
        if c == "x" and i + 1 < n:
            nxt = fmt[i + 1]
            if nxt == "x":
                out.append("x")
                i += 2
                continue
            if nxt == "n" or nxt == "N":
                # raw digits: unwiki never localizes digits, nothing to switch off
                i += 2
                continue
            if nxt == "r":
                # xr: the following number code in Roman numerals
                i += 2
                if i < n:
                    value = _code(fmt[i], dt)
                    out.append(_roman(int(value)) if value is not None and value.isdigit() else (value or fmt[i]))
                    i += 1
                continue
            if nxt == "g":
                out.append(MONTHS[dt.month - 1])
                i += 2
                continue
            if i + 2 < n and fmt[i + 1] in "ijmkhot":
                # Iranian, Hijri, Hebrew, Thai, … calendars: not supported, skip the code
                i += 3
                continue
        if c == "\\" and i + 1 < n:
            out.append(fmt[i + 1])
            i += 2
            continue
        if c == '"':
            end = fmt.find('"', i + 1)
            if end < 0:
                out.append('"')
                i += 1
                continue
            out.append(fmt[i + 1:end])
            i = end + 1
            continue
        value = _code(c, dt)
        out.append(c if value is None else value)
        i += 1
    return "".join(out)


_MONTH_RE = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?" \
            r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_TIME_RE = r"(?:[T\s]+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*(am|pm)?)?"
_TZ_RE = r"\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2})?"
_FORMS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(rf"(-?\d{{4}})-(\d{{1,2}})-(\d{{1,2}}){_TIME_RE}{_TZ_RE}", re.I), "ymd"),
    (re.compile(rf"(\d{{4}})(\d{{2}})(\d{{2}})(?:T?(\d{{2}})(\d{{2}})(\d{{2}})?)?{_TZ_RE}", re.I), "ymd_compact"),
    (re.compile(rf"(\d{{4}})/(\d{{1,2}})/(\d{{1,2}}){_TIME_RE}", re.I), "ymd"),
    (re.compile(rf"(\d{{1,2}})\.(\d{{1,2}})\.(\d{{4}}){_TIME_RE}", re.I), "dmy"),
    (re.compile(rf"(\d{{1,2}})-(\d{{1,2}})-(\d{{4}}){_TIME_RE}", re.I), "dmy"),
    (re.compile(rf"(\d{{1,2}})/(\d{{1,2}})/(\d{{4}}){_TIME_RE}", re.I), "mdy"),
    (re.compile(rf"(\d{{1,2}})(?:st|nd|rd|th)?[\s-]+{_MONTH_RE},?[\s-]+(-?\d{{1,4}}){_TIME_RE}{_TZ_RE}", re.I), "d_mon_y"),
    (re.compile(rf"{_MONTH_RE}\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(-?\d{{1,4}}){_TIME_RE}{_TZ_RE}", re.I), "mon_d_y"),
    (re.compile(rf"{_MONTH_RE},?\s+(\d{{4}})", re.I), "mon_y"),
    (re.compile(rf"(\d{{4}})\s+{_MONTH_RE}", re.I), "y_mon"),
    (re.compile(rf"(\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH_RE}", re.I), "d_mon"),
    (re.compile(rf"{_MONTH_RE}\s+(\d{{1,2}})(?:st|nd|rd|th)?", re.I), "mon_d"),
    (re.compile(r"(\d{4})-(\d{1,2})", re.I), "ym"),
    (re.compile(r"(\d{4})", re.I), "y"),
    (re.compile(rf"{_MONTH_RE}", re.I), "mon"),
    (re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(am|pm)?", re.I), "time"),
]
_RELATIVE_RE = re.compile(r"([+-]?\s*\d+)\s*(sec(?:ond)?|min(?:ute)?|hour|day|week|fortnight|month|year)s?"
                          r"(\s+ago)?", re.I)
_WORDS = {"now": 0, "today": 0, "midnight": 0, "tomorrow": 1, "yesterday": -1}


def _month(name: str) -> int:
    return _MONTH_NUMBER[name.lower()[:3]]


def _hms(groups: tuple[str | None, ...]) -> tuple[int, int, int]:
    hour = int(groups[0] or 0)
    minute = int(groups[1] or 0)
    second = int(groups[2] or 0)
    ampm = groups[3] if len(groups) > 3 else None
    if ampm:
        hour = hour % 12 + (12 if ampm.lower() == "pm" else 0)
    return hour, minute, second


def _add_months(dt: datetime, months: int) -> datetime:
    month0 = dt.month - 1 + months
    year = dt.year + month0 // 12
    month = month0 % 12 + 1
    # PHP overflows days into the next month (Jan 31 + 1 month = Mar 3)
    last = calendar.monthrange(year, month)[1]
    extra = max(0, dt.day - last)
    return dt.replace(year=year, month=month, day=min(dt.day, last)) + timedelta(days=extra)


def parse_time(text: str, now: datetime) -> datetime | None:  # noqa: C901 - one case per form
    """The moment `text` names (PHP DateTime's common forms), None when it names none."""
    text = text.strip()
    if not text:
        return now
    if text.startswith("@"):
        try:
            return datetime.fromtimestamp(float(text[1:].strip()), UTC)
        except (ValueError, OverflowError, OSError):
            return None
    base = now.replace(microsecond=0)
    rest = text
    result: datetime | None = None
    lower = rest.lower()
    for word, days in _WORDS.items():
        if lower.startswith(word):
            result = base + timedelta(days=days)
            if word != "now":
                result = result.replace(hour=0, minute=0, second=0)
            rest = rest[len(word):].strip()
            break
    if result is None:
        for pattern, form in _FORMS:
            m = pattern.match(rest)
            if m is None:
                continue
            g = m.groups()
            try:
                if form == "ymd":
                    h, mi, s = _hms(g[3:7])
                    result = datetime(int(g[0]), int(g[1]), int(g[2]), h, mi, s, tzinfo=UTC)
                    tz = g[7] if len(g) > 7 else None
                    if tz and tz[0] in "+-":
                        sign = 1 if tz[0] == "+" else -1
                        digits = tz[1:].replace(":", "")
                        result -= sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
                elif form == "ymd_compact":
                    result = datetime(int(g[0]), int(g[1]), int(g[2]), int(g[3] or 0), int(g[4] or 0),
                                      int(g[5] or 0), tzinfo=UTC)
                elif form in ("dmy", "mdy"):
                    day, month = (g[0], g[1]) if form == "dmy" else (g[1], g[0])
                    h, mi, s = _hms(g[3:7])
                    result = datetime(int(g[2]), int(month), int(day), h, mi, s, tzinfo=UTC)
                elif form == "d_mon_y":
                    h, mi, s = _hms(g[3:7])
                    result = datetime(int(g[2]), _month(g[1]), int(g[0]), h, mi, s, tzinfo=UTC)
                elif form == "mon_d_y":
                    h, mi, s = _hms(g[3:7])
                    result = datetime(int(g[2]), _month(g[0]), int(g[1]), h, mi, s, tzinfo=UTC)
                elif form == "mon_y":
                    result = datetime(int(g[1]), _month(g[0]), 1, tzinfo=UTC)
                elif form == "y_mon":
                    result = datetime(int(g[0]), _month(g[1]), 1, tzinfo=UTC)
                elif form == "d_mon":
                    result = base.replace(month=_month(g[1]), day=int(g[0]), hour=0, minute=0, second=0)
                elif form == "mon_d":
                    result = base.replace(month=_month(g[0]), day=int(g[1]), hour=0, minute=0, second=0)
                elif form == "ym":
                    result = datetime(int(g[0]), int(g[1]), 1, tzinfo=UTC)
                elif form == "y":
                    # MediaWiki reads a bare year as that year, today's date, midnight
                    result = base.replace(year=int(g[0]), hour=0, minute=0, second=0)
                elif form == "mon":
                    result = base.replace(month=_month(g[0]), hour=0, minute=0, second=0)
                else:  # time of today
                    h, mi, s = _hms(g)
                    result = base.replace(hour=h, minute=mi, second=s)
            except (ValueError, KeyError, OverflowError):
                return None
            rest = rest[m.end():].strip()
            break
    if result is None:
        result = base
        if not _RELATIVE_RE.match(rest) and not rest.lower().startswith(("next", "last", "+", "-")):
            return None
    while rest:
        m = _RELATIVE_RE.match(rest)
        if m is None:
            lower = rest.lower()
            word = re.match(r"(next|last)\s+(day|week|month|year)", lower)
            if word is None:
                return None
            n = 1 if word.group(1) == "next" else -1
            unit = word.group(2)
            end = word.end()
        else:
            n = int(m.group(1).replace(" ", ""))
            if m.group(3):
                n = -n
            unit = m.group(2).lower()
            end = m.end()
        try:
            if unit.startswith("sec"):
                result += timedelta(seconds=n)
            elif unit.startswith("min"):
                result += timedelta(minutes=n)
            elif unit == "hour":
                result += timedelta(hours=n)
            elif unit == "day":
                result += timedelta(days=n)
            elif unit == "week":
                result += timedelta(weeks=n)
            elif unit == "fortnight":
                result += timedelta(weeks=2 * n)
            elif unit == "month":
                result = _add_months(result, n)
            else:
                result = _add_months(result, 12 * n)
        except (OverflowError, ValueError):
            return None
        rest = rest[end:].strip()
    return result
