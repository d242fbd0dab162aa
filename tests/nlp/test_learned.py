"""The learned second opinion: its features, its limits, and how it joins the detectors."""

from __future__ import annotations

import json

import pytest

from writer.nlp.analyze import Analyzer
from writer.nlp.detectors import REJECTIONS, TAGS
from writer.nlp.detectors.context import Context
from writer.nlp.learned import (
    MODEL_PATH,
    SentenceModel,
    TagModel,
    load_model,
    sentence_features,
)


def _with_model(analyzer, tags: dict[str, TagModel], threshold: float = 0.5) -> Analyzer:
    return Analyzer(nlp=analyzer.nlp, model=SentenceModel(tags, threshold))


def _features(analyzer, text: str) -> set[str]:
    doc = analyzer.nlp(text)
    return sentence_features(doc[:], list(analyzer.cues.find(doc).hits))


def test_features_leave_one_side_of_a_relation_open_and_read_every_verb(analyzer) -> None:
    feats = _features(analyzer, "Honestly, I should have postponed the exam.")
    # "exam" as an object of anything; "postpone" with an object of any kind
    assert {"dc=dobj>exam", "dh=postpone>dobj", "dc=nsubj>i"} <= feats
    assert "md=should>postpone" in feats  # the modal and its verb
    assert any(f.startswith("vt=") for f in feats)  # every verb's tense, not only the root's
    assert not any(f.startswith(("dh=", "dc=")) and "punct" in f for f in feats)


def test_features_read_lemmas_the_parse_tense_and_cues(analyzer) -> None:
    feats = _features(analyzer, "I failed Step 1 on my first attempt.")
    assert {"l=fail", "b=fail_step", "r=fail", "t=Past", "d=fail>nsubj>i"} <= feats
    assert "cue=exam.exam_name" in feats
    assert not any(f.startswith("l=.") for f in feats)  # punctuation is not a word


def _rejected(bare, tag: str, text: str) -> bool:
    doc = bare.nlp(text)
    (sent,) = bare._features(doc, [_paragraph(text)])
    return REJECTIONS[tag](sent, Context([sent], bare.lexicons))


@pytest.mark.parametrize(
    "tag,text,rejected",
    [
        ("blame", "The war delayed my exam, but the decision to sit it was mine.", True),
        ("blame", "The war delayed my exam and it was not my fault.", False),
        ("blame", "The war delayed my exam and ruined my score.", False),
        # a clinical scene's causes are not the applicant's excuses
        (
            "blame",
            "At the cesarean the uterus refused to contract, and the anesthesiologist hung a "
            "second oxytocin infusion as the pressure fell.",
            True,
        ),
        ("exam", "My brother failed Step 1 last year.", True),
        ("exam", "My TOEFL score was 110.", True),
        ("exam", "My second attempt at intubation succeeded.", True),
        ("exam", "I passed it on my second attempt.", False),
        ("img_perspective", "The work taught me patience.", True),
        ("img_perspective", "Training in Lagos taught me to improvise.", False),
        ("img_perspective", "I will bring my Spanish to the clinic in Houston.", True),
        ("anecdote", "Mr. Otieno was admitted to the medical ward with heart failure.", True),
        # a moment told in the past, with no word of now, readiness, timing or residency
        (
            "why_now",
            "I was thirty and had already worked for four years, but that was the evening I "
            "recognized the medicine I wanted to practise.",
            True,
        ),
        ("why_now", "By then I had spent six years in practice, and finally I was ready.", False),
        ("anecdote", "Her saturation fell to 80% as the surgeon asked for more time.", False),
    ],
)
def test_a_detector_can_refuse_the_model_a_tag(bare, tag, text, rejected) -> None:
    assert _rejected(bare, tag, text) is rejected


_CLEVELAND = (
    "When I first saw her in the emergency department of a hospital in Cleveland, Ohio, "
    "where I was an observer with the anesthesia team, she cried out every time the nurse "
    "tried to straighten her leg, and the opioids she had been given had left her drowsy "
    "and confused."
)


