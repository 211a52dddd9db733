"""Data files shipped with the program: fonts, translations, reference and rules data."""
