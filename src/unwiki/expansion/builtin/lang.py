"""Language templates: `{{lang|xx|text}}`, `{{lang-xx|text}}`, fr `{{langue|xx|text}}`, IPA."""
from __future__ import annotations

from unwiki.expansion.builtin.args import Args
from unwiki.expansion.builtin.registry import Renderer, builtin, fold
from unwiki.expansion.builtin.texts import language_name, text
from unwiki.expansion.context import ExpandContext


@builtin("lang", "langue", "lang2", "transl", "transliteration", "nastaliq", "script", "rtl-lang", "ltr",
         "audio", "nihongo2", "keep", "lang3", "en langue", "lang-mul", "langue mul", "mul")
def lang(args: Args, ctx: ExpandContext) -> str:
    """The text shown in its language's typography: the reader sees the text."""
    if len(args.pos) >= 2:
        return args.pos[-1] if args.get("texte", "text") == "" else args.get("texte", "text")
    return args.get(1, "texte", "text")


@builtin("langx")
def langx(args: Args, ctx: ExpandContext) -> str:
    code, body = args.get(1), args.get(2, "text")
    return _labelled(code, body, args, ctx)


def lang_xx(code: str):
    """`{{lang-kk|…}}`: the language's name in the wiki's language, then the text."""

    def render(args: Args, ctx: ExpandContext) -> str:
        return _labelled(code, args.get(1, "text"), args, ctx)

    return render


def _labelled(code: str, body: str, args: Args, ctx: ExpandContext) -> str:
    if args.flag("label") is False and args.named.get("label", "").strip().casefold() == "none":
        return body
    name = language_name(code, ctx.site.lang) or code
    if ctx.site.lang in ("zh",) and not name.endswith(("语", "語", "文")):
        name += "语"
    label = text(ctx, "lang_label", "{text}")
    translit = args.get(2, "translit")
    shown = label.format(name=name, text=body)
    if translit and "{name}" in label:
        shown += f", ''{translit}''"
    return shown


@builtin("ipa", "ipa-all", "ipac-en", "ipac-fr", "ipa2", "ipa-en", "ipa-de", "ipa-fr", "api", "prononciation",
         "pron", "ipafont", "ipa-ja", "ipa-ru", "ipa-zh", "ipa-es", "ipa-it", "ipa-ar")
def ipa(args: Args, ctx: ExpandContext) -> str:
    """IPA is shown; `IPAc-en` spells a pronunciation from its parts (`lang`, `pron` labels dropped)."""
    parts = [v for k, v in args.named.items() if k.isdigit()]
    if not parts:
        return ""
    if len(parts) > 1 and all(len(p) <= 4 for p in parts):  # IPAc-en style: pieces
        return "/" + "".join(p.strip() for p in parts if p.strip() not in ("lang", "pron", "US", "UK", "local")) + "/"
    return parts[0].strip()


@builtin("ruby")
def ruby(args: Args, ctx: ExpandContext) -> str:
    """Base text with its reading in brackets, as browsers without ruby support show it."""
    base, reading = args.get(1), args.get(2)
    return f"{base}({reading})" if reading else base


def resolve(name: str) -> Renderer | None:
    """Families with open-ended names: `lang-xx`, zh `link-xx`."""
    key = fold(name)
    if key.startswith("lang-") and len(key) <= 15:
        return lang_xx(key[5:])
    if key.startswith("link-") and len(key) <= 10:  # zh {{link-de|中文名|Original}}: the local text
        return lambda args, ctx: args.get(1)
    return None

