#!/usr/bin/env python3
"""Sanity checks for the labeled evaluation data.

Usage: python3 tests/data/validate_data.py

Checks tests/data/sentences.jsonl (parsing, unique ids, tag vocabulary,
split values, hard-negative notes) and tests/data/statements/*.txt, *.md and *.docx with
their .expected.json files, then prints per-tag counts per split.
Exits non-zero on any problem.
"""

import json
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
TAGS = [
    "exam",
    "blame",
    "anecdote",
    "why_specialty",
    "why_me",
    "img_perspective",
    "why_now",
    "future_goals",
]
RULES = [
    "score-not-addressed",
    "score-overemphasized",
    "blame",
    "no-anesthesia-anecdote",
    "generic-opening",
    "opening-not-anesthesia",
    "missing-why-anesthesiology",
    "missing-why-me",
    "missing-why-now",
    "missing-img-perspective",
    "missing-future-goals",
    "too-long",
    "eras-limit",
    "eras-characters",
]
HN_PREFIX = re.compile(r"^hard negative for ([a-z_, ]+):")

errors = []


def hard_negative_tags(note):
    m = HN_PREFIX.match(note or "")
    return [t.strip() for t in m.group(1).split(",")] if m else []


def check_sentences(path):
    ids, texts = set(), set()
    pos, hn = Counter(), Counter()
    n = 0
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        try:
            row = json.loads(line)
        except json.JSONDecodeError as e:
            errors.append(f"{path.name}:{lineno}: bad JSON: {e}")
            continue
        n += 1
        extra = set(row) - {"id", "text", "tags", "split", "note"}
        if extra:
            errors.append(f"{path.name}:{lineno}: unexpected keys {sorted(extra)}")
        if row.get("id") in ids:
            errors.append(f"{path.name}:{lineno}: duplicate id {row.get('id')}")
        ids.add(row.get("id"))
        text = row.get("text", "")
        if not text.strip() or text in texts:
            errors.append(f"{path.name}:{lineno}: empty or duplicate text")
        texts.add(text)
        tags = row.get("tags")
        if (
            not isinstance(tags, list)
            or any(t not in TAGS for t in tags)
            or len(set(tags)) != len(tags)
        ):
            errors.append(f"{path.name}:{lineno}: bad tags {tags}")
            continue
        split = row.get("split")
        if split not in ("dev", "test"):
            errors.append(f"{path.name}:{lineno}: bad split {split}")
            continue
        for t in tags:
            pos[t, split] += 1
        for t in hard_negative_tags(row.get("note")):
            if t not in TAGS or t in tags:
                errors.append(f"{path.name}:{lineno}: bad hard-negative tag {t}")
            hn[t, split] += 1
    print(f"{path.name}: {n} sentences")
    print(f"{'tag':18}{'pos dev':>9}{'pos test':>10}{'hn dev':>8}{'hn test':>9}")
    for t in TAGS:
        print(f"{t:18}{pos[t, 'dev']:>9}{pos[t, 'test']:>10}{hn[t, 'dev']:>8}{hn[t, 'test']:>9}")
        if pos[t, "dev"] + pos[t, "test"] < 60:
            errors.append(f"tag {t}: fewer than 60 positives")
        if hn[t, "dev"] + hn[t, "test"] < 40:
            errors.append(f"tag {t}: fewer than 40 hard negatives")


def check_statements(folder):
    texts = sorted([*folder.glob("*.txt"), *folder.glob("*.md"), *folder.glob("*.docx")])
    print(f"\n{folder.name}: {len(texts)} statements")
    for txt in texts:
        exp_path = txt.with_name(txt.stem + ".expected.json")
        if not exp_path.exists():
            errors.append(f"{txt.name}: missing {exp_path.name}")
            continue
        exp = json.loads(exp_path.read_text(encoding="utf-8"))
        must, must_not = exp.get("must", []), exp.get("must_not", [])
        for r in must + must_not:
            if r not in RULES:
                errors.append(f"{exp_path.name}: unknown rule {r}")
        if set(must) & set(must_not):
            errors.append(f"{exp_path.name}: rule in both must and must_not")
        left_out = set(RULES) - set(must) - set(must_not)
        # a rule the flaw honestly overlaps may be left out of both lists, if the note names it
        if len(left_out) > 1 or any(r not in exp.get("note", "") for r in left_out):
            errors.append(f"{exp_path.name}: must + must_not do not cover every rule")
        if exp.get("kind") != "statement" or "applicant" not in exp.get("profile", {}):
            errors.append(f"{exp_path.name}: bad kind or profile")
        if txt.suffix == ".docx":  # a statement saved in Word: its text as stmt reads it
            from writer.documents.docx import read_docx

            body = read_docx(txt)
        elif txt.suffix == ".md":  # Markdown: the prose ERAS would get, not the markup
            from writer.documents.markdown import markdown_prose

            body = markdown_prose(txt.read_text(encoding="utf-8"))
        else:
            body = txt.read_text(encoding="utf-8")
        words = len(body.split())
        non_ascii = sorted({c for c in body if ord(c) > 127 or c == "\t"})
        if non_ascii and "eras-characters" not in must:
            errors.append(f"{txt.name}: non-ASCII or tab characters {non_ascii}")
        # statements written short on purpose ("-short" in the name) may run from 400 words
        low = 400 if "-short" in txt.stem else 550
        if "too-long" not in must and not low <= words <= 850:
            errors.append(f"{txt.name}: {words} words outside {low}-850")
        print(f"  {txt.stem:34}{words:>5} words  must={must}")


if __name__ == "__main__":
    check_sentences(HERE / "sentences.jsonl")
    if (HERE / "statements").is_dir():
        check_statements(HERE / "statements")
    for e in errors:
        print("ERROR:", e)
    sys.exit(1 if errors else 0)
