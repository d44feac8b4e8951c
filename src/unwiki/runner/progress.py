"""The progress bar: compressed input bytes (so ETA is honest for .bz2), pages and pages/s."""
from __future__ import annotations

import sys
import time


class Progress:
    def __init__(self, total_bytes: int, enabled: bool) -> None:
        self.enabled = enabled
        self.bar = None
        self.pos = 0
        self._last = 0.0
        if enabled:
            from tqdm import tqdm

            self.bar = tqdm(total=total_bytes or None, unit="B", unit_scale=True, unit_divisor=1000,
                            file=sys.stderr, dynamic_ncols=True, smoothing=0.1, desc="unwiki")
        self.started = time.monotonic()

    def update(self, input_pos: int, pages: int, failed: int) -> None:
        if self.bar is None:
            return
        if input_pos > self.pos:
            self.bar.update(input_pos - self.pos)
            self.pos = input_pos
        now = time.monotonic()
        if now - self._last >= 0.5:
            self._last = now
            rate = pages / max(now - self.started, 1e-9)
            self.bar.set_postfix_str(f"{pages:,} pages, {rate:,.0f} pages/s, {failed:,} failed", refresh=False)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None
