"""Accuracy of the detectors and of the whole-statement judgements.

Prints precision, recall and F1 per tag on the labeled sentence sets
(tests/data/sentences*.jsonl): the `test` split is held out (never tuned on,
never trained on), every other split (`dev`, `dev2`, ... `devN`) is a tuning set
(the shipped model names the sets it was trained on in its `trained_on`); then
statement-level agreement on tests/data/statements/*.txt against their
*.expected.json, and the email rules on tests/data/emails/.

    python benchmarks/accuracy.py [--split test|dev|devN|tuning|all] [--errors]
                                  [--detectors-only]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
sys.path.insert(0, str(ROOT))

from writer.nlp.detectors import TAGS  # noqa: E402  (after the path is set)


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, gold: bool, predicted: bool) -> None:
        """Count one sentence's outcome for the tag."""
        if gold and predicted:
            self.tp += 1
        elif predicted:
            self.fp += 1
        elif gold:
            self.fn += 1

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


SENTENCE_FILES = (
    "sentences.jsonl",
    "sentences_dev2.jsonl",
    "sentences_dev3.jsonl",
    "sentences_dev4.jsonl",
    "sentences_dev5.jsonl",
    "sentences_dev6.jsonl",
    "sentences_dev7.jsonl",
    "sentences_dev8.jsonl",
    "sentences_dev9.jsonl",
    "sentences_dev10.jsonl",
    "sentences_dev11.jsonl",
    "sentences_dev12.jsonl",
    "sentences_dev13.jsonl",
    "sentences_dev14.jsonl",
    "sentences_dev15.jsonl",
    "sentences_dev16.jsonl",
    "sentences_dev17.jsonl",
    "sentences_dev18.jsonl",
    "sentences_dev19.jsonl",
    "sentences_dev20.jsonl",
    "sentences_dev21.jsonl",
    "sentences_dev22.jsonl",
    "sentences_dev23.jsonl",
    "sentences_dev24.jsonl",
    "sentences_dev25.jsonl",
    "sentences_dev26.jsonl",
    "sentences_dev27.jsonl",
    "sentences_dev28.jsonl",
    "sentences_dev29.jsonl",
    "sentences_dev30.jsonl",
    "sentences_dev31.jsonl",
    "sentences_dev32.jsonl",
    "sentences_dev33.jsonl",
    "sentences_dev34.jsonl",
    "sentences_dev35.jsonl",
    "sentences_dev36.jsonl",
    "sentences_dev37.jsonl",
    "sentences_dev38.jsonl",
    "sentences_dev39.jsonl",
    "sentences_dev40.jsonl",
    "sentences_dev41.jsonl",
    "sentences_dev42.jsonl",
    "sentences_dev43.jsonl",
    "sentences_dev44.jsonl",
    "sentences_dev45.jsonl",
    "sentences_dev46.jsonl",
    "sentences_dev47.jsonl",
    "sentences_dev48.jsonl",
    "sentences_dev49.jsonl",
    "sentences_dev50.jsonl",
    "sentences_dev51.jsonl",
    "sentences_dev52.jsonl",
    "sentences_dev53.jsonl",
    "sentences_dev54.jsonl",
    "sentences_dev55.jsonl",
    "sentences_dev56.jsonl",
    "sentences_dev57.jsonl",
    "sentences_dev58.jsonl",
    "sentences_dev59.jsonl",
    "sentences_dev60.jsonl",
    "sentences_dev61.jsonl",
    "sentences_dev62.jsonl",
    "sentences_dev63.jsonl",
    "sentences_dev64.jsonl",
    "sentences_dev65.jsonl",
    "sentences_dev66.jsonl",
    "sentences_dev67.jsonl",
    "sentences_dev68.jsonl",
    "sentences_dev69.jsonl",
    "sentences_dev70.jsonl",
    "sentences_dev71.jsonl",
    "sentences_dev72.jsonl",
    "sentences_dev73.jsonl",
    "sentences_dev74.jsonl",
    "sentences_dev75.jsonl",
    "sentences_dev76.jsonl",
    "sentences_dev77.jsonl",
    "sentences_dev78.jsonl",
    "sentences_dev79.jsonl",
    "sentences_dev80.jsonl",
    "sentences_dev81.jsonl",
    "sentences_dev82.jsonl",
    "sentences_dev83.jsonl",
    "sentences_dev84.jsonl",
    "sentences_dev85.jsonl",
    "sentences_dev86.jsonl",
    "sentences_dev87.jsonl",
)
#: Every tuning split, in the order the sets were written.
SPLITS = (
    "dev",
    *(name.removeprefix("sentences_").removesuffix(".jsonl") for name in SENTENCE_FILES[1:]),
)
#: The splits the detectors were tuned on and the learned model is trained on; never `test`.
TUNING_SPLITS = SPLITS


