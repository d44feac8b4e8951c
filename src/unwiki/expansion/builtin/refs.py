"""Templates that make footnotes (`sfn`, `efn`, `refn`) or reference lists, written as MediaWiki's tags.

A footnote template's output is a `<ref>`; expansion turns it into a REF strip item like any
other, so the footnote leaves the prose and joins the page's references."""
from __future__ import annotations

from unwiki.expansion.builtin.args import Args
from unwiki.expansion.builtin.registry import builtin
from unwiki.expansion.context import ExpandContext


def _harv_text(args: Args) -> str:
    pos = args.pos  # (a property: read once)
    authors = [v for v in pos if v and not v.isdigit() and not (len(v) == 4 and v[:3].isdigit())]
    years = [v for v in pos if v and (v.isdigit() or (len(v) >= 4 and v[:4].isdigit()))]
    names = authors[:4]
    who = names[0] if len(names) == 1 else (" & ".join(names) if len(names) == 2 else
                                             (", ".join(names[:-1]) + " & " + names[-1] if names else ""))
    text = f"{who} {years[0]}" if years else who
    loc = args.get("p", "page", "pp", "pages", "loc", "at")
    if loc:
        prefix = "pp." if args.get("pp", "pages") else ("p." if args.get("p", "page") else "")
        text += f", {prefix}\u00a0{loc}" if prefix else f", {loc}"
    return text.strip()


@builtin("sfn", "sfnp", "sfnm", "harvsp", "harvard", "sfn whole")
def sfn(args: Args, ctx: ExpandContext) -> str:
    text = _harv_text(args)
    key = "FOOTNOTE" + "".join(args.pos) + args.get("p", "page", "pp", "pages", "loc")
    return f'<ref name="{key.replace(chr(34), "")}">{text}.</ref>'


@builtin("harvnb", "harv", "harvp", "harvtxt", "harvcol", "harvcolnb", "harvs")
def harvnb(args: Args, ctx: ExpandContext) -> str:
    return _harv_text(args)


@builtin("harvsp", langs=("fr",))
def harvsp(args: Args, ctx: ExpandContext) -> str:
    return _harv_text(args)


@builtin("efn", "efn-ua", "efn-lr", "efn-la", "efn2", "refn", "ref", "note", "nb", "ref label", "refnest")
def efn(args: Args, ctx: ExpandContext) -> str:
    group = args.get("group", default="lower-alpha" if args.named else "")
    name = args.get("name")
    attrs = (f' group="{group}"' if group else "") + (f' name="{name}"' if name else "")
    return f"<ref{attrs}>{args.get(1, 'texte')}</ref>"


@builtin("note", "nb", langs=("fr",))
def fr_note(args: Args, ctx: ExpandContext) -> str:
    name = args.get("nom", "name")
    attrs = f' group="{args.get("groupe", "group", default="Note")}"' + (f' name="{name}"' if name else "")
    return f"<ref{attrs}>{args.get(1, 'texte')}</ref>"


@builtin("reflist", "references", "références", "notelist", "notes", "refs")
def reflist(args: Args, ctx: ExpandContext) -> str:
    group = args.get("group", "groupe")
    return f'<references group="{group}" />' if group else "<references />"
