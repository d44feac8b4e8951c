"""Where pages come from: XML dumps (plain, .bz2, .gz, multistream), page files, stdin.

Readers hand out raw page bytes and the wiki's SiteConfig; parsing happens in the workers.
"""
from unwiki.sources.files import is_dump, page_files, read_page_file, title_from_filename
from unwiki.sources.multistream import MultistreamDump, index_beside
from unwiki.sources.page import PageData, parse_page, redirect_target
from unwiki.sources.siteinfo import SiteInfo, site_from_siteinfo
from unwiki.sources.xmldump import DumpError, RawChunk, XmlDump, page_spans

__all__ = [
    "DumpError", "MultistreamDump", "PageData", "RawChunk", "SiteInfo", "XmlDump", "index_beside",
    "is_dump", "page_files", "page_spans", "parse_page", "read_page_file", "redirect_target",
    "site_from_siteinfo", "title_from_filename",
]