@pytest.mark.parametrize(
    "paragraph,img",
    [
        # an observership scene in a paragraph that never leaves the US: experience there,
        # not an international graduate's perspective
        (
            "Mrs. D. was seventy-nine and had fallen on the ice outside her church. "
            f"{_CLEVELAND} The attending placed a femoral nerve block under ultrasound and "
            "talked me through every image on the screen.",
            False,
        ),
        # the same scene beside the country the applicant trained in
        (
            "In Lagos the consultant's word was final, and nurses did not question it. "
            + _CLEVELAND,
            True,
        ),
        (_CLEVELAND, True),  # a sentence alone: too little context to refuse the model
        # a US paragraph with what changed named: adapting to US hospitals (ANNOTATION.md)
        (
            "My observership was at a hospital in Chicago, Illinois. In Chicago I learned to "
            "call the nurses by their first names and to let anyone in the room stop a case "
            "at the time-out. It changed how I work.",
            True,
        ),
    ],
)
def test_an_american_scene_in_an_american_paragraph_is_no_img_perspective(
    analyzer, paragraph, img
) -> None:
    from writer.documents.reader import make_document

    (analysis,) = analyzer.analyze([make_document(paragraph)])
    tagged = [s.text for s in analysis.sentences if "img_perspective" in s.tags]
    assert bool(tagged) is img


_WANTED = "That was the medicine I wanted,"
_TEAM = "What I remember most from that night is how calmly the whole team worked."
_DISCIPLINE = (
    "I have since built a fixed daily schedule around timed questions, and the same "
    "discipline now shows in my clinical research."
)


@pytest.mark.parametrize(
    "paragraph,sentence,tag,tagged",
    [
        # a reflection in a paragraph about the team and medicine, with nothing of the field
        (
            f"The child was breathing on her own by midnight. {_TEAM} Nobody shouted, and the "
            "nurse had everything ready before she was asked. I have always thought that "
            "medicine works best when people trust each other.",
            _TEAM,
            "why_specialty",
            False,
        ),
        (_TEAM, _TEAM, "why_specialty", True),  # alone: too little context to refuse
        # a wish that points back: after an anesthesia scene in the paragraph before it is
        # why anesthesiology, after a ward scene it is not
        (
            "The anesthesiologist gave ephedrine, raised the legs and talked to the patient "
            "until the pressure came back. Then she explained to me why the spinal had dropped "
            f"it.\n\n{_WANTED} where you know why something happens and can fix it within a "
            "minute. I did not look seriously at anything else after that.",
            _WANTED + " where you know why something happens and can fix it within a minute.",
            "why_specialty",
            True,
        ),
        (
            "On the medical ward I followed an old farmer with heart failure for three weeks. "
            "Every afternoon I sat with him and explained his tablets, and he went home "
            f"walking.\n\n{_WANTED} close to the patient and with time to listen. For a long "
            "time I thought this meant internal medicine.",
            _WANTED + " close to the patient and with time to listen.",
            "why_specialty",
            False,
        ),
        # the reflection leans on an anesthesia scene in its paragraph
        (
            "The anesthesiologist intubated her in one pass while the monitor alarmed. "
            "That calm is what I want for myself.",
            "That calm is what I want for myself.",
            "why_specialty",
            True,
        ),
        # "now" of what is true today, in a paragraph on the exam
        (
            "My Step 1 score of 209 is lower than I wanted. I studied without a plan and never "
            f"sat a timed practice exam, which was my mistake. {_DISCIPLINE}",
            _DISCIPLINE,
            "why_now",
            False,
        ),
        (_DISCIPLINE, _DISCIPLINE, "why_now", True),
        # the paragraph asks the question it answers
        (
            "Why now? Because for the first time my preparation, my experience and my goals "
            "all point the same way.",
            "Because for the first time my preparation, my experience and my goals all point "
            "the same way.",
            "why_now",
            True,
        ),
        # a field set against the others
        (
            "Is there another specialty where pharmacology is practiced every minute of the "
            "day? For me, there is not.",
            "Is there another specialty where pharmacology is practiced every minute of the day?",
            "why_specialty",
            True,
        ),
        # the paragraph does speak of readiness: the model is trusted
        (
            f"My Step 1 score of 209 is lower than I wanted. {_DISCIPLINE} I am ready to begin "
            "residency.",
            _DISCIPLINE,
            "why_now",
            True,
        ),
    ],
)
def test_the_paragraph_can_refuse_the_model_a_tag(
    analyzer, paragraph, sentence, tag, tagged
) -> None:
    from writer.documents.reader import make_document

    (analysis,) = analyzer.analyze([make_document(paragraph)])
    (found,) = [s for s in analysis.sentences if s.text == sentence]
    assert (tag in found.tags) is tagged


