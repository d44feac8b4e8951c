"""`#expr` / `#ifexpr`: the ParserFunctions expression language (shunting-yard over floats,
PHP's number formatting and error messages)."""
from __future__ import annotations

import math
import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation


class ExprError(Exception):
    """An expression MediaWiki rejects; str() is the message it prints."""


_UNARY = {"-": 10, "+": 10, "not": 9, "sin": 9, "cos": 9, "tan": 9, "asin": 9, "acos": 9,
          "atan": 9, "exp": 9, "ln": 9, "abs": 9, "floor": 9, "trunc": 9, "ceil": 9, "sqrt": 9}
_BINARY = {"e": 10, "^": 8, "*": 7, "/": 7, "div": 7, "mod": 7, "fmod": 7, "+": 6, "-": 6,
           "round": 5, "=": 4, "<": 4, ">": 4, "<=": 4, ">=": 4, "<>": 4, "!=": 4, "and": 3, "or": 2}
_WORDS = {"mod", "fmod", "and", "or", "not", "round", "div", "e", "pi", "sin", "cos", "tan",
          "asin", "acos", "atan", "exp", "ln", "abs", "trunc", "floor", "ceil", "sqrt"}
_OPEN = "("
_MAX_STACK = 100
_TOKEN = re.compile(r"[ \t\r\n]+|[0-9.]+|[A-Za-z]+|<=|>=|<>|!=|.", re.DOTALL)


def _unary_name(op: str) -> str:
    return op[1:] if op.startswith("u") else op


_NUMBER_RE = re.compile(r"[0-9]*(?:\.[0-9]*)?")


def _number(text: str) -> float:
    """PHP (float) cast of a run of digits and dots (a second dot ends the number)."""
    m = _NUMBER_RE.match(text)
    s = m.group() if m else ""
    if s in ("", "."):
        return 0.0
    return float(s if not s.endswith(".") else s + "0")


def _php_int(x: float) -> int:
    if math.isnan(x) or math.isinf(x):
        return 0
    return int(x)


def php_round(value: float, digits: int) -> float:
    """PHP round(): half away from zero, on the decimal value PHP prints."""
    if math.isnan(value) or math.isinf(value):
        return value
    try:
        d = Decimal(repr(value))
        quantum = Decimal(1).scaleb(-digits)
        result = float(d.quantize(quantum, rounding=ROUND_HALF_UP))
    except (InvalidOperation, ValueError, OverflowError):
        return value
    return result


def _apply(op: str, stack: list[float]) -> None:  # noqa: C901 - one case per operator
    if op.startswith("u"):
        name = op[1:]
        if not stack:
            raise ExprError(f"Expression error: Missing operand for {name}.")
        a = stack.pop()
        if name == "-":
            stack.append(-a)
        elif name == "+":
            stack.append(a)
        elif name == "not":
            stack.append(0.0 if a else 1.0)
        elif name == "sin":
            stack.append(math.sin(a))
        elif name == "cos":
            stack.append(math.cos(a))
        elif name == "tan":
            stack.append(math.tan(a))
        elif name in ("asin", "acos"):
            if a < -1 or a > 1:
                raise ExprError(f"Invalid argument for {name}: < -1 or > 1.")
            stack.append(math.asin(a) if name == "asin" else math.acos(a))
        elif name == "atan":
            stack.append(math.atan(a))
        elif name == "exp":
            try:
                stack.append(math.exp(a))
            except OverflowError:
                stack.append(math.inf)
        elif name == "ln":
            if a <= 0:
                raise ExprError("Invalid argument for ln: <= 0.")
            stack.append(math.log(a))
        elif name == "abs":
            stack.append(abs(a))
        elif name == "floor":
            stack.append(float(math.floor(a)) if math.isfinite(a) else a)
        elif name == "ceil":
            r = float(math.ceil(a)) if math.isfinite(a) else a
            stack.append(-0.0 if r == 0 and a < 0 else r)
        elif name == "trunc":
            stack.append(_php_int(a))
        elif name == "sqrt":
            if a < 0:
                raise ExprError("Expression error: Result is not a number.")
            stack.append(math.sqrt(a))
        return
    if len(stack) < 2:
        raise ExprError(f"Expression error: Missing operand for {op}.")
    b = stack.pop()
    a = stack.pop()
    if op == "+":
        stack.append(a + b)
    elif op == "-":
        stack.append(a - b)
    elif op == "*":
        stack.append(a * b)
    elif op in ("/", "div"):
        if not b:
            raise ExprError("Division by zero.")
        stack.append(a / b)
    elif op == "mod":
        ia, ib = _php_int(a), _php_int(b)
        if not ib:
            raise ExprError("Division by zero.")
        stack.append(int(math.fmod(ia, ib)))
    elif op == "fmod":
        if not b:
            raise ExprError("Division by zero.")
        stack.append(math.fmod(a, b))
    elif op == "^":
        try:
            result = math.pow(a, b)
        except OverflowError:
            result = math.inf
        except ValueError:
            result = math.nan
        stack.append(result)
    elif op == "e":
        try:
            stack.append(a * math.pow(10, b))
        except OverflowError:
            stack.append(math.inf if a > 0 else -math.inf if a < 0 else math.nan)
    elif op == "round":
        stack.append(php_round(a, _php_int(b)))
    elif op == "=":
        stack.append(1 if a == b else 0)
    elif op in ("<>", "!="):
        stack.append(1 if a != b else 0)
    elif op == "<":
        stack.append(1 if a < b else 0)
    elif op == ">":
        stack.append(1 if a > b else 0)
    elif op == "<=":
        stack.append(1 if a <= b else 0)
    elif op == ">=":
        stack.append(1 if a >= b else 0)
    elif op == "and":
        stack.append(1 if a and b else 0)
    elif op == "or":
        stack.append(1 if a or b else 0)


