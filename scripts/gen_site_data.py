#!/usr/bin/env python3
"""Build unwiki's per-language site data (src/unwiki/site/data/*.json) from MediaWiki's own files.

Only facts are written (namespace names, aliases, magic-word synonyms, link trails, month
names, digit separators, language names); MediaWiki's files stay outside the project.

usage:
  gen_site_data.py site MEDIAWIKI_DIR [--dumps DIR ...] [--out DIR]
      MEDIAWIKI_DIR: a MediaWiki core tree (languages/messages/Messages*.php, languages/i18n/*.json)
      --dumps: folders searched for *.xml / *.xml.bz2 dumps whose <siteinfo> gives each wiki's
               real namespace names (project, portal, module namespaces are per-wiki settings)
  gen_site_data.py langnames CLDR_DIR [--out DIR]
      CLDR_DIR: a mediawiki-extensions-cldr tree (CldrMain/*.php, LocalNames/*.php)
"""
from __future__ import annotations

import argparse
import bz2
import json
import re
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "src" / "unwiki" / "site" / "data"

# The wikis unwiki ships data for: every language of the shared corpus, ltg, and the big ones.
WIKIS = """af als am an ar arz ast az azb ba bar bg bn br bs ca ce ceb ckb cs cv cy da de el en eo es et eu
fa fi fo fr fy ga gd gl he hi hr hsb ht hu hy ia id io is it ja jv ka kk kn ko ku ky la lb li lmo lt ltg lv
mg mk ml mn mr mrj ms my mzn nap nds ne new nl nn no oc or os pa pl pms pnb pt qu ro ru sa sah scn sh si
simple sk sl sq sr sv sw ta te tg th tl tr tt uk ur uz vec vi vo war yi yo zh""".split()

# Wikipedia code -> MediaWiki content language code, where they differ.
CONTENT_LANG = {"als": "gsw", "simple": "en", "no": "nb", "bat-smg": "sgs", "be-x-old": "be-tarask",
                "zh-classical": "lzh", "zh-yue": "yue", "zh-min-nan": "nan", "fiu-vro": "vro",
                "roa-rup": "rup", "map-bms": "jv-x-bms", "nrm": "nrf"}

# $wgMetaNamespace / $wgSitename of Wikimedia wikis whose project namespace is not "Wikipedia"
# (wmf-config InitialiseSettings.php); used when no dump's siteinfo says it.
SITENAME = {"fr": "Wikipédia", "ru": "Википедия", "kk": "Уикипедия", "uk": "Вікіпедія", "be": "Вікіпедыя",
            "bg": "Уикипедия", "sr": "Википедија", "mk": "Википедија", "ky": "Википедия", "tg": "Википедиа",
            "cv": "Википеди", "ba": "Википедия", "ce": "Википеди", "os": "Википеди", "sah": "Бикипиэдьийэ",
            "mn": "Википедиа", "el": "Βικιπαίδεια", "he": "ויקיפדיה", "yi": "װיקיפּעדיע", "ar": "ويكيبيديا",
            "arz": "ويكيبيديا", "fa": "ویکی‌پدیا", "ur": "ویکیپیڈیا", "hi": "विकिपीडिया", "mr": "विकिपीडिया",
            "bn": "উইকিপিডিয়া", "ta": "விக்கிப்பீடியா", "te": "వికీపీడియా", "kn": "ವಿಕಿಪೀಡಿಯ",
            "ml": "വിക്കിപീഡിയ", "th": "วิกิพีเดีย", "ka": "ვიკიპედია", "hy": "Վիքիփեդիա",
            "ko": "위키백과", "pt": "Wikipédia", "ca": "Viquipèdia", "oc": "Wikipèdia", "eo": "Vikipedio",
            "tr": "Vikipedi", "az": "Vikipediya", "uz": "Vikipediya", "et": "Vikipeedia", "fi": "Wikipedia",
            "lt": "Vikipedija", "lv": "Vikipēdija", "sl": "Wikipedija", "hr": "Wikipedija", "bs": "Wikipedia",
            "sh": "Wikipedia", "pl": "Wikipedia", "cs": "Wikipedie", "sk": "Wikipédia", "hu": "Wikipédia",
            "la": "Vicipaedia", "ga": "Vicipéid", "gd": "Uicipeid", "cy": "Wicipedia", "br": "Wikipedia",
            "is": "Wikipedia", "fo": "Wikipedia", "ltg": "Vikipedeja", "io": "Wikipedio", "vo": "Vükiped",
            "ku": "Wîkîpediya", "ckb": "ویکیپیدیا", "pnb": "وکیپیڈیا", "mzn": "ویکی‌پدیا", "azb": "ویکی‌پدیا"}
