"""Reporters: FileResults in, text out. No reporter decides an exit code.

``text`` is for people, ``json`` the versioned contract, ``github`` workflow
annotations, ``sarif`` SARIF 2.1.0 for code-scanning views.
"""

from writer.reports.github import render_github
from writer.reports.json import render_json
from writer.reports.sarif import render_sarif
from writer.reports.statistics import render_statistics, statistics
from writer.reports.text import render_text

REPORTERS = {
    "text": render_text,
    "json": render_json,
    "github": render_github,
    "sarif": render_sarif,
}

__all__ = [
    "REPORTERS",
    "render_github",
    "render_json",
    "render_sarif",
    "render_statistics",
    "render_text",
    "statistics",
]