@pytest.mark.parametrize(
    "paragraph,lesson,img",
    [
        # a ratio of machines or staff, and the lesson that points back to it
        (
            "In our hospital there was one ultrasound machine for five operating rooms, so the "
            "probe went to whoever needed it most. This taught me to read the patient from the "
            "arterial line and the monitor before the picture arrived.",
            "This taught me",
            True,
        ),
        (
            "Our intensive care unit had twelve beds, and one consultant and two medical "
            "officers covered every bed at night. That ratio taught me to see the sickest "
            "patient first and to leave plans the nurses could follow.",
            "That ratio taught me",
            True,
        ),
        # plenty, and a lesson from it
        (
            "In our hospital there were plenty of machines, and every room had its own "
            "ultrasound. This taught me to rely on the picture.",
            "This taught me",
            False,
        ),
    ],
)
def test_a_lesson_that_points_back_to_scarcity_is_an_img_perspective(
    analyzer, paragraph, lesson, img
) -> None:
    from writer.documents.reader import make_document

    (analysis,) = analyzer.analyze([make_document(paragraph)])
    (found,) = [s for s in analysis.sentences if s.text.startswith(lesson)]
    assert ("img_perspective" in found.tags) is img


@pytest.mark.parametrize(
    "text,why_specialty",
    [
        # why medicine, not why the specialty
        ("It was the kind of evening that reminds me why I went into medicine at all.", False),
        # ... unless the sentence turns from it to the field's work
        (
            "I had gone into medicine to treat children with malaria, but that night showed me "
            "a doctor whose whole work was keeping a mother alive through the worst minutes of "
            "her life, and I wanted that work.",
            True,
        ),
        # liking with no reason in one clause, and effort, not a reason, in the other
        (
            "Anesthesiology is the specialty I want for the rest of my life, and I have worked "
            "very hard to reach this application.",
            False,
        ),
        (
            "Anesthesiology is the specialty I want for the rest of my life, and I understood "
            "this on the night of the eclampsia case.",
            True,
        ),
    ],
)
def test_why_medicine_and_bare_liking_are_not_why_anesthesiology(
    analyzer, text, why_specialty
) -> None:
    (tags,) = analyzer.tag_sentences([text])
    assert ("why_specialty" in tags) is why_specialty


def test_praise_told_by_a_described_speaker_is_not_the_applicants(analyzer) -> None:
    """The field may also name who says it: the praise is still someone else's."""
    (tags,) = analyzer.tag_sentences(
        [
            "Dr. Okoro, the anesthesiologist who taught our class, liked to tell us that "
            "anesthesia is the only place where you see physiology change in front of you."
        ]
    )
    assert "why_specialty" not in tags


_MEETING = (
    "In the first months I had to learn to speak in the weekly meeting without waiting to be "
    "asked, and to say plainly when I disagreed."
)


@pytest.mark.parametrize(
    "where,img",
    [
        ("at the University of Michigan in Ann Arbor", True),  # the US named in the paragraph
        ("at a university hospital", False),  # no country at all
    ],
)
def test_a_change_of_habit_in_a_us_paragraph_is_an_img_perspective(analyzer, where, img):
    from writer.documents.reader import make_document

    (analysis,) = analyzer.analyze([make_document(f"My research year was {where}. {_MEETING}")])
    (found,) = [s for s in analysis.sentences if s.text == _MEETING]
    assert ("img_perspective" in found.tags) is img


