"""Bold and italic from runs of apostrophes, with MediaWiki's doQuotes rules (per line).

Runs of 4 become `'` + bold, runs over 5 keep the extras as text; when both the bold and
the italic counts are odd, one bold run is demoted to `'` + italic, preferring a run after a
single-letter word, then one after a longer word, then one after a space."""
from __future__ import annotations

try:
    import cython
except ImportError:  # plain Python without Cython
    from unwiki.preprocessor.cython_shim import cython

OPEN, CLOSE = "open", "close"
Action = tuple[str, str]          # (OPEN|CLOSE, "b"|"i")
# The actions, made once (compiled, a tuple display of module globals is built at each use).
_OPEN_B, _OPEN_I, _CLOSE_B, _CLOSE_I = (OPEN, "b"), (OPEN, "i"), (CLOSE, "b"), (CLOSE, "i")


# Compiled, the counts and lengths are C integers.
@cython.locals(n=cython.Py_ssize_t, k=cython.Py_ssize_t, ln=cython.Py_ssize_t,
               italics=cython.Py_ssize_t, bolds=cython.Py_ssize_t, single=cython.Py_ssize_t,
               multi=cython.Py_ssize_t, space=cython.Py_ssize_t, pick=cython.Py_ssize_t)
def resolve(runs: list[int], before: list[str] | None
            ) -> tuple[list[tuple[str, list[Action]]], list[Action]] | None:
    """For each apostrophe run (its length): literal apostrophes to show, then the bold/italic
    actions; plus the closes at line end. `before`: the two characters before each run on the
    line, needed only when a bold run must be demoted; when it is and `before` is None, the
    result is None (the caller then asks again with them: most lines never need them)."""
    n = len(runs)
    lits = [""] * n
    lens = list(runs)
    italics = bolds = 0
    for k in range(n):              # (compiled, C loops: enumerate is a generic call)
        ln = lens[k]
        if ln == 4:
            lits[k] = "'"
            lens[k] = 3
        elif ln > 5:
            lits[k] = "'" * (ln - 5)
            lens[k] = 5
        ln = lens[k]
        if ln == 2:
            italics += 1
        elif ln == 3:
            bolds += 1
        elif ln == 5:
            italics += 1
            bolds += 1
    if italics % 2 and bolds % 2:
        if before is None:
            return None
        single = multi = space = -1
        chars = before
        for k in range(n):
            ln = lens[k]
            if ln != 3:
                continue
            prev = chars[k] + lits[k]
            x1 = prev[-1:]
            x2 = prev[-2:-1] if len(prev) >= 2 else prev[:1]   # PHP substr($s, -2, 1)
            if x1 == " ":
                if space == -1:
                    space = k
            elif x2 == " ":
                single = k
                break
            elif multi == -1:
                multi = k
        pick = single if single > -1 else multi if multi > -1 else space
        if pick > -1:
            lens[pick] = 2
            lits[pick] += "'"
    out: list[tuple[str, list[Action]]] = []
    state = ""
    for k in range(n):
        ln = lens[k]
        acts: list[Action] = []
        if ln == 2:
            if state.endswith("i"):
                acts.append(_CLOSE_I)
                state = state[:-1]
            elif state == "ib":
                acts += [_CLOSE_B, _CLOSE_I, _OPEN_B]
                state = "b"
            else:
                acts.append(_OPEN_I)
                state += "i"
        elif ln == 3:
            if state.endswith("b"):
                acts.append(_CLOSE_B)
                state = state[:-1]
            elif state == "bi":
                acts += [_CLOSE_I, _CLOSE_B, _OPEN_I]
                state = "i"
            else:
                acts.append(_OPEN_B)
                state += "b"
        else:  # 5
            if state == "b":
                acts += [_CLOSE_B, _OPEN_I]
                state = "i"
            elif state == "i":
                acts += [_CLOSE_I, _OPEN_B]
                state = "b"
            elif state == "bi":
                acts += [_CLOSE_I, _CLOSE_B]
                state = ""
            elif state == "ib":
                acts += [_CLOSE_B, _CLOSE_I]
                state = ""
            else:
                acts += [_OPEN_B, _OPEN_I]
                state = "bi"
        out.append((lits[k], acts))
    tail = [(CLOSE, c) for c in reversed(state)]
    return out, tail
