"""Each detector on sentences of our own: positives in varied phrasing and hard negatives."""

from __future__ import annotations

import pytest

from writer.documents.reader import make_document

CASES = [
    # exam: the applicant's own licensing exam, even without "score"
    ("I did not pass Step 1 on my first attempt.", {"exam"}, set()),
    ("I sat for Step 1 twice.", {"exam"}, set()),
    ("My board results are not what I had hoped for.", {"exam"}, set()),
    ("Before my retake, I rebuilt my schedule around timed question blocks.", {"exam"}, set()),
    ("I scored the winning goal in the final of the inter-faculty cup.", set(), {"exam"}),
    ("I passed the TOEFL with a high score.", set(), {"exam"}),
    ("Her CK levels were elevated after the seizure.", set(), {"exam"}),
    ("I learned intubation step by step.", set(), {"exam"}),
    ("My brother failed Step 1 last year.", set(), {"exam"}),
    ("On my second attempt at intubation, the tube passed easily.", set(), {"exam"}),
    # blame: the cause of the setback is moved off the applicant
    ("The exam does not measure clinical ability.", {"blame"}, set()),
    ("My school did not prepare us for the USMLE.", {"blame", "exam"}, set()),
    (
        "Due to circumstances beyond my control, I scored lower than expected on Step 1.",
        {"blame"},
        set(),
    ),
    ("I have suffered more than most applicants.", {"blame"}, set()),
    (
        "Although my father's illness coincided with my exam, I should have postponed it.",
        {"exam"},
        {"blame"},
    ),
    (
        "I failed Step 1 because I relied on passive reading, not because the exam was unfair.",
        {"exam"},
        {"blame"},
    ),
    ("I grew up during a civil war, which taught me to stay calm.", set(), {"blame"}),
    # anecdote: a concrete anesthesia / critical-care scene
    (
        "At 3 a.m. the 62-year-old man desaturated to 78% during induction, and the attending handed me the laryngoscope.",
        {"anecdote"},
        set(),
    ),
    ("Anesthesiology combines physiology and pharmacology in real time.", set(), {"anecdote"}),
    ("On the ward I adjusted a diabetic patient's insulin every morning.", set(), {"anecdote"}),
    ("My poster on sugammadex dosing won a prize at a regional meeting.", set(), {"anecdote"}),
    # structure
    (
        "What draws me to anesthesiology is the chance to apply physiology minute by minute.",
        {"why_specialty"},
        set(),
    ),
    (
        "Many of my classmates chose anesthesiology because of the lifestyle.",
        set(),
        {"why_specialty"},
    ),
    (
        "During my four-week observership at Riverside, I presented pre-operative assessments daily.",
        {"why_me"},
        set(),
    ),
    ("I am a team player with excellent communication skills.", set(), {"why_me"}),
    ("My mentor completed a cardiac anesthesia fellowship at Stanford.", set(), {"why_me"}),
    (
        "Training in Lagos taught me to adapt to limited resources and communicate across cultures.",
        {"img_perspective"},
        set(),
    ),
    ("My passport is Nigerian.", set(), {"img_perspective"}),
    ("After two years of US research, I am ready to begin residency.", {"why_now"}, set()),
    ("I was ready to quit medicine in my third year.", set(), {"why_now"}),
    (
        "I plan to pursue a fellowship in cardiac anesthesia and teach residents.",
        {"future_goals"},
        set(),
    ),
    ("My brother plans to do a fellowship in cardiology.", set(), {"future_goals"}),
]


@pytest.mark.parametrize("text,must,must_not", CASES, ids=[c[0][:40] for c in CASES])
def test_detector_tags(analyzer, text, must, must_not):
    (tags,) = analyzer.tag_sentences([text])
    assert must <= tags, f"missing {must - tags}"
    assert not (must_not & tags), f"unexpected {must_not & tags}"


def test_context_continues_an_exam_sentence(analyzer):
    from writer.documents.reader import make_document

    doc = make_document(
        "I failed Step 1 in 2021. I rebuilt my preparation around daily questions.\n"
    )
    (analysis,) = analyzer.analyze([doc])
    assert [s.tags for s in analysis.sentences] == [["exam"], ["exam"]]


def test_sentences_never_cross_paragraphs(analyzer):
    from writer.documents.reader import make_document

    text = "The monitor alarmed\n\nI reached for the mask.\n"
    (analysis,) = analyzer.analyze([make_document(text)])
    assert [s.text for s in analysis.sentences] == [
        "The monitor alarmed",
        "I reached for the mask.",
    ]
    for s in analysis.sentences:
        assert text[s.start : s.end] == s.text


@pytest.mark.parametrize(
    "text,blame",
    [
        # the result said to show something else rather than the applicant
        (
            "I prepared for Step 1 while working night shifts, and the 212 I received "
            "reflects that schedule more than what I know.",
            True,
        ),
        ("My Step 1 score says more about the war than about my knowledge.", True),
        # ... and the same shape with the applicant's own doing on both sides
        ("My Step 2 CK score reflects my effort more than my Step 1 did.", False),
        ("My Step 2 CK score shows my growth better than any words could.", False),
        (
            "I took Step 3 so that programs see a score that reflects my current knowledge.",
            False,
        ),
        # a circumstance the result is put on, or a denial that it shows the applicant
        ("The Step 1 score reflects my thyroid, not my ability.", True),
        ("Standardized tests have never reflected my true ability, and Step 1 showed it.", True),
    ],
)
def test_blame_reads_what_a_result_is_said_to_reflect(bare, text, blame):
    (tags,) = bare.tag_sentences([text])
    assert ("blame" in tags) is blame


@pytest.mark.parametrize(
    "text,blame",
    [
        # a number after "result of" is the score, not the cause
        ("My Step 2 CK result of 219 is lower than it should be.", False),
        ("My Step 1 score was the result of the pandemic, not my effort.", True),
        # a document said not to show something, with no setback besides it
        ("My training in Peru gave me habits that no transcript can show.", False),
        ("No transcript shows why my Step 1 score fell.", True),
        # ... while an exam said not to show something is criticised itself
        ("The exam does not show how good a doctor is at the bedside.", True),
    ],
)
def test_blame_needs_a_setback_and_a_cause(bare, text, blame):
    (tags,) = bare.tag_sentences([text])
    assert ("blame" in tags) is blame


@pytest.mark.parametrize(
    "text,blame",
    [
        # a linking cause blames only when its effect is a setback
        (
            "I am interested in your department because of your pain service and the work on "
            "rib fracture blocks which your group published last year.",
            False,
        ),
        (
            "Two of my three letters came from outside anesthesiology, and my score was 218.",
            False,
        ),
        ("Some of my teachers thought I should go into dermatology because of my grades.", False),
        ("My low score came from poor timing on the long vignettes.", True),
        ("My score was low because of the pandemic.", True),
        ("I failed Step 1, which happened because of my mother's illness.", True),
        ("Because of these circumstances I scored 205 on Step 1.", True),
        # "I have nothing" is self-pity at the end of its clause, not with more to say
        ("Other applicants had parents who paid for their rotations; I had nothing.", True),
        ("I will be older than my co-residents, but I have nothing to prove.", False),
        ("Step 3 passed and certified, I have nothing pending now.", False),
        ("Good teachers changed my life when I had nothing.", False),
        # someone's not helping excuses only a setback beside it
        (
            "I think this helps me to understand patients who are afraid because they do "
            "not understand the hospital.",
            False,
        ),
    ],
)
def test_blame_needs_the_cause_to_explain_a_setback(bare, text, blame):
    (tags,) = bare.tag_sentences([text])
    assert ("blame" in tags) is blame


def test_a_heading_is_not_read_as_a_sentence(analyzer):
    from writer.documents.reader import make_document

    text = (
        "2. Why me\n\n"
        "I worked two years in the ICU of a district hospital, where I placed 50 arterial "
        "lines.\n\n"
        "Why Anesthesiology:\n\n"
        "I was a surgeon for six years.\n"
    )
    (analysis,) = analyzer.analyze([make_document(text)])
    tags = {s.text: s.tags for s in analysis.sentences}
    assert tags["2. Why me"] == [] and tags["Why Anesthesiology:"] == []
    assert "why_me" in tags[next(t for t in tags if t.startswith("I worked"))]
    # the same words as the last sentence of a paragraph of prose are read
    (alone,) = analyzer.analyze([make_document("Everything went wrong. Why me\n\nI failed.")])
    assert "blame" in alone.sentences[1].tags


@pytest.mark.parametrize(
    "text, tagged",
    [
        # the field praised in someone else's words is their reason, not the applicant's
        (
            "Dr. Bissessar told me that anaesthesia is the most honest specialty in the hospital.",
            False,
        ),
        ("My attending once said that anesthesiology is the most rewarding specialty.", False),
        ("I told my father that anesthesia is the most honest specialty in the hospital.", True),
        (
            "Everybody says anesthesia is boring when nothing happens, but for me that calm is what I love about it.",
            True,
        ),
        ("The case taught me that anesthesiology is a specialty of careful listening.", True),
    ],
)
def test_praise_of_the_field_in_someone_elses_words(analyzer, text, tagged):
    (tags,) = analyzer.tag_sentences([text])
    assert ("why_specialty" in tags) == tagged


