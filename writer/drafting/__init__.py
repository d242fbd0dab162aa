"""Drafting: the messages the guide recommends, from a profile and a template.

``kinds`` says which messages exist and what each needs; ``context`` turns the
profile into template fields; ``engine`` is the Jinja2 sandbox; ``render``
writes one message; ``output`` writes many to files. Nothing here loads spaCy.
"""

from __future__ import annotations

from writer.drafting.kinds import KINDS, Kind, get_kind
from writer.drafting.output import OutputError, write_drafts
from writer.drafting.render import Draft, DraftRefused, draft, draft_all

__all__ = [
    "KINDS",
    "Draft",
    "DraftRefused",
    "Kind",
    "OutputError",
    "draft",
    "draft_all",
    "get_kind",
    "write_drafts",
]
