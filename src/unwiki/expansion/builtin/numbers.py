"""Numbers and units: `convert`, `formatnum`-like templates, fr `unité`, `nombre`, `tmp`."""
from __future__ import annotations

import re

from unwiki.expansion.builtin.args import Args
from unwiki.expansion.builtin.registry import builtin
from unwiki.expansion.builtin.texts import texts
from unwiki.expansion.context import ExpandContext

NBSP = "\u00a0"
_NUMBER_RE = re.compile(r"([-+−]?)(\d+)(?:[.,](\d+))?(e[-+]?\d+)?", re.I)
_EXPONENT_RE = re.compile(r"[-−]?\d+")


def format_number(raw: str, ctx: ExpandContext) -> str:
    """Digits grouped by thousands with the language's separators (fr `1 234,5`, en `1,234.5`)."""
    s = raw.strip().replace(" ", "").replace(NBSP, "")
    m = _NUMBER_RE.fullmatch(s)
    if not m:
        return raw.strip()
    sign, whole, frac, exp = m.groups()
    t = texts(ctx.site.lang)
    thousands = t.get("thousands") or ctx.site.separators.get(",", ",")
    decimal = t.get("decimal") or ctx.site.separators.get(".", ".")
    if len(whole) > 3:
        whole = f"{int(whole):,}".replace(",", "\x00").replace("\x00", thousands)
    out = sign.replace("-", "−") + whole + (decimal + frac if frac else "")
    if exp:
        out += f"×10{exp[1:]}"
    return out


@builtin("formatnum", "nombre", "nb", "num", "fnum", "nts", "ntsh", "nts-", "val", "number", "nobr nombre",
         "format price", "numéro simple")
def nombre(args: Args, ctx: ExpandContext) -> str:
    value = format_number(args.get(1), ctx)
    unit = args.get(2, "u")
    return f"{value}{NBSP}{unit}" if unit else value


@builtin("unité", "dunité", "unit", "tmp", "température", "dimensions", langs=("fr",))
def unite(args: Args, ctx: ExpandContext) -> str:
    """fr `{{unité|1234.5|km|2}}` -> `1 234,5 km2`: value, then (unit, exponent) pairs."""
    vals = [args.named.get(str(i), "").strip() for i in range(1, len(args.pos) + 1)]
    if not vals:
        return ""
    out = format_number(vals[0], ctx)
    units = []
    i = 1
    while i < len(vals):
        unit = vals[i]
        if i + 1 < len(vals) and _EXPONENT_RE.fullmatch(vals[i + 1] or "x"):
            unit += vals[i + 1]
            i += 1
        if unit:
            units.append(unit)
        i += 1
    return out + (NBSP + NBSP.join(units) if units else "")


# Conversion table: unit -> (factor to SI base, dimension, short symbol, long name, default target).
UNITS: dict[str, tuple[float, str, str, str, str]] = {
    "km": (1000, "len", "km", "kilometres", "mi"), "m": (1, "len", "m", "metres", "ft"),
    "cm": (0.01, "len", "cm", "centimetres", "in"), "mm": (0.001, "len", "mm", "millimetres", "in"),
    "mi": (1609.344, "len", "mi", "miles", "km"), "ft": (0.3048, "len", "ft", "feet", "m"),
    "in": (0.0254, "len", "in", "inches", "cm"), "yd": (0.9144, "len", "yd", "yards", "m"),
    "nmi": (1852, "len", "nmi", "nautical miles", "km"),
    "km2": (1e6, "area", "km2", "square kilometres", "sqmi"), "sqmi": (2589988.11, "area", "sq mi", "square miles", "km2"),
    "m2": (1, "area", "m2", "square metres", "sqft"), "sqft": (0.09290304, "area", "sq ft", "square feet", "m2"),
    "ha": (1e4, "area", "ha", "hectares", "acre"), "acre": (4046.8564224, "area", "acres", "acres", "ha"),
    "kg": (1, "mass", "kg", "kilograms", "lb"), "g": (0.001, "mass", "g", "grams", "oz"),
    "lb": (0.45359237, "mass", "lb", "pounds", "kg"), "oz": (0.028349523125, "mass", "oz", "ounces", "g"),
    "t": (1000, "mass", "t", "tonnes", "LT"), "LT": (1016.0469088, "mass", "long tons", "long tons", "t"),
    "ST": (907.18474, "mass", "short tons", "short tons", "t"), "st": (6.35029318, "mass", "st", "stone", "kg"),
    "km/h": (1 / 3.6, "speed", "km/h", "kilometres per hour", "mph"), "mph": (0.44704, "speed", "mph", "miles per hour", "km/h"),
    "kn": (0.514444, "speed", "kn", "knots", "km/h"), "m/s": (1, "speed", "m/s", "metres per second", "ft/s"),
    "ft/s": (0.3048, "speed", "ft/s", "feet per second", "m/s"),
    "L": (0.001, "vol", "L", "litres", "USgal"), "l": (0.001, "vol", "l", "litres", "USgal"),
    "USgal": (0.003785411784, "vol", "US gal", "US gallons", "L"), "m3": (1, "vol", "m3", "cubic metres", "cuft"),
    "cuft": (0.028316846592, "vol", "cu ft", "cubic feet", "m3"),
    "kW": (1000, "power", "kW", "kilowatts", "hp"), "hp": (745.69987158, "power", "hp", "horsepower", "kW"),
    "W": (1, "power", "W", "watts", "hp"),
}
ALIASES = {"feet": "ft", "foot": "ft", "metre": "m", "meter": "m", "kilometre": "km", "kilometer": "km", "mile": "mi",
           "miles": "mi", "inch": "in", "km²": "km2", "m²": "m2", "sq mi": "sqmi", "acres": "acre", "kph": "km/h",
           "pound": "lb", "pounds": "lb", "knot": "kn", "knots": "kn", "hectare": "ha"}
