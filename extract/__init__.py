"""Curated extraction: raw articles and curation files in, provenance-carrying tidy tables out."""
