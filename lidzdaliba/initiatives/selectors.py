"""Reads of initiatives, filtered by who is asking."""
