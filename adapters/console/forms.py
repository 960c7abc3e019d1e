"""The core's forms as terminal text: the title, the intro, then one line per input saying
what to give (its choices, or the format a date takes), one renderer per input kind."""

from collections.abc import Callable

from adapters.console.cards import TextCards
from bot.ui.cards import unrenderable
from bot.ui.forms import Form, Input
from bot.ui.wording import type_next_line


def _choices(found: Input) -> str:
    return " | ".join(f"{c.value} ({c.label})" if c.label != c.value else c.value
                      for c in found.options)


_SHAPES: dict[str, Callable[[Input], str]] = {
    "text": lambda found: "text",
    "long_text": lambda found: "text",
    "choice": lambda found: f"one of {_choices(found)}",
    "person": lambda found: f"one of {_choices(found)}",
    "yes_no": lambda found: f"one of {_choices(found)}",
    "multi_choice": lambda found: f"any of {_choices(found)}",
    "checkbox": lambda found: f"any of {_choices(found)}",
    "date": lambda found: "YYYY-MM-DD",
    "datetime": lambda found: "YYYY-MM-DD HH:MM",
}


def input_line(found: Input) -> str:
    """One core input as a line; an unknown kind is a programming error."""
    shape = _SHAPES.get(found.kind)
    if shape is None:
        raise unrenderable(found)
    optional = "" if found.required else ", optional"
    line = f"  {found.id}: {found.label} [{shape(found)}{optional}]"
    if found.hint:
        line += f" {found.hint}"
    if found.error:
        line += f"\n  x {found.error}"
    return line


def form_text(form: Form, cards: TextCards) -> str:
    """The form as lines: what it is for, then what each input takes."""
    lines = [form.title]
    lines += [line for block in form.intro for line in cards.block(block)]
    lines += [input_line(found) for found in form.inputs]
    return "\n".join(lines)


def one_line_form(form: Form) -> Form | None:
    """A form whose one input is typed as the next line (else None: it is filled by command)."""
    return form if len(form.inputs) == 1 and form.inputs[0].kind in ("text", "long_text") \
        else None


def next_line(form: Form) -> str:
    return type_next_line(form.inputs[0].label, form.cancel)
