"""Parse rules: the resource-limited setting, languages in care, reported feedback, US
clinical experience, experiences applied for and not had; the IMG rejection's plan test;
liking with no reason; a told "eventually" is no plan."""

from __future__ import annotations

import pytest


def _first_sentence(analyzer, text):
    from writer.nlp.analyze import _sentences
    from writer.nlp.detectors.context import Context
    from writer.nlp.features import SentenceFeatures

    doc = analyzer.nlp(text)
    cues = analyzer.cues.find(doc, "statement")
    feats = [SentenceFeatures(i, s, 0, cues) for i, s in enumerate(_sentences(doc))]
    return feats[0], Context(feats, analyzer.lexicons)


@pytest.mark.parametrize(
    "text,resource",
    [
        ("We did not have a ventilator, so I sat him up and gave oxygen.", "ventilator"),
        ("No blood was available that night.", "blood"),
        ("For years we shared one pulse oximeter for the whole ward.", "oximeter"),
        ("When you have only halothane and ketamine, you learn both well.", "ketamine"),
        ("Our hospital often lacked basic monitors.", "monitors"),
        ("Patients paid for each syringe themselves.", "syringe"),
        ("The nearest CT scanner was four hours away by road.", "scanner"),
        ("We worked without a capnograph for two years.", "capnograph"),
    ],
)
def test_scarce_resources_found_by_the_parse(analyzer, text, resource):
    from writer.nlp.detectors.structure import scarce_resources

    sent, ctx = _first_sentence(analyzer, text)
    assert resource in scarce_resources(sent, ctx)


@pytest.mark.parametrize(
    "text",
    [
        "The blood was available within minutes.",
        "I gave him oxygen and he improved.",
        "I scored the winning goal with one shot.",
        "The ventilator alarmed twice during the night.",
        "We have two new ultrasound machines in the department.",
    ],
)
def test_no_scarcity_where_nothing_is_lacking(analyzer, text):
    from writer.nlp.detectors.structure import scarce_resources

    sent, ctx = _first_sentence(analyzer, text)
    assert scarce_resources(sent, ctx) == []


@pytest.mark.parametrize(
    "text,rejected",
    [
        # a plan with nothing behind it is a goal, not a perspective
        ("I plan to work in global health in West Africa.", True),
        # experience the applicant already has, which they will bring
        ("The resourcefulness I developed in Nepal is something I will bring to your ICU.", False),
        ("I have seen anesthesia given with very little, and I will never waste a drug.", False),
        # a lesson with no sign of abroad, another language or a limited setting
        ("The work taught me patience.", True),
        ("Training where the hospital lacked basic monitors taught me to read the patient.", False),
    ],
)
def test_img_rejection_tells_a_plan_from_a_perspective(analyzer, text, rejected):
    from writer.nlp.detectors.structure import rejects_img_perspective

    sent, ctx = _first_sentence(analyzer, text)
    assert rejects_img_perspective(sent, ctx) is rejected


# -- liking with no reason is not why_specialty (ANNOTATION.md) ------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "I truly love anesthesia and cannot imagine doing anything else.",
        "Anesthesia is my passion and my future.",
        "I have always been very interested in anesthesiology.",
    ],
)
def test_liking_with_no_reason_is_not_why_anesthesiology(analyzer, text):
    from writer.nlp.detectors.structure import liking_without_reason

    sent, ctx = _first_sentence(analyzer, text)
    assert liking_without_reason(sent, ctx)


@pytest.mark.parametrize(
    "text",
    [
        "I love how anesthesia turns a chaotic emergency into a sequence of decisions.",
        "Critical care is where I feel most useful as a doctor.",
        "Since then, I have been fascinated by anesthesiology.",  # the reason came before
        "I enjoy the pharmacology of anesthesia more than any ward work.",
    ],
)
def test_a_reason_or_a_pointer_to_one_keeps_the_tag(analyzer, text):
    from writer.nlp.detectors.structure import liking_without_reason

    sent, ctx = _first_sentence(analyzer, text)
    assert not liking_without_reason(sent, ctx)


@pytest.mark.parametrize(
    "text,expected",
    [
        (
            "Having practiced where dialysis was not available, I know the weight of rationing.",
            True,
        ),
        ("Because our pumps were shared among three wards, I calculate fluids by hand.", True),
        ("Our hospital had no ventilator, and the patient died that night.", False),
    ],
)
def test_what_working_with_little_left_in_the_applicant_is_an_img_perspective(
    analyzer, text, expected
):
    from writer.nlp.detectors.structure import detect_img_perspective

    sent, ctx = _first_sentence(analyzer, text)
    assert bool(detect_img_perspective(sent, ctx)) is expected


