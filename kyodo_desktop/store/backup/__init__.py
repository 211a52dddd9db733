"""Copies of the database file: taking, naming, keeping, checking and restoring them."""
