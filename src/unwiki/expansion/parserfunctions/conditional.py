"""ParserFunctions' conditionals: #if #ifeq #iferror #ifexist #switch #expr #ifexpr.

Only the branch taken is expanded, as in MediaWiki (SFH_OBJECT_ARGS)."""
from __future__ import annotations

import html
import re

from unwiki.expansion.expr import ExprError, evaluate, expression
from unwiki.expansion.frame import TRIM
from unwiki.expansion.parserfunctions.registry import Call, parser_function
from unwiki.site import parse_title

_NUMERIC = re.compile(r"[ \t\n\r\v\f]*[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?[ \t\n\r\v\f]*\Z")
_INTEGER = re.compile(r"[ \t\n\r\v\f]*[+-]?[0-9]+[ \t\n\r\v\f]*\Z")
_ERROR_RE = re.compile(r'<(?:strong|span|p|div)\s(?:[^\s>]*\s+)*?class="(?:[^"\s>]*\s+)*?error(?:\s[^">]*)?"')
_INT64 = 2 ** 63


def php_equal(a: str, b: str) -> bool:
    """PHP 8 `==` on two strings: numerically when both are numeric strings."""
    if a == b:
        return True
    if _NUMERIC.match(a) and _NUMERIC.match(b):
        if _INTEGER.match(a) and _INTEGER.match(b):
            ia, ib = int(a), int(b)
            if -_INT64 <= ia < _INT64 and -_INT64 <= ib < _INT64:
                return ia == ib
        return float(a) == float(b)
    return False


def decode(text: str) -> str:
    """Character references decoded, as ParserFunctions compares values."""
    return html.unescape(text) if "&" in text else text


def error(message: str) -> str:
    return f'<strong class="error">{html.escape(message, quote=False)}</strong>'


@parser_function("#if")
def pf_if(c: Call) -> str:
    if c.first:
        return c.arg(1)
    return c.arg(2)


@parser_function("#ifeq")
def pf_ifeq(c: Call) -> str:
    if php_equal(decode(c.first), decode(c.arg(1))):
        return c.arg(2)
    return c.arg(3)


@parser_function("#iferror")
def pf_iferror(c: Call) -> str:
    test = c.first
    if _ERROR_RE.search(test):
        return c.arg(1)
    if len(c) > 2:
        return c.arg(2)
    return test


@parser_function("#ifexist")
def pf_ifexist(c: Call) -> str:
    title = parse_title(decode(c.first), c.site)
    exists = False
    if title is not None and not title.interwiki:
        exists = c.x.index.exists(title) or (c.ctx.title is not None and title.full == c.ctx.title.full)
    return c.arg(1) if exists else c.arg(2)


@parser_function("#switch")
def pf_switch(c: Call) -> str:
    primary = decode(c.first)
    found = False
    default_found = False
    default = None
    last_plain = False
    last_item = ""
    for part in c.parts:
        if part.name is not None:
            last_plain = False
            if found:
                return c.expand(part.value).strip(TRIM)
            test = decode(c.expand(part.name).strip(TRIM))
            if php_equal(test, primary):
                return c.expand(part.value).strip(TRIM)
            if default_found or test.lower() == "#default":
                default = part.value
                default_found = False
        else:
            last_plain = True
            last_item = c.expand(part.value).strip(TRIM)
            test = decode(last_item)
            if php_equal(test, primary):
                found = True
            elif test.lower() == "#default":
                default_found = True
    if last_plain:
        return last_item
    if default is not None:
        return c.expand(default).strip(TRIM)
    return ""


@parser_function("#expr")
def pf_expr(c: Call) -> str:
    try:
        return expression(c.first)
    except ExprError as e:
        return error(str(e))


@parser_function("#ifexpr")
def pf_ifexpr(c: Call) -> str:
    try:
        values = evaluate(c.first)
    except ExprError as e:
        return error(str(e))
    value = values[-1] if len(values) == 1 else (0 if not values else 1)
    return c.arg(1) if value else c.arg(2)
