"""The codebook holds every question the posts imply, in both languages, with routing."""
import pytest
import yaml

from survey.model import codebook as cb

CORE = {
    "gender": ("single", {"male", "female", "not_stated"}, None),
    "age_group": ("single", {"under_30", "30_39", "40_49", "50_59", "60_plus"}, None),
    "role": ("single", {"leader", "manager", "specialist", "other"}, None),
    "company_size": ("single", {"no_employees", "1_4", "5_9", "10_19", "20_49", "50_99", "100_249", "250_plus"}, None),
    "region": ("single", {"oslo_akershus", "hedmark_oppland", "sor_ostlandet", "agder_rogaland", "vestlandet",
                          "trondelag", "nord_norge"}, None),
    "private_use": ("single", {"yes", "no"}, None),
    "private_channels": ("multi", {"facebook", "youtube", "linkedin", "twitter"}, "private_use"),
    "company_use": ("single", {"yes", "no", "dont_know"}, None),
    "company_channels": ("multi", {"facebook", "youtube", "linkedin", "twitter"}, "company_use"),
    "company_purposes": ("multi", {"marketing", "customer_service", "recruitment", "internal_communication"},
                         "company_use"),
    "marketing_strategy": ("single", {"yes", "no", "dont_know"}, "company_purposes"),
    "guidelines": ("single", {"yes", "no", "dont_know"}, None),
    "guidelines_why_not": ("single", {"not_yet", "working_on_it", "not_needed", "dont_know", "other"}, "guidelines"),
    "challenges": ("multi", {"unrealistic_expectations", "lacking_competence", "unsure_relevance"}, None),
}


@pytest.mark.parametrize("qid", sorted(CORE))
def test_core_questions(codebook, qid):
    kind, options, parent = CORE[qid]
    q = codebook[qid]
    assert q.kind == kind
    assert options <= set(q.option_ids)
    assert q.asked_of.question == parent


def test_dimensions_are_the_six_filters(codebook):
    assert codebook.dimension_ids == ("gender", "age_group", "role", "company_size", "industry", "region")


def test_every_text_in_both_languages(codebook):
    for q in codebook.questions:
        for lang in ("nb", "en"):
            assert q.text[lang].strip() and q.title[lang].strip()
            assert all(o.label[lang].strip() for o in q.options)


def test_industry_groups_cover_every_sn2007_section_once(codebook):
    sections = [s for o in codebook["industry"].options for s in o.extra["sn2007"]]
    assert sorted(sections) == sorted(set(sections)) == list("ABCDEFGHIJKLMNOPQRSTU")


def test_routing_values(codebook):
    assert codebook["guidelines_why_not"].asked_of.values == ("no",)
    assert codebook["marketing_strategy"].asked_of.option == "marketing"
    assert codebook["guidelines_why_not"].open_text
    assert "guidelines_why_not_text" in codebook.columns()


def load_text(text: str) -> cb.Codebook:
    return cb.parse(yaml.safe_load(text))


BASE = """
questions:
  - id: q
    kind: single
    title: {nb: Q, en: Q}
    text: {nb: Q, en: Q}
    options: [OPTIONS]
"""


@pytest.mark.parametrize("options, message", [
    ("{id: yes, nb: Ja, en: 'Yes'}", "lower snake case"),  # YAML reads an unquoted yes as a boolean
    ("{id: '1_4', nb: A}", "both nb and en"),
    ("{id: a, nb: A, en: A}, {id: a, nb: B, en: B}", "distinct"),
])
def test_bad_codebooks_are_refused(options, message):
    with pytest.raises(cb.CodebookError, match=message):
        load_text(BASE.replace("OPTIONS", options))


def test_routing_must_name_an_earlier_question():
    text = BASE.replace("OPTIONS", "{id: a, nb: A, en: A}") + """
  - id: r
    kind: single
    asked_of: {question: later, in: [a]}
    title: {nb: R, en: R}
    text: {nb: R, en: R}
    options: [{id: a, nb: A, en: A}]
"""
    with pytest.raises(cb.CodebookError, match="not an earlier question"):
        load_text(text)


def test_every_routed_question_says_its_base_in_words(codebook):
    for q in codebook.questions:
        assert (q.base is None) == q.asked_of.everyone, q.id
        if q.base:
            assert q.base["nb"].strip() and q.base["en"].strip()


def test_a_multi_choice_answer_fits_the_bits_of_one_column(codebook):
    options = ", ".join(f"{{id: o{i}, nb: O, en: O}}" for i in range(cb.MAX_MULTI_OPTIONS + 1))
    with pytest.raises(cb.CodebookError, match="at most 32 options"):
        load_text(BASE.replace("kind: single", "kind: multi").replace("OPTIONS", options))
    channels = codebook["private_channels"]
    assert channels.mask(None) is None and channels.mask([]) == 0
    assert channels.mask(["facebook", "linkedin"]) == 0b101 == channels.mask(["linkedin", "facebook"])


@pytest.mark.parametrize("qid", ["by", "lang", "question", "wave", "answers"])
def test_a_question_may_not_take_a_word_the_url_and_the_queries_use(qid):
    """Every question filters by its id in the URL (company_use=yes): one named `by` could not."""
    with pytest.raises(cb.CodebookError, match="a word the app uses for itself"):
        load_text(BASE.replace("id: q", f"id: {qid}").replace("OPTIONS", "{id: a, nb: A, en: A}"))