@pytest.mark.parametrize(
    "text, blame",
    [
        (
            "I would like the letter to mention my airway work, because the programs give much value to it.",
            False,
        ),
        (
            "I did not publish during my research year because my PI gave all the good projects to others.",
            True,
        ),
    ],
)
def test_giving_is_harm_only_beside_a_setback(bare, text, blame):
    (tags,) = bare.tag_sentences([text])
    assert ("blame" in tags) == blame


def test_blame_reads_who_a_number_picks_out(bare):
    (tags,) = bare.tag_sentences(
        ["Last year I did not match because two of my letter writers uploaded their letters late."]
    )
    assert "blame" in tags
    (owned,) = bare.tag_sentences(
        ["Last year I did not match because I asked two of my letter writers too late."]
    )
    assert "blame" not in owned


@pytest.mark.parametrize(
    "text, evidence",
    [
        # counts of one's own work beyond the clinic, awards among others, an invitation back
        ("In the lab I recorded from more than 300 brain slices exposed to ketamine.", True),
        (
            "As head of the emergency department I led 22 doctors through about 250 visits a day.",
            True,
        ),
        ("I received a research grant in 2020 for my work on postoperative delirium.", True),
        ("After my first month, the attendings invited me to come back for a second one.", True),
        ("I was named resident of the year in 2018, among 60 residents.", True),
        ("My thesis won first place among 45 projects at the national congress.", True),
        # someone else's, or not yet
        ("My brother was named student of the year at his engineering school.", False),
        ("Our hospital won first place in the national safety ranking.", False),
        ("I hope to apply for a research grant during residency.", False),
    ],
)
def test_why_me_counts_awards_and_invitations(bare, text, evidence):
    (tags,) = bare.tag_sentences([text])
    assert ("why_me" in tags) == evidence


def test_an_open_condition_is_no_blame(bare):
    (polite,) = bare.tag_sentences(
        [
            "Any feedback would help me, and I understand completely if program policy does not allow it."
        ]
    )
    assert "blame" not in polite
    (blamed,) = bare.tag_sentences(
        ["My Step 1 score was low because my school did not allow us time to study."]
    )
    assert "blame" in blamed


def test_the_applicants_own_score_as_a_reason_is_no_blame(bare):
    (own,) = bare.tag_sentences(
        [
            "Because my Step 1 score is low, I want program directors to hear from someone who saw my work."
        ]
    )
    assert "blame" not in own
    (shifted,) = bare.tag_sentences(
        ["My Step 1 score is low because my school did not teach us the format."]
    )
    assert "blame" in shifted


@pytest.mark.parametrize(
    "text, evidence",
    [
        # work already done, in a clause that opens a sentence about the future
        (
            "Having taught airway workshops to 90 nurses in Lusaka, I hope to keep teaching as faculty.",
            True,
        ),
        (
            "Building on my three publications in regional anesthesia, I plan to apply for a fellowship.",
            True,
        ),
        # the plan itself, however specific
        ("I plan to pursue a fellowship and publish research on 300 patients.", False),
        ("I see myself running a research group on perioperative outcomes.", False),
    ],
)
def test_work_done_beside_a_plan_is_evidence(bare, text, evidence):
    (tags,) = bare.tag_sentences([text])
    assert ("why_me" in tags) == evidence


def test_a_medicine_ward_story_is_no_anesthesia_scene(analyzer):
    from writer.documents.reader import make_document

    ward = (
        "Mr. Horvat was on my internal medicine ward when his blood pressure fell to 90 over 50 "
        "and his lactate rose. I gave fluids and antibiotics. By noon he was better, and he "
        "asked me whether I had slept at all.\n\n"
        "I want to train in anesthesiology.\n"
    )
    (analysis,) = analyzer.analyze([make_document(ward)])
    assert not any("anecdote" in s.tags for s in analysis.sentences)


def test_an_open_condition_joined_to_another_is_no_blame(bare):
    (tags,) = bare.tag_sentences(
        [
            "If you feel that you cannot write such a letter, or your schedule does not allow "
            "it, I will fully understand."
        ]
    )
    assert "blame" not in tags


@pytest.mark.parametrize(
    "text,evidence",
    [
        # the applicant's own numbers, with words between the number and the work
        ("I was doing around 25 anesthesias every week, mostly spinal and general.", True),
        ("Between 2009 and 2013 I gave about 400 total intravenous anesthetics by hand.", True),
        ("Managing 350 post-bypass patients as an internist showed me where I belong.", True),
        ("I graduated first of 230 in my final MBBS examinations at Dow.", True),
        # an earlier role told with its length
        ("I was a pharmacist for four years before medicine.", True),
        # work handed over by a supervisor
        ("By the third week the attending let me read out the plan for each patient.", True),
        # a vital sign, a hall, a mentor's record, a vague length, a language
        ("Her blood pressure was 60 over 30 after the spinal, and I pushed phenylephrine.", False),
        ("I studied in China, where the anatomy dissection hall held 300 students.", False),
        ("My mentor has published over 100 papers on regional anesthesia.", False),
        ("I am a Brazilian physician with many years of experience.", False),
        ("My Arabic lets me take histories from Yemeni families.", False),
    ],
)
def test_why_me_reads_counts_roles_and_work_handed_over(bare, text, evidence):
    (tags,) = bare.tag_sentences([text])
    assert ("why_me" in tags) == evidence


def test_a_count_of_ones_own_work_is_not_overruled_by_the_model(analyzer):
    (tags,) = analyzer.tag_sentences(
        ["I graduated first of 230 in my final MBBS examinations at Dow."]
    )
    assert "why_me" in tags


@pytest.mark.parametrize(
    "text,blame",
    [
        ("I was working full time, and the workload made it very difficult to study.", True),
        ("Our school was closed for eight months, so my preparation was disturbed.", True),
        ("My low grades in third year were the fault of a chaotic curriculum.", True),
        (
            "My Step 1 of 209 says more about the one question bank I could afford than about my medicine.",
            True,
        ),
        (
            "I think the result had more to do with how the interview day was organised than with my application.",
            True,
        ),
        ("Programs say they want diversity but they reject us before the interview.", True),
        ("Programs only look at numbers and never at the person behind the application.", True),
        ("Both times the reviewers simply did not understand our method.", True),
        # ownership, a forecast accepted, the applicant's own fault
        ("My Step 1 failure was not the fault of my circumstances but of my planning.", False),
        ("Because I failed Step 1, many programs will filter me out, and I understand why.", False),
        ("The fault of my first attempt was my own planning.", False),
    ],
)
def test_quiet_excuses_are_blame(bare, text, blame):
    (tags,) = bare.tag_sentences([text])
    assert ("blame" in tags) == blame


def test_a_roster_that_left_no_time_to_prepare_is_blame_even_for_the_model(analyzer):
    excuse = (
        "I sat it at the end of a month of night float, and the hospital roster simply did "
        "not leave anyone the time to prepare properly."
    )
    owned = "I did not give myself the time to prepare properly, and I sat it anyway."
    tags = analyzer.tag_sentences([excuse, owned])
    assert "blame" in tags[0] and "blame" not in tags[1]


@pytest.mark.parametrize(
    "text,blame",
    [
        (
            "I did not pass Step 2 CK on my first attempt, a result shaped as much by a test "
            "date that was moved twice as by anything I did at my desk.",
            True,
        ),
        (
            "Those years gave me a patience with parents that no rotation could have taught me.",
            False,
        ),
        (
            "My first attempt failed because of a family emergency nobody could have predicted.",
            True,
        ),
    ],
)
def test_blame_shared_out_and_praise_of_what_taught_me(bare, text, blame):
    (tags,) = bare.tag_sentences([text])
    assert ("blame" in tags) == blame


@pytest.mark.parametrize(
    "text,why_me",
    [
        ("My 90 pediatric inductions in Lira showed me how fast children desaturate.", True),
        ("My 300 anesthetics in a field hospital taught me that calm decisions save lives.", True),
        ("My uncle's 400 operations made him famous in our town.", False),
    ],
)
def test_a_count_the_applicant_owns_with_my(analyzer, text, why_me):
    (tags,) = analyzer.tag_sentences([text])
    assert ("why_me" in tags) == why_me


def test_a_mentor_who_is_an_example_to_me_keeps_his_record(analyzer):
    theirs, letter = analyzer.tag_sentences(
        [
            "Professor Haddad has been a role model to me: she founded the first pain clinic in "
            "Tripoli, and the course she started has trained more than 150 residents.",
            "Dr. Haddad wrote me a strong letter after my six weeks in her pain clinic.",
        ]
    )
    assert "why_me" not in theirs
    assert "why_me" in letter


@pytest.mark.parametrize(
    "text,why_me",
    [
        # readiness that cites a role at a named place is why you as well as why now
        (
            "After five years as a medical officer in anaesthesia at Mulago Hospital, I am ready "
            "to become a resident again.",
            True,
        ),
        # readiness that sums experience up is why now only
        ("After five years as a doctor abroad, I am ready to be a trainee again.", False),
    ],
)
def test_readiness_that_cites_a_role_at_a_named_place(analyzer, text, why_me):
    (tags,) = analyzer.tag_sentences([text])
    assert "why_now" in tags
    assert ("why_me" in tags) == why_me


