"""French Wikipedia's everyday templates (centuries, ordinals, abbreviations, quotations, links)."""
from __future__ import annotations

import re

from unwiki.expansion.builtin.args import Args
from unwiki.expansion.builtin.registry import builtin
from unwiki.expansion.builtin.texts import language_name
from unwiki.expansion.context import ExpandContext

FR = ("fr",)
NB = "\u00a0"


def _roman_ord(value: str) -> str:
    """`XVI` -> `XVIe`, `I` -> `Ier` (a century or ordinal as fr writes it)."""
    value = value.strip()
    if not value:
        return ""
    if value.endswith(("e", "er", "re")) and not value.isupper():
        return value
    return value + ("er" if value in ("I", "1") else "e")


@builtin("s", "s-", "siècle", "-s-", "sp-", "-sp-", langs=FR)
def siecle(args: Args, ctx: ExpandContext) -> str:
    """`{{s-|XVI}}` -> `XVIe siècle`; `{{s-|I|er}}` -> `Ier siècle`; `s mini` drops the word."""
    num = args.get(1)
    suffix = args.get(2)
    shown = num + (suffix if suffix else ("er" if num == "I" else "e"))
    return f"{shown}{NB}siècle"


@builtin("s mini", "s mini-", langs=FR)
def siecle_mini(args: Args, ctx: ExpandContext) -> str:
    num = args.get(1)
    return num + (args.get(2) or ("er" if num == "I" else "e"))


@builtin("s2", "s2-", "-s2-", "-s2", langs=FR)
def siecles(args: Args, ctx: ExpandContext) -> str:
    a, b = args.get(1), args.get(2)
    return f"{_roman_ord(a)} et {_roman_ord(b)}{NB}siècles"


@builtin("av jc", "av. j.-c.", "avjc", "-av jc", langs=FR)
def av_jc(args: Args, ctx: ExpandContext) -> str:
    return "av. J.-C."


@builtin("ap jc", "apjc", "ap. j.-c.", langs=FR)
def ap_jc(args: Args, ctx: ExpandContext) -> str:
    return "apr. J.-C."


@builtin("millénaire", "-millénaire", "mini millénaire", langs=FR)
def millenaire(args: Args, ctx: ExpandContext) -> str:
    return f"{_roman_ord(args.get(1))}{NB}millénaire"


def _ordinal(num: str, suffix: str):
    return lambda args, ctx: num + suffix + (f"{NB}{args.get(1)}" if args.get(1) else "")


@builtin("e", "è", "ème", langs=FR)
def exposant_e(args: Args, ctx: ExpandContext) -> str:
    return "e"


@builtin("er", langs=FR)
def exposant_er(args: Args, ctx: ExpandContext) -> str:
    return "er"


@builtin("re", "ère", langs=FR)
def exposant_re(args: Args, ctx: ExpandContext) -> str:
    return "re"


@builtin("o", langs=FR)
def exposant_o(args: Args, ctx: ExpandContext) -> str:
    return "o"


@builtin("nd", "nde", langs=FR)
def exposant_nd(args: Args, ctx: ExpandContext) -> str:
    return "nd"


# `resolve`'s name patterns (compiled here: re.fullmatch with a pattern string costs a
# Python-level cache look-up per call).
_ORDINAL_RE = re.compile(r"(\d+)(e|er|re|ère|ème|nd|nde)", re.I)
_ROMAN_ORDINAL_RE = re.compile(r"([IVXLCDM]+)(e|er|re)( siècle| millénaire)?(s?)")
_ROMAN_RE = re.compile(r"([IVXLCDM]+)")
_COUNTRY_RE = re.compile(r"([A-Z]{3})-d")


def resolve(name: str):
    """Open-ended fr names: `1er`, `2e`, `56e`, `1re`, `Ier`, `XIXe`, `XIXe siècle`, `IIIe millénaire`."""
    key = name.strip()
    m = _ORDINAL_RE.fullmatch(key)
    if m:
        return _ordinal(m.group(1), m.group(2).lower().replace("ème", "e").replace("ère", "re"))
    m = _ROMAN_ORDINAL_RE.fullmatch(key)
    if m:
        tail = (NB + m.group(3).strip() + m.group(4)) if m.group(3) else ""
        return lambda args, ctx: m.group(1) + m.group(2) + tail
    m = _ROMAN_RE.fullmatch(key)
    if m and len(key) <= 6:  # {{XIV}}: a roman number in small capitals
        return lambda args, ctx: m.group(1)
    m = _COUNTRY_RE.fullmatch(key)
    if m and m.group(1) in COUNTRIES:  # `{{BEL-d}}`: flag and country name
        return lambda args, ctx: COUNTRIES[m.group(1)]
    return None


