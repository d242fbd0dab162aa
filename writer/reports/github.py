"""GitHub Actions workflow commands: one annotation per finding, shown on the diff.

``::error file=F,line=L,col=C,endLine=L2,endColumn=C2,title=RULE::message``;
info-level findings become notices. Values are escaped as the runner expects.
"""

from __future__ import annotations

_LEVELS = {"error": "error", "warning": "warning", "info": "notice"}


def _data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(value: str) -> str:
    return _data(value).replace(":", "%3A").replace(",", "%2C")


def render_github(results, show_baselined: bool = False, **_options) -> str:
    out: list[str] = []
    for result in results:
        path = _property(result.path)
        if result.error:
            out.append(f"::error file={path},title=stmt::{_data(result.error)}")
            continue
        baselined = {id(f) for f in result.baselined}
        for f in result.findings:
            title = f"stmt {f.rule}" + (" (baselined)" if id(f) in baselined else "")
            message = f.message + (f"\n\nSuggestion: {f.suggestion}" if f.suggestion else "")
            out.append(
                f"::{_LEVELS[f.severity]} file={path},line={f.line},col={f.column},"
                f"endLine={f.end_line},endColumn={f.end_column},title={_property(title)}"
                f"::{_data(message)}"
            )
    return "\n".join(out)
