"""The view in the URL: read without ever failing, written back the same, unknown values dropped and said."""
import pytest

from survey.model.filters import Filters
from survey.model.state import Dropped, View, from_query, to_query


def test_a_full_view_round_trips(codebook):
    view = View(lang="en", filters=Filters({"gender": ("female", "male"), "region": ("nord_norge",)}),
                by="role", present=True, question="challenges", composition="age_group")
    params = to_query(view)
    assert params == {"lang": ["en"], "gender": ["female", "male"], "region": ["nord_norge"], "by": ["role"],
                      "present": ["1"], "question": ["challenges"], "composition": ["age_group"]}
    assert from_query(params, codebook) == (view, [])


def test_the_default_view_is_an_empty_url(codebook):
    assert to_query(View()) == {}
    assert from_query({}, codebook) == (View(), [])


@pytest.mark.parametrize("params, dropped", [
    ({"gender": ["alien"]}, [Dropped("gender", "alien", "value")]),
    ({"lang": ["de"]}, [Dropped("lang", "de", "value")]),
    ({"by": ["'; DROP TABLE respondents; --"]}, [Dropped("by", "'; DROP TABLE respondents; --", "value")]),
    ({"present": ["maybe"]}, [Dropped("present", "maybe", "value")]),
    ({"question": ["shoe_size"]}, [Dropped("question", "shoe_size", "value")]),
    ({"composition": ["role"]}, [Dropped("composition", "role", "value")]),  # no population figures for it
    ({"colour": ["red", "blue"]}, [Dropped("colour", "red, blue", "key")]),
])
def test_unknown_values_are_dropped_and_reported(codebook, params, dropped):
    view, found = from_query(params, codebook)
    assert found == dropped
    assert view == View()


def test_good_values_stay_beside_bad_ones(codebook):
    view, dropped = from_query({"gender": ["female", "x", "female"], "lang": "en"}, codebook)
    assert view.filters.active == {"gender": ("female",)} and view.lang == "en"
    assert dropped == [Dropped("gender", "x", "value")]


def test_tracking_parameters_are_ignored_quietly(codebook):
    assert from_query({"utm_source": ["newsletter"], "fbclid": ["abc"]}, codebook) == (View(), [])


@pytest.mark.parametrize("word, present", [("1", True), ("true", True), ("ja", True), ("0", False), ("nei", False)])
def test_presentation_flag_words(codebook, word, present):
    assert from_query({"present": [word]}, codebook)[0].present is present


def test_answer_filters_round_trip_by_their_question_ids(codebook):
    view = View(filters=Filters({"gender": ("female",), "company_use": ("yes",),
                                 "private_channels": ("linkedin", "facebook")}))
    params = to_query(view)
    assert params == {"gender": ["female"], "company_use": ["yes"], "private_channels": ["linkedin", "facebook"]}
    assert from_query(params, codebook) == (view, [])
    assert from_query({"marketing_strategy": ["no"]}, codebook)[0].filters.active == {"marketing_strategy": ("no",)}


@pytest.mark.parametrize("params, dropped", [
    ({"company_use": ["maybe"]}, [Dropped("company_use", "maybe", "value")]),
    ({"private_channels": ["friendster"]}, [Dropped("private_channels", "friendster", "value")]),
    ({"guidelines_why_not_text": ["x"]}, [Dropped("guidelines_why_not_text", "x", "key")]),
    ({"private_channels__linkedin": ["1"]}, [Dropped("private_channels__linkedin", "1", "key")]),
])
def test_bad_answer_filters_are_dropped_and_reported(codebook, params, dropped):
    assert from_query(params, codebook) == (View(), dropped)


def test_good_answers_stay_beside_bad_ones(codebook):
    view, dropped = from_query({"company_use": ["yes", "maybe"], "lang": "en"}, codebook)
    assert view.filters.active == {"company_use": ("yes",)}
    assert dropped == [Dropped("company_use", "maybe", "value")]