# IOC/FIFA codes used by fr `{{XXX-d}}` (flag + name) templates.
COUNTRIES = {"BEL": "Belgique", "BUL": "Bulgarie", "FRA": "France", "GER": "Allemagne", "ITA": "Italie",
             "SRB": "Serbie", "ROU": "Roumanie", "BRA": "Brésil", "ESP": "Espagne", "NED": "Pays-Bas",
             "POR": "Portugal", "SUI": "Suisse", "AUT": "Autriche", "ENG": "Angleterre", "GBR": "Royaume-Uni",
             "USA": "États-Unis", "CAN": "Canada", "RUS": "Russie", "POL": "Pologne", "CZE": "Tchéquie",
             "SVK": "Slovaquie", "HUN": "Hongrie", "CRO": "Croatie", "SLO": "Slovénie", "BIH": "Bosnie-Herzégovine",
             "MNE": "Monténégro", "MKD": "Macédoine du Nord", "GRE": "Grèce", "TUR": "Turquie", "UKR": "Ukraine",
             "DEN": "Danemark", "SWE": "Suède", "NOR": "Norvège", "FIN": "Finlande", "ISL": "Islande",
             "IRL": "Irlande", "SCO": "Écosse", "WAL": "Pays de Galles", "LUX": "Luxembourg", "ARG": "Argentine",
             "URU": "Uruguay", "CHI": "Chili", "COL": "Colombie", "MEX": "Mexique", "JPN": "Japon",
             "CHN": "Chine", "KOR": "Corée du Sud", "AUS": "Australie", "MAR": "Maroc", "ALG": "Algérie",
             "TUN": "Tunisie", "SEN": "Sénégal", "CMR": "Cameroun", "CIV": "Côte d'Ivoire", "NGA": "Nigeria",
             "GHA": "Ghana", "COD": "RD Congo", "ISR": "Israël", "KAZ": "Kazakhstan", "URS": "Union soviétique",
             "YUG": "Yougoslavie", "TCH": "Tchécoslovaquie", "RFA": "Allemagne de l'Ouest", "RDA": "Allemagne de l'Est"}


@builtin("p.", "p", "page", langs=FR)
def page(args: Args, ctx: ExpandContext) -> str:
    return f"p.{NB}{args.get(1)}" if args.get(1) else "p."


@builtin("pp.", langs=FR)
def pages(args: Args, ctx: ExpandContext) -> str:
    a, b = args.get(1), args.get(2)
    return f"p.{NB}{a}-{b}" if b else f"p.{NB}{a}"


@builtin("nb p.", "nbp", langs=FR)
def nb_pages(args: Args, ctx: ExpandContext) -> str:
    return f"{args.get(1)}{NB}p."


@builtin("vol.", langs=FR)
def vol(args: Args, ctx: ExpandContext) -> str:
    return f"vol.{NB}{args.get(1)}".strip()


@builtin("nb vol.", langs=FR)
def nb_vol(args: Args, ctx: ExpandContext) -> str:
    return f"{args.get(1)}{NB}vol."


@builtin("t.", langs=FR)
def tome(args: Args, ctx: ExpandContext) -> str:
    return f"t.{NB}{args.get(1)}".strip()


@builtin("ch.", langs=FR)
def chap(args: Args, ctx: ExpandContext) -> str:
    return f"chap.{NB}{args.get(1)}".strip()


@builtin("n°", "no", "numéro", "n o", "no.", langs=FR)
def numero(args: Args, ctx: ExpandContext) -> str:
    return f"no{NB}{args.get(1)}".strip()


@builtin("nos", "n°s", langs=FR)
def numeros(args: Args, ctx: ExpandContext) -> str:
    return f"nos{NB}{' et '.join(v for v in args.pos if v)}".strip()


ABBREV = {"et al.": "et al.", "etc.": "etc.", "cf.": "cf.", "ibid.": "ibid.", "op. cit.": "op. cit.", "opcit": "op. cit.",
          "id.": "id.", "sic": "[sic]", "sic !": "[sic]", "c.-à-d.": "c.-à-d.", "vs": "vs", "mme": "Mme", "mlle": "Mlle",
          "mgr": "Mgr", "dr": "Dr", "me": "Me", "m.": "M.", "mm.": "MM.", "ier": "Ier", "ire": "Ire", "ire ": "Ire",
          "euro": "€", "co2": "CO2", "h2o": "H2O", "apos": "’", "guil": "«\u00a0»", "trad": "trad.",
          "lire en ligne": "lire en ligne", "…": "…", "…)": "…)", "=": "="}


for _name, _value in ABBREV.items():
    builtin(_name, langs=FR)(lambda args, ctx, _v=_value: _v)


@builtin("citation", "citation étrangère", "début citation", "citation courte", langs=FR)
def citation(args: Args, ctx: ExpandContext) -> str:
    """A short quotation between French quotation marks."""
    return f"«{NB}{args.get(1, 'texte')}{NB}»"


