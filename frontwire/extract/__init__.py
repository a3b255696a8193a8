"""Extractors: pure functions of (Doc, Article, earlier records) -> records with evidence."""
