"""One of two processes racing read-modify-write service calls on the same rows.

`python counter_child.py DATA_DIR ITEM_ID QUESTION_ID COUNT GO_FILE`: open the database, say
`ready`, wait until GO_FILE exists (so both processes start together), then COUNT rounds of
`LibraryService.add_minutes(+1)`, `TimerService.add_manual(+1)` and `QuestionService.review`,
and print `done`. Every call must count: the parent checks the exact totals.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from models.clock import SystemClock
from models.db import open_database
from models.paths import resolve_location
from models.services.library import LibraryService
from models.services.review import QuestionService
from models.services.timer import TimerService


def main(data_dir: str, item_id: int, question_id: int, count: int, go_file: str) -> None:
    db = open_database(resolve_location(data_dir=data_dir))
    library = LibraryService(db, SystemClock())
    timer = TimerService(db, SystemClock())
    review = QuestionService(db, SystemClock())
    library.get_item(item_id)  # load what the first call needs before the start line
    os.write(1, b"ready\n")
    go = Path(go_file)
    while not go.exists():
        time.sleep(0.005)
    for _ in range(count):
        library.add_minutes(item_id, 1, 1.0)
        timer.add_manual(item_id, 2, 1.0)
        review.review(question_id, 5)
    db.close()
    os.write(1, b"done\n")


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5])
