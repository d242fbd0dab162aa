"""The JSON contract (version 1): keys may be added, never renamed."""

from __future__ import annotations

import json

JSON_VERSION = 1


def render_json(results, statistics: bool = False, **_options) -> str:
    data = {"version": JSON_VERSION, "files": [r.to_dict() for r in results]}
    if statistics:
        from writer.reports.statistics import statistics as count

        data["statistics"] = [{"rule": r, "severity": s, "count": n} for r, s, n in count(results)]
    return json.dumps(data, ensure_ascii=False, indent=2)
