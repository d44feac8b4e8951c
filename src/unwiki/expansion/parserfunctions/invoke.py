"""#invoke: Scribunto modules. No Lua engine ships yet: a call is counted as an unresolved
module and shows nothing. An engine plugs in with `register_engine` as one more handler."""
from __future__ import annotations

from collections.abc import Callable

from unwiki.expansion.parserfunctions.registry import Call, parser_function
from unwiki.site import parse_title

# engine(call, module_title, function_name) -> wikitext, or None when it cannot run it
Engine = Callable[[Call, str, str], "str | None"]
ENGINES: list[Engine] = []


def register_engine(engine: Engine) -> None:
    """Add a module runner; the first that returns text wins."""
    ENGINES.append(engine)


@parser_function("#invoke")
def pf_invoke(c: Call) -> str:
    title = parse_title(c.first, c.site, default_ns=828)
    module = title.full if title is not None else f"Module:{c.first}"
    function = c.arg(1)
    for engine in ENGINES:
        result = engine(c, module, function)
        if result is not None:
            c.x.count(module, "expanded")
            return result
    c.x.count(module, "unresolved")
    return ""
