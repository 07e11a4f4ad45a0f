"""Helpers shared by the functions of this app. No triggers live here."""