@pytest.mark.parametrize(
    "text,why_me",
    [
        (
            "In my second year my consultant Dr. Mensah asked me to teach the new interns spinal anesthesia.",
            True,
        ),
        (
            "By my third month Prof. Okonjo let me induce and manage the ASA I patients on her list.",
            True,
        ),
        ("The head of department gave me the responsibility of the weekly morbidity audit.", True),
        ("The nurse asked me to wait outside the theatre.", False),
        ("My mother asked me to join her clinic after graduation.", False),
        # a moment of a story is not work handed over
        (
            "The attending sighed and asked me to review the images with him in the block room.",
            False,
        ),
    ],
)
def test_work_asked_of_me_by_those_who_supervised_it(bare, text, why_me):
    (tags,) = bare.tag_sentences([text])
    assert ("why_me" in tags) == why_me


@pytest.mark.parametrize(
    "text,why_me",
    [
        ("The sepsis bundle I drafted was adopted by all four medical wards in 2023.", True),
        (
            "I wrote a one-page dosing chart for the PACU, and today it is used on every shift.",
            True,
        ),
        ("The skills I have built are ready to be used from the first day.", False),
        ("The hospital adopted a new checklist that I liked.", False),
        ("I will write a protocol that others can use.", False),
    ],
)
def test_something_i_made_that_others_use(bare, text, why_me):
    (tags,) = bare.tag_sentences([text])
    assert ("why_me" in tags) == why_me


@pytest.mark.parametrize(
    "text,why_me",
    [
        ("I graduated second in a class of 180 from Makerere University in 2021.", True),
        ("My anesthesia externship in Ohio is confirmed for February.", False),
        (
            "My externship in the anesthesia department at Riverside, where I followed a "
            "resident through thirty cases, confirmed my choice.",
            True,
        ),
    ],
)
def test_a_place_in_a_class_and_an_externship_still_to_come(bare, text, why_me):
    (tags,) = bare.tag_sentences([text])
    assert ("why_me" in tags) == why_me


@pytest.mark.parametrize(
    "text,blame",
    [
        (
            "I accept full responsibility for my Step 1, which I failed largely because the "
            "exam centre cancelled my slot twice and I sat it after a night on the bus.",
            True,
        ),
        ("My score was low, partly thanks to the strike that closed our school.", True),
    ],
)
def test_a_weighed_excuse_and_thanks_given(analyzer, text, blame):
    (tags,) = analyzer.tag_sentences([text])
    assert ("blame" in tags) == blame


@pytest.mark.parametrize(
    "text,blame",
    [
        ("Programs look at my passport and close the file, that is how it works.", True),
        ("Foreign graduates are treated as second-class applicants no matter what they do.", True),
        ("The pass/fail change came one year too late for me.", True),
        ("My elective was cut short because the coordinator forgot to send my forms.", True),
        ("Every year away from the theatre my hands forget a little, because skills fade.", False),
        ("The coordinator will close the file if I do not send the form by Friday.", False),
    ],
)
def test_the_selection_system_told_as_closing_on_me(bare, text, blame):
    (tags,) = bare.tag_sentences([text])
    assert ("blame" in tags) == blame


@pytest.mark.parametrize(
    "text,img",
    [
        (
            "When the lights went out in the theatre, the nurse and I finished the spinal by the "
            "light of my phone.",
            True,
        ),
        (
            "In a hospital where the power could fail at any moment, I learned to check every "
            "monitor's battery before induction.",
            True,
        ),
        (
            "Because there were two anesthetists for seven theatres, I often ran two lists at "
            "once, which taught me to prioritise.",
            True,
        ),
        ("In the diabetes clinic, most of my patients could not afford insulin pens.", False),
    ],
)
def test_care_given_with_too_little(analyzer, text, img):
    (tags,) = analyzer.tag_sentences([text])
    assert ("img_perspective" in tags) == img


@pytest.mark.parametrize(
    "text,blame",
    [
        (
            "The elective was cancelled by the hospital at the last minute, this is why I have no US letter.",
            True,
        ),
        (
            "My wife's job moved us twice in a year, which is why I never finished my research project.",
            True,
        ),
        ("Had my school had a simulation lab, I would be as skilled as any US graduate.", True),
        ("Life had other plans for me in those years, and my career had to wait.", True),
        ("Unfortunately, the timing was not in my favor last cycle.", True),
        ("The research years gave me the maturity I needed, and this is why I apply now.", False),
        ("I failed Step 1 once, and this is why I now study with questions every day.", False),
        # someone else's doing, then a letter the applicant went without or was not written
        (
            "The fellows in Newark never let observers near the patients, which is why I left "
            "that month without an evaluation.",
            True,
        ),
        (
            "I was left at the back of the theatre for the whole elective, so nobody there "
            "could write me a real letter.",
            True,
        ),
        # what the applicant went without, by their own choice or with nothing blamed
        ("I finished that month without a single missed shift, so my letter is strong.", False),
        ("I was assigned to the night team, so I saw more airways than my classmates.", False),
    ],
)
def test_excuses_told_as_fate_consequence_or_what_might_have_been(bare, text, blame):
    (tags,) = bare.tag_sentences([text])
    assert ("blame" in tags) == blame


def test_my_own_way_of_preparing_then_what_followed_is_owned():
    from writer.api import check

    owned = check(
        "I did not pass Step 1 on my first attempt in 2022. I had prepared alone, only with "
        "textbooks and almost no practice questions, so I did not discover my weak points "
        "before the day of the exam. I changed my method completely and passed."
    )
    assert [("blame" in s.tags) for s in owned.sentences] == [False, False, False]
    circumstance = check(
        "I did not pass Step 1 on my first attempt. I was preparing while working long night "
        "shifts in medicine, so I could not give the exam the time it deserved."
    )
    assert "blame" in circumstance.sentences[1].tags


@pytest.mark.parametrize(
    "text,tag,tagged",
    [
        # asked *me* to give: the applicant gives, the residents harm nothing
        (
            "The residents at Grady asked me to give a talk on ketamine in low-resource "
            "settings, which I presented at their Friday conference.",
            "blame",
            False,
        ),
        (
            "The journal of our national society invited me to review manuscripts in 2023.",
            "why_me",
            True,
        ),
        # the years and "it" are nobody: "I" stays the one who teaches and designs
        ("I spent four years teaching anatomy to first-year students in Lagos.", "why_me", True),
        (
            "My evaluations from my first externship were only average because the residents "
            "gave me nothing to do.",
            "blame",
            True,
        ),
        (
            "The residents gave me twenty airways to manage, and my evaluations were excellent.",
            "blame",
            False,
        ),
    ],
)
def test_who_does_what_the_governing_verb_asked_of_its_object(bare, text, tag, tagged):
    (tags,) = bare.tag_sentences([text])
    assert (tag in tags) == tagged


def test_subject_of_a_verb_controlled_by_its_governors_object(analyzer):
    from writer.nlp.features import subject_of

    doc = analyzer.nlp("The attendings asked me to present the case at grand rounds.")
    present = next(t for t in doc if t.lower_ == "present")
    assert subject_of(present).lower_ == "me"
    doc = analyzer.nlp("I spent four years teaching anatomy in Lagos.")
    teaching = next(t for t in doc if t.lower_ == "teaching")
    assert subject_of(teaching).lower_ == "i"


@pytest.mark.parametrize(
    "text,why_me",
    [
        # a teaching given at the supervisors' request
        (
            "The consultants in Leeds asked me to give the Friday teaching on obstetric sepsis.",
            True,
        ),
        ("My cousin asked me to give a talk at her school about becoming a doctor.", False),
        # a line of a CV: no verb, the applicant's by being there
        ("Externship: anesthesiology, eight weeks, University of Florida, 2025.", True),
        ("BLS and ACLS, 2024; NRP, 2023.", True),
        ("A quiet room, a monitor, and a patient asleep.", False),
        # the applicant among the doers, in any English
        ("My classmates and I screened 4,000 patients for hypertension in two years.", True),
        ("My classmates and me logged 250 intubations in the emergency department.", True),
        ("My classmates logged 250 intubations in the emergency department.", False),
    ],
)
def test_work_asked_of_me_a_cv_line_and_work_done_with_others(bare, text, why_me):
    (tags,) = bare.tag_sentences([text])
    assert ("why_me" in tags) == why_me


@pytest.mark.parametrize(
    "text,blame",
    [
        (
            "After three cycles without an interview, I can only say the system is closed to us.",
            True,
        ),
        ("The system is made to keep IMGs out, however hard we work.", True),
        (
            "I studied harder than any local graduate, and still programs treat me like second class.",
            True,
        ),
        ("My Step 2 score says nothing about my skill with a difficult airway.", True),
        ("The doors of the old theatre were closed to us during the renovation.", False),
        ("My score says a great deal about the way I used to study.", False),
    ],
)
def test_the_system_told_as_closed_to_us(bare, text, blame):
    (tags,) = bare.tag_sentences([text])
    assert ("blame" in tags) == blame


