"""Parquet: `part-00000.parquet`, … of bounded size, zstd, row groups of a few thousand rows.

Each part is written as `part-NNNNN.parquet.tmp` and renamed when closed, so a glob like
`out/*.parquet` (pandas, DuckDB, `datasets.load_dataset("parquet", …)`) only ever sees
complete files, and a resumed run knows which parts are done.
"""
from __future__ import annotations

import glob
import os
from typing import Any, ClassVar

import pyarrow as pa
import pyarrow.parquet as pq

from unwiki.sinks.base import Sink
from unwiki.sinks.schema import ARROW_SCHEMA, records_to_table_via_json


class ParquetSink(Sink):
    needs: ClassVar[str] = "dict"

    def __init__(self, folder: str, *, row_group_rows: int = 4096, row_group_bytes: int = 32 << 20,
                 part_rows: int = 100_000, part_bytes: int = 512 << 20) -> None:
        self.folder = folder
        self.row_group_rows = row_group_rows
        self.row_group_bytes = row_group_bytes
        self.part_rows = part_rows
        self.part_bytes = part_bytes
        self.part = 0                       # number of the part being written
        self._writer: pq.ParquetWriter | None = None
        self._buffer: list[pa.Table] = []
        self._buffer_rows = 0
        self._buffer_bytes = 0
        self._part_rows = 0
        self._part_bytes = 0
        self._part_keys: list[str] = []
        self._durable: list[str] = []
        self._done: list[str] = []

    encode = staticmethod(records_to_table_via_json)

    def warm_up(self) -> None:
        if "ARROW_DEFAULT_MEMORY_POOL" not in os.environ:
            # the system allocator hands freed row-group buffers back; measured peak over a
            # 10x longer dump: 1.20x with the default pool, 1.17x with this one
            pa.set_memory_pool(pa.system_memory_pool())
        records_to_table_via_json([{"title": ""}])      # loads Arrow's JSON reader once

    def _name(self, n: int) -> str:
        return os.path.join(self.folder, f"part-{n:05d}.parquet")

    def write(self, payload: pa.Table, keys: list[str]) -> None:
        if payload.num_rows == 0:
            return
        self._buffer.append(payload)
        self._buffer_rows += payload.num_rows
        self._buffer_bytes += payload.nbytes
        self._part_keys.extend(keys)
        if self._buffer_rows >= self.row_group_rows or self._buffer_bytes >= self.row_group_bytes:
            self._flush_group()
        if self._part_rows >= self.part_rows or self._part_bytes >= self.part_bytes:
            self._close_part()

    def _flush_group(self) -> None:
        if not self._buffer:
            return
        table = pa.concat_tables(self._buffer)
        self._buffer, self._buffer_rows, self._buffer_bytes = [], 0, 0
        if self._writer is None:
            os.makedirs(self.folder, exist_ok=True)
            self._writer = pq.ParquetWriter(self._name(self.part) + ".tmp", ARROW_SCHEMA,
                                            compression="zstd", compression_level=3)
        self._writer.write_table(table, row_group_size=max(self.row_group_rows, table.num_rows))
        self._part_rows += table.num_rows
        self._part_bytes += table.nbytes

    def _close_part(self) -> None:
        self._flush_group()
        if self._writer is None:
            return
        self._writer.close()
        self._writer = None
        os.replace(self._name(self.part) + ".tmp", self._name(self.part))
        self._done.append(self._name(self.part))
        self.part += 1
        self._part_rows = self._part_bytes = 0
        self._durable.extend(self._part_keys)
        self._part_keys = []

    def take_durable(self) -> list[str]:
        out, self._durable = self._durable, []
        return out

    def state(self) -> dict[str, Any]:
        return {"parts": self.part}

    def restore(self, state: dict[str, Any]) -> None:
        """Keep parts below the committed count; remove later and unfinished ones."""
        self.part = int(state.get("parts", 0))
        for path in glob.glob(os.path.join(self.folder, "part-*.parquet*")):
            stem = os.path.basename(path).split(".", 1)[0]
            try:
                n = int(stem.split("-", 1)[1])
            except (IndexError, ValueError):
                continue
            if n >= self.part or path.endswith(".tmp"):
                os.remove(path)

    def close(self) -> None:
        self._close_part()
        if self.part == 0:
            # nothing written: one empty part keeps `out/*.parquet` readers working
            os.makedirs(self.folder, exist_ok=True)
            pq.write_table(ARROW_SCHEMA.empty_table(), self._name(0) + ".tmp", compression="zstd")
            os.replace(self._name(0) + ".tmp", self._name(0))
            self._done.append(self._name(0))
            self.part = 1

    @property
    def files(self) -> list[str]:
        return list(self._done)