@pytest.mark.parametrize(
    "text,language",
    [
        (
            "On nights in the Newark PACU I spoke Gujarati with an elderly patient who woke confused.",
            "Gujarati",
        ),
        (
            "I rewrote our fasting instructions in Somali for the families of the pre-op clinic.",
            "Somali",
        ),
        ("Knowing Pashto let me reassure a frightened father before his son's surgery.", "Pashto"),
        (
            "A Tigrinya-speaking grandmother relaxed once I explained the epidural to her.",
            "Tigrinya",
        ),
        ("I interpret Hmong for the anesthesia team twice a week.", "Hmong"),
    ],
)
def test_a_language_used_in_care_is_found_by_the_parse(analyzer, text, language):
    from writer.nlp.detectors.structure import languages_in_use

    sent, ctx = _first_sentence(analyzer, text)
    assert language in languages_in_use(sent, ctx)


@pytest.mark.parametrize(
    "text",
    [
        # listed without use, spoken at home, a nationality, a use denied (ANNOTATION.md)
        "I speak Urdu, Punjabi and English fluently.",
        "At home I speak Yoruba with my parents and my brother.",
        "My Turkish supervisor wrote one of my letters after my externship at the hospital.",
        "I studied Japanese for a year, though I have never used it with patients.",
        "Spanish is the official language of Peru.",
    ],
)
def test_no_language_in_use_where_none_is_used_in_care(analyzer, text):
    from writer.nlp.detectors.structure import languages_in_use

    sent, ctx = _first_sentence(analyzer, text)
    assert languages_in_use(sent, ctx) == []


def test_a_language_used_in_care_is_an_img_perspective(analyzer):
    tags = analyzer.tag_sentences(
        [
            "In the Dayton pre-op bay I explained the spinal to a Nepali-speaking mother in her own words."
        ]
    )
    assert "img_perspective" in tags[0]


@pytest.mark.parametrize(
    "text,verb",
    [
        (
            "Dr. Alvarez, who supervised me in Tampa, wrote that I ran the morning huddle better than the interns.",
            "wrote",
        ),
        (
            "My ICU consultant noted in my evaluation that my handovers were complete and short.",
            "noted",
        ),
        (
            "The chair of anesthesia at Rush told me in my exit meeting that I was ready for a CA-1 workload.",
            "told",
        ),
        (
            "My program director in Lima described me in her letter as the intern she sent to every code.",
            "described",
        ),
        ("My attendings in Houston rated me above expectations in all six competencies.", "rated"),
        ("The department head wrote a letter praising my preoperative notes.", "praising"),
    ],
)
def test_reported_feedback_is_found_by_the_parse(analyzer, text, verb):
    from writer.nlp.detectors.structure import reported_feedback

    sent, ctx = _first_sentence(analyzer, text)
    assert verb in reported_feedback(sent, ctx)


@pytest.mark.parametrize(
    "text",
    [
        # not about the applicant, not an evaluator, advice, a forecast, the applicant's own words
        "My supervisor wrote that the patient was stable after extubation.",
        "My mother always said that I was born to care for people.",
        "Dr. Okoye told me that I should take Step 3 before applying.",
        "My professors said I would make a fine anesthesiologist one day.",
        "The attending told me to draw up the ephedrine before induction.",
        "I wrote that I was grateful for the chance to observe.",
        "The surgeon told me that my patient had been extubated in the PACU.",
        "The fellow taught me to say that I was unsure out loud.",
    ],
)
def test_no_reported_feedback_where_nobody_appraised_the_applicant(analyzer, text):
    from writer.nlp.detectors.structure import reported_feedback

    sent, ctx = _first_sentence(analyzer, text)
    assert reported_feedback(sent, ctx) == []


@pytest.mark.parametrize(
    "text",
    [
        "In ten years I see myself running an obstetric anesthesia service in Accra.",
        "In five years, I hope to teach regional anesthesia to residents in Lima.",
    ],
)
def test_a_span_ahead_still_marks_a_future_goal(bare, text):
    assert "future_goals" in bare.tag_sentences([text])[0]


def test_reported_feedback_is_why_me_and_a_look_back_is_not_a_future_goal(bare):
    # the detectors alone: the learned model must not be what finds it
    tags = bare.tag_sentences(
        ['Dr. Osei wrote that I was "the steadiest observer she had hosted in ten years."']
    )[0]
    assert "why_me" in tags
    assert "future_goals" not in tags