@pytest.mark.parametrize(
    "text,blame",
    [
        (
            "I was grateful for the support for residents who take Step 3, and for the time the "
            "residents gave us at lunch.",
            False,
        ),
        ("I ignored the warnings my practice tests gave me, and I failed Step 1.", False),
        ("My Step 1 failed because of the little time my seniors gave us to prepare.", True),
    ],
)
def test_a_gift_described_in_a_relative_clause_harms_no_one(bare, text, blame):
    (tags,) = bare.tag_sentences([text])
    assert ("blame" in tags) == blame


@pytest.mark.parametrize(
    "text,answer",
    [
        (
            "Why anesthesiology? Because I like problems that must be solved in the next minute.",
            True,
        ),
        (
            "Why anesthesiology?\n\nBecause no other field lets me stay with one patient so closely.",
            True,
        ),
        ("Why now? Because my research year ends in June.", False),
        ("Why anesthesia? I will try to explain with one night in Kano.", False),
        (
            "What did the patient need? Because he was hypoxic, the attending chose awake intubation.",
            False,
        ),
    ],
)
def test_the_answer_to_why_the_specialty(bare, text, answer):
    from writer.documents.reader import make_document

    (result,) = bare.analyze([make_document(text, "draft.txt")])
    assert ("why_specialty" in result.sentences[-1].tags) == answer


@pytest.mark.parametrize(
    "text,why_me",
    [
        # readiness that cites a role, its length and the place it was done: why you too
        (
            "After eight years as a consultant anaesthetist in Lagos, I am ready to start again.",
            True,
        ),
        (
            "After six years as a nurse anesthetist in Kumasi, now is the time to finish what I began.",
            True,
        ),
        # the same summed up as "abroad" or as a whole country: why now only
        ("After six years as a physician abroad, I am ready for residency.", False),
        ("After two years of clinical work in the US, I am ready to begin residency.", False),
    ],
)
def test_readiness_that_cites_a_role_and_where_it_was_done(bare, text, why_me):
    (tags,) = bare.tag_sentences([text])
    assert "why_now" in tags
    assert ("why_me" in tags) == why_me


@pytest.mark.parametrize(
    "text,why_me",
    [
        ("I did a two-month elective in anaesthesia in Colombo in my final year.", False),
        ("I did a four-week anesthesiology elective at the University of Michigan in 2025.", True),
    ],
)
def test_an_elective_abroad_is_a_rotation_abroad(bare, text, why_me):
    (tags,) = bare.tag_sentences([text])
    assert ("why_me" in tags) == why_me


@pytest.mark.parametrize(
    "text,img",
    [
        (
            "I come from a system where the doctor decides everything, so I had to learn "
            "shared decision-making with my patients.",
            True,
        ),
        (
            "Having trained in a country where patients arrive late with advanced disease, I "
            "bring a low threshold for recognising the sick patient.",
            True,
        ),
        ("I come from a family where everyone is a teacher.", False),
    ],
)
def test_a_system_or_country_one_comes_from_and_what_it_taught(bare, text, img):
    (tags,) = bare.tag_sentences([text])
    assert ("img_perspective" in tags) == img


@pytest.mark.parametrize(
    "text,why_me",
    [
        ("I also have a certificate in leadership.", False),
        ("I hold a certificate in critical care echocardiography from the ESICM, 2023.", True),
    ],
)
def test_a_certificate_needs_its_course_or_year(bare, text, why_me):
    (tags,) = bare.tag_sentences([text])
    assert ("why_me" in tags) == why_me


@pytest.mark.parametrize(
    "text,why_me",
    [
        # a stretch of work told as a phrase, with its length, its field and its place
        (
            "After seven years in internal medicine at Mulago Hospital, I realised the sickest "
            "patients were always in someone else's hands.",
            True,
        ),
        ("As a nurse for six years in Tbilisi I titrated every infusion on our unit.", True),
        ("With two years of night calls in Quito behind me, I am ready for residency.", True),
        # someone else's years, a patient's, no place named
        ("My father's thirty years as a surgeon in Kano taught me discipline.", False),
        ("Two years after surgery in Lagos, she walked again.", False),
        ("After six months in the ICU, I knew I wanted the sickest patients.", False),
    ],
)
def test_a_stretch_of_work_with_its_length_field_and_place(bare, text, why_me):
    (tags,) = bare.tag_sentences([text])
    assert ("why_me" in tags) == why_me


@pytest.mark.parametrize(
    "text,why_me",
    [
        # a line of a CV: a role or a credential, where and when, no verb
        ("Two years ICU registrar, Kampala.", True),
        ("Medical officer in Kisumu 2018-2020, most nights alone on call.", True),
        ("Critical care clerkship, University of Miami, 2023.", True),
        # a scene's time and place, a referee's line, a fact about the field
        ("Lagos University Teaching Hospital, 2 a.m.", False),
        ("Dr. Okafor, consultant anaesthetist, Lagos, 2019.", False),
        (
            "Anesthesiologists in the US complete four years of residency after medical school.",
            False,
        ),
    ],
)
def test_a_cv_line_names_a_role_with_where_and_when(analyzer, text, why_me):
    (tags,) = analyzer.tag_sentences([text])
    assert ("why_me" in tags) == why_me


@pytest.mark.parametrize(
    "text,why_me",
    [
        # a count the applicant's own clause tells as done, also beside a plan, also with a
        # participle between the number and the work
        (
            "What taught me most was not the 300 spinals I gave in Mwanza but the one I missed.",
            True,
        ),
        (
            "I plan to pursue a regional fellowship, building on the 250 ultrasound-guided "
            "blocks I logged in Izmir.",
            True,
        ),
        # a count still to come, a count of someone else's
        ("I plan to do 200 blocks that I will log in Ankara.", False),
        ("What impressed me was the 300 spinals my mentor gave in a year.", False),
    ],
)
def test_a_count_claimed_by_the_applicants_own_clause(bare, text, why_me):
    (tags,) = bare.tag_sentences([text])
    assert ("why_me" in tags) == why_me


@pytest.mark.parametrize(
    "text,why_me",
    [
        # years that did something to the applicant, a later year in a readiness sentence,
        # an authorship line
        (
            "Three years of intensive care at the Central Hospital in Yerevan taught me to "
            "decide before the monitor does.",
            True,
        ),
        (
            "Now in my sixth year as internist in Hospital Vargas of Caracas, I am ready to start.",
            True,
        ),
        ('First author, "Gastric ultrasound before elective surgery," Anaesthesia, 2022.', True),
        # years of something else, a scene's time, someone else's years
        ("Two years of war in Aleppo taught me patience.", False),
        (
            "In my second year of rural service in Choco, a woman came every Monday to my "
            "clinic with her sugar log.",
            False,
        ),
        (
            "My father, a surgeon in Accra for thirty years, operated on thousands of patients.",
            False,
        ),
    ],
)
def test_years_that_taught_the_applicant_and_an_authorship_line(bare, text, why_me):
    (tags,) = bare.tag_sentences([text])
    assert ("why_me" in tags) == why_me


@pytest.mark.parametrize(
    "text,blame",
    [
        # what was the applicant's, told as handed to someone else
        ("The research post I was promised in Leeds went to the professor's nephew.", True),
        ("They promised me authorship and then gave it to a student from their own lab.", True),
        ("My elective place was given to a dean's relative instead of me.", True),
        # the applicant's own giving, what was never theirs
        ("I gave my seat on the bus to an elderly patient.", False),
        ("The prize went to a classmate who deserved it more.", False),
        # no one answerable; the selection told as luck or as not wanting us
        ("The embassy lost my documents twice and nobody is taking responsibility.", True),
        ("The Match is a lottery, and this year I drew the wrong ticket.", True),
        ("After two cycles I am tired of being punished for one bad morning.", True),
        ("Programs filter by score before anyone reads a single line we write.", True),
        # ownership of the same setback
        (
            "Nobody but me is responsible, and I take responsibility for the late application.",
            False,
        ),
        # the same words with no setback
        ("I never get tired of being in the operating room at night.", False),
        ("When the surgeon asked for more blood, the scrub nurse looked the other way.", False),
    ],
)
def test_excuses_told_as_a_place_handed_to_another_or_as_luck(bare, text, blame):
    (tags,) = bare.tag_sentences([text])
    assert ("blame" in tags) == blame


@pytest.mark.parametrize(
    "text,why_me",
    [
        # a post any physician holds, with no length or count, sums a career up
        ("After graduation I worked as a general doctor in Kinshasa.", False),
        ("I was working as a general practitioner and supporting my family.", False),
        # the same post told with its length, or a specific post
        ("I worked as a general practitioner in a polyclinic in Kharkiv for two years.", True),
        ("I worked as a research assistant in the anesthesia department at Emory.", True),
    ],
)
def test_a_generic_post_with_no_length_sums_up(bare, text, why_me):
    (tags,) = bare.tag_sentences([text])
    assert ("why_me" in tags) == why_me


