"""Parsing paragraph by paragraph (writer.nlp.paragraphs): the same text, the same
sentences, in order, and a cache that gives what parsing again would."""

from __future__ import annotations

import pytest

from writer.nlp.paragraphs import ParagraphParser, paragraph_chunks

THREE = (
    "\n  I failed Step 1 on my first attempt.\n\n"
    "During my observership at Mount Sinai, a patient desaturated on induction.\n"
    "The attending let me hold the mask.\n\n\n"
    "I hope to pursue a fellowship in critical care."
)


@pytest.mark.parametrize(
    "text, pieces",
    [
        (THREE, 3),
        ("One paragraph, two lines.\nStill one.", 1),
        ("", 1),
        ("   \n\n  ", 1),
        ("First.\n\nSecond.\n\n", 2),
        ("First.\n \t\nSecond.", 2),
    ],
)
def test_chunks_join_back_to_the_text(text, pieces):
    chunks = paragraph_chunks(text)
    assert "".join(chunks) == text
    assert len(chunks) == pieces


def test_each_chunk_is_one_paragraph_with_the_blank_lines_after_it():
    first, second, third = paragraph_chunks(THREE)
    assert first.startswith("\n  I failed") and first.endswith("attempt.\n\n")
    assert second.startswith("During") and second.endswith("mask.\n\n\n")
    assert third == "I hope to pursue a fellowship in critical care."


class CountingNLP:
    """Passes everything to the real pipeline and remembers what it was asked to parse."""

    def __init__(self, nlp) -> None:
        self.nlp = nlp
        self.parsed: list[str] = []

    def pipe(self, texts, batch_size=64):
        for text in texts:
            self.parsed.append(text)
            yield self.nlp(text)


def annotations(doc):
    return [(t.text, t.tag_, t.dep_, t.head.i, t.lemma_, t.is_sent_start) for t in doc]


def test_joined_doc_has_the_text_and_no_sentence_crosses_a_paragraph(analyzer):
    (doc,) = ParagraphParser(analyzer.nlp).pipe([THREE])
    assert doc.text == THREE
    breaks = [THREE.index("During"), THREE.index("I hope")]
    starts = {s.start_char for s in doc.sents}
    assert all(b in starts for b in breaks)
    for sent in doc.sents:  # no sentence runs over a blank line
        assert "\n\n" not in sent.text.strip()
    # every token's head is in its own paragraph's piece
    for token in doc:
        assert sum(b > token.idx for b in breaks) == sum(b > token.head.idx for b in breaks)


def test_many_texts_come_back_in_order_across_batches(analyzer):
    texts = [THREE, "", "Just one sentence here.", "A.\n\nB.\n\nC.\n\nD.", "   ", THREE[::-1]]
    docs = list(ParagraphParser(analyzer.nlp).pipe(iter(texts), batch_size=2))
    assert [d.text for d in docs] == texts


def test_a_paragraph_parses_alone_as_it_does_inside_the_text(analyzer):
    (doc,) = ParagraphParser(analyzer.nlp).pipe([THREE])
    second = paragraph_chunks(THREE)[1]
    offset = THREE.index(second)
    alone = analyzer.nlp(second)
    inside = doc.char_span(offset, offset + len(second.rstrip()), alignment_mode="expand")
    assert [(t.text, t.tag_, t.dep_, t.lemma_) for t in inside] == [
        (t.text, t.tag_, t.dep_, t.lemma_) for t in alone[: len(inside)]
    ]
    assert all(t.is_space for t in alone[len(inside) :])


def test_the_cache_parses_only_what_changed_and_gives_the_same_parse(analyzer):
    counting = CountingNLP(analyzer.nlp)
    cached = ParagraphParser(counting, cache=16)
    (first,) = cached.pipe([THREE])
    assert len(counting.parsed) == 3
    edited = THREE.replace("hold the mask", "hold the mask and squeeze the bag")
    (second,) = cached.pipe([edited])
    assert counting.parsed[3:] == [paragraph_chunks(edited)[1]]  # only the edited paragraph
    (fresh,) = ParagraphParser(analyzer.nlp).pipe([edited])
    assert annotations(second) == annotations(fresh)
    assert annotations(first) == annotations(next(ParagraphParser(analyzer.nlp).pipe([THREE])))


def test_the_cache_keeps_at_most_its_size(analyzer):
    counting = CountingNLP(analyzer.nlp)
    cached = ParagraphParser(counting, cache=2)
    texts = [f"Paragraph {i}.\n\nAnother {i}." for i in range(4)]
    for text in texts:
        (doc,) = cached.pipe([text])
        assert doc.text == text
    assert len(cached._cache) == 2
    cached.pipe([texts[0]]).__next__()  # evicted long ago: parsed again
    assert counting.parsed.count("Paragraph 0.\n\n") == 2
    cached.keep(0)
    assert len(cached._cache) == 0


def test_a_text_longer_than_the_cache_is_still_whole(analyzer):
    text = "\n\n".join(f"Sentence number {i}." for i in range(5))
    (doc,) = ParagraphParser(analyzer.nlp, cache=2).pipe([text])
    assert doc.text == text


@pytest.mark.parametrize(
    "text",
    [
        # the parser cut each of these before the lowercase word
        '"Is she breathing?" the nurse asked, and I looked at the capnograph.',
        "'Suction!' the attending called, and I handed it over.",
        "My Step 2 CK score was 219, and I am preparing for Step 3 so I can show it.",
        "The saturation fell to 84 percent, so the resident and I repositioned the tube.",
    ],
)
def test_a_lowercase_word_on_the_same_line_does_not_start_a_sentence(analyzer, text):
    from writer import api

    assert [s.text for s in api.check(text).sentences] == [text]


@pytest.mark.parametrize(
    "text,sentences",
    [
        ("I passed in 2021. then I began an observership.", 2),  # after a full stop
        ("Research:\n\nthree posters at regional meetings", 2),  # a new paragraph
    ],
)
def test_a_lowercase_word_may_still_start_a_sentence_after_its_end(analyzer, text, sentences):
    from writer import api

    assert len(api.check(text).sentences) == sentences
