"""The Help menu (About, keyboard shortcuts, data folder, problem report) and View ▸ Theme."""