@pytest.mark.parametrize(
    "text,why_me",
    [
        # work done, told in the participle clause that opens a plan or readiness sentence
        (
            "Having led the sepsis audit at Korle Bu for two years, I plan to build a rapid "
            "response team as an attending.",
            True,
        ),
        ("Having spent five years as a medical officer in Gondar, I am ready to begin.", True),
        # nothing done, a number of a deeper clause, a negated clause
        ("Having grown up in Lagos, I plan to return to Nigeria after residency.", False),
        ("Having worked where two nurses covered forty beds, I plan to teach nurses.", False),
        ("Having never published a paper, I hope to start research during residency.", False),
    ],
)
def test_work_done_in_the_clause_that_opens_a_plan(bare, text, why_me):
    (tags,) = bare.tag_sentences([text])
    assert ("why_me" in tags) == why_me


@pytest.mark.parametrize(
    "text,why_me",
    [
        # a gerund that is the subject of what the work did to the applicant
        ("Covering the night ICU at Mulago for three years taught me to act early.", True),
        (
            "Presenting our audit at the national anaesthesia congress in Accra taught me to "
            "keep slides simple.",
            True,
        ),
        # watching someone else, a pastime
        ("Watching my mentor in Kano run the ICU for years taught me patience.", False),
        ("Running in the Berlin marathon for two years taught me patience.", False),
    ],
)
def test_work_told_as_a_gerund_that_taught_the_applicant(bare, text, why_me):
    (tags,) = bare.tag_sentences([text])
    assert ("why_me" in tags) == why_me


@pytest.mark.parametrize(
    "text,why_me",
    [
        # work still going on since a year; years that a work verb took; a length told as
        # an adverb of the role ("Last four years I am ...")
        ("I have been working in the ICU of Hospital Roosevelt since 2019.", True),
        ("I did three years of anaesthesia training in Tashkent.", True),
        ("Last four years I am the only anaesthetist at Kisoro District Hospital.", True),
        # someone else's years, years with no field, no role
        ("My mother has been working in the hospital since 1998.", False),
        ("Since 2019 the ICU in Lima has had only two ventilators.", False),
        ("My brother did three years of surgical training in Kharkiv.", False),
        ("I spent two years in Lagos with my family.", False),
        ("Last two years I am the only son at home with my mother in Kisoro.", False),
    ],
)
def test_work_since_a_year_or_for_years_told_in_plain_words(bare, text, why_me):
    (tags,) = bare.tag_sentences([text])
    assert ("why_me" in tags) == why_me


@pytest.mark.parametrize(
    "text,why_me",
    [
        # a CV line with an aside in brackets, a rank among many, a long-modified count
        ("Anaesthesia residency, Tashkent Medical Academy (4 years, finished 2022).", True),
        ("Residency entrance exam of Peru, 2019 - ranked 12th of 2,400.", True),
        ("I ranked 9th among 1,500 candidates in the national specialty exam of Georgia.", True),
        ("I logged about 150 ultrasound-guided nerve blocks in my final year.", True),
        # a place's aside, someone else's rank
        ("Tashkent Medical Academy (founded 1920).", False),
        ("The hospital, ranked 3rd of 200 in the country, has a busy trauma unit.", False),
    ],
)
def test_cv_asides_ranks_and_long_counts(bare, text, why_me):
    (tags,) = bare.tag_sentences([text])
    assert ("why_me" in tags) == why_me


@pytest.mark.parametrize(
    "text,why_me",
    [
        # the applicant's own work, named as theirs, approved or adopted by others
        ("The medical director approved my checklist for difficult airways in 2021.", True),
        # not work, not yet
        ("The medical director approved my leave for my sister's wedding.", False),
        ("The committee will approve my protocol next month.", False),
    ],
)
def test_an_own_work_approved_by_others(bare, text, why_me):
    (tags,) = bare.tag_sentences([text])
    assert ("why_me" in tags) == why_me


@pytest.mark.parametrize(
    "text,blame",
    [
        # the selection told as reading nothing but the numbers; doors closed on "us"
        ("Programs care only about the numbers, never about the doctor behind them.", True),
        ("Reviewers look just at the passport and stop reading.", True),
        ("As an IMG you feel every door is shut to us before we apply.", True),
        # a fact to write for, a door that is only a door
        ("Reviewers read only the first page, so I rewrote my opening three times.", False),
        ("The door of the ICU was closed for cleaning when I arrived.", False),
    ],
)
def test_the_selection_told_as_reading_only_numbers_or_closing_doors(bare, text, blame):
    (tags,) = bare.tag_sentences([text])
    assert ("blame" in tags) == blame


@pytest.mark.parametrize(
    "text,why_me",
    [
        # forms the learned model saw too few of to judge, which it may not overrule: work
        # going on since a year, work told as finished in a perfect participle, an own work
        # approved by others
        (
            "I have been working in the anaesthesia department of Kamuzu Central Hospital since 2018.",
            True,
        ),
        (
            "Having worked two years in the emergency department in Kisumu, I wanted a field "
            "where decisions show in minutes.",
            True,
        ),
        ("The clinical director approved my checklist for obstetric haemorrhage in 2023.", True),
        # someone else's years
        ("My sister has been working at Kamuzu Central Hospital in Lilongwe since 2018.", False),
    ],
)
def test_firm_forms_of_work_are_not_overruled_by_the_model(analyzer, text, why_me):
    (tags,) = analyzer.tag_sentences([text])
    assert ("why_me" in tags) == why_me


@pytest.mark.parametrize(
    "text,why_me",
    [
        # a person or a body as the subject, "my" and "me" only saying who they are to the
        # applicant: their record, which the model may not give to the applicant
        (
            "The consultant who taught me had given more than 5,000 spinal anaesthetics by forty.",
            False,
        ),
        ("My professor in Yerevan wrote the national guideline for sedation in children.", False),
        ("The anesthesia department in Krakow runs a monthly simulation day for residents.", False),
        # the applicant among the doers
        ("Our team presented the sepsis audit at the national congress in Lagos.", True),
        (
            "Every Saturday for a year my classmates and me ran a free diabetes clinic in a "
            "Karachi slum and screened more than 2,000 people.",
            True,
        ),
        # a research year that only dates an exam is no evidence; told by its work it is
        ("My Step 3 was written during my research year, and it is my best score.", False),
        ("During my research year at Emory I built the REDCap database for 600 patients.", True),
    ],
)
def test_someone_elses_record_and_work_done_with_others(analyzer, text, why_me):
    (tags,) = analyzer.tag_sentences([text])
    assert ("why_me" in tags) == why_me


@pytest.mark.parametrize(
    "text,why_me",
    [
        # a present tense with a time still to come: not had yet
        ("Next month I begin a four-week anesthesia externship in Cleveland.", False),
        ("My research fellowship at Emory starts in October, after the interview season.", False),
        # had and going on, told by when it ends
        ("My research contract at Emory ends in June, with two abstracts presented.", True),
    ],
)
def test_experience_still_to_come_told_in_the_present(analyzer, text, why_me):
    (tags,) = analyzer.tag_sentences([text])
    assert ("why_me" in tags) == why_me


@pytest.mark.parametrize(
    "text,why_me",
    [
        # readiness that cites a count of the applicant's own work, with no workplace named
        ("I am ready to begin: 900 spinal anaesthetics as the district's only provider.", True),
        # work handed over by the doctors who supervised it
        (
            "In Odesa the doctors of the ICU let me manage the ventilated patients alone after "
            "my second month.",
            True,
        ),
        # a summary with no count
        ("After six years as a physician abroad, I am ready to begin residency.", False),
    ],
)
def test_readiness_with_a_count_and_work_handed_over_by_doctors(bare, text, why_me):
    (tags,) = bare.tag_sentences([text])
    assert ("why_me" in tags) == why_me


@pytest.mark.parametrize(
    "text,blame",
    [
        # the system told as keeping the applicant's kind out, or as at fault instead of them;
        # a program's practice set against its word; the exam as someone else's
        ("The whole process is designed to keep graduates like me out.", True),
        ("My score was low, but it was the exam, not me.", True),
        ("Programs claim to value grit, yet they reject anyone with a second attempt.", True),
        ("Step 1 is written for Americans, and I paid for that twice.", True),
        ("The others get every rotation and we get nothing.", True),
        ("The USMLE has nothing to do with how a doctor treats a patient.", True),
        # the same words with no excuse
        ("In the ICU the decisions made in theatre keep playing out for days.", False),
        ("The credit for the audit goes to the whole team, not me alone.", False),
        ("I paid the price for my overconfidence, and I changed how I study.", False),
    ],
)
def test_the_system_told_as_keeping_us_out_or_at_fault_instead_of_me(bare, text, blame):
    (tags,) = bare.tag_sentences([text])
    assert ("blame" in tags) == blame


