"""Small text filters the message templates use, so wording stays in templates.

``longdate`` (2027-08-15 → "August 15, 2027"), ``join_and`` (["a", "b", "c"] →
"a, b, and c"), ``mailbox`` (a To: address), ``with_article`` ("the University
of Lagos"), ``sentence`` (a profile phrase → a capitalised sentence ending in a
full stop) and ``lowerfirst``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from jinja2 import Environment

__all__ = ["install", "join_and", "longdate", "lowerfirst", "mailbox", "sentence", "with_article"]


def longdate(value: date) -> str:
    """A date the way a US reader writes it: "August 15, 2027"."""
    return f"{value:%B} {value.day}, {value.year}"


def join_and(items: Iterable[str], conjunction: str = "and") -> str:
    """Join phrases as English does, with a serial comma for three or more."""
    items = [str(item) for item in items]
    if len(items) <= 2:
        return f" {conjunction} ".join(items)
    return ", ".join(items[:-1]) + f", {conjunction} " + items[-1]


def sentence(text: str) -> str:
    """Turn a profile phrase into a sentence: capital first letter, end punctuation."""
    text = str(text).strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".!?" else text + "."


def lowerfirst(text: str) -> str:
    """Lower-case the first letter, unless the first word is an acronym ("ICU")."""
    text = str(text).strip()
    first_word = text.split(" ", 1)[0]
    if not text or (len(first_word) > 1 and first_word.isupper()):
        return text
    return text[0].lower() + text[1:]


_NEEDS_THE = re.compile(
    r"^(?:[A-Z][\w.'-]*\s+){0,2}(?:University|College|Faculty|Institute|School|Academy)\s+of\b"
)


def with_article(name: str) -> str:
    """ "University of Lagos" → "the University of Lagos"; other names unchanged."""
    name = str(name).strip()
    return f"the {name}" if _NEEDS_THE.match(name) else name


def mailbox(name: str, email: str | None = None) -> str:
    """An address for a To: line; a name with a comma ("Kwame Mensah, MD") is quoted."""
    name = str(name).strip()
    if any(char in name for char in ',;:<>@"'):
        name = '"' + name.replace('"', "'") + '"'
    return f"{name} <{email}>" if email else name


def install(env: Environment) -> None:
    """Register the filters on ``env``."""
    env.filters.update(
        longdate=longdate,
        join_and=join_and,
        sentence=sentence,
        lowerfirst=lowerfirst,
        mailbox=mailbox,
        with_article=with_article,
    )
