"""A dump as a Spark DataFrame of pages, read in parallel by the executors.

The driver reads only the multistream index and the `<siteinfo>` header, plans byte
ranges (ranges.py), and ships those few rows; each executor opens the file itself, seeks,
decompresses its streams and parses its pages with sources.page.parse_page. The dump must
therefore sit at a path every executor can open (local file in local mode, a shared mount
on a cluster).
"""
from __future__ import annotations

import logging
import math
import os
from collections.abc import Iterator
from dataclasses import astuple
from typing import TYPE_CHECKING

import pyarrow as pa

from unwiki.sources.multistream import BadIndex, MultistreamDump, index_beside
from unwiki.sources.page import parse_page
from unwiki.sources.siteinfo import SiteInfo, site_from_siteinfo
from unwiki.sources.xmldump import XmlDump
from unwiki.spark.ranges import ByteRange, plan_file, plan_streams, range_pages
from unwiki.spark.schema import PAGES_ARROW_SCHEMA, RANGES_DDL, pages_schema

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

BATCH_ROWS = 256
log = logging.getLogger(__name__)
PARTITION_BYTES = 32 << 20   # compressed bytes per partition when the count is not given


def _multistream(path: str, index: str | None) -> MultistreamDump | None:
    """The dump served by its index (given, or found beside it), or None: no index, or one
    that cannot be read (a warning; the dump is then read whole, as the one .bz2 it is)."""
    index = index or index_beside(path)
    if not index:
        return None
    try:
        return MultistreamDump(path, index)
    except BadIndex as exc:
        log.warning("%s; reading %s whole, in one partition", exc, path)
        return None


def dump_plan(path: str, index: str | None = None, partitions: int = 2,
              slice_bytes: int = 8 << 20) -> tuple[SiteInfo, list[ByteRange]]:
    """The dump's siteinfo and its byte ranges (multistream by the index when one is given
    or lies beside the dump, sliced when plain XML, else the whole file)."""
    multi = _multistream(path, index)
    if multi is not None:
        return multi.siteinfo, plan_streams(multi, partitions)
    dump = XmlDump(path)
    try:
        info = dump.siteinfo
    finally:
        dump.close()
    return info, plan_file(path, partitions, slice_bytes)


def ranges_pages(rows: Iterator[dict], info: SiteInfo, lang: str | None) -> Iterator[pa.RecordBatch]:
    """Executor side: byte ranges in, Arrow batches of parsed pages out."""
    site = site_from_siteinfo(info, lang)
    names = PAGES_ARROW_SCHEMA.names
    batch: list[dict] = []
    for row in rows:
        rng = ByteRange(**{**row, "cuts": tuple(row["cuts"] or ())})    # RANGES_DDL names its fields
        for fragment in range_pages(rng):
            for page in parse_page(fragment, site):
                batch.append({name: getattr(page, name) for name in names})
                if len(batch) >= BATCH_ROWS:
                    yield pa.RecordBatch.from_pylist(batch, schema=PAGES_ARROW_SCHEMA)
                    batch = []
    if batch:
        yield pa.RecordBatch.from_pylist(batch, schema=PAGES_ARROW_SCHEMA)


def read_dump(spark: SparkSession, path: str, index: str | None = None, *,
              partitions: int | None = None, lang: str | None = None,
              slice_bytes: int = 8 << 20) -> DataFrame:
    """Pages of a MediaWiki XML dump (latest revision each) as a DataFrame with the columns
    title, ns, page_id, rev_id, timestamp, text, redirect, model, format, in dump order.

    `partitions` defaults to the cluster's parallelism or one per 32 MB of file, whichever
    is more (a multistream dump cannot have more partitions than it has streams).
    """
    path = os.path.abspath(path)
    if partitions is None:
        partitions = max(spark.sparkContext.defaultParallelism,
                         math.ceil(os.path.getsize(path) / PARTITION_BYTES))
    info, ranges = dump_plan(path, index and os.path.abspath(index), partitions, slice_bytes)
    rows = [astuple(r) for r in ranges]
    # parallelize with one slice per range: each range becomes exactly one partition
    rdd = spark.sparkContext.parallelize(rows, len(rows))
    plan = spark.createDataFrame(rdd, RANGES_DDL)

    def read(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        for b in batches:
            yield from ranges_pages(iter(b.to_pylist()), info, lang)

    return plan.mapInArrow(read, pages_schema())


def dump_siteinfo(path: str, index: str | None = None) -> SiteInfo:
    """The `<siteinfo>` of a dump (what convert() needs to know the wiki), read on the driver."""
    multi = _multistream(path, index)
    if multi is not None:
        return multi.siteinfo
    dump = XmlDump(path)
    try:
        return dump.siteinfo
    finally:
        dump.close()