# Wiki-specific namespace shortcuts ($wgNamespaceAliases in wmf-config).
EXTRA_ALIASES = {"en": {"WP": 4, "WT": 5, "TM": 10, "Project": 4, "Project talk": 5},
                 "simple": {"WP": 4, "WT": 5}, "fr": {"WP": 4, "Discussion Wikipedia": 5},
                 "de": {"WP": 4, "WD": 5}, "ru": {"ВП": 4, "ВТ": 5, "ВП:": 4, "Инкубатор": 102},
                 "zh": {"WP": 4, "维基百科": 4, "維基百科": 4, "T": 10, "CAT": 14, "H": 12, "P": 100},
                 "ja": {"WP": 4}, "uk": {"ВП": 4}}

NS_CONST = {
    "NS_MEDIA": -2, "NS_SPECIAL": -1, "NS_MAIN": 0, "NS_TALK": 1, "NS_USER": 2, "NS_USER_TALK": 3,
    "NS_PROJECT": 4, "NS_PROJECT_TALK": 5, "NS_FILE": 6, "NS_IMAGE": 6, "NS_FILE_TALK": 7,
    "NS_IMAGE_TALK": 7, "NS_MEDIAWIKI": 8, "NS_MEDIAWIKI_TALK": 9, "NS_TEMPLATE": 10,
    "NS_TEMPLATE_TALK": 11, "NS_HELP": 12, "NS_HELP_TALK": 13, "NS_CATEGORY": 14, "NS_CATEGORY_TALK": 15,
}

# Magic words worth knowing at parse time (image options, redirect, behaviour switches).
MAGIC = ["redirect", "notoc", "nogallery", "forcetoc", "toc", "noeditsection", "notitleconvert",
         "nocontentconvert", "index", "noindex", "staticredirect", "hiddencat", "newsectionlink",
         "nonewsectionlink", "expectunusedcategory", "disambiguation", "displaytitle", "defaultsort",
         "img_thumbnail", "img_manualthumb", "img_right", "img_left", "img_none", "img_center",
         "img_framed", "img_frameless", "img_page", "img_upright", "img_border", "img_baseline",
         "img_sub", "img_super", "img_top", "img_text_top", "img_middle", "img_bottom",
         "img_text_bottom", "img_link", "img_alt", "img_class", "img_lang", "img_width",
         "int", "ns", "lc", "uc", "lcfirst", "ucfirst", "formatnum", "plural", "grammar", "gender",
         "padleft", "padright", "currentyear", "currentmonth", "currentday", "pagename", "fullpagename",
         "sitename", "tag", "subst", "safesubst", "msg", "msgnw", "raw", "localurl", "fullurl", "urlencode",
         "anchorencode", "language", "contentlanguage", "special", "speciale", "filepath", "formatdate"]

TOKEN = re.compile(r"""\s+|//[^\n]*|\#[^\n]*|/\*.*?\*/|'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|=>|\barray\s*\(|[\[\](),]|[A-Za-z_][A-Za-z0-9_]*|-?\d+""", re.S)


def php_string(tok: str) -> str:
    body = tok[1:-1]
    if tok[0] == "'":
        return re.sub(r"\\([\\'])", r"\1", body)
    body = re.sub(r"\\u\{([0-9a-fA-F]+)\}", lambda m: chr(int(m.group(1), 16)), body)
    return body.replace('\\"', '"').replace("\\n", "\n").replace("\\\\", "\\").replace("\\$", "$")