def test_the_model_adds_a_tag_the_detectors_missed_and_says_why(analyzer, bare) -> None:
    text = "A zebra walked past the window."
    assert bare.tag_sentences([text]) == [set()]
    model = {"future_goals": TagModel(bias=-5.0, weights={"l=zebra": 10.0})}
    (tags,) = _with_model(analyzer, model).tag_sentences([text])
    assert tags == {"future_goals"}
    doc = analyzer.nlp(text)
    (feats,) = _with_model(analyzer, model)._features(doc, [_paragraph(text)])
    (evidence,) = feats.evidence["future_goals"]
    assert evidence.startswith("learned model, 99% sure") and "'zebra'" in evidence


def test_below_the_threshold_the_model_adds_nothing(analyzer) -> None:
    model = {"future_goals": TagModel(bias=-5.0, weights={"l=zebra": 5.2})}  # p = 0.55
    assert _with_model(analyzer, model, threshold=0.6).tag_sentences(["A zebra ran."]) == [set()]
    assert _with_model(analyzer, model, threshold=0.5).tag_sentences(["A zebra ran."]) == [
        {"future_goals"}
    ]


def test_the_model_overrules_a_detector_only_below_its_floor(analyzer, bare) -> None:
    texts = [
        "I failed Step 1 because the proctors were noisy and the exam is unfair.",
        "In the future, I hope to complete a fellowship in critical care medicine.",
    ]
    doubtful = {tag: TagModel(bias=-1.0, weights={}) for tag in TAGS}  # p = 0.27
    detected = bare.tag_sentences(texts)
    assert all(detected)

    def tagged(floor: float):
        model = SentenceModel(doubtful, 0.5, floor=floor)
        return Analyzer(nlp=analyzer.nlp, model=model).tag_sentences(texts)

    assert tagged(0.0) == detected  # no floor: the detectors' tags stand
    assert tagged(0.25) == detected  # the model is not that sure
    assert tagged(0.3) == [set(), set()]

    # a tag's own floor: only future_goals may be overruled
    model = SentenceModel(doubtful, 0.5, floor=0.0, floors={"future_goals": 0.3})
    per_tag = Analyzer(nlp=analyzer.nlp, model=model).tag_sentences(texts)
    assert per_tag == [detected[0], detected[1] - {"future_goals"}]
    assert "future_goals" in detected[1]


def test_a_rejected_tag_is_not_added_however_sure_the_model_is(analyzer) -> None:
    owned = "My father fell ill before the exam, and the decision to sit it anyway was mine."
    other = "My brother failed Step 1 last year."
    eager = {"blame": TagModel(bias=10.0, weights={}), "exam": TagModel(bias=10.0, weights={})}
    tagged = _with_model(analyzer, eager).tag_sentences([owned, other, "I love the OR."])
    assert "blame" not in tagged[0] and "exam" not in tagged[1]
    assert tagged[2] == {"blame", "exam"}  # nothing refuses them there


def test_an_experience_applied_for_or_someone_else_s_is_not_given_why_me_by_the_model(analyzer):
    refused = "I was accepted for an observership in Ohio, but my visa was refused."
    coming = "I have been accepted for a four-week observership in Atlanta starting in October."
    husband = "My husband spent a year as a research fellow at the Mayo Clinic."
    had = "I loved the four weeks I spent in the quiet of the cardiac rooms."
    together = "My classmate and I presented a poster on spinal hypotension."
    eager = _with_model(analyzer, {"why_me": TagModel(bias=10.0, weights={})})
    tagged = eager.tag_sentences([refused, coming, husband, had, together])
    assert not any("why_me" in tags for tags in tagged[:3])
    assert "why_me" in tagged[3] and "why_me" in tagged[4]  # nothing refuses them there


