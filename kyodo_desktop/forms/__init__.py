"""Printable forms: plain data in, PDF bytes out (reportlab, no Qt, no database)."""
