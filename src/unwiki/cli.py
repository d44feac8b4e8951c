"""The `unwiki` command: convert pages, folders and whole dumps; expand templates."""
from __future__ import annotations

import argparse
import os
import sys

MAIN_EPILOG = """\
examples:
  unwiki convert Page.wiki                       clean text of one page to stdout
  unwiki convert Page.wiki -f markdown -o Page.md
  cat Page.wiki | unwiki convert - --title "Page" -f json
  unwiki convert pages/ -o out/ -f text          a folder of .wiki files -> a folder of .txt
  unwiki convert ltgwiki-pages-articles.xml.bz2 -o out/ -f parquet
  unwiki expand Page.wiki --lang de              wikitext after template expansion

Run `unwiki convert --help` for every option of a conversion.
"""

CONVERT_EPILOG = """\
inputs:
  .wiki/.wikitext/.txt files (title = file name, `_` -> space, %%XX decoded), folders of
  them (recursive), `-` for stdin, and MediaWiki XML dumps (.xml, .xml.bz2, .xml.gz;
  UTF-8 or UTF-16). A multistream dump (`…-multistream.xml.bz2`) is read stream by stream
  in parallel when its index (`…-multistream-index.txt.bz2`) lies beside it or is given
  with --index.

outputs (-o):
  one page, no -o           the page on stdout (text, markdown or json)
  -f jsonl -o out.jsonl     one JSON object per line (.gz / .zst compress); side files
                            out.errors.jsonl, out.summary.json beside it
  -f jsonl|parquet|text|markdown|json -o DIR
                            DIR/pages.jsonl, DIR/part-00000.parquet…, or one file per page;
                            always DIR/errors.jsonl (pages that failed) and DIR/summary.json

examples:
  unwiki convert ltgwiki.xml.bz2 -o out -f parquet
      all articles (namespace 0) to Parquet shards; then
      duckdb -c "SELECT count(*) FROM 'out/*.parquet'"
  unwiki convert enwiki-…-multistream.xml.bz2 -o en.jsonl.zst --workers 16 --progress
  unwiki convert dump.xml.bz2 -o out -f text --ns 0,14 --limit 1000
  unwiki convert dump.xml.bz2 -o out -f jsonl --titles wanted.txt --redirects map
  unwiki convert dump.xml.bz2 -o out -f parquet --resume     continue an interrupted run

Every page read is written, skipped (redirect, namespace, filter, non-wikitext) or failed
(an error record with title, id, kind and message in errors.jsonl); the run goes on past
failing pages. A dump that breaks off (truncated, corrupt) stops reading with a message
naming the byte offset and the last complete page; everything before it is written and the
exit status is 3.
"""


def _ns_list(value: str) -> frozenset[int] | str:
    if value.strip().lower() == "all":
        return "all"
    try:
        return frozenset(int(v) for v in value.split(",") if v.strip())
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"--ns takes numbers like 0,14 or 'all', not {value!r}") from exc


