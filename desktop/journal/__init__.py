"""Journal feature: notes that belong to no item."""
