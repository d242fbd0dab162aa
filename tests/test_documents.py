"""Reading drafts: encodings, refusals, offsets that slice the original."""

from __future__ import annotations

import codecs

import pytest

from writer.documents import read_document
from writer.documents.model import LineIndex, prose_view, split_paragraphs
from writer.documents.reader import MAX_BYTES, decode
from writer.errors import InputError

SMART = "\u201cBreathe,\u201d she said \u2014 and the saturation rose."


@pytest.mark.parametrize(
    "data,encoding",
    [
        (SMART.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + SMART.encode("utf-8"), "utf-8-sig"),
        (SMART.encode("utf-16"), "utf-16"),
        (SMART.encode("cp1252"), "cp1252"),
    ],
)
def test_decodes_what_word_and_phones_write(data, encoding):
    text, used = decode(data)
    assert text == SMART
    assert used == encoding


def test_latin1_is_decoded():
    text, _ = decode("Jos\u00e9 N\u00fa\u00f1ez trained in Bogot\u00e1.".encode("latin-1"))
    assert text == "Jos\u00e9 N\u00fa\u00f1ez trained in Bogot\u00e1."


@pytest.mark.parametrize(
    "data,needle",
    [
        (b"%PDF-1.7\n...", "PDF"),
        (b"\x89PNG\r\n\x1a\n....", "PNG"),
        (b"abc\x00def", "binary"),
    ],
)
def test_refuses_what_is_not_a_draft(data, needle):
    with pytest.raises(InputError, match=needle):
        decode(data)


def test_missing_directory_empty_and_huge(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_document(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="directory"):
        read_document(tmp_path)
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n\n ")
    with pytest.raises(InputError, match="empty draft"):
        read_document(empty)
    huge = tmp_path / "huge.txt"
    huge.write_bytes(b"a" * (MAX_BYTES + 1))
    with pytest.raises(InputError, match="too large"):
        read_document(huge)


def test_prose_view_keeps_length_and_paragraphs():
    text = "One line\r\nwrapped.\r\n\r\nSecond\rparagraph.\r\rThird."
    view = prose_view(text)
    assert len(view) == len(text)
    paras = list(split_paragraphs(view))
    assert [text[p.start : p.end].replace("\r\n", " ").replace("\r", " ") for p in paras] == [
        "One line wrapped.",
        "Second paragraph.",
        "Third.",
    ]


def test_line_index_handles_crlf_and_cr():
    idx = LineIndex("ab\r\ncd\ref\ngh")
    assert idx.position(0) == (1, 1)
    assert idx.position(4) == (2, 1)
    assert idx.position(7) == (3, 1)
    assert idx.position(11) == (4, 2)


def _paragraph_texts(text: str) -> list[str]:
    view = prose_view(text)
    assert len(view) == len(text)
    return [" ".join(text[p.start : p.end].split()) for p in split_paragraphs(view)]


def test_paragraphs_a_layout_shows_without_blank_lines():
    indented = (
        "    I was the only doctor in the ICU that night,\n"
        "and the ventilator alarmed.\n"
        "    In 2024 I joined the anesthesia department\n"
        "as a trainee.\n"
        "    I hope to teach.\n"
    )
    assert _paragraph_texts(indented) == [
        "I was the only doctor in the ICU that night, and the ventilator alarmed.",
        "In 2024 I joined the anesthesia department as a trainee.",
        "I hope to teach.",
    ]
    long_line = "I held the mask while the saturation fell. " * 6
    per_line = f"My Path to Anesthesiology\n{long_line}\n{long_line}\n"
    assert len(_paragraph_texts(per_line)) == 3  # a word processor's one paragraph a line
    crlf = per_line.replace("\n", "\r\n")
    assert len(_paragraph_texts(crlf)) == 3


def test_hard_wrapped_and_quoted_lines_stay_one_paragraph():
    wrapped = "I watched the resident place the\n  epidural, and then the\npressure fell.\n"
    assert len(_paragraph_texts(wrapped)) == 1  # the indented line continues a sentence
    quoted = "    To cure sometimes,\n    to relieve often,\n    to comfort always.\n"
    assert len(_paragraph_texts(quoted)) == 1  # indented throughout: a quotation
    assert _paragraph_texts("One line\nwrapped.\n\nTwo.") == ["One line wrapped.", "Two."]


def _tracked_docx(path):
    """A Word draft an advisor edited with Track Changes: one insertion, one deletion."""
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def change(kind: str, text: str):
        el = OxmlElement(f"w:{kind}")
        el.set(qn("w:id"), "1")
        el.set(qn("w:author"), "Advisor")
        run, t = OxmlElement("w:r"), OxmlElement("w:delText" if kind == "del" else "w:t")
        t.text = text
        t.set(qn("xml:space"), "preserve")
        run.append(t)
        el.append(run)
        return el

    document = docx.Document()
    p = document.add_paragraph("I did not pass Step 1 ")
    p._p.append(change("ins", "on my first attempt"))
    p._p.append(change("del", " because the exam was unfair"))
    p.add_run(", and I own that.")
    document.add_paragraph("Second paragraph.")
    document.save(path)


def test_a_word_draft_with_tracked_changes_is_read_with_them_accepted(tmp_path):
    _tracked_docx(tmp_path / "edited.docx")
    doc = read_document(tmp_path / "edited.docx")
    assert doc.text.splitlines()[0] == "I did not pass Step 1 on my first attempt, and I own that."
    assert "unfair" not in doc.text
    assert any(
        "tracked changes read as accepted (1 insertion(s), 1 deletion(s))" in n for n in doc.notes
    )
