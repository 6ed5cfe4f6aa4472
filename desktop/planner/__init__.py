"""Planner feature."""