def load_sentences(split: str = "test") -> list[dict]:
    """Labeled sentences of one split: `test` (held out), a tuning split (`dev`, `devN`), `tuning` or `all`."""
    rows = []
    for name in SENTENCE_FILES:
        path = DATA / name
        if path.exists():
            rows += [
                json.loads(line)
                for line in path.read_text(encoding="utf-8").splitlines()
                if line.strip()
            ]
    if split == "all":
        return rows
    if split == "tuning":
        return [r for r in rows if r["split"] in TUNING_SPLITS]
    return [r for r in rows if r["split"] == split]


#: A tuning sentence whose words overlap a held-out `test` sentence's this much (Jaccard,
#: over lowercase words and numbers) is a near-paraphrase of it ("My medical school did not
#: prepare us for the USMLE at all." / "My school did not prepare us for the USMLE at all.",
#: 0.92). Authors writing blind from the same guide produce a few (166 of 16,759 sentences
#: at 0.6); training on them would let the model memorise test answers, so the learned
#: model never sees them (`benchmarks/train_model.py`).
NEAR_TEST = 0.6
_WORD = re.compile(r"[a-z0-9]+")


def _words(text: str) -> frozenset[str]:
    return frozenset(_WORD.findall(text.lower()))


def near_test(rows: list[dict], threshold: float = NEAR_TEST) -> list[bool]:
    """For each row, whether it is a near-paraphrase of a `test` sentence (never true of a
    `test` row itself)."""
    test = [_words(r["text"]) for r in load_sentences("test")]
    out = []
    for row in rows:
        words = _words(row["text"])
        out.append(
            row["split"] != "test"
            and any(len(words & t) >= threshold * len(words | t) for t in test if words & t)
        )
    return out


#: Where a row of a whole-statement set sits: its note ends "(statement N, sentence M)".
_POSITION = re.compile(r"\(statement (\d+), sentence (\d+)\)")
#: ... and a note that starts with this says a paragraph ends after the row.
_PARAGRAPH_END = "end of paragraph"


def in_context_tags(rows: list[dict], analyzer) -> list[set[str]]:
    """Each row's tags read as `stmt check` reads a draft: rows whose note places them in
    a whole statement are joined, in order, into that statement's text (a paragraph ends
    after a row whose note starts "end of paragraph", as dev36's do), and each gets the
    tags of the sentences found over its characters; other rows are read alone."""
    from writer.documents.reader import make_document

    predicted = analyzer.tag_sentences([r["text"] for r in rows])
    groups: dict[tuple[str, int], list[tuple[int, int]]] = {}
    for i, row in enumerate(rows):
        found = _POSITION.search(row.get("note", ""))
        if found:
            key = (row["split"], int(found.group(1)))
            groups.setdefault(key, []).append((int(found.group(2)), i))
    for members in groups.values():
        text, spans = "", []
        for _, i in sorted(members):
            spans.append((i, len(text), len(text) + len(rows[i]["text"])))
            ends = rows[i].get("note", "").startswith(_PARAGRAPH_END)
            text += rows[i]["text"] + ("\n\n" if ends else " ")
        (analysis,) = analyzer.analyze([make_document(text.rstrip() + "\n")])
        for i, start, end in spans:
            predicted[i] = {
                t for s in analysis.sentences if s.start < end and start < s.end for t in s.tags
            }
    return predicted