def test_a_mentors_record_with_no_first_person_is_not_given_why_me_by_the_model(analyzer):
    built = "He built the airway service, and he has published more than thirty papers."
    theirs = "His department gives about 9,000 anesthetics a year."
    mine = "He let me manage the airway in forty of his cases, and I published two of them."
    eager = _with_model(analyzer, {"why_me": TagModel(bias=10.0, weights={})})
    tagged = eager.tag_sentences([built, theirs, mine])
    assert "why_me" not in tagged[0] and "why_me" not in tagged[1]
    assert "why_me" in tagged[2]  # the applicant's own part in it


def test_a_place_the_applicant_shares_leaves_a_mentors_record_his(analyzer) -> None:
    famous = (
        "She has given more than ten thousand anesthetics and trained two generations of "
        "residents, and in our department she is the one everyone calls for a hard airway."
    )
    country = "He started the first pain clinic in my country and has written three textbooks."
    mine = "He trained me in our ICU, and I now run the weekly airway teaching for interns."
    eager = _with_model(analyzer, {"why_me": TagModel(bias=10.0, weights={})})
    tagged = eager.tag_sentences([famous, country, mine])
    assert "why_me" not in tagged[0] and "why_me" not in tagged[1]
    assert "why_me" in tagged[2]  # "me" and "I": the applicant's part in it


def test_the_shipped_model_is_trained_on_tuning_data_only() -> None:
    model = load_model()
    assert model is not None, f"{MODEL_PATH} is missing"
    assert set(model.tags) == set(TAGS)
    assert "test" not in model.trained_on and {"dev", "dev2"} <= set(model.trained_on)
    for tag in TAGS:  # a tag retrained later ("--only") on its own sets: tuning sets too
        assert "test" not in model.sets_of(tag) and set(model.trained_on) <= set(model.sets_of(tag))
    assert all(0.5 <= model.threshold_for(tag) < 1.0 for tag in TAGS)
    assert all(len(m.weights) > 100 for m in model.tags.values())


def test_a_tag_may_have_its_own_threshold(analyzer) -> None:
    tags = {
        "future_goals": TagModel(bias=-5.0, weights={"l=zebra": 5.2}),  # p = 0.55
        "why_now": TagModel(bias=-5.0, weights={"l=zebra": 5.2}),
    }
    model = SentenceModel(tags, 0.5, thresholds={"why_now": 0.6})
    assert Analyzer(nlp=analyzer.nlp, model=model).tag_sentences(["A zebra ran."]) == [
        {"future_goals"}
    ]


def test_the_model_file_round_trips_and_rejects_other_formats(tmp_path) -> None:
    model = SentenceModel(
        {"exam": TagModel(-1.5, {"l=step": 2.0})},
        0.7,
        ("dev",),
        {"exam": 0.6},
        floor=0.3,
        floors={"exam": 0.5},
    )
    path = tmp_path / "m.json"
    path.write_text(json.dumps(model.to_dict()), "utf-8")
    assert load_model(path) == model
    path.write_text(json.dumps({**model.to_dict(), "features": "another-feature-set"}), "utf-8")
    load_model.cache_clear()
    with pytest.raises(ValueError, match="another-feature-set"):
        load_model(path)
    assert load_model(tmp_path / "absent.json") is None


def _paragraph(text: str):
    from writer.documents.model import Paragraph

    return Paragraph(0, 0, len(text))


def test_messages_are_tagged_by_the_detectors_alone(analyzer) -> None:
    """The model learned from statement sentences; an email is not one."""
    from writer.documents.model import Document

    text = "I would only want you to write if you feel you know my work well enough."
    eager = _with_model(analyzer, {tag: TagModel(bias=10.0, weights={}) for tag in TAGS})
    as_email, as_statement = eager.analyze(
        [Document("a.txt", text, kind="letter-request"), Document("b.txt", text)]
    )
    assert not any("learned" in str(s.evidence) for s in as_email.sentences)
    assert any("learned" in str(s.evidence) for s in as_statement.sentences)