def parse_php_value(src: str, pos: int):
    """Parse one PHP literal (array, string, number, constant) starting at `pos`; (value, end)."""
    tokens = []
    depth = 0
    for m in TOKEN.finditer(src, pos):
        tok = m.group(0)
        if tok.isspace() or tok.startswith(("//", "#", "/*")):
            continue
        tokens.append(tok)
        if tok in ("[",) or tok.startswith("array"):
            depth += 1
        elif tok in ("]", ")"):
            depth -= 1
        if depth == 0:
            return _build(tokens), m.end()
    raise ValueError("unterminated PHP literal")


def _build(tokens: list[str]):
    it = iter(tokens)

    def value(tok: str):
        if tok == "[" or tok.startswith("array"):
            close = "]" if tok == "[" else ")"
            items, keyed = [], False
            tok = next(it)
            while tok != close:
                v = value(tok)
                tok = next(it)
                if tok == "=>":
                    keyed = True
                    v2 = value(next(it))
                    items.append((v, v2))
                    tok = next(it)
                else:
                    items.append((None, v))
                if tok == ",":
                    tok = next(it)
            return dict(items) if keyed else [v for _, v in items]
        if tok[0] in "'\"":
            return php_string(tok)
        if re.fullmatch(r"-?\d+", tok):
            return int(tok)
        if tok.lower() in ("true", "false", "null"):
            return {"true": True, "false": False, "null": None}[tok.lower()]
        return NS_CONST.get(tok, tok)

    return value(next(it))


def php_vars(path: Path) -> dict:
    """The top-level `$name = literal;` assignments of a Messages*.php file."""
    src = path.read_text(encoding="utf-8")
    out = {}
    for m in re.finditer(r"^\$(\w+)\s*=\s*", src, re.M):
        try:
            out[m.group(1)], _ = parse_php_value(src, m.end())
        except (ValueError, StopIteration):
            continue
    return out


def messages_file(mw: Path, code: str) -> Path:
    name = code.replace("-", "_")
    return mw / "languages" / "messages" / f"Messages{name[:1].upper()}{name[1:]}.php"


def chain(mw: Path, code: str) -> list[dict]:
    """Vars of `code` and its fallbacks, most specific first, ending with English."""
    seen, out, todo = set(), [], [code]
    while todo:
        c = todo.pop(0)
        if c in seen:
            continue
        seen.add(c)
        f = messages_file(mw, c)
        if not f.exists():
            continue
        v = php_vars(f)
        v["_code"] = c
        out.append(v)
        fb = v.get("fallback")
        if isinstance(fb, str):
            todo = [x.strip() for x in fb.split(",")] + todo
    if "en" not in seen:
        out.append({**php_vars(messages_file(mw, "en")), "_code": "en"})
    return out


def link_trail_regex(php_regex: str) -> str:
    """MediaWiki's `/^([a-z]+)(.*)$/sD` -> the Python pattern of the trail itself (`[a-z]+`), '' if none."""
    m = re.match(r"^/\^\((.*)\)\(\.\*\)\$/[a-zA-Z]*$", php_regex, re.S)
    if not m:
        return ""
    inner = m.group(1)
    inner = re.sub(r"\\x\{([0-9a-fA-F]+)\}", lambda k: chr(int(k.group(1), 16)), inner)
    inner = re.sub(r"\\p\{L[lu]?\}", lambda _: "^\\W\\d_", inner)  # letters, Python-style, in a class
    return inner


def months(mw: Path, codes: list[str]) -> dict:
    out: dict[str, list[str]] = {}
    for code in codes:
        f = mw / "languages" / "i18n" / f"{code}.json"
        if not f.exists():
            continue
        msgs = json.loads(f.read_text(encoding="utf-8"))
        for key, names in (("months", [m for m in MONTH_KEYS]), ("months_gen", [m.replace("_long", "") + "-gen" for m in MONTH_KEYS]),
                           ("months_abbr", ABBR_KEYS)):
            if key not in out and all(k in msgs for k in names):
                out[key] = [msgs[k] for k in names]
    return out


MONTH_KEYS = ["january", "february", "march", "april", "may_long", "june", "july", "august", "september",
              "october", "november", "december"]
ABBR_KEYS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]


