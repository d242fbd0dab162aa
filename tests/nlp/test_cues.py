"""Cue matching: message-only lexicons are matched in messages, never in statements."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from writer.documents.reader import make_document
from writer.errors import ConfigError
from writer.nlp.lexicon import load_lexicons

ASKING = (
    "Could you please send me an interview invitation by March 3? I would be grateful "
    "for a strong letter. I learned to intubate during my observership in Lagos."
)


def _cue_keys(analyzer, text: str, kind: str) -> set[str]:
    (analysis,) = analyzer.analyze([make_document(text, "draft.txt", kind=kind)])
    return {key for s in analysis.sentences for key in s.cues}


def test_the_email_lexicon_is_message_only():
    assert load_lexicons()["email"].documents == "messages"
    assert {lex.documents for name, lex in load_lexicons().items() if name != "email"} == {"all"}


def test_a_statement_gets_no_email_cues(analyzer):
    keys = _cue_keys(analyzer, ASKING, "statement")
    assert keys and not any(k.startswith("email.") for k in keys)


@pytest.mark.parametrize("kind", ["interest-email", "letter-request"])
def test_an_email_still_gets_every_email_cue(analyzer, kind):
    keys = _cue_keys(analyzer, ASKING, kind)
    assert {"email.request", "email.strong_letter", "email.deadline", "email.date"} <= keys
    assert keys >= _cue_keys(analyzer, ASKING, "statement")


def test_a_statement_gets_every_other_cue_exactly(analyzer):
    doc = analyzer.nlp(ASKING)
    every = analyzer.cues.find(doc).hits
    assert any(k.startswith("email.") for k in every)
    for kind in ("interest-email", "letter-request", "reminder"):
        assert analyzer.cues.find(doc, kind).hits == every
    statement = analyzer.cues.find(doc, "statement").hits
    assert statement == {k: v for k, v in every.items() if not k.startswith("email.")}


def test_the_learned_model_gives_message_only_cues_no_weight():
    """Statements are tagged without them, as the model was trained."""
    from writer.nlp.learned import load_model

    model = load_model()
    if model is None:
        pytest.skip("no shipped sentence model")
    message_only = [name for name, lex in load_lexicons().items() if lex.documents == "messages"]
    for tag in model.tags.values():
        cues = [f.removeprefix("cue=") for f in tag.weights if f.startswith("cue=")]
        assert cues and not [c for c in cues if c.split(".")[0] in message_only]


def test_a_users_lexicon_may_be_message_only(tmp_path):
    (tmp_path / "mine.toml").write_text(
        'documents = "messages"\n[cues.thanks]\nphrases = ["many thanks"]\n', encoding="utf-8"
    )
    (tmp_path / "blame.toml").write_text('documents = "all"\n', encoding="utf-8")
    lexicons = load_lexicons((tmp_path,))
    assert lexicons["mine"].documents == "messages"
    assert lexicons["blame"].documents == "all"
    assert lexicons["email"].documents == "messages"  # a file that does not say keeps it


def test_an_unknown_documents_value_is_an_error(tmp_path):
    (tmp_path / "mine.toml").write_text('documents = "emails"\n', encoding="utf-8")
    with pytest.raises(
        ConfigError, match=r"mine\.toml: documents = 'emails': use 'all' or 'messages'"
    ):
        load_lexicons((tmp_path,))


@settings(max_examples=300, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(["exam.a", "exam.b", "blame.c", "structure.d", "email.e"]),
        st.sets(st.tuples(st.integers(0, 30), st.integers(1, 4))).map(
            lambda s: sorted((a, a + n) for a, n in s)
        ),
    ),
    st.integers(0, 30),
    st.integers(0, 12),
)
def test_a_sentences_cues_are_each_keys_hits_in_its_range(hits, start, length):
    from writer.nlp.cues import CueIndex

    index = CueIndex(hits)
    expected = {k: index.in_range(k, start, start + length) for k in hits}
    expected = {k: v for k, v in expected.items() if v}
    got = index.within(start, start + length)
    assert got == expected and list(got) == list(expected)