def test_the_parsed_model_is_kept_in_the_build_cache(tmp_path, monkeypatch) -> None:
    """Read from the build cache when the file is unchanged; from JSON when it changed
    or the cache entry is corrupt; the same model either way."""
    monkeypatch.setenv("STMT_BUILD_CACHE_DIR", str(tmp_path / "build"))
    model = SentenceModel(
        {"exam": TagModel(-1.5, {"l=step": 2.0}), "blame": TagModel(0.5, {"l=unfair": 1.0})},
        0.7,
        ("dev",),
        {"exam": 0.6},
        floor=0.3,
        floors={"blame": 0.5},
    )
    path = tmp_path / "m.json"
    path.write_text(json.dumps(model.to_dict()), "utf-8")
    load_model.cache_clear()
    assert load_model(path) == model
    (entry,) = (tmp_path / "build").rglob("sentence-model-table.marshal")
    load_model.cache_clear()
    cached = load_model(path)
    assert cached == model  # from the cache, as a weight table
    for features in ({"l=step"}, {"l=unfair", "l=step", "l=other"}, set()):
        assert cached.predict(features) == pytest.approx(model.predict(features))
    assert cached.tags["exam"].strongest({"l=step", "l=unfair"}) == ["l=step"]
    assert dict(cached.tags["blame"].weights) == {"l=unfair": 1.0}

    retrained = SentenceModel({"exam": TagModel(-2.0, {"l=step": 3.0})}, 0.5)
    path.write_text(json.dumps(retrained.to_dict()), "utf-8")
    load_model.cache_clear()
    assert load_model(path) == retrained  # the file changed: not the cached model

    entry.write_bytes(b"\x00corrupt")
    load_model.cache_clear()
    assert load_model(path) == retrained
    load_model.cache_clear()


def test_predict_gives_each_tag_model_s_own_probability_exactly() -> None:
    tags = {
        "exam": TagModel(-1.0, {"l=step": 2.5, "l=score": 1.25, "b=my_score": 0.5}),
        "blame": TagModel(0.5, {"l=score": -0.75, "l=unfair": 3.0}),
        "why_me": TagModel(0.0, {}),
    }
    model = SentenceModel(tags, 0.5)
    for features in ({"l=step", "l=score"}, {"l=unfair", "b=my_score", "l=other"}, set()):
        assert model.predict(features) == {t: m.probability(features) for t, m in tags.items()}


def test_an_excuse_is_not_given_why_me_by_the_model(analyzer) -> None:
    jealous = (
        "My supervisor in Tehran refused to write my letter out of jealousy, and that is why I "
        "have no letter from my home department."
    )
    letters = "My letters come from the two attendings who supervised my externship in Ohio."
    eager = _with_model(analyzer, {"why_me": TagModel(bias=10.0, weights={})})
    tagged = eager.tag_sentences([jealous, letters])
    assert "blame" in tagged[0] and "why_me" not in tagged[0]
    assert "why_me" in tagged[1]


def test_a_tag_retrained_later_keeps_its_own_sets_through_file_and_cache(tmp_path) -> None:
    model = SentenceModel(
        {"exam": TagModel(-1.5, {"l=step": 2.0}), "why_me": TagModel(-1.0, {"l=poster": 1.5})},
        0.7,
        ("dev", "dev2"),
        trained_on_by_tag={"why_me": ("dev", "dev2", "dev3")},
    )
    assert model.sets_of("exam") == ("dev", "dev2")
    assert model.sets_of("why_me") == ("dev", "dev2", "dev3")
    path = tmp_path / "m.json"
    path.write_text(json.dumps(model.to_dict()), "utf-8")
    load_model.cache_clear()
    parsed = load_model(path)
    load_model.cache_clear()
    cached = load_model(path)  # the second read comes from the build cache
    assert (
        parsed.trained_on_by_tag == cached.trained_on_by_tag == {"why_me": ("dev", "dev2", "dev3")}
    )
    assert cached.predict({"l=poster"}) == parsed.predict({"l=poster"})
    plain = SentenceModel({"exam": TagModel(0.0, {})}, 0.5, ("dev",))
    assert "trained_on_by_tag" not in plain.to_dict()  # files of one training stay as they were