@pytest.mark.parametrize(
    "text,why_me",
    [
        # a place among many told as a share; a duty handed over, told in the passive; the
        # applicant's own work as the subject of what it changed; a work the applicant's
        # own clause tells as done, in a plan sentence
        ("I finished the national anaesthesia board exam of Peru in the top five percent.", True),
        ("I was given the sole responsibility for the pre-anaesthesia clinic for a year.", True),
        (
            "My team's checklist for extubation reduced reintubations in our ICU by half in 2022.",
            True,
        ),
        (
            "The pain registry I set up in Accra, now with 500 patients, is the work I want to "
            "continue in residency.",
            True,
        ),
        # someone else's work; a work met, not made; an experience that never took place
        ("Our hospital's protocol cut pain scores by half.", False),
        ("The registry my mentor set up in Accra is the work I want to join in residency.", False),
        ("The paper I read on the train changed how I see sedation.", False),
        (
            "The observership I had arranged in Ohio never began, because my visa was refused.",
            False,
        ),
    ],
)
def test_ranks_duties_and_own_work_with_an_impact(bare, text, why_me):
    (tags,) = bare.tag_sentences([text])
    assert ("why_me" in tags) == why_me


@pytest.mark.parametrize(
    "text,blame",
    [
        # "not because ..." denies what follows it: the applicant's fault is an excuse; a
        # readiness never had, or an outside cause, is denied and the result owned
        ("My low score was not because of me; the course I bought taught the old outline.", True),
        ("I went unmatched because few programs sponsor visas, not because of my CV.", True),
        ("I failed because of poor time management, not because of my family situation.", False),
        # someone else's trouble named through "my": the friend's, not the applicant's doing
        (
            "I failed because of poor time management, not because of my friend's illness.",
            False,
        ),
        (
            "I scored low because I rushed the blocks, not because of my roommate's wedding.",
            False,
        ),
        (
            "Nobody pressed me to book the exam in May; I chose it to finish early, not because I was prepared.",
            False,
        ),
        # a reason named only to refuse it
        (
            "My father's death came that spring, but I do not give it as the reason for my result.",
            False,
        ),
        ("The flood was not the reason for my Step 2 CK score.", False),
        ("The flood at home was the reason for my Step 2 CK score.", True),
    ],
)
def test_a_cause_denied_and_a_reason_refused(analyzer, text, blame):
    (tags,) = analyzer.tag_sentences([text])
    assert ("blame" in tags) == blame


@pytest.mark.parametrize(
    "text,blame",
    [
        # a better result had an outside condition been otherwise
        ("In Arabic I would have passed Step 1 the first time.", True),
        ("Without the curfews I would not have failed CK.", True),
        ("With more time off work, I would have scored higher.", True),
        # the condition is the applicant's own doing
        ("With more practice tests I would have scored higher.", False),
        ("With better preparation, I would have passed the first time.", False),
        # the record to be read against what happened; the fault asked about
        ("The war closed my school for a year, so please judge my score in that light.", True),
        ("Please consider my application in light of my Step 3 score of 245.", False),
        ("Is it my fault that the exam centre closed the week of my Step 1?", True),
        ("It was the visa office that delayed me, not me.", True),
    ],
)
def test_what_might_have_been_a_plea_and_a_question(analyzer, text, blame):
    (tags,) = analyzer.tag_sentences([text])
    assert ("blame" in tags) == blame


def test_a_fault_question_answered_by_the_next_sentence_is_no_blame(bare):
    (asked,) = bare.tag_sentences(["Was it my fault that I failed Step 1?"])
    (answered,) = bare.tag_sentences(["Was it my fault that I failed Step 1? Yes, it was."])
    assert "blame" in asked
    assert "blame" not in answered


@pytest.mark.parametrize(
    "text,exam",
    [
        # CK on its own, after a verb of sitting or failing; "my CK" before a verb of being;
        # an exam the applicant owns, whoever the sentence's subject is
        ("Anyone with two night jobs would have failed CK that year.", True),
        ("After failing CK I rebuilt my schedule.", True),
        ("My CK was the weaker of my two Steps.", True),
        ("My mother fell ill two weeks before my Step 1.", True),
        # a lab value and someone else's exam
        ("His CK was 12,000 by the second day.", False),
        ("My CK was elevated after the marathon.", False),
        ("My sister failed Step 1 in 2019.", False),
    ],
)
def test_ck_alone_and_an_exam_of_mine_in_someone_elses_sentence(bare, text, exam):
    (tags,) = bare.tag_sentences([text])
    assert ("exam" in tags) == exam


@pytest.mark.parametrize(
    "text,why_me",
    [
        # an event only attended, evidence the sentence finds wanting, a place in a crowd
        ("I attended a workshop on point-of-care ultrasound at the regional congress.", False),
        ("My final evaluation on that ward suffered because of one bad week.", False),
        ("That cycle showed me how weak my letters were.", False),
        ("I was one of 140 students in my year.", False),
        # presenting at one, a count of the people the applicant taught or helped
        ("I presented a poster on spinal hypotension at the regional congress.", True),
        ("I started a weekly question session for 35 graduates of my school.", True),
        ("I tutored 18 junior classmates for Step 1, and 15 of them passed.", True),
    ],
)
def test_attended_wanting_counted_in_a_crowd_or_helping_a_count(analyzer, text, why_me):
    (tags,) = analyzer.tag_sentences([text])
    assert ("why_me" in tags) == why_me


def test_a_units_name_is_not_a_reporter_of_feedback(bare):
    doc = bare.analyze([make_document("The ICU nights I worked tell me I am steady.", "x.txt")])
    (sentence,) = doc[0].sentences
    assert not str(sentence.evidence.get("why_me") or "").startswith("['feedback")


@pytest.mark.parametrize(
    "text,img",
    [
        # a circumstance of the exam day is not what international training taught
        ("The generator at my test centre in Lagos failed twice during the second block.", False),
        ("I took Step 2 CK in my third language.", False),
        # a resource missing where the applicant worked still is
        (
            "In Kano I gave spinals by headlamp when the generator failed, and I still check the light first.",
            True,
        ),
    ],
)
def test_exam_day_circumstances_are_not_the_img_perspective(bare, text, img):
    (tags,) = bare.tag_sentences([text])
    assert ("img_perspective" in tags) == img


@pytest.mark.parametrize(
    "text,exam",
    [
        # a number that counts what follows it is no score
        ("I took histories for about 210 patients at the free clinic in Dearborn.", False),
        ("I ranked 4th of 250 candidates on the national residency entrance test.", False),
        ("My 214 on Step 2 CK is below the average.", True),
        ("I scored 221 points on my second attempt.", True),
    ],
)
def test_a_count_of_things_is_no_score(bare, text, exam):
    (tags,) = bare.tag_sentences([text])
    assert ("exam" in tags) == exam


@pytest.mark.parametrize(
    "text,blame",
    [
        # someone else's setback with its cause, a reason refused and the cause owned, a cause
        # the applicant made, a birthplace told
        (
            "My roommate failed Step 2 CK because of the curfew, and I drove her to the retake.",
            False,
        ),
        ("My sister missed her exam because the roads flooded, so I lent her my notes.", False),
        (
            "The power cuts were hard, but they were not the reason for my score; the reason is I started late.",
            False,
        ),
        ("My low score was the result of a schedule that I built myself.", False),
        ("Kano is where I was born and where I trained.", False),
        # the applicant's own setback beside someone else's trouble stays blame
        ("My father lost his job, and that is why I failed Step 1.", True),
        ("Programs turn me down because of where I was born.", True),
    ],
)
def test_someone_elses_setback_and_a_cause_that_is_mine(bare, text, blame):
    (tags,) = bare.tag_sentences([text])
    assert ("blame" in tags) == blame


@pytest.mark.parametrize(
    "text,goals",
    [
        # a fellowship still to be chosen is a plan
        ("My first choice of fellowship is pediatric anesthesia.", True),
        ("I am still deciding between a regional and an obstetric fellowship.", True),
        # a choice made in the past, a choice of specialty
        ("Surgery was my first choice, and I trained two years in Kharkiv.", False),
        ("I did not want to choose between the operating room and the ICU.", False),
    ],
)
def test_a_fellowship_still_to_be_chosen(bare, text, goals):
    (tags,) = bare.tag_sentences([text])
    assert ("future_goals" in tags) == goals


@pytest.mark.parametrize(
    "text,tag,tagged",
    [
        # the specialty picked over another; not a laryngoscope picked up
        (
            "I picked anesthesia over internal medicine for the speed of its decisions.",
            "why_specialty",
            True,
        ),
        ("I opted for anesthesiology after my surgical rotation.", "why_specialty", True),
        ("Each time I pick up a laryngoscope I think of my first teacher.", "why_specialty", False),
        # what the applicant has now against what they lacked at the last application
        ("Now I have the clinical English I lacked in my first cycle.", "why_now", True),
        ("This year I have the US experience that I did not have in 2023.", "why_now", True),
        ("I had little US experience when I first applied.", "why_now", False),
        ("Today I have the clinical English that was missing in my first cycle.", "why_now", True),
    ],
)
def test_a_specialty_picked_and_now_what_was_lacking(bare, text, tag, tagged):
    (tags,) = bare.tag_sentences([text])
    assert (tag in tags) == tagged


