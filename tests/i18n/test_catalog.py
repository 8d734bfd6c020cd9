"""The Spanish catalog is whole: every string the code shows has a Spanish translation."""
from tests.i18n.catalog import extracted_ids, spanish_catalog


def test_every_message_in_the_catalog_has_a_spanish_translation_that_is_not_fuzzy():
    untranslated = [m.id for m in spanish_catalog() if m.id and (
        m.fuzzy or not (m.string if isinstance(m.string, str) else all(m.string)))]
    assert untranslated == []


def test_the_extractor_finds_no_string_missing_from_the_catalog(tmp_path):
    in_catalog = {m.id if isinstance(m.id, str) else m.id[0] for m in spanish_catalog() if m.id}
    missing = sorted(extracted_ids(tmp_path) - in_catalog)
    assert missing == [], "run the extract and update of docs/i18n.md, then translate these"


def test_the_catalog_keeps_no_message_the_code_no_longer_has(tmp_path):
    in_catalog = {m.id if isinstance(m.id, str) else m.id[0] for m in spanish_catalog() if m.id}
    assert sorted(in_catalog - extracted_ids(tmp_path)) == []
