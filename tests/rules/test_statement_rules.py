"""Statement rules on drafts built for each rule: what fires, where, and what does not."""

from __future__ import annotations

import pytest

from writer.api import check
from writer.profile import parse_profile

STORY = (
    "At 2 a.m. the 70-year-old man's saturation fell to 82% during induction, and the attending "
    "handed me the mask while she reached for the video laryngoscope."
)


def rules_of(result) -> dict[str, list]:
    out: dict[str, list] = {}
    for f in result.findings:
        out.setdefault(f.rule, []).append(f)
    return out


def test_score_overemphasized_points_at_the_fourth_exam_sentence():
    exam = [
        "I failed Step 1 on my first attempt.",
        "I retook Step 1 six months later and passed.",
        "My Step 2 CK score was 221.",
        "I then took Step 3 and scored 230.",
    ]
    text = STORY + "\n\n" + " ".join(exam) + "\n"
    found = rules_of(check(text))
    (finding,) = found["score-overemphasized"]
    assert text[finding.start : finding.end] == exam[3]


def test_three_exam_sentences_are_within_the_guide():
    text = (
        STORY
        + "\n\nI failed Step 1 on my first attempt. I changed how I studied. I scored 238 on Step 2 CK.\n"
    )
    assert "score-overemphasized" not in rules_of(check(text))


def test_epigraph_then_story_is_a_generic_opening_but_the_story_counts():
    text = '"To sleep, perchance to dream." - Shakespeare\n\n' + STORY + "\n"
    found = rules_of(check(text))
    assert "generic-opening" in found
    assert "opening-not-anesthesia" not in found


def test_a_title_line_above_the_statement_is_not_its_opening():
    titled = "My Path to Anesthesiology\n\n" + STORY + "\n"
    found = rules_of(check(titled))
    assert "generic-opening" not in found and "opening-not-anesthesia" not in found
    quoted = (
        "My Path to Anesthesiology\n\n"
        '"Listen to your patient, he is telling you the diagnosis." - Sir William Osler\n\n'
        + STORY
        + "\n"
    )
    found = rules_of(check(quoted))
    assert "generic-opening" in found and "opening-not-anesthesia" not in found
    (finding,) = found["generic-opening"]
    assert quoted[finding.start : finding.end].startswith('"Listen')
    # a short first paragraph that ends as a sentence is the opening, not a title
    found = rules_of(check("I grew up in Lagos.\n\n" + STORY + "\n"))
    assert "opening-not-anesthesia" in found


def test_ward_story_opening_is_not_an_anesthesia_opening():
    text = (
        "On the medicine ward I adjusted a diabetic patient's insulin every morning for a week.\n\n"
        + STORY
        + "\n"
    )
    found = rules_of(check(text))
    assert "opening-not-anesthesia" in found
    assert "no-anesthesia-anecdote" not in found


CLINIC_STORIES = [
    # a patient in particular, vital signs, past tense: vivid, and still another specialty's
    "Every Thursday the hypertension clinic in Kano was full by eight. Mrs. Bello was 64 and "
    "had walked two hours to reach us. That morning her blood pressure was 196/110 and her "
    "pulse was irregular, so I changed her tablets and explained each one with her daughter.",
    "On my ward round that Monday, Mr. Hadid, a 71-year-old man with heart failure, was "
    "breathless again. His oxygen was at two liters and his pressure was low, and I stopped "
    "his diuretic and called his son.",
]


@pytest.mark.parametrize("story", CLINIC_STORIES)
def test_a_clinic_or_ward_story_is_not_an_anesthesia_opening(story):
    """Guide: open with "a specific anesthesiology-related story"; issue 2: "neither is an
    internal-medicine ward scene". A paragraph set in a clinic or on a ward round, with
    nothing of anesthesia, the OR or critical care in it, is not the opening story."""
    result = check(story + "\n\n" + STORY + "\n")
    found = rules_of(result)
    assert "opening-not-anesthesia" in found
    assert "no-anesthesia-anecdote" not in found  # the OR story after it counts
    first = {s.paragraph for s in result.sentences[:1]}
    assert not any("anecdote" in s.tags for s in result.sentences if s.paragraph in first)


def test_a_scene_of_the_field_that_names_a_clinic_is_still_the_opening_story():
    """A clinic of the field (the pain clinic), or a clinic only mentioned inside an OR or
    ICU story, does not move the story elsewhere."""
    for opening in (
        "She had been seen in our clinic a week earlier. " + STORY,
        "In the pain clinic that afternoon, Mr. Osei, 58, flinched as I placed the needle "
        "for his lumbar epidural steroid injection under fluoroscopy.",
    ):
        found = rules_of(check(opening + "\n\nI plan to pursue a fellowship.\n"))
        assert "opening-not-anesthesia" not in found, opening


def test_eras_characters_suggest_the_plain_replacement():
    text = STORY + " She said \u201cbreathe\u201d \u2014 and she did.\n"
    found = rules_of(check(text))["eras-characters"]
    by_char = {text[f.start]: f.suggestion for f in found}
    assert by_char["\u201c"] == '"' and by_char["\u201d"] == '"' and by_char["\u2014"] == " - "


