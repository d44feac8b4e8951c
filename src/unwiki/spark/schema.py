"""Spark schemas: raw pages as read from a dump, and converted pages as the Parquet sink
writes them (derived from sinks.schema.ARROW_SCHEMA, so the two can never drift apart)."""
from __future__ import annotations

import pyarrow as pa

from unwiki.sinks.schema import ARROW_SCHEMA

# One row per page (latest revision), the fields of sources.page.PageData.
PAGES_ARROW_SCHEMA = pa.schema([
    pa.field("title", pa.string()),
    pa.field("ns", pa.int32()),
    pa.field("page_id", pa.int64()),
    pa.field("rev_id", pa.int64()),
    pa.field("timestamp", pa.string()),
    pa.field("text", pa.string()),
    pa.field("redirect", pa.string()),
    pa.field("model", pa.string()),
    pa.field("format", pa.string()),
])

# a spark.ranges.ByteRange as a row: its fields, in their order
RANGES_DDL = "path string, kind string, start long, end long, cuts array<long>, header long"


def spark_type(schema: pa.Schema):
    """The Spark StructType of an Arrow schema (pyspark's own converter)."""
    from pyspark.sql.pandas.types import from_arrow_schema

    return from_arrow_schema(schema)


def pages_schema():
    return spark_type(PAGES_ARROW_SCHEMA)


def records_schema():
    """Spark schema of converted pages: the Parquet sink's columns, same names and order."""
    return spark_type(ARROW_SCHEMA)