@pytest.mark.parametrize(
    "text,verdict",
    [
        ("My medical school in Accra awarded me its prize in physiology.", True),
        ("The residents in Quito elected me to the hospital's ethics committee.", True),
        ("My hospital gave me its best resident award in 2020.", True),
        ("My logbook from Kampala lists 150 spinal anesthetics.", True),
        ("The paper on awake intubation by Ahmad inspired me.", False),
        ("My friend told me about her thesis on sepsis in Lagos.", False),
    ],
)
def test_evidence_others_gave_the_applicant_is_theirs(bare, text, verdict):
    # the why_me detector's own verdict (the learned model may still overrule it)
    tags = bare.tag_sentences([text])[0]
    assert ("why_me" in tags) is verdict


@pytest.mark.parametrize(
    "text,place",
    [
        ("My core rotations were in Chicago and Detroit.", "Chicago"),
        ("I rotated through the surgical ICU at Henry Ford Hospital in Detroit.", "Henry Ford"),
        ("I completed a rotation at a hospital in Chicago in the summer of 2023.", "Chicago"),
        ("I have been an observer in anesthesiology at a hospital in New Jersey.", "New Jersey"),
        ("As a volunteer at a free clinic in Atlanta, I assisted the attending.", "Atlanta"),
        ("Right now I am working as a scribe in an urgent care clinic in Texas.", "Texas"),
        (
            "We shadowed the pediatric anesthesia team at Johns Hopkins for a month.",
            "Johns Hopkins",
        ),
    ],
)
def test_us_clinical_experience_is_found_by_the_parse(analyzer, text, place):
    from writer.nlp.detectors.structure import us_experience

    sent, ctx = _first_sentence(analyzer, text)
    assert us_experience(sent, ctx) == [f"US experience: {place!r}"]


@pytest.mark.parametrize(
    "text",
    [
        "I flew to Houston for the first time in 2022.",  # travel
        "I studied for the USMLE in a small apartment in Chicago.",  # exam study
        "In 2016 my family moved to Houston for my husband's work.",  # a move
        "I hope to rotate in Boston next spring.",  # a plan
        "I will observe at a hospital in Miami in March.",  # a plan
        "My cousin worked as a nurse in Houston for ten years.",  # someone else
        "I did not work in Texas.",  # negated
        "The team I worked with in Dallas was very friendly.",  # about the team
        "Having worked in Peru and now in Ohio, I can adapt to a new team.",  # a frame
        "In my first weeks in Philadelphia I learned that a nurse can stop a case.",  # a time
        "In Detroit I translated consent forms for Yemeni families.",  # IMG perspective
        "I did a rotation in the United States last year.",  # no site named: bare
    ],
)
def test_no_us_experience_where_none_was_had_there(analyzer, text):
    from writer.nlp.detectors.structure import us_experience

    sent, ctx = _first_sentence(analyzer, text)
    assert us_experience(sent, ctx) == []


@pytest.mark.parametrize(
    "text,verdict",
    [
        ("My core rotations were in Chicago and Detroit.", True),
        ("I rotated through the surgical ICU at Henry Ford Hospital in Detroit.", True),
        ("Eventually I completed a six-week observership in anesthesiology in Chicago.", True),
        ("I applied for an observership in Boston, but they did not accept me.", False),
        ("I was accepted for an externship in Florida, but my visa was refused.", False),
        ("I was offered an observership at a hospital in Lagos but could not afford it.", False),
        ("I am hoping to secure an anesthesia externship this spring.", False),
        ("My abstract was accepted at the ASA meeting in Chicago.", True),
        # asked of the applicant is work done; asked by the applicant is not had
        ("In my observership the attendings asked me to present the pre-op plan daily.", True),
        ("During my observership at Emory I was asked to prepare the teaching slides.", True),
        ("I asked for an observership at Emory but never heard back.", False),
        ("My observership at Emory was cancelled because of my visa.", False),
        # asked or waited for, or meant to happen, is not had either
        ("I am on the waiting list for an externship in Seattle.", False),
        ("My externship application to two hospitals in Ohio is still pending.", False),
        ("After a month on the waiting list I completed a four-week externship in Seattle.", True),
        ("I helped six classmates with their observership applications; four got one.", True),
    ],
)
def test_experience_had_is_why_me_and_experience_applied_for_is_not(bare, text, verdict):
    # the detectors alone: the learned model must not be what decides
    assert ("why_me" in bare.tag_sentences([text])[0]) is verdict