@pytest.mark.parametrize(
    "text,blame",
    [
        # the setback as what had to follow from something else; the world as punisher; no
        # answer beside a cancelled rotation
        (
            "The strike closed our faculty for a semester, and of course I sat Step 1 with no clinical year.",
            True,
        ),
        ("Sometimes it feels that life is punishing me for leaving home.", True),
        (
            "The hospital cancelled my externship a week before it began, and nobody answered me.",
            True,
        ),
        # what followed from the applicant's own doing
        ("I studied alone from one book, and of course my score showed it.", False),
    ],
)
def test_what_followed_of_course_and_the_world_as_punisher(bare, text, blame):
    (tags,) = bare.tag_sentences([text])
    assert ("blame" in tags) == blame


@pytest.mark.parametrize(
    "text,why_me",
    [
        # an evaluator the tagger reads as a verb ("attending"), and a letter that recounts
        (
            'Every attending I worked under rated me "outstanding" for reliability.',
            True,
        ),
        (
            "Dr. Mensah's letter recalls how I caught a kinked epidural catheter before the bolus.",
            True,
        ),
        # the applicant's own study as the subject of its count; an age or a length is no count
        ("My audit of spinal anesthesia enrolled 260 mothers across two hospitals in Accra.", True),
        ("I looked after a 67-year-old woman with a massive pulmonary embolism.", False),
        ("On the vaccination day I immunised 60 children in a single morning.", False),
        ("I attended a three-day workshop on point-of-care ultrasound in Lagos.", False),
        # someone else's record: "my" and "me" only say who they are to the applicant
        ("My thesis supervisor trained in cardiac anesthesia at the Cleveland Clinic.", False),
        (
            "Dr. Haddad, who supervised my thesis, has written more than sixty papers on sepsis.",
            False,
        ),
        # what they did for the applicant, and the applicant's own team, remain evidence
        (
            "The chief of anesthesia at my externship offered to write my letter before I asked.",
            True,
        ),
        # asked back: an evaluation in deed, also in the passive
        ("At the end of my month in Tampa I was invited to return for the summer.", True),
        ("My QI team at a Newark hospital cut first-case delays from 40 to 12 minutes.", True),
    ],
)
def test_why_me_reads_the_reporter_the_count_and_whose_record(bare, text, why_me):
    (tags,) = bare.tag_sentences([text])
    assert ("why_me" in tags) == why_me


@pytest.mark.parametrize(
    "text,blame",
    [
        # a better record had someone else acted otherwise; the "could have" is the result
        ("With decent monitors in our theatres, I could have done many more arterial lines.", True),
        (
            "Had the fellows let me hold the laryngoscope, my evaluation would have been stronger.",
            True,
        ),
        ("If the hospital had given me study leave, I would have passed the first time.", True),
        # "my" hospital or school is still someone else; "would be" beside an unreal past
        (
            "Had my department owned an ultrasound machine, my block log would be three times as long.",
            True,
        ),
        ("If my university had taught in English, I would not have struggled the way I did.", True),
    ],
)
def test_a_better_record_under_someone_elses_condition_is_blame(bare, text, blame):
    (tags,) = bare.tag_sentences([text])
    assert ("blame" in tags) == blame


@pytest.mark.parametrize(
    "text",
    [
        # a better result had the applicant acted otherwise owns it, also for the model
        "If I had started my preparation earlier, my score would have been higher.",
        "Had I asked my mentors for help sooner, I would have passed Step 1 on my first attempt.",
        "Had my revision been more structured, my CK score would have been higher.",
    ],
)
def test_a_better_result_had_i_acted_otherwise_is_ownership(analyzer, text):
    (tags,) = analyzer.tag_sentences([text])
    assert "blame" not in tags


@pytest.mark.parametrize(
    "text,blame",
    [
        # the applicant's own record found wanting, and put on someone else
        ("My logbook is short because the consultants kept the good cases for themselves.", True),
        ("My letters are lukewarm because the consultants barely knew my name.", True),
        # ... also when it is counted as scant, and when the count is in the logbook
        (
            "I have only two US letters because the coordinator lost my request forms.",
            True,
        ),
        (
            "My elective in Atlanta lasted only nine days because the visa office held my "
            "passport.",
            True,
        ),
        (
            "My logbook records only twelve epidurals because the registrars in Accra kept "
            "the labour ward to themselves.",
            True,
        ),
        # put on the applicant, or said of records in general
        ("My letters are lukewarm because I rarely spoke up on rounds.", False),
        ("For a foreign graduate, a generic letter can do more harm than no letter at all.", False),
        # a scant count conceded and answered, or another's count
        (
            "I have only one US letter, but it comes from the chief who supervised me for "
            "eight weeks.",
            False,
        ),
        (
            "Only two interns were picked for the airway course because the hospital had few "
            "places, and I was one of them.",
            False,
        ),
    ],
)
def test_a_thin_record_put_on_someone_else_is_blame(bare, text, blame):
    (tags,) = bare.tag_sentences([text])
    assert ("blame" in tags) == blame


@pytest.mark.parametrize(
    "text,blame",
    [
        # a gain credited to someone else is gratitude, for the detectors and the model
        ("My score improved because my mentor went through every block with me.", False),
        ("I matched into pediatrics in 2021 because the program valued my research.", False),
        # a setback put on someone else stays blame
        ("My score dropped because my tutor left in the middle of my preparation.", True),
        ("I did not match because the program filtered out older graduates.", True),
    ],
)
def test_a_gain_credited_to_someone_else_is_no_blame(analyzer, text, blame):
    (tags,) = analyzer.tag_sentences([text])
    assert ("blame" in tags) == blame


@pytest.mark.parametrize(
    "text,blame",
    [
        # "X is the (only) reason": the cause is the subject of the copula
        ("The head nurse disliked IMGs, and that is the only reason my evaluation was weak.", True),
        ("The blackout in our city was the reason my CK score was low.", True),
        ("Careless planning on my part is the only reason my Step 1 score was low.", False),
        ("My own complacency was the reason I failed Step 2 CK.", False),
        ("My poor time management was the reason for my low score.", False),
        # denying one's own part
        ("My failed CK was not my doing; the course I bought covered the old outline.", True),
    ],
)
def test_whose_the_reason_is(analyzer, text, blame):
    (tags,) = analyzer.tag_sentences([text])
    assert ("blame" in tags) == blame


@pytest.mark.parametrize(
    "text,blame",
    [
        # anyone who harmed what was the applicant's, named as the cause
        (
            "My rotation in Ohio shrank to two weeks because the visa office mishandled my file.",
            True,
        ),
        ("Half my elective was lost because the faculty office misplaced my papers.", True),
        # someone who helped
        ("I started early because the coordinator handled my file quickly.", False),
        # a setback that "went nowhere" because of someone, or of the applicant
        (
            "My first Match went nowhere because the agency sent my file to the wrong programs.",
            True,
        ),
        ("My first Match went nowhere because I applied to only twelve programs.", False),
    ],
)
def test_someone_who_harmed_what_was_mine(bare, text, blame):
    (tags,) = bare.tag_sentences([text])
    assert ("blame" in tags) == blame


@pytest.mark.parametrize(
    "text,why_me",
    [
        # the applicant as the agent of a passive
        ("The audit was led by me and presented at the national meeting in Accra.", True),
        ("The triage protocol of the Kisumu emergency unit was written by me in 2022.", True),
        # someone else as the agent
        (
            "The audit was led by my consultant and presented at the national meeting in Accra.",
            False,
        ),
    ],
)
def test_work_done_by_me_in_the_passive(bare, text, why_me):
    (tags,) = bare.tag_sentences([text])
    assert ("why_me" in tags) == why_me


@pytest.mark.parametrize(
    "text,img",
    [
        (
            "In Houston I had to learn to call the nurses by their first names and to say out "
            "loud when I was unsure.",
            True,
        ),
        ("I had to unlearn the paternalism of my training in the American hospital.", True),
        # learned, of the ways a US team works
        ("In Chicago I also learned to call the nurses by their first names.", True),
        # a skill learned in a scene is not a change of habit
        ("During my elective in Baltimore I had to learn to place arterial lines quickly.", False),
        ("In Chicago I learned to place arterial lines under ultrasound.", False),
    ],
)
def test_a_change_of_habit_made_in_the_us_is_an_img_perspective(bare, text, img):
    (tags,) = bare.tag_sentences([text])
    assert ("img_perspective" in tags) == img


@pytest.mark.parametrize(
    "text,img",
    [
        # counts of staff or machines against what they served
        (
            "In Kumasi three anaesthetists covered seven theatres, so I learned to plan every list.",
            True,
        ),
        ("Our unit in Mzuzu had only two ventilators working, so we learned to wean early.", True),
        (
            "I worked in an ICU with eight beds for a province of two million people, and I "
            "learned to choose.",
            True,
        ),
        # one doctor covering two places at once
        (
            "In Tuzla at night one consultant covers the emergency theatre and the ten-bed ICU "
            "together, so I must decide which patient can wait.",
            True,
        ),
        # plenty, counted
        ("Our unit in Mzuzu had twelve ventilators, so we never had to choose.", False),
    ],
)
def test_scarcity_counted_is_an_img_perspective(bare, text, img):
    (tags,) = bare.tag_sentences([text])
    assert ("img_perspective" in tags) == img


