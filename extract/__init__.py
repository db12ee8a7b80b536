"""Curated extraction: raw articles and curation files in, provenance-carrying tidy tables out."""

from pathlib import Path

# The repository root holding data/ and README.md: this checkout.
DEFAULT_ROOT = Path(__file__).resolve().parents[1]

# The suggester's compiled modules only while they match their sources (extract/compiled.py).
from extract.compiled import guard  # noqa: E402

guard()