def build_parser() -> argparse.ArgumentParser:
    from unwiki import __version__, build_kind

    parser = argparse.ArgumentParser(
        prog="unwiki", formatter_class=argparse.RawDescriptionHelpFormatter, epilog=MAIN_EPILOG,
        description="MediaWiki wikitext -> the clean text a reader sees, Markdown, or structured "
                    "JSON; from one page to a whole Wikipedia dump.")
    parser.add_argument("--version", action="version", version=f"unwiki {__version__} ({build_kind()})")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    c = sub.add_parser("convert", help="convert pages, folders or dumps",
                       formatter_class=argparse.RawDescriptionHelpFormatter, epilog=CONVERT_EPILOG,
                       description="Convert wikitext pages or MediaWiki XML dumps to text, Markdown, "
                                   "JSON, JSONL or Parquet.")
    c.add_argument("inputs", nargs="+", metavar="INPUT", help="page file, folder, dump, or - for stdin")
    c.add_argument("-o", "--output", metavar="OUT", help="output file or folder (default: stdout for one page)")
    c.add_argument("-f", "--format", choices=["text", "markdown", "json", "jsonl", "parquet"],
                   help="output format (default: text for one page, jsonl otherwise, or from OUT's extension)")
    c.add_argument("--title", help="title of a single page (default: the file name)")
    c.add_argument("--lang", help="wiki language (default: from the dump's siteinfo, else en)")
    c.add_argument("--workers", type=int, metavar="N",
                   help=f"worker processes (default: all cores = {os.cpu_count()}; 0 = convert in this process)")
    c.add_argument("--ns", type=_ns_list, metavar="0,14",
                   help="namespaces to convert from dumps (default 0 = articles; 'all' for every one)")
    c.add_argument("--limit", type=int, metavar="N", help="stop after N pages have been taken for conversion")
    c.add_argument("--titles", metavar="FILE", help="convert only the titles listed in FILE (one per line)")
    c.add_argument("--redirects", choices=["skip", "keep", "map"], default="skip",
                   help="redirect pages: skip them (default), keep them as records, or map: write "
                        "title -> target to redirects.tsv (or --redirect-map FILE.jsonl)")
    c.add_argument("--redirect-map", metavar="FILE", help="where --redirects map writes (.tsv or .jsonl)")
    c.add_argument("--ordered", action="store_true", help="write pages in input order (default: as they finish)")
    c.add_argument("--resume", action="store_true",
                   help="continue an interrupted run into the same OUT, without duplicates or gaps")
    c.add_argument("--page-timeout", type=float, default=30.0, metavar="S",
                   help="give up on a page after S seconds and record it (default 30; 0 = no limit)")
    c.add_argument("--max-worker-mb", type=int, default=4096, metavar="MB",
                   help="restart a worker whose memory passes MB and record its page (default 4096; 0 = off)")
    c.add_argument("--progress", dest="progress", action="store_true", default=None,
                   help="show a progress bar on stderr (default: when stderr is a terminal)")
    c.add_argument("--no-progress", dest="progress", action="store_false")
    c.add_argument("--index", metavar="FILE", help="multistream index (default: found beside the dump)")
    c.add_argument("--templates", default="dump", metavar="dump|none|DIR",
                   help="template sources: the dump's own Template:/Module: pages (default), none, "
                        "or a folder of `Template%%3AName.wiki` files")
    c.add_argument("--all-revisions", action="store_true", help="one record per revision (default: latest only)")
    c.add_argument("--compression", choices=["none", "gz", "zst"], help="JSONL compression (default: from OUT)")
    c.add_argument("--part-rows", type=int, default=100_000, metavar="N", help="rows per Parquet part file")
    c.add_argument("--bz2-threads", type=int, default=0, metavar="N",
                   help="decompress .bz2 with indexed_bzip2 on N threads (default: the template "
                        "pre-pass of a plain .bz2 uses workers+1 threads, the conversion pass "
                        "reads its spill; 1: never in parallel)")
    c.add_argument("--spill-dir", metavar="DIR",
                   help="a plain .bz2 dump is decompressed once: the template pass keeps a zstd copy "
                        "here for the conversion pass (default: the system temp folder; made only "
                        "when it has room, deleted at the end)")
    c.add_argument("--no-spill", dest="spill", action="store_false",
                   help="decompress the dump again for the conversion pass instead")

    e = sub.add_parser("expand", help="print wikitext after template expansion",
                       formatter_class=argparse.RawDescriptionHelpFormatter,
                       epilog="example:\n  unwiki expand Page.wiki --templates templates/ --lang en\n")
    e.add_argument("input", metavar="FILE", help="page file or - for stdin")
    e.add_argument("--title", help="page title (default: the file name)")
    e.add_argument("--lang", default="en", help="wiki language (default en)")
    e.add_argument("--templates", metavar="DIR", help="folder of Template:/Module: page files")
    return parser


def _convert(args: argparse.Namespace) -> int:
    # before pyarrow loads: the system allocator returns freed Parquet buffers (flat memory)
    os.environ.setdefault("ARROW_DEFAULT_MEMORY_POOL", "system")
    if args.format == "parquet" or (args.output or "").endswith(".parquet"):
        from unwiki.sinks.arrow_load import load_pyarrow_without_numpy

        load_pyarrow_without_numpy()    # this process never needs numpy: 0.09 s less start-up
    from unwiki.runner import RunOptions, UsageError, run

    opts = RunOptions(
        inputs=args.inputs, output=args.output, format=args.format, title=args.title, lang=args.lang,
        workers=args.workers, namespaces=None if args.ns == "all" else args.ns, all_namespaces=args.ns == "all",
        titles_file=args.titles, limit=args.limit, redirects=args.redirects, redirect_map=args.redirect_map,
        ordered=args.ordered, resume=args.resume, page_timeout=args.page_timeout,
        max_worker_mb=args.max_worker_mb, progress=args.progress, index=args.index,
        templates=args.templates, all_revisions=args.all_revisions, compression=args.compression,
        part_rows=args.part_rows, bz2_threads=args.bz2_threads, spill=args.spill,
        spill_dir=args.spill_dir)
    try:
        summary = run(opts)
    except UsageError as exc:
        print(f"unwiki: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("unwiki: interrupted; what was converted is written (continue with --resume)", file=sys.stderr)
        return 130
    except OSError as exc:
        print(f"unwiki: error: {exc}", file=sys.stderr)
        return 1
    if summary.outputs_summary or summary.fatal:
        print(summary.describe(), file=sys.stderr)
    if summary.fatal:
        return 3
    # one page asked for and not converted: say so in the status too
    return 1 if summary.workers == 0 and summary.read == 1 and summary.failed else 0


def _expand(args: argparse.Namespace) -> int:
    import unwiki
    from unwiki.site.config import build_site
    from unwiki.sources.files import read_page_file, title_from_filename
    from unwiki.sources.templates import templates_from_folder

    if args.input == "-":
        text = sys.stdin.read()
        title = args.title
    else:
        try:
            text = read_page_file(args.input)
        except OSError as exc:
            print(f"unwiki: error: {exc}", file=sys.stderr)
            return 1
        title = args.title or title_from_filename(args.input)
    templates = templates_from_folder(args.templates, build_site(args.lang)) if args.templates else None
    sys.stdout.write(unwiki.expand(text, title=title, lang=args.lang, templates=templates))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command == "convert":
        return _convert(args)
    if args.command == "expand":
        return _expand(args)
    parser.print_help()
    return 0


if __name__ == "__main__":
    sys.exit(main())
