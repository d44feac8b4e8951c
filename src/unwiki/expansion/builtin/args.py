"""Template arguments as a renderer reads them: positional by number, named by key."""
from __future__ import annotations

from collections.abc import Iterable

try:
    import cython
except ImportError:  # plain Python without Cython: ordinary classes
    from unwiki.preprocessor.cython_shim import cython

# Positional keys "0".."63", made once: renderers read positions by number, and `str(n)`
# for each read costs more than the dictionary look-up it serves.
_NUMBERS = tuple(str(k) for k in range(64))


@cython.cclass
class Args:
    """(key, value) pairs in source order; the last of a repeated key wins, as in MediaWiki."""

    _pos = cython.declare(object, visibility="public")
    named = cython.declare(object, visibility="public")

    @cython.locals(key=str, value=str)
    def __init__(self, pairs: Iterable[tuple[str, str]]) -> None:
        named: dict[str, str] = {}
        for key, value in pairs:
            # Stripped only when an end is white space (compiled, a C test of two characters;
            # most keys and values are trimmed already).
            if value and (value[0].isspace() or value[-1].isspace()) and not key.isdigit():
                value = value.strip()
            if key and (key[0].isspace() or key[-1].isspace()):
                key = key.strip()
            named[key] = value
        self.named = named
        self._pos: list[str] | None = None

    @property
    def pos(self) -> list[str]:
        """Positional values "1", "2", … up to the first missing one, stripped. Worked out on
        first use: most renderers never read it."""
        pos = self._pos
        if pos is None:
            pos = self._pos = []
            named: dict = self.named  # (typed: compiled, `.get` is a C call, not a method call)
            numbers: tuple = _NUMBERS
            n = 1
            while (value := named.get(numbers[n] if n < 64 else str(n))) is not None:
                pos.append(value.strip())
                n += 1
        return pos

    def get(self, *keys: str | int, default: str = "") -> str:
        """First non-empty value among `keys` (ints are positions, 1-based)."""
        named: dict = self.named
        for key in keys:
            if type(key) is not str:
                key = _NUMBERS[key] if type(key) is int and 0 <= key < 64 else str(key)
            value = named.get(key)
            if value:  # most keys are missing: no strip() then
                value = value.strip()
                if value:
                    return value
        return default

    def has(self, key: str | int) -> bool:
        return str(key) in self.named

    def flag(self, key: str) -> bool:
        return self.named.get(key, "").strip().casefold() in ("y", "yes", "oui", "1", "true", "on", "o")