def sentence_scores(
    rows: list[dict], analyzer=None, in_context: bool = False
) -> tuple[dict[str, Score], list[tuple[dict, set[str]]]]:
    if analyzer is None:
        from writer.api import get_analyzer

        analyzer = get_analyzer()
    if in_context:
        predicted = in_context_tags(rows, analyzer)
    else:
        predicted = analyzer.tag_sentences([r["text"] for r in rows])
    scores = {t: Score() for t in TAGS}
    for row, pred in zip(rows, predicted, strict=True):
        gold = set(row["tags"])
        for t in TAGS:
            scores[t].add(t in gold, t in pred)
    return scores, list(zip(rows, predicted, strict=True))


def bootstrap_f1(
    pairs: list[tuple[dict, set[str]]], rounds: int = 1000, seed: int = 0
) -> dict[str, tuple[float, float]]:
    """A 95% interval for each tag's F1: the sentences resampled with replacement.

    How far a figure on a few hundred sentences could move by the luck of which
    sentences were written: a tag with 40 positives is a few errors from 0.90.
    """
    import random

    rng = random.Random(seed)
    outcome = {t: [(t in row["tags"], t in pred) for row, pred in pairs] for t in TAGS}
    n = len(pairs)
    samples: dict[str, list[float]] = {t: [] for t in TAGS}
    for _ in range(rounds):
        picks = [rng.randrange(n) for _ in range(n)]
        for t in TAGS:
            score = Score()
            for i in picks:
                score.add(*outcome[t][i])
            samples[t].append(score.f1)
    intervals = {}
    for t, values in samples.items():
        values.sort()
        intervals[t] = (values[int(0.025 * rounds)], values[int(0.975 * rounds) - 1])
    return intervals


DRAFT_SUFFIXES = (".txt", ".md", ".docx")


def statement_agreement(
    folder: Path = DATA / "statements",
) -> list[tuple[str, list[str], list[str]]]:
    """For each statement: (name, expected rules that did not fire, forbidden rules that fired)."""
    from writer.api import check_files
    from writer.profile import parse_profile

    out = []
    for expected_path in sorted(folder.glob("*.expected.json")):
        expected = json.loads(expected_path.read_text(encoding="utf-8"))
        stem = expected_path.name.replace(".expected.json", "")
        # the draft as saved: plain text, Markdown or Word
        draft = next(
            (p for p in (expected_path.with_name(stem + s) for s in DRAFT_SUFFIXES) if p.exists()),
            expected_path.with_name(stem + ".txt"),
        )
        profile = None
        if expected.get("profile"):
            profile = parse_profile(_toml(expected["profile"]), source=str(expected_path))
        (result,) = check_files([draft], profile=profile, kind=expected.get("kind", "statement"))
        fired = {f.rule for f in result.findings if f.severity != "info"}
        missed = [r for r in expected.get("must", []) if r not in fired]
        wrong = [r for r in expected.get("must_not", []) if r in fired]
        out.append((draft.name, missed, wrong))
    return out


# The labeled emails give deadlines as dates in 2027; judge them as of a fixed day
# so that short-notice does not drift with the calendar.
EMAIL_TODAY = "2027-06-01"


def email_agreement(folder: Path = DATA / "emails"):
    from datetime import date

    from writer.rules.email import today_is

    with today_is(date.fromisoformat(EMAIL_TODAY)):
        return statement_agreement(folder)


def _toml(data: dict) -> str:
    lines = []
    for table, values in data.items():
        lines.append(f"[{table}]")
        for key, value in values.items():
            lines.append(f"{key} = {json.dumps(value)}")
    return "\n".join(lines) + "\n"


#: A second annotator's tags for the held-out test split, given the guide, ANNOTATION.md
#: and the sentences only (not the labels, not stmt's tags): how far two careful
#: annotators agree, the ceiling a tool's F1 against one of them can be read against.
AGREEMENT = DATA / "agreement" / "test_annotator2.jsonl"


