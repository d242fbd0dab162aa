"""SARIF 2.1.0: findings for code-scanning views (GitHub code scanning, VS Code's SARIF viewer).

One run; every rule in ``tool.driver.rules`` with the guide's words as its
help; each result located by line, column and character offset, with the
baseline fingerprint as a partial fingerprint so code scanning can follow a
finding across edits. Baselined findings (shown with ``--show-baselined``)
carry an external suppression. Unreadable drafts become tool notifications.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from urllib.parse import quote

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def render_sarif(results, **_options) -> str:
    from writer import __version__
    from writer.baseline import fingerprint
    from writer.rules import RULES

    rule_ids = list(RULES)
    sarif_results = []
    notifications = []
    for result in results:
        location = _artifact(result.path)
        if result.error:
            notifications.append(
                {
                    "level": "error",
                    "message": {"text": result.error},
                    "locations": [{"physicalLocation": {"artifactLocation": location}}],
                }
            )
            continue
        baselined = {id(f) for f in result.baselined}
        for f in result.findings:
            item = {
                "ruleId": f.rule,
                "level": _LEVELS[f.severity],
                "message": {"text": f.message + (f"\n{f.suggestion}" if f.suggestion else "")},
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": location,
                            "region": {
                                "startLine": f.line,
                                "startColumn": f.column,
                                "endLine": f.end_line,
                                "endColumn": max(f.end_column, 1),
                                "charOffset": f.start,
                                "charLength": max(0, f.end - f.start),
                            },
                        }
                    }
                ],
                "partialFingerprints": {"stmtSentence/v1": fingerprint(f, result.sentences)},
            }
            if f.rule in RULES:
                item["ruleIndex"] = rule_ids.index(f.rule)
            if id(f) in baselined:
                item["suppressions"] = [{"kind": "external", "justification": "stmt baseline"}]
            sarif_results.append(item)
    run = {
        "tool": {
            "driver": {
                "name": "stmt",
                "version": __version__,
                "semanticVersion": __version__,
                "rules": [_rule(r) for r in RULES.values()],
            }
        },
        "originalUriBaseIds": {"%SRCROOT%": {"uri": Path(os.getcwd()).as_uri() + "/"}},
        "columnKind": "unicodeCodePoints",
        "invocations": [
            {
                "executionSuccessful": not notifications,
                "toolExecutionNotifications": notifications,
            }
        ],
        "results": sarif_results,
    }
    log = {"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]}
    return json.dumps(log, ensure_ascii=False, indent=2)


def _rule(r) -> dict:
    return {
        "id": r.id,
        "name": "".join(part.capitalize() for part in r.id.split("-")),
        "shortDescription": {"text": r.summary},
        "fullDescription": {"text": r.guide},
        "help": {
            "text": f"{r.summary}\n\nThe guide: {r.guide}\n\nGood: {r.good}\nBad: {r.bad}",
            "markdown": f"{r.summary}\n\n> {r.guide}\n\n**Good:** {r.good}\n\n**Bad:** {r.bad}",
        },
        "defaultConfiguration": {"level": _LEVELS[r.severity]},
        "properties": {"tags": ["writing", *r.kinds]},
    }


def _artifact(path: str) -> dict:
    """A relative URI under %SRCROOT% when the draft is below the current folder."""
    absolute = Path(os.path.abspath(path))
    try:
        relative = absolute.relative_to(os.getcwd()).as_posix()
    except ValueError:
        return {"uri": absolute.as_uri()}
    return {"uri": quote(relative), "uriBaseId": "%SRCROOT%"}
