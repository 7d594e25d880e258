"""lib/ingest/shapes.py: every shape we read is whole, and the wrong kind of file is refused
with the shape's own words."""

from __future__ import annotations

import pytest

from lib.base.i18n import translate
from lib.ingest import read_dataset
from lib.ingest.shapes import FILE_TYPES, FORMATS, SHAPES
from tests.ingest_files import UNHCR_API, desa_xlsx


@pytest.mark.parametrize("slug", list(SHAPES))
def test_every_shape_has_a_name_its_file_kinds_and_the_refusal_of_the_other_kind(slug):
    shape = SHAPES[slug]
    assert shape.slug == slug and shape.name
    assert set(shape.file_types) <= {"csv", "xlsx"} and shape.file_types
    if set(shape.file_types) != {"csv", "xlsx"}:
        assert shape.wrong_file, slug
    for lang in ("es", "pt"):
        assert translate(lang, shape.name) != shape.name


def test_the_panel_takes_every_kind_of_file_a_shape_comes_as():
    assert FILE_TYPES == ("csv", "xlsx")
    assert FORMATS == ("auto", "undesa", "unhcr", "long")


def test_the_wrong_kind_of_file_is_refused_with_the_shapes_own_words(bundle):
    as_csv = read_dataset(UNHCR_API.encode(), "desa.csv", "undesa", base=bundle)
    assert [p.message for p in as_csv.problems] == [SHAPES["undesa"].wrong_file]
    as_workbook = read_dataset(desa_xlsx(), "unhcr.xlsx", "unhcr", base=bundle)
    assert [p.message for p in as_workbook.problems] == [SHAPES["unhcr"].wrong_file]
