"""Reporters: FileResults in, text out. No reporter decides an exit code."""

from writer.reports.json import render_json
from writer.reports.text import render_text

REPORTERS = {"text": render_text, "json": render_json}

__all__ = ["REPORTERS", "render_json", "render_text"]
