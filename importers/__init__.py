"""Importers: fetch and parse study sources into plain records (no Qt, no database)."""