@builtin("citation bloc", "citation longue", "bloc citation", langs=FR)
def citation_bloc(args: Args, ctx: ExpandContext) -> str:
    return args.get(1, "texte")


@builtin("incise", langs=FR)
def incise(args: Args, ctx: ExpandContext) -> str:
    """`{{incise|texte}}` -> `— texte —`; `stop` drops the closing dash."""
    if args.get(2) == "stop" or args.flag("stop"):
        return f"—{NB}{args.get(1)}"
    return f"—{NB}{args.get(1)}{NB}—"


@builtin("lien", "link", "ill", "interlanguage link", "lien interlangue", "trad", "traduction", langs=FR)
def lien(args: Args, ctx: ExpandContext) -> str:
    """fr `{{Lien|fr=Titre|lang=es}}`: the local title (or `texte`), then the language code."""
    title = args.get("fr", 1, "trad")
    label = args.get("texte", 2 if args.has("fr") else "texte")
    lang = args.get("lang", "langue", default="en")
    shown = f"[[{title}|{label}]]" if label and title else f"[[{title}]]"
    return f"{shown} ({lang})" if title else label


@builtin("heure", langs=FR)
def heure(args: Args, ctx: ExpandContext) -> str:
    h, m, s = args.get(1), args.get(2), args.get(3)
    if args.flag("durée"):
        parts = [f"{h}{NB}h" if h else "", f"{m}{NB}min" if m else "", f"{s}{NB}s" if s else ""]
        return " ".join(p for p in parts if p)
    out = f"{h}{NB}h" + (f"{NB}{m}" if m else "")
    return out + (f"{NB}{s}" if s else "")


@builtin("japonais", "chinois", "coréen", "russe", "arabe", "grec", langs=FR)
def japonais(args: Args, ctx: ExpandContext) -> str:
    """`{{Japonais|Tōkyō|東京}}`: the romanised form, then the original in brackets."""
    vals = [v for v in args.pos if v]
    return f"{vals[0]} ({', '.join(vals[1:])})" if len(vals) > 1 else (vals[0] if vals else "")


@builtin("en", "fr", "de", "es", "it", "la", "nl", "pt", "ru", "ja", "zh", "ar", "el", "pl", "sv", "ca", "mul",
         langs=FR)
def code_langue(args: Args, ctx: ExpandContext) -> str:
    """`{{en}}` in references: the language code in brackets."""
    return ""


@builtin("racine", langs=FR)
def racine(args: Args, ctx: ExpandContext) -> str:
    return f"√{args.get(1)}"


@builtin("frac", langs=FR)
def frac(args: Args, ctx: ExpandContext) -> str:
    vals = [v for v in args.pos]
    if len(vals) == 3:
        return f"{vals[0]} {vals[1]}⁄{vals[2]}"
    if len(vals) == 2:
        return f"{vals[0]}⁄{vals[1]}"
    return f"1⁄{vals[0]}" if vals else ""


@builtin("langue", "lang", "en langue", langs=FR)
def langue(args: Args, ctx: ExpandContext) -> str:
    return args.get("texte", 2, 1)


def lang_fr_xx(code: str):
    def render(args: Args, ctx: ExpandContext) -> str:
        return args.get(1, "texte")
    return render


def country_name(code: str, ctx: ExpandContext) -> str | None:
    return language_name(code, ctx.site.lang)


@builtin("colonnes", "début de colonnes", langs=FR)
def colonnes(args: Args, ctx: ExpandContext) -> str:
    """`{{Colonnes|nombre=2|\n* a\n* b}}`: the list itself (the columns are layout)."""
    return "\n" + args.named.get("1", "").strip() + "\n" if args.get(1) else ""


@builtin("légende", "légende carré", "légende trait", "légende cercle", langs=FR)
def legende(args: Args, ctx: ExpandContext) -> str:
    """A colour key: its label (`{{Légende|couleur|texte}}`)."""
    return args.get("texte", 2)


def _ship(prefix: str):
    """`{{USS|Enterprise|NCC-1701|6}}` -> `USS Enterprise`: display 6 shows the name only (as the fr gold does)."""

    def render(args: Args, ctx: ExpandContext) -> str:
        name, ident, disp = args.get(1), args.get(2), args.get(3)
        shown = f"{prefix} {name}"
        return f"{shown} ({ident})" if ident and disp not in ("2", "6") else shown

    return render


for _prefix in ("USS", "HMS", "SMS", "HMCS", "HMAS", "INS", "RMS", "SS"):
    builtin(_prefix, langs=("fr", "en"))(_ship(_prefix))


@builtin("numéros", langs=FR)
def numeros_list(args: Args, ctx: ExpandContext) -> str:
    return f"nos{NB}{', '.join(v for v in args.pos if v)}"
