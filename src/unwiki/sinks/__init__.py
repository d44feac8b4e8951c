"""Where converted pages go: JSONL, Parquet shards, folders of .txt/.md/.json, a stream."""
from unwiki.sinks.base import Sink
from unwiki.sinks.folder import FolderSink, filename_for
from unwiki.sinks.jsonl import JsonlSink
from unwiki.sinks.logfile import LogFile
from unwiki.sinks.parquet import ParquetSink
from unwiki.sinks.schema import ARROW_SCHEMA, records_to_table, table_to_records
from unwiki.sinks.stream import StreamSink

__all__ = [
    "ARROW_SCHEMA", "FolderSink", "JsonlSink", "LogFile", "ParquetSink", "Sink", "StreamSink",
    "filename_for", "records_to_table", "table_to_records",
]
