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
    for k, ln in enumerate(lens):
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
        for k, ln in enumerate(lens):
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
    for k, ln in enumerate(lens):
        acts: list[Action] = []
        if ln == 2:
            if state.endswith("i"):
                acts.append((CLOSE, "i"))
                state = state[:-1]
            elif state == "ib":
                acts += [(CLOSE, "b"), (CLOSE, "i"), (OPEN, "b")]
                state = "b"
            else:
                acts.append((OPEN, "i"))
                state += "i"
        elif ln == 3:
            if state.endswith("b"):
                acts.append((CLOSE, "b"))
                state = state[:-1]
            elif state == "bi":
                acts += [(CLOSE, "i"), (CLOSE, "b"), (OPEN, "i")]
                state = "i"
            else:
                acts.append((OPEN, "b"))
                state += "b"
        else:  # 5
            if state == "b":
                acts += [(CLOSE, "b"), (OPEN, "i")]
                state = "i"
            elif state == "i":
                acts += [(CLOSE, "i"), (OPEN, "b")]
                state = "b"
            elif state == "bi":
                acts += [(CLOSE, "i"), (CLOSE, "b")]
                state = ""
            elif state == "ib":
                acts += [(CLOSE, "b"), (CLOSE, "i")]
                state = ""
            else:
                acts += [(OPEN, "b"), (OPEN, "i")]
                state = "bi"
        out.append((lits[k], acts))
    tail = [(CLOSE, c) for c in reversed(state)]
    return out, tail