def read_siteinfo(path: Path) -> dict | None:
    opener = bz2.open if path.suffix == ".bz2" else open
    try:
        with opener(path, "rb") as fh:
            head = fh.read(200_000)
    except OSError:
        return None
    for enc in ("utf-8", "utf-16"):
        try:
            text = head.decode(enc, errors="ignore")
        except LookupError:
            continue
        m = re.search(r"<siteinfo>(.*?)</siteinfo>", text, re.S)
        if m:
            break
    else:
        return None
    si = m.group(1)
    base = re.search(r"<base>(.*?)</base>", si)
    db = re.search(r"<dbname>(.*?)</dbname>", si)
    ns = {int(k): unescape(v) for k, v in re.findall(r'<namespace key="(-?\d+)"[^>]*?>([^<]*)</namespace>', si)}
    case = re.search(r"<case>(.*?)</case>", si)
    name = re.search(r"<sitename>(.*?)</sitename>", si)
    return {"base": base.group(1) if base else "", "dbname": db.group(1) if db else "", "namespaces": ns,
            "case": case.group(1) if case else "first-letter", "sitename": unescape(name.group(1)) if name else ""}


def unescape(s: str) -> str:
    return s.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&#039;", "'")


def wiki_of(info: dict) -> str | None:
    m = re.match(r"https?://([a-z0-9-]+)\.wikipedia\.org", info.get("base", ""))
    if m:
        return m.group(1)
    db = info.get("dbname", "")
    if db.endswith("wiki") and db not in ("commonswiki", "wikidatawiki", "metawiki"):
        return db[:-4].replace("_", "-")
    return None


def siteinfos(dirs: list[Path]) -> dict[str, dict]:
    found: dict[str, dict] = {}
    for d in dirs:
        for f in sorted(list(d.rglob("*.xml")) + list(d.rglob("*.xml.bz2"))):
            info = read_siteinfo(f)
            if info and info["namespaces"]:
                wiki = wiki_of(info)
                if wiki == "en" and "minidump" in f.name and not f.name.startswith("en"):
                    continue  # DBpedia's minidumps all carry enwiki's siteinfo whatever their wiki
                if wiki and (wiki not in found or len(info["namespaces"]) > len(found[wiki]["namespaces"])):
                    found[wiki] = info
    return found


