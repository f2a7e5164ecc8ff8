"""Stage 1: files become entries. A listing is read line by line (:mod:`.listing`) into whole
entries (:mod:`.entries`), each opened by a dateline (:mod:`.dates`, :mod:`.datelines`), with
the page's own lines left out (:mod:`.furniture`)."""

from .datelines import parse_line
from .dates import DATE_RE, MONTH_NUMBER, MONTHS
from .entries import (
    CONTROL,
    NOT_UTF8,
    SURROGATE,
    Entry,
    SourceError,
    SourceInfo,
    clean_text,
    entry_id,
    http_iri,
    json_kind,
    normalize_space,
    read_bytes,
    read_json_object,
    source_info,
    url_note,
    with_source_notes,
)
from .listing import read_listing

__all__ = [
    "CONTROL",
    "SURROGATE",
    "DATE_RE",
    "Entry",
    "MONTHS",
    "MONTH_NUMBER",
    "NOT_UTF8",
    "SourceError",
    "SourceInfo",
    "normalize_space",
    "read_listing",
    "source_info",
    "clean_text",
    "entry_id",
    "http_iri",
    "json_kind",
    "parse_line",
    "read_bytes",
    "read_json_object",
    "url_note",
    "with_source_notes",
]
