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
"""The chapters the fixture's lesson pages name."""
BOOK_ONLY = [
    "05_pet_breeds.ipynb",
    "06_multicat.ipynb",
    "07_sizing_and_tta.ipynb",
    "11_midlevel_data.ipynb",
    "12_nlp_dive.ipynb",
    "14_resnet.ipynb",
    "15_arch_details.ipynb",
    "16_accel_sgd.ipynb",
    "17_foundations.ipynb",
    "18_CAM.ipynb",
    "19_learner.ipynb",
]
"""Chapters with a questionnaire linked only from the fixture's Resources/book.html."""
CONCLUSION = "20_conclusion.ipynb"
"""Linked from the book page; like the book's, it has no questionnaire."""


def notebook(
    chapter: str, *, source_as_string: bool = False, translated_heading: bool = False
) -> str:
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
        cell(
            "markdown",
            "## Questionnaire\n\n## 问卷调查" if translated_heading else "## Questionnaire",
        ),
        cell(
            "markdown",
            f"1. What is test question one of chapter {label}?\n"
            "1. List the two parts of a sample:\n"
            "   - the input\n"
            "   - the label\n"
            "1. Why check a **validation** set with `valid_pct=0.2`? See\n"
            "   [the split docs](https://docs.example.org/data.html#split).\n",
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


def conclusion() -> str:
    """A last chapter without a questionnaire, as the book's conclusion is."""
    cells = [{"cell_type": "markdown", "metadata": {}, "source": ["# Concluding thoughts\n"]}]
    return json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5})


def write_book(folder: Path) -> Path:
    """Every chapter the lessons or the book page link; 12_nlp_dive has a translated heading."""
    write_notebooks(folder)
    for chapter in BOOK_ONLY:
        translated = chapter == "12_nlp_dive.ipynb"
        (folder / chapter).write_text(
            notebook(chapter, translated_heading=translated), encoding="utf-8"
        )
    (folder / CONCLUSION).write_text(conclusion())
    return folder