def print_agreement(pairs: list[tuple[dict, set[str]]]) -> None:
    """F1 of the second annotator against the labels, next to stmt's, per tag."""
    if not AGREEMENT.exists():
        return
    second = {}
    for line in AGREEMENT.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            second[row["id"]] = set(row["tags"])
    pairs = [(row, pred) for row, pred in pairs if row["id"] in second]
    print(f"\nAgreement with a second annotator, blind, on {len(pairs)} test sentences (F1)")
    print(f"{'tag':<16} {'annotator 2 vs labels':>22} {'stmt vs labels':>15}")
    totals = [0.0, 0.0]
    for t in TAGS:
        human, tool = Score(), Score()
        for row, pred in pairs:
            gold = t in row["tags"]
            human.add(gold, t in second[row["id"]])
            tool.add(gold, t in pred)
        totals[0] += human.f1
        totals[1] += tool.f1
        print(f"{t:<16} {human.f1:22.3f} {tool.f1:15.3f}")
    print(f"{'macro':<16} {totals[0] / len(TAGS):22.3f} {totals[1] / len(TAGS):15.3f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--split",
        default="test",
        choices=["test", *SPLITS, "tuning", "all"],
    )
    parser.add_argument(
        "--detectors-only",
        action="store_true",
        help="without the learned model (writer/nlp/learned.py): the detectors alone",
    )
    parser.add_argument(
        "--errors", action="store_true", help="list the sentences each tag got wrong"
    )
    parser.add_argument(
        "--in-context",
        action="store_true",
        help="read sentences of whole statements (notes '(statement N, sentence M)') inside "
        "their statement, as stmt check reads a draft, instead of one by one",
    )
    args = parser.parse_args(argv)

    rows = load_sentences(args.split)
    analyzer = None
    if args.detectors_only:
        from writer.nlp.analyze import Analyzer

        analyzer = Analyzer(model=None)
    scores, pairs = sentence_scores(rows, analyzer, in_context=args.in_context)
    which = "detectors only" if args.detectors_only else "detectors + learned model"
    if args.in_context:
        which += ", whole statements read in context"
    print(f"Sentence tags, split={args.split} ({len(rows)} sentences), {which}")
    intervals = bootstrap_f1(pairs)
    print(
        f"{'tag':<16} {'P':>6} {'R':>6} {'F1':>6} {'TP':>4} {'FP':>4} {'FN':>4}"
        f"  F1 95% interval (bootstrap)"
    )
    for t in TAGS:
        s = scores[t]
        low, high = intervals[t]
        print(
            f"{t:<16} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} {s.tp:4d} {s.fp:4d} {s.fn:4d}"
            f"  {low:.3f}-{high:.3f}"
        )
    macro = sum(s.f1 for s in scores.values()) / len(TAGS)
    print(f"{'macro F1':<16} {'':>6} {'':>6} {macro:6.3f}")
    if args.split == "test" and not args.in_context:
        print_agreement(pairs)
    if args.errors:
        for t in TAGS:
            for row, pred in pairs:
                gold = t in row["tags"]
                if gold != (t in pred):
                    kind = "FN" if gold else "FP"
                    print(f"  {t} {kind} {row['id']}: {row['text']}")

    statements = statement_agreement()
    agreed = sum(1 for _, missed, wrong in statements if not missed and not wrong)
    print(f"\nWhole statements: {agreed}/{len(statements)} judged as expected")
    for name, missed, wrong in statements:
        if missed or wrong:
            print(f"  {name}: missed {missed or '-'}; unexpected {wrong or '-'}")

    emails = DATA / "emails"
    if emails.is_dir() and any(emails.glob("*.expected.json")):
        try:
            results = email_agreement(emails)
            ok = sum(1 for _, m, w in results if not m and not w)
            print(f"\nEmails: {ok}/{len(results)} judged as expected")
            for name, missed, wrong in results:
                if missed or wrong:
                    print(f"  {name}: missed {missed or '-'}; unexpected {wrong or '-'}")
        except Exception as err:  # email rules may not exist yet in this checkout
            print(f"\nEmails: not measured ({type(err).__name__}: {err})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