@pytest.mark.parametrize(
    "text",
    [
        "I have a genuine passion for anaesthesia and cannot imagine any other career.",
        "I have a real love for anesthesiology.",
    ],
)
def test_liking_said_as_genuine_or_real_is_still_no_reason(bare, text):
    (tags,) = bare.tag_sentences([text])
    assert "why_specialty" not in tags


@pytest.mark.parametrize(
    "text,why_now",
    [
        # the timing said to be right, or an application held back until something was done
        ("My gaps are closed now and the timing is right.", True),
        ("I held back my application until my US letters were in.", True),
        ("The timing is right for her, since her children are grown.", False),
    ],
)
def test_the_timing_is_right(bare, text, why_now):
    (tags,) = bare.tag_sentences([text])
    assert ("why_now" in tags) == why_now


@pytest.mark.parametrize(
    "text,why_now",
    [
        # the applicant's post ends, with residency in view: free to start (firm)
        ("My research fellowship in Denver ends on June 30, the week residency begins.", True),
        (
            "My locum contract at the Korle Bu hospital ends in May, and I have planned nothing "
            "after it except residency.",
            True,
        ),
        ("My observership will end in March, so I can begin residency in July.", True),
        # residency in view as the month it begins
        (
            "My locum post in Accra ends on June 30, and the first of July is the date I have "
            "been working toward.",
            True,
        ),
        # nothing left before residency
        ("With my visa approved in March, nothing stands between me and a July start.", True),
        # ended already, someone else's, or no residency in view
        ("My fellowship ended in May, and I started my residency applications.", False),
        ("My husband's contract ends in June, one week before residency begins.", False),
        ("My research contract ends in June.", False),
    ],
)
def test_a_post_that_ends_as_residency_begins(analyzer, text, why_now):
    (tags,) = analyzer.tag_sentences([text])  # with the model: it may not veto this
    assert ("why_now" in tags) == why_now


@pytest.mark.parametrize(
    "text,future",
    [
        # the applicant pictured in a future role, or where few anesthesiologists work
        ("I picture myself as an obstetric anesthesiologist in a busy county hospital.", True),
        (
            "In the end I want to practise somewhere in Alaska where anesthesiologists are few.",
            True,
        ),
        # no plan: a specialty no other than this one
        ("After that night in the ICU I cannot picture myself in any other branch.", False),
    ],
)
def test_a_future_pictured(bare, text, future):
    (tags,) = bare.tag_sentences([text])
    assert ("future_goals" in tags) == future


@pytest.mark.parametrize(
    "text,img",
    [
        # training across countries, a home country's conditions, oxygen that failed
        ("Working on two continents has taught me to learn a new team's habits in days.", True),
        (
            "Coming from a country where snakebite is common, I bring experience with antivenom that I can share here.",
            True,
        ),
        (
            "After years where the oxygen supply failed every month, I check the cylinder before every case.",
            True,
        ),
        # a trip, not training or work
        ("I have visited two continents on holiday.", False),
    ],
)
def test_img_perspective_across_countries_and_failing_supplies(analyzer, text, img):
    (tags,) = analyzer.tag_sentences([text])
    assert ("img_perspective" in tags) == img


@pytest.mark.parametrize(
    "text,tagged",
    [
        # belonging told in the past, a place at the head of the table, what the field asks
        ("When the saturation climbed back to 98, I knew I was where I belonged.", True),
        ("That night in the cardiac theatre told me my place is at the head of the table.", True),
        ("I am calm and exact, which is what anesthesia demands of its doctors.", True),
        # belonging somewhere else
        ("As a child I never felt that I belonged in my village school.", False),
    ],
)
def test_belonging_as_the_reason_for_the_specialty(bare, text, tagged):
    (tags,) = bare.tag_sentences([text])
    assert ("why_specialty" in tags) == tagged


@pytest.mark.parametrize(
    "text,tagged",
    [
        # the recovery room, a caudal, the lithotomy position, a stress echo before surgery
        ("Her pain in recovery was so severe that we called the acute pain team twice.", True),
        ("The caudal wore off just as the boy woke, and he screamed for his mother.", True),
        (
            "After five hours in lithotomy her legs were numb, and we checked her peroneal nerves.",
            True,
        ),
        # recovery from an illness
        ("His recovery from the stroke took most of a year.", False),
    ],
)
def test_recovery_room_and_caudal_scenes(bare, text, tagged):
    (tags,) = bare.tag_sentences([text])
    assert ("anecdote" in tags) == tagged


@pytest.mark.parametrize(
    "text,tagged",
    [
        # the retake, a second sitting, the testing centre: the applicant's own exam
        ("Before the retake I wrote out the coagulation cascade every night.", True),
        (
            "For the second sitting I joined a study group that met online at six every morning.",
            True,
        ),
        # a first sitting of another exam
        ("I scored 108 on the TOEFL at my first sitting.", False),
    ],
)
def test_a_retake_and_a_second_sitting_are_the_exam(bare, text, tagged):
    (tags,) = bare.tag_sentences([text])
    assert ("exam" in tags) == tagged


@pytest.mark.parametrize(
    "text,blame",
    [
        # the setback as the applicant's teacher, and the reason found in their own way
        ("Failing CK told me more about my revision habits than any lecturer ever did.", False),
        ("The reason I failed CK was the way I planned my blocks, not the hard questions.", False),
        # the reason found in someone else, or a teacher blamed through the setback
        ("The reason I failed was the schedule my hospital gave me.", True),
        ("Failing Step 1 showed me that my school never prepared us for the USMLE.", True),
    ],
)
def test_a_setback_that_taught_and_a_reason_that_was_mine(analyzer, text, blame):
    (tags,) = analyzer.tag_sentences([text])
    assert ("blame" in tags) == blame


@pytest.mark.parametrize(
    "text,tagged",
    [
        # a logbook's count is a record, not a scene
        ("My logbook from the ICU in Dhaka lists 60 central lines and 25 arterial lines.", False),
        (
            "During my internship I placed 70 arterial lines under supervision, all recorded "
            "in my logbook.",
            False,
        ),
        (
            "My airway logbook would be twice as long had the theatre owned a video laryngoscope.",
            False,
        ),
        # a scene with its lines and airway stays one
        ("At 3 a.m. I placed her central line while the resident held the ultrasound.", True),
    ],
)
def test_a_logbook_count_is_no_scene(bare, text, tagged):
    (tags,) = bare.tag_sentences([text])
    assert ("anecdote" in tags) == tagged


@pytest.mark.parametrize(
    "text,blame",
    [
        # the cause the link names is the applicant's own, or the outside one is denied
        ("My 209 on CK came from my own revision plan, not from the exam.", False),
        (
            "My Step 1 failure came from cramming and too few practice blocks, not from the "
            "questions I was given.",
            False,
        ),
        ("My low CK came from my timetable rather than from anything around me.", False),
        # the applicant denied, the outside cause kept; the applicant only as the target
        ("My low CK came from the strikes, not from my preparation.", True),
        ("Owing to events that I had no power over, my Step 2 CK fell far short.", True),
    ],
)
def test_a_cause_set_against_a_denied_one(bare, text, blame):
    (tags,) = bare.tag_sentences([text])
    assert ("blame" in tags) == blame


@pytest.mark.parametrize(
    "text,blame",
    [
        # fate, luck or life told as working against the applicant: self-pity, for the
        # model too
        ("Fortune has never been on my side since my first year of medical school.", True),
        ("Destiny has robbed me of every chance I worked for.", True),
        ("Life has taken from me more than it has given.", True),
        # luck that helped, or fate that only brought the applicant somewhere
        ("Luck was on my side that morning, and the flight landed in time for my exam.", False),
        ("Chance took me to a rotation in Houston in my final year.", False),
        ("Life has given me two children and a profession I love.", False),
    ],
)
def test_fate_against_me_is_self_pity(analyzer, text, blame):
    (tags,) = analyzer.tag_sentences([text])
    assert ("blame" in tags) == blame


@pytest.mark.parametrize(
    "text,blame",
    [
        # a better present for the applicant, had someone else done otherwise
        (
            "If the embassy had issued my visa in March, I would be in my second year of "
            "residency today.",
            True,
        ),
        (
            "I could list many more epidurals if our hospital had ever hired a second anesthetist.",
            True,
        ),
        # the applicant's own condition owns the result
        ("If I had planned my dedicated period better, I would be a resident today.", False),
    ],
)
def test_a_better_present_had_others_done_otherwise(bare, text, blame):
    (tags,) = bare.tag_sentences([text])
    assert ("blame" in tags) == blame


@pytest.mark.parametrize(
    "text,blame",
    [
        # without what someone did, the applicant would not be where they are: gratitude
        ("If my aunt had not paid for my exam, I would not be a doctor today.", False),
        ("Had my mentor not pushed me to retake it, I would not be applying this year.", False),
        # a better result, had something not happened: an excuse
        ("Had my visa interview not fallen in my exam month, I would have passed.", True),
    ],
)
def test_a_counterfactual_of_gratitude_is_no_blame(bare, text, blame):
    (tags,) = bare.tag_sentences([text])
    assert ("blame" in tags) == blame
