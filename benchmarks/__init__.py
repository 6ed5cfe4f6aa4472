"""Performance benchmarks: synthetic libraries (generate.py) and the runner (run.py)."""
