"""Core string functions: case, padding, number formatting, URL and anchor encodings,
language names, and the functions that only set page properties (output nothing)."""
from __future__ import annotations

import re

from unwiki.expansion.parserfunctions.registry import Call, parser_function
from unwiki.expansion.wikiescape import php_rawurlencode, php_urlencode, wiki_urlencode
from unwiki.preprocessor.strip import MARKER_RE


@parser_function("lc")
def pf_lc(c: Call) -> str:
    return c.first.lower()


@parser_function("uc")
def pf_uc(c: Call) -> str:
    return c.first.upper()


@parser_function("lcfirst")
def pf_lcfirst(c: Call) -> str:
    s = c.first
    return s[:1].lower() + s[1:]


@parser_function("ucfirst")
def pf_ucfirst(c: Call) -> str:
    s = c.first
    return s[:1].upper() + s[1:]


def _php_intval(text: str) -> int:
    m = re.match(r"\s*([+-]?\d+)", text)
    return int(m.group(1)) if m else 0


def _pad(c: Call, left: bool) -> str:
    string = c.first
    padding = MARKER_RE.sub("", c.arg(2, "0")) if c.has(2) else "0"
    if not padding:
        return string
    length = min(_php_intval(c.arg(1)), 500) - len(string)
    if length <= 0:
        return string
    fill = (padding * (length // len(padding) + 1))[:length]
    return fill + string if left else string + fill


@parser_function("padleft")
def pf_padleft(c: Call) -> str:
    return _pad(c, True)


@parser_function("padright")
def pf_padright(c: Call) -> str:
    return _pad(c, False)


@parser_function("urlencode")
def pf_urlencode(c: Call) -> str:
    kind = c.arg(1).upper()
    if kind == "WIKI":
        return wiki_urlencode(c.first.replace(" ", "_"))
    if kind == "PATH":
        return php_rawurlencode(c.first)
    return php_urlencode(c.first)


_LINK_RE = re.compile(r"\[\[(?:[^\]|]*\|)?([^\]]*)\]\]")


@parser_function("anchorencode")
def pf_anchorencode(c: Call) -> str:
    text = MARKER_RE.sub("", c.first)
    text = _LINK_RE.sub(r"\1", text)
    text = re.sub(r"'''?", "", text)
    text = re.sub(r"<[^>]*>", "", text)
    text = " ".join(text.split()).replace(" ", "_")
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("'", "&#039;") \
        .replace("<", "&lt;").replace(">", "&gt;")


_NUMBER_RE = re.compile(r"(\d+)(\.\d+)?")


def _group(m: re.Match[str]) -> str:
    digits = m.group(1)
    if len(digits) > 3:
        head = len(digits) % 3 or 3
        digits = digits[:head] + "".join("," + digits[k:k + 3] for k in range(head, len(digits), 3))
    return digits + (m.group(2) or "")


@parser_function("formatnum")
def pf_formatnum(c: Call) -> str:
    number = c.first
    flag = c.arg(1).upper() if c.has(1) else ""
    if flag in ("R", "RAW"):
        return number.replace(",", "")
    if flag in ("NOSEP", "NOSEPARATORS"):
        return number
    if not any(map(str.isdigit, number)):  # no generator frame per character
        return number
    return _NUMBER_RE.sub(_group, number)


@parser_function("plural")
def pf_plural(c: Call) -> str:
    forms = [c.arg(i) for i in range(1, len(c))]
    if not forms:
        return ""
    try:
        n = float(c.first.replace(",", ""))
    except ValueError:
        n = 2
    return forms[0] if n == 1 or len(forms) == 1 else forms[1]


@parser_function("grammar")
def pf_grammar(c: Call) -> str:
    return c.arg(1)


@parser_function("gender")
def pf_gender(c: Call) -> str:
    return c.arg(1)


@parser_function("bidi")
def pf_bidi(c: Call) -> str:
    return c.first


@parser_function("int")
def pf_int(c: Call) -> str:
    return ""


@parser_function("DISPLAYTITLE", "DEFAULTSORT", "DEFAULTSORTKEY", "DEFAULTCATEGORYSORT", cased=True)
def pf_page_property(c: Call) -> str:
    return ""


@parser_function("#formatdate", "#dateformat")
def pf_formatdate(c: Call) -> str:
    return c.first


@parser_function("filepath", "pagesincategory", "pagesize", "numberingroup", "protectionlevel",
                 "protectionexpiry")
def pf_unknown_count(c: Call) -> str:
    return ""


_LANGUAGES = {
    "en": "English", "de": "Deutsch", "fr": "français", "es": "español", "it": "italiano",
    "pt": "português", "nl": "Nederlands", "ru": "русский", "uk": "українська", "pl": "polski",
    "cs": "čeština", "sv": "svenska", "no": "norsk", "nb": "norsk bokmål", "da": "dansk",
    "fi": "suomi", "hu": "magyar", "ro": "română", "el": "Ελληνικά", "tr": "Türkçe",
    "ar": "العربية", "he": "עברית", "fa": "فارسی", "hi": "हिन्दी", "bn": "বাংলা", "ja": "日本語",
    "zh": "中文", "ko": "한국어", "vi": "Tiếng Việt", "th": "ไทย", "id": "Bahasa Indonesia",
    "ms": "Bahasa Melayu", "la": "Latina", "eo": "Esperanto", "ca": "català", "eu": "euskara",
    "gl": "galego", "hr": "hrvatski", "sr": "српски / srpski", "bg": "български", "sk": "slovenčina",
    "sl": "slovenščina", "lt": "lietuvių", "lv": "latviešu", "et": "eesti", "ka": "ქართული",
    "hy": "հայերեն", "kk": "қазақша", "ta": "தமிழ்", "te": "తెలుగు", "mr": "मराठी", "ur": "اردو",
    "sw": "Kiswahili", "af": "Afrikaans", "ga": "Gaeilge", "cy": "Cymraeg", "is": "íslenska",
    "be": "беларуская", "az": "azərbaycanca", "uz": "oʻzbekcha / ўзбекча", "ltg": "latgaļu",
}


@parser_function("#language")
def pf_language(c: Call) -> str:
    return _LANGUAGES.get(c.first.lower(), c.first)
