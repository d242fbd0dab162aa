from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
SAMPLES = ROOT / "samples"

STRONG = """At 3 a.m. in the trauma bay, a 24-year-old motorcyclist's saturation fell to 81% as we prepared for induction. The attending anesthesiologist asked me to hold cricoid pressure while she placed the tube, and I watched the capnograph rise with the first breath.

That night showed me why I want to become an anesthesiologist: the specialty lets me apply physiology and pharmacology minute by minute, at the bedside, when it matters most.

During my four-week anesthesiology observership at Riverside University Hospital, I presented pre-operative assessments to the attending every morning and completed a quality-improvement project on PACU handoffs.

I did not pass Step 1 on my first attempt. I underestimated the shift to systems-based study, so I rebuilt my preparation around daily questions and faculty feedback. I passed on my second attempt and scored 238 on Step 2 CK.

Training in Lagos, where one monitor served four theatres, taught me to adapt quickly and to communicate across cultures and three languages.

After two years of US research and clinical work, I am ready to begin residency and to carry a full share of the work from the first day.

In the future, I hope to pursue a critical care fellowship and to teach residents in an academic department.
"""


@pytest.fixture(scope="session")
def analyzer():
    from writer.api import get_analyzer

    return get_analyzer()


@pytest.fixture(scope="session")
def bare(analyzer):
    """The shipped pipeline and lexicons with no model: the detectors alone."""
    from writer.nlp.analyze import Analyzer

    return Analyzer(nlp=analyzer.nlp, model=None)


@pytest.fixture
def strong_text() -> str:
    return STRONG


@pytest.fixture
def write(tmp_path):
    def _write(name: str, content: str | bytes) -> Path:
        p = tmp_path / name
        if isinstance(content, bytes):
            p.write_bytes(content)
        else:
            p.write_text(content, encoding="utf-8")
        return p

    return _write