def build_wiki(mw: Path, wiki: str, info: dict | None) -> dict:
    code = CONTENT_LANG.get(wiki, wiki)
    layers = chain(mw, code)
    sitename = (info or {}).get("sitename") or SITENAME.get(wiki, "Wikipedia")
    names: dict[int, str] = {}
    aliases: dict[str, int] = {}
    for layer in reversed(layers):  # English first, the language itself last (wins)
        for ns, name in (layer.get("namespaceNames") or {}).items():
            if isinstance(ns, int) and isinstance(name, str):
                names[ns] = name
        for alias, ns in (layer.get("namespaceAliases") or {}).items():
            if isinstance(ns, int):
                aliases[alias] = ns
        for ns, genders in (layer.get("namespaceGenderAliases") or {}).items():
            if isinstance(ns, int) and isinstance(genders, dict):
                for alias in genders.values():
                    aliases[alias] = ns
    # The language's own canonical names; English ones stay accepted (config adds them).
    own = {}
    for layer in layers:
        if layer["_code"] == "en":
            break
        for ns, name in (layer.get("namespaceNames") or {}).items():
            if isinstance(ns, int) and ns not in own and isinstance(name, str):
                own[ns] = name
    final = {ns: names[ns] for ns in names}
    final.update(own)
    if info:  # the wiki's real names (project namespace, extra namespaces)
        for ns, name in info["namespaces"].items():
            if name:
                if ns in final and final[ns].replace("$1", sitename).replace("_", " ") != name:
                    aliases.setdefault(final[ns], ns)
                final[ns] = name
    final.setdefault(4, "$1")
    final = {ns: n.replace("$1", sitename.replace(" ", "_")).replace("_", " ") for ns, n in final.items() if n}
    aliases = {a.replace("$1", sitename.replace(" ", "_")).replace("_", " "): ns for a, ns in aliases.items()
               if "$1" not in a or sitename}
    for ns, name in names.items():  # fallback-language names stay accepted as aliases
        if name and ns in final:
            alias = name.replace("$1", sitename.replace(" ", "_")).replace("_", " ")
            if alias != final[ns]:
                aliases.setdefault(alias, ns)
    magic: dict[str, list[str]] = {}
    for layer in layers:  # MediaWiki merges synonyms over the fallback chain, the language's first
        for key, entry in (layer.get("magicWords") or {}).items():
            if key in MAGIC and isinstance(entry, list) and len(entry) > 1:
                syn = magic.setdefault(key, [])
                for word in entry[1:]:
                    if isinstance(word, str) and word not in syn:
                        syn.append(word)
    trail = next((layer["linkTrail"] for layer in layers if isinstance(layer.get("linkTrail"), str)), "")
    seps = next((layer["separatorTransformTable"] for layer in layers
                 if isinstance(layer.get("separatorTransformTable"), dict)), {})
    digits = next((layer["digitTransformTable"] for layer in layers
                   if isinstance(layer.get("digitTransformTable"), dict)), None)
    out = {
        "wiki": wiki, "content_language": code,
        "fallback": [layer["_code"] for layer in layers[1:]],
        "namespaces": {str(k): v for k, v in sorted(final.items()) if k != 0},
        "namespace_aliases": {a: ns for a, ns in sorted({**aliases, **EXTRA_ALIASES.get(wiki, {})}.items())
                              if a and "{{" not in a and final.get(ns) != a},
        "redirect": magic.get("redirect", ["#REDIRECT"]),
        "case": (info or {}).get("case", "first-letter"),
        "sitename": sitename,
        "server": f"https://{wiki}.wikipedia.org" if wiki != "simple" else "https://simple.wikipedia.org",
        "link_trail": link_trail_regex(trail),
        "rtl": bool(next((layer.get("rtl") for layer in layers if "rtl" in layer), False)),
        "separators": {k: v for k, v in seps.items() if isinstance(v, str)},
        "magic_words": magic,
    }
    if digits:
        out["digits"] = {k: v for k, v in digits.items() if isinstance(v, str)}
    out.update(months(mw, [layer["_code"] for layer in layers]))
    return out


def cmd_site(args: argparse.Namespace) -> None:
    mw = Path(args.source)
    infos = siteinfos([Path(d) for d in args.dumps])
    out = Path(args.out)
    for wiki in WIKIS:
        code = CONTENT_LANG.get(wiki, wiki)
        if not messages_file(mw, code).exists() and not messages_file(mw, code.split("-")[0]).exists():
            print(f"skip {wiki}: no Messages file for {code}", file=sys.stderr)
            continue
        data = build_wiki(mw, wiki, infos.get(wiki))
        (out / f"{wiki}.json").write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {len(WIKIS)} wikis ({len(infos)} with siteinfo) to {out}")


DISPLAY = ["en", "fr", "zh", "zh-hant", "de", "ru", "ja", "kk", "es", "it", "uk"]


def cmd_langnames(args: argparse.Namespace) -> None:
    cldr = Path(args.source)
    result: dict[str, dict[str, str]] = {}
    for disp in DISPLAY:
        code = {"zh": "zh-hans"}.get(disp, disp)
        fname = code.replace("-", "_")
        fname = fname[:1].upper() + fname[1:]
        names: dict[str, str] = {}
        for f in (cldr / "CldrMain" / f"CldrMain{fname}.php", cldr / "LocalNames" / f"LocalNames{fname}.php"):
            if f.exists():
                v = php_vars(f).get("languageNames") or {}
                names.update({k: val for k, val in v.items() if isinstance(val, str)})
        if names:
            result[disp] = dict(sorted(names.items()))
    out = Path(args.out) / "_langnames.json"
    out.write_text(json.dumps(result, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(f"wrote language names for {', '.join(result)} to {out}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("site")
    s.add_argument("source")
    s.add_argument("--dumps", nargs="*", default=[])
    s.add_argument("--out", default=str(OUT))
    s.set_defaults(func=cmd_site)
    ln = sub.add_parser("langnames")
    ln.add_argument("source")
    ln.add_argument("--out", default=str(OUT))
    ln.set_defaults(func=cmd_langnames)
    args = ap.parse_args()
    args.func(args)


if __name__ == "__main__":
    main()
