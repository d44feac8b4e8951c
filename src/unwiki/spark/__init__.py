"""Spark: read a MediaWiki dump as a DataFrame in parallel and convert it with unwiki.

    from unwiki.spark import read_dump, convert, convert_dump
    pages = read_dump(spark, "xxwiki-pages-articles-multistream.xml.bz2")   # raw pages
    out = convert_dump(spark, "xxwiki-pages-articles-multistream.xml.bz2")  # Parquet columns
    out.write.parquet("out/")

Needs pyspark with pandas and pyarrow on the driver and the executors (mapInArrow).
"""
from unwiki.spark.convert import collect_templates, convert, convert_dump
from unwiki.spark.reader import dump_plan, dump_siteinfo, read_dump
from unwiki.spark.schema import pages_schema, records_schema

__all__ = ["collect_templates", "convert", "convert_dump", "dump_plan", "dump_siteinfo", "pages_schema",
           "read_dump", "records_schema"]