def _precedence(op: str) -> int:
    if op == _OPEN:
        return -1
    if op.startswith("u"):
        return _UNARY[op[1:]]
    return _BINARY[op]


def evaluate(expr: str) -> list[float]:  # noqa: C901 - MediaWiki's one-pass evaluator
    """The operand stack left by `expr` (normally one number; empty for an empty expression)."""
    expr = expr.replace("&lt;", "<").replace("&gt;", ">").replace("&minus;", "-").replace("\u2212", "-")
    operands: list[float] = []
    operators: list[str] = []
    expecting_expression = True
    for m in _TOKEN.finditer(expr):
        if len(operands) > _MAX_STACK or len(operators) > _MAX_STACK:
            raise ExprError("Expression error: Stack exhausted.")
        tok = m.group()
        c = tok[0]
        if c in " \t\r\n":
            continue
        if c in "0123456789.":
            if not expecting_expression:
                raise ExprError("Expression error: Unexpected number.")
            operands.append(_number(tok))
            expecting_expression = False
            continue
        if c.isascii() and c.isalpha():
            word = tok.lower()
            if word not in _WORDS:
                raise ExprError(f'Expression error: Unrecognised word "{word}".')
            if word == "e" and expecting_expression:
                operands.append(math.e)
                expecting_expression = False
                continue
            if word == "pi":
                if not expecting_expression:
                    raise ExprError("Expression error: Unexpected number.")
                operands.append(math.pi)
                expecting_expression = False
                continue
            if word in _UNARY:
                if not expecting_expression:
                    raise ExprError(f"Expression error: Unexpected {word} operator.")
                operators.append("u" + word)
                continue
            op = word
        elif tok in ("<=", ">=", "<>", "!="):
            op = tok
        elif c == "+" or c == "-":
            if expecting_expression:
                operators.append("u" + c)
                continue
            op = c
        elif c in "*/^=<>":
            op = c
        elif c == "(":
            if not expecting_expression:
                raise ExprError("Expression error: Unexpected ( operator.")
            operators.append(_OPEN)
            continue
        elif c == ")":
            while operators and operators[-1] != _OPEN:
                _apply(operators.pop(), operands)
            if not operators:
                raise ExprError("Expression error: Unexpected closing bracket.")
            operators.pop()
            expecting_expression = False
            continue
        else:
            raise ExprError(f'Expression error: Unrecognised punctuation character "{c}".')
        if expecting_expression:
            raise ExprError(f"Expression error: Unexpected {op} operator.")
        prec = _BINARY[op]
        while operators and prec <= _precedence(operators[-1]):
            _apply(operators.pop(), operands)
        operators.append(op)
        expecting_expression = True
    while operators:
        op = operators.pop()
        if op == _OPEN:
            raise ExprError("Expression error: Unclosed bracket.")
        _apply(op, operands)
    return operands


def php_number(x: float) -> str:
    """A number as PHP prints it (precision 14: `1.0E+15`, `0.33333333333333`, `-0`)."""
    if isinstance(x, int) and not isinstance(x, bool):
        return str(x)
    if math.isnan(x):
        return "NAN"
    if math.isinf(x):
        return "INF" if x > 0 else "-INF"
    s = format(x, ".14G")
    if "E" in s:
        mantissa, exp = s.split("E")
        if "." not in mantissa:
            mantissa += ".0"
        e = int(exp)
        s = f"{mantissa}E{'+' if e >= 0 else '-'}{abs(e)}"
    return s


def expression(expr: str) -> str:
    """#expr's output for `expr` (raises ExprError)."""
    return "<br />\n".join(php_number(v) for v in evaluate(expr))