def test_an_experience_one_was_supposed_to_have_is_refused_to_the_model_too(analyzer):
    from writer.nlp.detectors.structure import rejects_why_me

    sent, ctx = _first_sentence(
        analyzer, "I was supposed to start a research year in Denver in 2020."
    )
    assert rejects_why_me(sent, ctx)
    sent, ctx = _first_sentence(analyzer, "I started a research year in Denver in 2020.")
    assert not rejects_why_me(sent, ctx)


@pytest.mark.parametrize(
    "text,verdict",
    [
        # evidence named as what was missing
        ("I finished the online course on regional blocks without any hands-on practice.", False),
        ("I graduated with a logbook of 300 intubations.", True),
        # the place where the applicant trained is the subject, and its award is not theirs
        ("The hospital where I trained in Cairo received an award for infection control.", False),
        ("I co-authored a case report on awake intubation, published in A&A Practice.", True),
        (
            "I was one of six graduates chosen for a research fellowship at the University of Iowa.",
            True,
        ),
    ],
)
def test_evidence_that_is_missing_or_someone_elses_is_not_why_me(bare, text, verdict):
    assert ("why_me" in bare.tag_sentences([text])[0]) is verdict


def test_a_relatives_record_read_as_a_verbless_sentence_is_refused(analyzer):
    # the parser reads "operated" as a modifier of "father", which then heads the sentence
    from writer.nlp.detectors.structure import rejects_why_me

    text = "My father, a surgeon in Accra for thirty years, operated on thousands of patients."
    sent, ctx = _first_sentence(analyzer, text)
    assert sent.span.root.lemma_ == "father"
    assert rejects_why_me(sent, ctx)
    assert "why_me" not in analyzer.tag_sentences([text])[0]


@pytest.mark.parametrize(
    "text,future",
    [
        ("Eventually I completed my observership in anesthesiology.", False),
        ("One day the patient had laryngospasm after extubation.", False),
        ("Eventually, I hope to lead a regional anesthesia service in Accra.", True),
        ("One day I will teach regional anesthesia in Lima.", True),
    ],
)
def test_a_told_eventually_is_no_plan(analyzer, text, future):
    from writer.nlp.detectors.structure import _future_marked

    sent, _ = _first_sentence(analyzer, text)
    assert bool(_future_marked(sent)) is future


@pytest.mark.parametrize(
    "text,length",
    [
        (
            "After internship I worked for two years as a resident in anesthesia in Cairo.",
            "two years",
        ),
        (
            "I completed two years of compulsory service as a general practitioner in Van.",
            "two years",
        ),
        ("In my country I was working in ICU for 2 years.", "2 years"),
        ("For 18 months I served as the only doctor in a rural clinic.", "18 months"),
        ("I have worked a year as a house officer in the surgical wards.", "a year"),
        ("I will work two more years in the hospital before applying.", None),  # a plan
        ("I want to work two years in a hospital in Texas.", None),  # a wish
        ("My father worked twenty years as a surgeon.", None),  # someone else
        ("I did not work for two years in the clinic.", None),  # negated
        ("I did a two-month elective in the anesthesia department.", None),  # too short
        ("I spent three years preparing for this moment.", None),  # no clinical setting
    ],
)
def test_clinical_years_need_the_applicant_a_length_and_a_setting(analyzer, text, length):
    from writer.nlp.detectors.structure import clinical_years

    sent, ctx = _first_sentence(analyzer, text)
    found = clinical_years(sent, ctx)
    assert found == ([f"clinical years: {length!r}"] if length else [])


@pytest.mark.parametrize(
    "text,rejected",
    [
        # someone else's record with a finite verb: a firm no, for the model too
        ("My chief in Bucharest wrote the national protocol for obstetric haemorrhage.", True),
        ("The consultant who taught me had given more than 5,000 spinal anaesthetics.", True),
        # a CV line whose role the parser reads as the subject of a participle is the
        # applicant's own (dev57: "Chief resident of internal medicine, ..., scheduling ...")
        (
            "Chief resident of internal medicine, Hospital Universitario San Ignacio, Bogota, "
            "2021-2022, scheduling 48 residents.",
            False,
        ),
        ("My mentor and I published three papers on awake intubation.", False),
        # another person's work named by its possessor: theirs, "my" only says who they are
        ("My cousin's dissertation on malaria won the faculty prize in Kampala.", True),
        ("Dr. Mensah's audit of spinal hypotension changed practice at our hospital.", True),
        # the applicant's own part in it, or a team the applicant worked in
        ("Dr. Mensah's audit, which I ran for eight months, cut spinal hypotension.", False),
        ("My team's checklist for obstetric theatre won a regional safety award in 2022.", False),
    ],
)
def test_someone_elses_record_is_refused_to_the_model(analyzer, text, rejected):
    from writer.nlp.detectors.structure import rejects_why_me

    sent, ctx = _first_sentence(analyzer, text)
    assert rejects_why_me(sent, ctx) is rejected


