"""Template arguments as a renderer reads them: positional by number, named by key."""
from __future__ import annotations


class Args:
    """(key, value) pairs in source order; the last of a repeated key wins, as in MediaWiki."""

    __slots__ = ("named", "pos")

    def __init__(self, pairs: list[tuple[str, str]]) -> None:
        self.named: dict[str, str] = {}
        for key, value in pairs:
            self.named[key.strip()] = value.strip() if not key.isdigit() else value
        self.pos: list[str] = []
        n = 1
        while str(n) in self.named:
            self.pos.append(self.named[str(n)].strip())
            n += 1

    def get(self, *keys: str | int, default: str = "") -> str:
        """First non-empty value among `keys` (ints are positions, 1-based)."""
        for key in keys:
            value = self.named.get(str(key), "").strip()
            if value:
                return value
        return default

    def has(self, key: str | int) -> bool:
        return str(key) in self.named

    def flag(self, key: str) -> bool:
        return self.named.get(key, "").strip().casefold() in ("y", "yes", "oui", "1", "true", "on", "o")
