"""Watching a pass in mpv, and the status-bar chip of whatever is being studied."""