@pytest.mark.parametrize(
    "text,exam,evidence",
    [
        # a research year that only dates the applicant's exam is no evidence of its own
        ("I took Step 2 CK two months into my research year and scored 231.", True, False),
        ("I sat Step 3 after my research year and gained 15 points over CK.", True, False),
        # the year with a place of its own, or outside an exam sentence, stays evidence
        ("I sat Step 3 during my research year at Emory and scored 240.", True, True),
        ("I learned R during my research year and wrote the code for our audit.", False, True),
        # an experience in a clause of time, in an exam sentence: a date too
        ("When I finished my externship I retook Step 2 CK and scored 239.", True, False),
        ("After I returned from the observership I sat CK again and passed.", True, False),
        # with its place, it is evidence of its own
        ("When I finished my externship at Emory I retook Step 2 CK and scored 239.", True, True),
    ],
)
def test_an_experience_that_only_dates_an_exam_is_no_evidence(analyzer, text, exam, evidence):
    from writer.nlp.analyze import Analyzer

    # the detectors alone, in order: the exam detector's tag is what the rule reads
    (tags,) = Analyzer(nlp=analyzer.nlp, model=None).tag_sentences([text])
    assert ("exam" in tags) is exam
    assert ("why_me" in tags) is evidence


@pytest.mark.parametrize(
    "text,found",
    [
        # how long the applicant did something, where: the site is the field
        ("For three years I tutored nursing students at a district hospital in Mzuzu.", True),
        (
            "Every Saturday for a year I dressed wounds and sat with patients at a leprosy "
            "clinic in Kathmandu.",
            True,
        ),
        # a place that is no work site, or a work site only nearby, is no tenure
        (
            "For eight months I studied for Step 1 in a rented room near the hospital in Pune.",
            False,
        ),
        ("For two years I lived with my aunt in Nairobi.", False),
        # someone else's years
        ("For two years my brother interpreted at a free clinic in Houston.", False),
    ],
)
def test_tenure_where_the_applicant_did_what_lasted(analyzer, text, found):
    from writer.nlp.detectors.structure import tenure

    sent, ctx = _first_sentence(analyzer, text)
    assert bool(tenure(sent, ctx)) is found


@pytest.mark.parametrize(
    "text,found",
    [
        # the people the applicant taught or led, counted in words, ten and up
        ("I coached fourteen juniors for their Step 1, and eleven passed the first time.", True),
        ("For a year I ran a weekly WhatsApp clinic for thirty-five Sudanese graduates.", True),
        ("I trained about three hundred schoolchildren in hands-only CPR in Rabat.", True),
        # under ten, or a ward's load of patients, is no record of the applicant's
        ("I coached three juniors for their Step 1 last spring.", False),
        ("In the outpatient clinic I was seeing forty patients every morning.", False),
    ],
)
def test_counts_of_people_taught_written_as_words(analyzer, text, found):
    from writer.nlp.detectors.structure import own_count

    sent, ctx = _first_sentence(analyzer, text)
    assert bool(own_count(sent, ctx)) is found


@pytest.mark.parametrize(
    "text,crowd",
    [
        ("I was one of 140 students in my graduating class.", True),
        # a few chosen from many is a distinction, not a crowd
        ("I was one of fifteen residents from across Ghana selected for the airway course.", False),
        ("I was one of 12 trainees chosen for the national simulation faculty.", False),
    ],
)
def test_one_of_a_few_chosen_is_no_crowd(analyzer, text, crowd):
    from writer.nlp.detectors.structure import _one_among

    sent, ctx = _first_sentence(analyzer, text)
    noun = next(t for t in sent.span if t.dep_ == "pobj" and t.head.lower_ == "of")
    assert _one_among(noun, ctx) is crowd