def test_eras_characters_are_the_replacements_and_the_emoji_ranges():
    from writer.rules.statement import _ERAS_CHARACTERS, ERAS_REPLACEMENTS

    def reported(cp: int) -> bool:
        emoji = 0x1F000 <= cp <= 0x1FAFF or 0x2600 <= cp <= 0x27BF or cp == 0xFE0F
        return chr(cp) in ERAS_REPLACEMENTS or emoji

    text = "".join(map(chr, range(0x110000)))
    assert [m.start() for m in _ERAS_CHARACTERS.finditer(text)] == [
        cp for cp in range(0x110000) if reported(cp)
    ]
    emoji = STORY + " Thank you \U0001f600\ufe0f!\n"
    found = rules_of(check(emoji))["eras-characters"]
    assert [(emoji[f.start], f.suggestion) for f in found] == [("\U0001f600", ""), ("\ufe0f", "")]


def test_length_limits():
    para = STORY + " " + "I kept the airway open and counted every breath with the team. " * 70
    found = rules_of(check(para))
    assert "too-long" in found and "eras-limit" not in found
    huge = (para + "\n\n") * 25
    assert "eras-limit" in rules_of(check(huge))


@pytest.mark.parametrize(
    "profile,severity",
    [
        ('[applicant]\nimg = true\n[scores]\nstep1 = "fail"\n', "error"),
        ("[applicant]\nimg = true\n[scores]\nstep1 = 245\nstep2ck = 250\n", None),
    ],
)
def test_score_not_addressed_follows_the_profile(profile, severity):
    result = check(STORY + "\n", profile=parse_profile(profile))
    found = rules_of(result).get("score-not-addressed", [])
    assert [f.severity for f in found] == ([severity] if severity else [])


def test_missing_img_perspective_only_for_an_img():
    text = STORY + "\n"
    assert "missing-img-perspective" in rules_of(
        check(text, profile=parse_profile("[applicant]\nimg = true\n"))
    )
    assert "missing-img-perspective" not in rules_of(
        check(text, profile=parse_profile("[applicant]\nimg = false\n"))
    )


def test_a_blame_finding_quotes_each_phrase_once():
    """Nested lexicon hits ("than my knowledge" inside "more than my knowledge") are one
    piece of evidence: the message quotes the longer phrase, not both."""
    result = check(
        "My score of 209 on Step 1 reflects the chaos of that year more than my knowledge.\n"
    )
    (blame,) = rules_of(result)["blame"]
    assert "'more than my knowledge'" in blame.message
    assert "'than my knowledge'" not in blame.message


def test_a_patients_words_inside_the_scene_are_dialogue_not_an_epigraph():
    dialogue = (
        '"Tell my granddaughter I was not afraid," Mr. Kazlauskas said, while I was taping the '
        "arterial line to his wrist before induction.\n\n" + STORY + "\n"
    )
    assert "generic-opening" not in rules_of(check(dialogue))
    epigraph = '"Life is short, the art long." Hippocrates wrote it.\n\n' + STORY + "\n"
    assert "generic-opening" in rules_of(check(epigraph))


def test_a_lead_line_of_the_story_opens_it_and_a_line_of_biography_does_not():
    lead = "The truck arrived at four in the morning with eleven wounded.\n\n" + STORY + "\n"
    assert "opening-not-anesthesia" not in rules_of(check(lead))
    biography = "I grew up in Lagos.\n\n" + STORY + "\n"
    assert "opening-not-anesthesia" in rules_of(check(biography))


@pytest.mark.parametrize(
    ("scores", "prepared", "owned"),
    [
        (
            'step1 = "fail"',
            "I spent a year studying in the hospital library after my shifts while I "
            "prepared for the exams.",
            "I spent a year studying in the hospital library after my shifts after I failed "
            "Step 1 on my first attempt.",
        ),
        # preparing for a named exam does not address its result either
        (
            'step1 = "pass"\nstep1_attempts = 2',
            "Preparing for the USMLE changed the way I study. I am now preparing for Step 3 "
            "with the same method.",
            "Preparing for the USMLE changed the way I study. I passed Step 1 only on my "
            "second attempt, and that was my own doing.",
        ),
    ],
)
def test_preparation_alone_does_not_address_a_red_flag(scores, prepared, owned):
    profile = parse_profile(f"[applicant]\nimg = true\n[scores]\n{scores}\n")
    assert "score-not-addressed" in rules_of(check(f"{STORY}\n\n{prepared}\n", profile=profile))
    assert "score-not-addressed" not in rules_of(check(f"{STORY}\n\n{owned}\n", profile=profile))


def test_the_model_gives_no_blame_to_a_failure_put_on_ones_own_method(analyzer):
    own = (
        "I failed Step 1 on my first attempt because I prepared the way I had always "
        "studied, by rereading notes, and I did not measure myself with timed questions "
        "until the last weeks."
    )
    excuse = "I failed my first attempt at Step 2 CK because the school gave us no time to study."
    tags = analyzer.tag_sentences([own, excuse])
    assert "blame" not in tags[0] and "blame" in tags[1]


def test_one_clinical_word_in_a_family_story_is_not_an_anesthesia_opening():
    family = (
        "My father was a fisherman until the pain in his back began. The doctors found a "
        "cancer already in the bones. For eight months I cared for him at home with my mother. "
        "In all the country we could not find morphine, and many nights he was not sleeping. "
        "I had no answer for him. He died in March 2017.\n\n" + STORY + "\n"
    )
    assert "opening-not-anesthesia" in rules_of(check(family))
    assert "opening-not-anesthesia" not in rules_of(check(STORY + "\n"))


def test_a_connective_before_a_gain_is_no_blame_for_the_model(analyzer):
    gain = "Dr. Nsue never shouted, even when we had nothing, and the team worked better because of this."
    excuse = "My visa was delayed for eleven months, which is why I have no US clinical experience at all."
    tags = analyzer.tag_sentences([gain, excuse])
    assert "blame" not in tags[0] and "blame" in tags[1]
