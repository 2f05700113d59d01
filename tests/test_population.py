"""Population counts and shares from the SSB tables in data/reference."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from survey.model import population
from survey.model.population import REFERENCE, SOURCES, population_counts, population_shares

ROOT = Path(__file__).resolve().parent.parent
SHARED_CANDIDATES = [Path("/work/shared/reference"), Path(__file__).resolve().parents[2] / "shared" / "reference"]
CSV_FILES = sorted({source["file"] for source in SOURCES.values()})
DIMENSIONS = ["company_size", "region", "industry", "gender", "age_group"]
ESTABLISHMENTS = 485907


def shared_reference() -> Path | None:
    return next((p for p in SHARED_CANDIDATES if p.is_dir()), None)


def test_reference_is_in_data():
    assert REFERENCE == ROOT / "data" / "reference"
    assert (REFERENCE / "README.md").is_file()


@pytest.mark.parametrize("name", CSV_FILES)
def test_copies_are_byte_identical(name):
    shared = shared_reference()
    if shared is None:
        pytest.skip("shared/reference is not available here")
    assert (REFERENCE / name).read_bytes() == (shared / name).read_bytes()


@pytest.mark.parametrize("dimension", DIMENSIONS)
def test_shares_sum_to_100(dimension):
    assert sum(population_shares(dimension).values()) == pytest.approx(100)


@pytest.mark.parametrize("dimension", DIMENSIONS)
def test_options_in_codebook_order(dimension, codebook):
    expected = [o for o in codebook[dimension].option_ids if not (dimension == "gender" and o == "not_stated")]
    assert list(population_counts(dimension, codebook)) == expected
    assert list(population_shares(dimension, codebook)) == expected


def test_establishment_totals():
    for dimension in ("company_size", "region", "industry"):
        assert sum(population_counts(dimension).values()) == ESTABLISHMENTS


def test_company_size_share():
    assert population_shares("company_size")["no_employees"] == pytest.approx(291112 / ESTABLISHMENTS * 100)


def test_region_share():
    assert population_shares("region")["oslo_akershus"] == pytest.approx((68887 + 48928) / ESTABLISHMENTS * 100)


def test_industry_shares():
    shares = population_shares("industry")
    assert shares["primary"] == pytest.approx((66887 + 1275) / ESTABLISHMENTS * 100)
    assert shares["other_services"] == pytest.approx(36010 / ESTABLISHMENTS * 100)


def test_gender():
    male = 67 + 121 + 136 + 321 + 472 + 241 + 21
    female = 69 + 107 + 123 + 285 + 422 + 205 + 13
    assert (male, female) == (1379, 1224)
    assert population_counts("gender") == pytest.approx({"male": male, "female": female})
    assert population_shares("gender")["male"] == pytest.approx(1379 / (1379 + 1224) * 100)


def test_not_stated_absent_from_gender():
    assert "not_stated" not in population_counts("gender")
    assert "not_stated" not in population_shares("gender")


def test_age_groups():
    counts = population_counts("age_group")
    assert counts["under_30"] == pytest.approx(67 + 121 + 136 + 69 + 107 + 123)
    assert counts["30_39"] == pytest.approx(321 + 285)
    assert counts["40_49"] == pytest.approx((472 + 422) * 10 / 15)
    assert counts["50_59"] == pytest.approx((472 + 422) * 5 / 15 + (241 + 205) * 5 / 12)
    assert counts["60_plus"] == pytest.approx((241 + 205) * 7 / 12 + 21 + 13)
    assert sum(counts.values()) == pytest.approx(1379 + 1224)


@pytest.mark.parametrize("dimension", ["role", "nonsense"])
def test_unknown_dimension(dimension):
    with pytest.raises(ValueError, match="company_size"):
        population_counts(dimension)
    with pytest.raises(ValueError, match="age_group"):
        population_shares(dimension)


@pytest.mark.parametrize("name, old, new", [
    ("ssb_establishments_by_county_and_size_2011.csv", "Oslo,68887", "Oslo,68888"),
    ("ssb_establishments_by_industry_and_size_2011.csv", "F,\"Construction\",54703", "F,\"Construction\",54704"),
])
def test_parts_must_add_up_to_total(tmp_path, monkeypatch, name, old, new):
    for source in CSV_FILES:
        shutil.copy(REFERENCE / source, tmp_path / source)
    text = (tmp_path / name).read_text(encoding="utf-8")
    assert old in text
    (tmp_path / name).write_text(text.replace(old, new), encoding="utf-8")
    monkeypatch.setattr(population, "REFERENCE", tmp_path)
    dimension = "region" if "county" in name else "industry"
    with pytest.raises(ValueError, match="add up"):
        population_counts(dimension)