@pytest.mark.parametrize(
    "text,why_me",
    [
        # the plan belongs to the people the applicant served, not to the applicant
        (
            "Since 2022 I have run a monthly call for 40 Somali graduates planning their US rotations.",
            True,
        ),
        ("I coach 25 juniors hoping to match into anesthesiology each year.", True),
        # the applicant's own plan is still a plan
        ("I am planning a study of 200 patients after spinal anesthesia.", False),
    ],
)
def test_a_plan_of_the_people_served_is_not_the_applicants(analyzer, text, why_me):
    from writer.nlp.analyze import Analyzer

    (tags,) = Analyzer(nlp=analyzer.nlp, model=None).tag_sentences([text])
    assert ("why_me" in tags) is why_me


@pytest.mark.parametrize(
    "text,why_me",
    [
        # a relative clause that only says who or where the sentence is about
        ("The surgeon I observed in Kumasi had done over a thousand hernia repairs.", False),
        ("Colleagues I have worked with often call me the quiet one on the team.", False),
        (
            "At the clinic where I trained, the only oxygen concentrator failed every "
            "rainy season.",
            False,
        ),
        # the applicant's own work, or people counted, as the subject; a place before "I"
        ("The audit I led cut unplanned returns to theatre by 30 percent in a year.", True),
        (
            "At the district hospital where I worked, I gave over 600 spinal anaesthetics in "
            "two years.",
            True,
        ),
    ],
)
def test_a_relative_clause_that_only_says_who_is_no_evidence(analyzer, text, why_me):
    from writer.nlp.analyze import Analyzer

    (tags,) = Analyzer(nlp=analyzer.nlp, model=None).tag_sentences([text])
    assert ("why_me" in tags) is why_me


@pytest.mark.parametrize(
    "text,found",
    [
        # a grade the parser reads as a clause of which "me" is the subject
        ('My two ICU attendings in Cleveland rated me "outstanding" in patient care.', True),
        ('Every supervisor at the Houston clinic rated me "exceeds expectations".', True),
        # "marked" is a grade too
        ("Both my supervisors in the Miami ICU marked me above the expected level.", True),
        # a grade of someone else
        ('My attending rated the new resident "meets expectations" in every field.', False),
    ],
)
def test_a_grade_read_as_a_clause_is_still_an_appraisal(analyzer, text, found):
    from writer.nlp.detectors.structure import reported_feedback

    sent, ctx = _first_sentence(analyzer, text)
    assert bool(reported_feedback(sent, ctx)) is found


@pytest.mark.parametrize(
    "text,why_me",
    [
        # an evaluator took the applicant on: an evaluation in deed, firm for the model too
        (
            "After my elective ended, the head of the ICU offered me a position on his "
            "delirium study.",
            True,
        ),
        ("Dr. Alvarez offered me a spot in her sepsis lab after my rotation in Miami.", True),
        # the parser gives the offer two subjects, or hangs the one who offers on the place
        # before it as an appositive
        (
            "After my observership in Detroit, the chief of obstetric anesthesia offered me "
            "a place on his epidural study.",
            True,
        ),
        (
            "At the end of my observership in Boston, the chief of regional anesthesia "
            "offered me a place on his block study.",
            True,
        ),
        ("At the end of my holiday in Boston, my cousin offered me a place on his team.", False),
        # not an evaluator, not work, or not done
        ("My cousin offered me a place on his couch while I studied for Step 2.", False),
        ("The driver offered me a seat on the bus to the hospital.", False),
        ("The chief said he might offer me a place on his study next year.", False),
    ],
)
def test_a_place_offered_by_an_evaluator_is_why_me(analyzer, text, why_me):
    (tags,) = analyzer.tag_sentences([text])
    assert ("why_me" in tags) is why_me


@pytest.mark.parametrize(
    "text,why_me",
    [
        # practice in a skills or simulation lab, with nothing assessed, is no evidence
        (
            "Every Monday for a year I practised cricothyrotomy on pig tracheas in our skills lab.",
            False,
        ),
        ("In the simulation lab we ran a local anesthetic toxicity drill on a manikin.", False),
        # a research lab still is; so is the lab's assessment of the applicant
        ("For a year I measured cortisol levels in ICU patients in a neurology lab in Lyon.", True),
        (
            "In the simulation lab Dr. Perez ranked me first of 14 residents on the crisis "
            "checklist.",
            True,
        ),
    ],
)
def test_practice_in_a_skills_lab_is_no_evidence(bare, text, why_me):
    (tags,) = bare.tag_sentences([text])
    assert ("why_me" in tags) is why_me
