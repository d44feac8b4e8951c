"""Formatting templates that only style their text: the reader sees the text itself."""
from __future__ import annotations

from unwiki.expansion.builtin.args import Args
from unwiki.expansion.builtin.registry import builtin
from unwiki.expansion.context import ExpandContext


@builtin("nowrap", "nobr", "small", "smaller", "big", "larger", "resize", "1x", "nobold", "noitalic", "nobreak",
         "no wrap", "nw", "sup", "sub", "sc", "smallcaps", "small caps", "center", "centre", "centrer", "petit",
         "gris", "blanc", "surligner", "coloré", "color", "colour", "font color", "fontsize", "font", "texte",
         "mvar", "math", "var", "tooltip", "exp", "ind", "italic", "bold", "strong", "em", "code", "kbd", "samp",
         "lang-none", "allcaps", "lowercase", "uppercase", "abréviation discrète", "hidden ref", "wikt-lang",
         "jis2004フォント", "display none hidden", "nobr nombre", "c'est-à-dire",
         "retrait", "caché", "normal", "nom", "noble", "sp", "citation bloc", "quote", "blockquote", "cquote",
         "quotation", "début citation", "bloc citation", "tiret", "énoncé", "boîte déroulante")
def plain(args: Args, ctx: ExpandContext) -> str:
    """First positional argument (or `text=`); list templates show each item on its own line."""
    items = [v for k, v in args.named.items() if k.isdigit() and v.strip()]
    if not items:
        return args.get("text", "texte", "contenu", "quote", "1")
    return items[0].strip()


@builtin("abbr", "abbreviation", "abréviation", "abbrlink", "sigle", "acronyme", "tooltip")
def abbr(args: Args, ctx: ExpandContext) -> str:
    return args.get(1)


@builtin("!", langs=("*",))
def pipe(args: Args, ctx: ExpandContext) -> str:
    return "|"


SYMBOLS = {"=": "=", "!!": "||", "·": "\u00a0·", "•": "\u00a0•", ",": ",", "'": "’", "''": "’", "ndash": "–",
           "mdash": "—", "snd": " – ", "spaced ndash": " – ", "nbsp": "\u00a0", "-": "", "clear": "", "clr": "",
           "en dash": "–", "em dash": "—", "emdash": "—", "endash": "–", "sp": " ", "…": "…", "...": "…",
           "dots": "…", "break": "", "br": "", "pipe": "|", "flagicon": "", "flag icon": "", "flagdeco": "",
           "flagicon image": "", "drapeau": "", "drapeau2": "", "increase": "", "decrease": "",
           "decreasepositive": "", "increasenegative": "", "steady": "", "augmentation": "", "diminution": "",
           "stable": "", "diminution positive": "", "augmentation négative": "", "musique": "", "plume": "",
           "portrait": "", "-s": "", "refbegin": "", "refend": "", "div col": "", "div col end": "",
           "col-begin": "", "col-break": "", "col-end": "", "début de colonnes": "", "fin de colonnes": "",
           "legend": "", "legend2": "", "fs start": "", "fs mid": "", "fs end": "", "stack end": "",
           "anchor": "", "anchors": "", "ancre": "", "sfnref": "", "harvid": "", "nobreak space": "\u00a0",
           "display none": "", "boîte déroulante/début": "", "boîte déroulante/fin": "", "fin citation": "",
           "légende/fin": "", "énoncé/fin": "", "saut": "", "·w": "\u00a0·", "up": "", "flagu": "",
           "n/a": "N/A", "yes": "Yes", "no": "No", "dunno": "?", "citation needed span": ""}


def _symbol(value: str):
    return lambda args, ctx: value


for _name, _value in SYMBOLS.items():
    builtin(_name)(_symbol(_value))


@builtin("flag", "flagcountry", "flag country", "pays", "country", "flagathlete")
def flag(args: Args, ctx: ExpandContext) -> str:
    """A flag icon and the country name: the name is the visible text."""
    return args.get("name", 2, 1) if args.has("name") else args.get(1)


@builtin("ancrage", "anchor text", "visible anchor", "vanchor")
def ancrage(args: Args, ctx: ExpandContext) -> str:
    """fr `{{ancrage|id|texte}}`: the text (the first argument when alone)."""
    return args.get("texte", 2, 1)


@builtin("url", "official website", "site officiel", "urlbox")
def url(args: Args, ctx: ExpandContext) -> str:
    link = args.get(1, "url")
    label = args.get(2, "name")
    if label:
        return f"[{link if '://' in link else 'http://' + link} {label}]"
    shown = link.split("://", 1)[-1].rstrip("/")
    if shown.startswith("www."):
        shown = shown[4:]
    return shown


@builtin("isbn")
def isbn(args: Args, ctx: ExpandContext) -> str:
    return ", ".join(f"ISBN {v}" for v in args.pos if v)


@builtin("issn", "oclc", "doi", "pmid", "jstor", "arxiv", "bibcode", "lccn")
def identifier(args: Args, ctx: ExpandContext) -> str:
    return f"{args.get(1)}"


@builtin("circa", "c.")
def circa(args: Args, ctx: ExpandContext) -> str:
    mark = {"fr": "v.", "zh": "約", "ja": "約", "de": "ca."}.get(ctx.site.lang, "c.")
    return f"{mark}\u00a0{args.get(1)}".strip()


@builtin("as of")
def as_of(args: Args, ctx: ExpandContext) -> str:
    from unwiki.expansion.builtin.dates import format_date, month_number
    y, m = args.get(1), args.get(2)
    d = args.get(3)
    mn = month_number(m, ctx) if m else None
    shown = format_date(ctx, y, mn, int(d) if d.isdigit() else None) if mn else y
    return f"{'as of' if args.flag('lc') else 'As of'} {shown}"


@builtin("sortname")
def sortname(args: Args, ctx: ExpandContext) -> str:
    return f"{args.get(1)} {args.get(2)}".strip()


@builtin("colorbox", "color box", "legend inline")
def colorbox(args: Args, ctx: ExpandContext) -> str:
    return args.get(2) if len(args.pos) > 1 else ""


@builtin("google books", "google livres", "google buch")
def google_books(args: Args, ctx: ExpandContext) -> str:
    return args.get(2, "text")


@builtin("wd")
def wd(args: Args, ctx: ExpandContext) -> str:
    return ""


@builtin("unbulleted list", "ubl", "ublist", "plainlist", "bulleted list", "collapsible list", "liste non numérotée")
def ubl(args: Args, ctx: ExpandContext) -> str:
    """One item per line, as the reader sees the list."""
    items = [v.strip() for k, v in args.named.items() if k.isdigit() and v.strip()]
    return "<br />".join(items)


@builtin("hlist", "flatlist", "liste horizontale")
def hlist(args: Args, ctx: ExpandContext) -> str:
    items = [v.strip() for k, v in args.named.items() if k.isdigit() and v.strip()]
    return " · ".join(items)
