"""Accuracy floors: a regression in any detector or judgement fails CI.

The floors sit a little under the figures `benchmarks/accuracy.py` prints on
the held-out `test` split (never tuned on); raise them when the detectors get
better, never lower them to make a change pass. The one exception is a retrain of
the learned model on a new tuning set, whose thresholds leave-one-set-out chose: a
sentence or two may move either way on 456 sentences, and the commit and the README
say which (session 9, with dev35: future_goals 0.955 -> 0.939, one sentence, its
floor 0.95 -> 0.93; img_perspective 0.906 -> 0.921, its floor 0.90 -> 0.91; session
10, with dev36: img_perspective 0.921 -> 0.954, its floor 0.91 -> 0.93; anecdote
0.937 -> 0.928, one sentence, its floor unchanged at 0.91).
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("accuracy", ROOT / "benchmarks" / "accuracy.py")
accuracy = importlib.util.module_from_spec(_spec)
sys.modules["accuracy"] = accuracy  # dataclasses look their module up there
_spec.loader.exec_module(accuracy)

HELD_OUT_F1_FLOORS = {
    "exam": 0.94,
    "blame": 0.93,
    "anecdote": 0.91,
    "why_specialty": 0.90,
    "why_me": 0.90,
    "img_perspective": 0.93,
    "why_now": 0.93,
    "future_goals": 0.93,
}
#: The detectors alone (no learned model): they must not rot while the model covers for them.
DETECTORS_ALONE_MACRO_FLOOR = 0.78
TUNING_F1_FLOOR = 0.80


@pytest.fixture(scope="module")
def held_out(analyzer):
    scores, _ = accuracy.sentence_scores(accuracy.load_sentences("test"), analyzer)
    return scores


@pytest.mark.parametrize("tag", accuracy.TAGS)
def test_held_out_f1_floor(held_out, tag):
    assert held_out[tag].f1 >= HELD_OUT_F1_FLOORS[tag], f"{tag}: F1 {held_out[tag].f1:.3f}"


def test_the_detectors_alone_keep_their_floor(analyzer):
    from writer.nlp.analyze import Analyzer

    bare = Analyzer(nlp=analyzer.nlp, model=None)
    scores, _ = accuracy.sentence_scores(accuracy.load_sentences("test"), bare)
    macro = sum(s.f1 for s in scores.values()) / len(scores)
    assert macro >= DETECTORS_ALONE_MACRO_FLOOR, f"detectors alone: macro F1 {macro:.3f}"


def test_tuning_sets_stay_learned(analyzer):
    scores, _ = accuracy.sentence_scores(accuracy.load_sentences("tuning"), analyzer)
    for tag, score in scores.items():
        assert score.f1 >= TUNING_F1_FLOOR, f"{tag}: F1 {score.f1:.3f} on the tuning sets"


def test_the_labeled_set_is_large_and_split():
    rows = accuracy.load_sentences("all")
    held = [r for r in rows if r["split"] == "test"]
    assert len(rows) >= 400 and len(held) >= 200
    for tag in accuracy.TAGS:
        assert sum(tag in r["tags"] for r in held) >= 25, tag


def test_near_paraphrases_of_test_sentences_are_found_and_test_rows_are_not():
    test_row = next(r for r in accuracy.load_sentences("test") if len(r["text"].split()) >= 8)
    words = test_row["text"].rstrip(".").split()
    paraphrase = " ".join(words[:-1] + ["indeed."])  # one word of eight or more changed
    unrelated = "Quiz night at the pub was the best part of my week."
    rows = [
        test_row,
        {"text": paraphrase, "split": "dev99"},
        {"text": unrelated, "split": "dev99"},
    ]
    assert accuracy.near_test(rows) == [False, True, False]


#: Statements written blind that stmt still judges otherwise, with what it gets wrong. Each
#: must stay wrong in exactly this way: when a change fixes one, this test fails, and the
#: entry goes (a new miss fails it too).
KNOWN_MISSES = {
    # a scene set in Tehran gets the IMG perspective from the detectors (a named place in
    # a scene), and the model gives it to a country fact with nothing of the applicant's
    # ("many provincial hospitals still have no anesthesiologist in the building at
    # night"); refusing the model every sentence with no first person and no lesson lost
    # 10 true tuning tags for 2 ("When monitors are scarce, you learn to read ...")
    "blind22-flawed-missing-img-perspective-iran.txt": (["missing-img-perspective"], []),
    # the model reads a character reflection after the scene ("that night I found that my
    # hands were steady", 97%) as why anesthesiology; and "I have a real passion for
    # anesthesiology, and I want to build my career in it" keeps it, the second clause's
    # "career in" counting as a pull
    "blind22-flawed-missing-why-anesthesiology-ghana.txt": (["missing-why-anesthesiology"], []),
    # "I covered all twelve beds alone": a scarcity pattern for it ("cover ... alone") moved
    # 6 tuning tags away from the labels for 1 toward (it is how applicants state their own
    # workload, which is why you)
    "blind22-strong-srilanka-cardiac.txt": ([], ["missing-img-perspective"]),
}


def test_every_whole_statement_is_judged_as_expected():
    results = accuracy.statement_agreement()
    assert len(results) >= 10
    wrong = {name: (missed, extra) for name, missed, extra in results if missed or extra}
    assert wrong == KNOWN_MISSES


#: Labeled emails stmt still judges wrong, each with why; the test fails when one is fixed
#: (take it out) or when another email goes wrong.
KNOWN_EMAIL_MISSES: dict[str, tuple[list[str], list[str]]] = {}


def test_every_labeled_email_is_judged_as_expected():
    results = accuracy.email_agreement()
    assert len(results) >= 30
    wrong = {name: (missed, extra) for name, missed, extra in results if missed or extra}
    assert wrong == KNOWN_EMAIL_MISSES


def test_in_context_reads_a_whole_statement_as_one_draft(analyzer):
    """--in-context joins rows that share a statement number; a row alone is read alone."""
    scene = "Her saturation fell to 80 percent during induction, and I held the mask."
    rows = [
        {"text": scene, "tags": [], "split": "x", "note": "(statement 1, sentence 1)"},
        {
            "text": "She squeezed my hand.",
            "tags": [],
            "split": "x",
            "note": "(statement 1, sentence 2)",
        },
        {"text": "She squeezed my hand.", "tags": [], "split": "x"},
    ]
    first, continued, alone = accuracy.in_context_tags(rows, analyzer)
    assert "anecdote" in first
    assert "anecdote" in continued  # it continues the scene before it
    assert "anecdote" not in alone


def test_the_second_annotators_tags_cover_the_test_split_once(capsys):
    test_ids = [r["id"] for r in accuracy.load_sentences("test")]
    lines = accuracy.AGREEMENT.read_text(encoding="utf-8").splitlines()
    rows = [json.loads(line) for line in lines if line.strip()]
    assert sorted(r["id"] for r in rows) == sorted(test_ids)
    assert all(set(r["tags"]) <= set(accuracy.TAGS) for r in rows)
    # the printed table: one row a tag, the annotator's F1 against the labels first
    pairs = [(r, set(r["tags"])) for r in accuracy.load_sentences("test")]
    accuracy.print_agreement(pairs)
    out = capsys.readouterr().out
    assert f"on {len(test_ids)} test sentences" in out
    assert out.count("\n") >= len(accuracy.TAGS) + 3
    why_me = next(line for line in out.splitlines() if line.startswith("why_me"))
    assert float(why_me.split()[-1]) == 1.0  # the labels against themselves


def test_the_labeled_data_passes_its_own_validator():
    """tests/data/validate_data.py: every sentence tag known, every statement's labels
    cover the rules (or name the one left out), ASCII and a page long as ANNOTATION.md says."""
    import subprocess

    script = Path(__file__).parent / "data" / "validate_data.py"
    done = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, [line for line in done.stdout.splitlines() if "ERROR" in line]
