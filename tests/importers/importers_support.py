"""Helpers shared by the importer tests: small fastbook-shaped notebooks of our own."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

CHAPTERS = [
    "01_intro.ipynb",
    "02_production.ipynb",
    "04_mnist_basics.ipynb",
    "10_nlp.ipynb",
    "09_tabular.ipynb",
    "08_collab.ipynb",
    "13_convolutions.ipynb",
    "03_ethics.ipynb",
]


def notebook(chapter: str, *, source_as_string: bool = False) -> str:
    """A tiny notebook shaped like a fastbook chapter (own text, not the book's)."""
    label = chapter.split("_", 1)[0]

    def cell(kind: str, text: str) -> dict[str, Any]:
        lines = text.splitlines(keepends=True)
        body: Any = text if source_as_string else lines
        out: dict[str, Any] = {"cell_type": kind, "metadata": {}, "source": body}
        if kind == "code":
            out.update(execution_count=1, outputs=[])
        return out

    cells = [
        cell("markdown", f"# Test chapter {label}\n\nSome prose that is not a question.\n"),
        cell("code", "x = 1\nprint(x)\n"),
        cell("markdown", "## Questionnaire"),
        cell(
            "markdown",
            f"1. What is test question one of chapter {label}?\n"
            "1. List the two parts of a sample:\n"
            "   - the input\n"
            "   - the label\n"
            "1. Why check a **validation** set?\n",
        ),
        cell("markdown", "### Further Research"),
        cell("markdown", "1. A research task that is not a questionnaire question.\n"),
    ]
    return json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5})


def write_notebooks(folder: Path) -> Path:
    """One notebook per chapter the fixture lessons name (half with string sources)."""
    folder.mkdir(parents=True, exist_ok=True)
    for n, chapter in enumerate(CHAPTERS):
        (folder / chapter).write_text(notebook(chapter, source_as_string=n % 2 == 1))
    return folder
