"""Where converted pages go: JSONL, Parquet shards, folders of .txt/.md/.json, a stream.

The Parquet names are loaded on first use: importing pyarrow costs 0.3 s of the parent's
serial start-up, wasted on every JSONL or folder run.
"""
from typing import Any

from unwiki.sinks.base import Sink
from unwiki.sinks.folder import FolderSink, filename_for
from unwiki.sinks.jsonl import JsonlSink
from unwiki.sinks.logfile import LogFile
from unwiki.sinks.stream import StreamSink

_ARROW = {"ParquetSink": "unwiki.sinks.parquet", "ARROW_SCHEMA": "unwiki.sinks.schema",
          "records_to_table": "unwiki.sinks.schema", "table_to_records": "unwiki.sinks.schema"}

__all__ = [
    "ARROW_SCHEMA", "FolderSink", "JsonlSink", "LogFile", "ParquetSink", "Sink", "StreamSink",
    "filename_for", "records_to_table", "table_to_records",
]


def __getattr__(name: str) -> Any:
    if name in _ARROW:
        import importlib

        return getattr(importlib.import_module(_ARROW[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
