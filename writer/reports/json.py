"""The JSON contract (version 1): keys may be added, never renamed."""

from __future__ import annotations

import json

JSON_VERSION = 1


def render_json(results, **_options) -> str:
    return json.dumps({"version": JSON_VERSION, "files": [r.to_dict() for r in results]}, ensure_ascii=False, indent=2)
