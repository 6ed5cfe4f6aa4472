"""Watching a pass in a real mpv; the status-bar chip; time without the player."""
