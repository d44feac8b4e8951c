"""The Arrow schema of a converted page: FORMAT.md's JSON object as typed columns.

Shared by the Parquet sink and the Spark converter. One deliberate difference from the
JSON: a reference's `fields` ({name: value}) is a list of {key, value} structs, because
Arrow map columns do not load everywhere (Hugging Face `datasets`, older readers) and the
list keeps the template's parameter order.
"""
from __future__ import annotations

import sys
from collections.abc import Iterable, Mapping
from typing import Any

import pyarrow as pa

from unwiki.sinks.arrow_load import refusing

_str = pa.string()
_strings = pa.list_(_str)

ARROW_SCHEMA = pa.schema([
    pa.field("title", _str),
    pa.field("ns", pa.int32()),
    pa.field("page_id", pa.int64()),
    pa.field("rev_id", pa.int64()),
    pa.field("timestamp", _str),
    pa.field("lang", _str),
    pa.field("redirect", _str),
    pa.field("disambiguation", pa.bool_()),
    pa.field("text", _str),
    pa.field("sections", pa.list_(pa.struct([
        pa.field("title", _str), pa.field("level", pa.int32()), pa.field("text", _str)]))),
    pa.field("infoboxes", pa.list_(pa.struct([
        pa.field("template", _str), pa.field("title", _str),
        pa.field("fields", pa.list_(pa.struct([
            pa.field("key", _str), pa.field("label", _str), pa.field("text", _str),
            pa.field("links", _strings)])))]))),
    pa.field("tables", pa.list_(pa.struct([
        pa.field("section", _str), pa.field("caption", _str), pa.field("header_rows", pa.int32()),
        pa.field("rows", pa.list_(_strings))]))),
    pa.field("links", pa.list_(pa.struct([pa.field("target", _str), pa.field("text", _str)]))),
    pa.field("external_links", pa.list_(pa.struct([pa.field("url", _str), pa.field("text", _str)]))),
    pa.field("categories", _strings),
    pa.field("templates", pa.list_(pa.struct([
        pa.field("name", _str), pa.field("how", _str), pa.field("count", pa.int32())]))),
    pa.field("references", pa.list_(pa.struct([
        pa.field("name", _str), pa.field("text", _str), pa.field("template", _str),
        pa.field("fields", pa.list_(pa.struct([pa.field("key", _str), pa.field("value", _str)]))),
        pa.field("url", _str), pa.field("title", _str)]))),
    pa.field("images", pa.list_(pa.struct([pa.field("file", _str), pa.field("caption", _str)]))),
    pa.field("hatnotes", _strings),
    pa.field("interwiki", pa.list_(pa.struct([pa.field("lang", _str), pa.field("title", _str)]))),
    pa.field("errors", pa.list_(pa.struct([pa.field("kind", _str), pa.field("message", _str)]))),
])

COLUMNS = tuple(ARROW_SCHEMA.names)


# _arrow_references builds each reference as a tuple in this order: the struct's own
_REFERENCE_ORDER = ("name", "text", "template", "fields", "url", "title")
if tuple(f.name for f in ARROW_SCHEMA.field("references").type.value_type) != _REFERENCE_ORDER:
    raise RuntimeError("sinks.schema: the references struct changed; update _arrow_references")


def _arrow_references(refs: list[Mapping[str, Any]] | None) -> list[Any] | None:
    """A page's references with `fields` as the schema's key/value list.

    Each reference whose `fields` is a mapping becomes a tuple in the struct's field order and
    each field a (key, value) tuple: `pa.array` takes tuples for structs, and they cost less
    to make (no copy of the reference's dict) and to convert than dicts (same table)."""
    if not refs:
        return refs
    out: list[Any] = []
    for ref in refs:
        fields = ref.get("fields")
        if isinstance(fields, Mapping):
            get = ref.get
            out.append((get("name"), get("text"), get("template"),
                        [(k if type(k) is str else str(k),
                          v if v is None or type(v) is str else str(v))
                         for k, v in fields.items()],
                        get("url"), get("title")))
        else:
            out.append(ref)
    return out


def records_to_table(records: Iterable[Mapping[str, Any]]) -> pa.Table:
    """Page records (FORMAT.md JSON objects, extra keys ignored) -> an Arrow table of ARROW_SCHEMA.

    Built column by column (one `pa.array` per field): `Table.from_pylist` on the same rows
    measured 2.5x slower, which made Parquet output cost as much as parsing the page. In a
    worker, call `arrow_without_pandas_probe` first."""
    records = records if isinstance(records, list) else list(records)
    columns = []
    for f in ARROW_SCHEMA:
        values = [r.get(f.name) for r in records]
        if f.name == "references":
            values = [_arrow_references(v) for v in values]
        columns.append(pa.array(values, type=f.type))
    return pa.Table.from_arrays(columns, schema=ARROW_SCHEMA)


def arrow_without_pandas_probe() -> None:
    """Call once in a worker process of our own, before its first `records_to_table`.

    pyarrow's `pa.array` first asks whether the values are a pandas object, and to ask it
    imports pandas when installed: 0.24 s in every worker, for lists that never are. Here
    that question is answered "no pandas" once (see sinks.arrow_load); pyarrow still
    imports pandas when asked for it by name (`to_pandas`).
    Built this way a table costs half what Arrow's JSON reader took from the same records'
    JSON lines (jawiki benchmark dump: 0.08 s against 0.18 s)."""
    if "pandas" in sys.modules:
        return                          # already paid for: nothing to save
    with refusing("pandas"):
        pa.array([""], type=_str)


def table_to_records(table: pa.Table) -> list[dict[str, Any]]:
    """Back to FORMAT.md JSON objects (reference fields as a dict again), for readers and tests."""
    out = table.to_pylist()
    for rec in out:
        for ref in rec.get("references") or []:
            if isinstance(ref.get("fields"), list):
                ref["fields"] = {kv["key"]: kv["value"] for kv in ref["fields"]}
    return out