SINGULAR = {"feet": "foot", "inches": "inch", "square feet": "square foot", "cubic feet": "cubic foot",
            "horsepower": "horsepower", "stone": "stone", "miles per hour": "mile per hour",
            "kilometres per hour": "kilometre per hour", "metres per second": "metre per second",
            "feet per second": "foot per second"}
TEMPS = {"C": "°C", "F": "°F", "K": "K"}


def _round(value: float, like: str) -> str:
    """Round a converted value to about the precision of the input, as convert does by default."""
    digits = len(like.split(".")[1]) if "." in like else 0
    if value and abs(value) >= 1:
        sig = max(len(like.replace(".", "").replace("-", "").lstrip("0")), 2)
        from math import floor, log10
        decimals = max(sig - 1 - floor(log10(abs(value))), 0)
        decimals = min(decimals, digits + 1)
    else:
        decimals = max(digits, 2)
    text = f"{value:,.{decimals}f}"
    return text.rstrip("0").rstrip(".") if "." in text and decimals > digits else text


@builtin("convert", "cvt")
def convert(args: Args, ctx: ExpandContext) -> str | None:
    vals = list(args.pos)
    if len(vals) < 2:
        return None
    value = vals[0]
    idx = 1
    ranges = ("-", "to", "and", "–", "or", "x", "×", "by")
    second = None
    if len(vals) > 3 and vals[1] in ranges:
        second, idx = vals[2], 3
    unit = ALIASES.get(vals[idx], vals[idx])
    target = vals[idx + 1] if len(vals) > idx + 1 else ""
    target = ALIASES.get(target, target)
    abbr = args.named.get("abbr", "").strip()
    try:
        number = float(value.replace(",", ""))
    except ValueError:
        return f"{value} {unit}"
    num_shown = f"{value}" if second is None else f"{value} {vals[1]} {second}"
    if unit in TEMPS:
        other = target if target in TEMPS else ("F" if unit == "C" else "C")
        conv = _temp(number, unit, other)
        return f"{num_shown} {TEMPS[unit]} ({_round(conv, value)} {TEMPS[other]})"
    if unit not in UNITS:
        return f"{num_shown} {unit}"
    factor, dim, sym, name, default = UNITS[unit]
    if target not in UNITS or UNITS[target][1] != dim:
        target = default
    tfactor, _, tsym, _, _ = UNITS[target]
    conv = number * factor / tfactor
    shown_unit = sym if abbr in ("on", "in", "values") else name
    if shown_unit == name and number == 1:
        shown_unit = SINGULAR.get(name, name[:-1] if name.endswith("s") else name)
    converted = _round(conv, value)
    if second is not None:
        try:
            conv2 = float(second.replace(",", "")) * factor / tfactor
            converted = f"{converted}–{_round(conv2, second)}"
        except ValueError:
            pass
    if abbr == "values":
        return f"{num_shown} ({converted})"
    if args.named.get("disp", "").strip() in ("or",):
        return f"{num_shown} {shown_unit} or {converted} {tsym}"
    if args.named.get("disp", "").strip() in ("output only", "out"):
        return f"{converted} {tsym}"
    return f"{num_shown} {shown_unit} ({converted} {tsym})"


def _temp(value: float, unit: str, other: str) -> float:
    kelvin = {"C": value + 273.15, "F": (value - 32) * 5 / 9 + 273.15, "K": value}[unit]
    return {"C": kelvin - 273.15, "F": (kelvin - 273.15) * 9 / 5 + 32, "K": kelvin}[other]
