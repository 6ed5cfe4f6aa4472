"""Drive the real ThreePass window the way a user does and record every event-loop stall.

The app starts through its real entry point (`desktop.app.main`: the quick check, the
single-instance lock, the restored window state, the deferred start-up work), on Xvfb with
the xcb platform when Xvfb is installed (else offscreen). A hook in this process takes the
window once built; a 5 ms QTimer records every gap between its ticks (wall clock and the GUI
thread's CPU during it, `time.thread_time`); QTest clicks and keys go to the real widgets
(the rail, column headers, the search and filter boxes, the lists).

    python benchmarks/window_driver.py --size 100k            # every action, one table
    python benchmarks/window_driver.py --size 10k --start-only

A busy window is one with a background task in flight (desktop.tasks) or a single-shot
timer pending (typing debounce, autosave): an action's "time to content" ends when neither
is left. Only the GUI thread's own figures are judged; a loaded machine inflates the wall
clock of both the app and the floor measured in the same run.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script: the app's packages are beside benchmarks/
    sys.path.insert(0, str(ROOT))
TICK_MS = 5
STALL_LIMIT_MS = 100.0
KEY_INTERVAL_MS = 125  # a fast typist, 8 characters a second: under the 150 ms debounce
REPEAT_INTERVAL_MS = 33  # a held arrow key's auto-repeat, ~30 a second
SETTLE_MS = 60  # an action is over once nothing is pending for this long
POLL_MS = 10  # how often the driver looks for pending work while it waits
APP_PACKAGES = {"desktop", "models", "importers", "benchmarks", "tests"}
TYPED_LIBRARY = ["注意力机制", "transformer", "不懂"]
TYPED_APPLICATIONS = ["Research", "智谱", "offer"]


# ---- pure pieces (unit-tested) -------------------------------------------------------------
@dataclass
class Gap:
    """One interval between two heartbeat ticks: wall clock and GUI-thread CPU, seconds."""

    wall: float
    cpu: float


@dataclass
class Stalls:
    worst_ms: float
    worst_cpu_ms: float
    p95_ms: float
    cpu_ms: float
    over_limit: int
    ticks: int


def percentile(values: list[float], share: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def summarize(gaps: list[Gap], limit_ms: float = STALL_LIMIT_MS) -> Stalls:
    """The worst gap (and the GUI thread's CPU inside it), the p95 gap, the CPU in all."""
    if not gaps:
        return Stalls(0.0, 0.0, 0.0, 0.0, 0, 0)
    worst = max(gaps, key=lambda g: g.wall)
    return Stalls(
        worst_ms=round(worst.wall * 1000, 1),
        worst_cpu_ms=round(worst.cpu * 1000, 1),
        p95_ms=round(percentile([g.wall for g in gaps], 0.95) * 1000, 1),
        cpu_ms=round(sum(g.cpu for g in gaps) * 1000, 1),
        over_limit=sum(g.wall * 1000 > limit_ms for g in gaps),
        ticks=len(gaps),
    )


def floor_modules(loaded: list[str]) -> list[str]:
    """The third-party modules a like-for-like floor imports: what the app had loaded at
    its first paint, minus the standard library and the app's own packages (the floor
    replaces those with a bare table)."""
    stdlib = set(sys.stdlib_module_names) | {"__main__", "__mp_main__"}
    chosen = []
    for name in loaded:
        top = name.split(".", 1)[0]
        if top in stdlib or top in APP_PACKAGES or top.startswith("_"):
            continue
        if any(part.startswith("_") for part in name.split(".")[1:]):
            continue  # private submodules come with their package
        chosen.append(name)
    return sorted(set(chosen))


def merge_runs(payloads: list[dict[str, Any]]) -> dict[str, Any]:
    """Several drives of the same library as one: each action keeps its worst run (stall,
    CPU per key, time to content, a false empty state in any), and lists every run's worst
    stall (`runs_ms`) so the spread a shared machine gives stays visible."""
    if not payloads:
        return {"info": {}, "rows": []}
    first = payloads[0]
    info = dict(first["info"])
    for key in ("rss_after_views_mb", "rss_end_mb"):
        values = [p["info"][key] for p in payloads if p["info"].get(key) is not None]
        if values:
            info[key] = max(values)
    idles = [p["info"]["idle"] for p in payloads if p["info"].get("idle")]
    if idles:
        info["idle"] = max(idles, key=lambda i: i["worst_ms"])
    errors = [p["info"]["error"] for p in payloads if p["info"].get("error")]
    if errors:
        info["error"] = "; ".join(errors)
    rows = []
    for row in first["rows"]:
        same = [r for p in payloads for r in p["rows"] if r["action"] == row["action"]]
        merged = dict(max(same, key=lambda r: r["stalls"].get("worst_ms", 0.0)))
        merged["runs_ms"] = [r["stalls"].get("worst_ms", 0.0) for r in same]
        for key in ("content_ms", "per_key_cpu_p95_ms", "per_key_cpu_max_ms"):
            values = [r[key] for r in same if r.get(key) is not None]
            merged[key] = max(values) if values else None
        merged["false_empty"] = any(r["false_empty"] for r in same)
        rows.append(merged)
    return {"info": info, "rows": rows}


def free_display(start: int = 90, stop: int = 400, tmp: Path = Path("/tmp")) -> int | None:
    """A display number no X server holds (neither its lock file nor its socket exists)."""
    for number in range(start, stop):
        if (
            not (tmp / f".X{number}-lock").exists()
            and not (tmp / ".X11-unix" / f"X{number}").exists()
        ):
            return number
    return None


@contextmanager
def display() -> Iterator[dict[str, str]]:
    """Environment for the app: a private Xvfb with xcb when Xvfb exists, else offscreen."""
    xvfb = shutil.which("Xvfb")
    number = free_display() if xvfb else None
    if xvfb is None or number is None:
        yield {"QT_QPA_PLATFORM": "offscreen", "WINDOW_DRIVER_PLATFORM": "offscreen"}
        return
    server = subprocess.Popen(
        [xvfb, f":{number}", "-screen", "0", "1920x1080x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        socket = Path("/tmp/.X11-unix") / f"X{number}"
        deadline = time.monotonic() + 10
        while not socket.exists() and server.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        if not socket.exists():
            yield {"QT_QPA_PLATFORM": "offscreen", "WINDOW_DRIVER_PLATFORM": "offscreen"}
        else:
            yield {
                "DISPLAY": f":{number}",
                "QT_QPA_PLATFORM": "xcb",
                "WINDOW_DRIVER_PLATFORM": "xcb (Xvfb)",
            }
    finally:
        server.terminate()
        try:
            server.wait(5)
        except subprocess.TimeoutExpired:
            server.kill()


@dataclass
class Row:
    """One action's figures; `content_ms` is from the action to nothing pending."""

    action: str
    group: str
    content_ms: float | None = None
    stalls: dict[str, float] = field(default_factory=dict)
    per_key_cpu_p95_ms: float | None = None
    per_key_cpu_max_ms: float | None = None
    keys: int = 0
    false_empty: bool = False
    note: str = ""


# ---- inside the app process ------------------------------------------------------------------
class Heartbeat:
    """A 5 ms QTimer on the GUI thread recording each gap's wall time and GUI-thread CPU."""

    def __init__(self) -> None:
        from PySide6.QtCore import Qt, QTimer

        self.gaps: list[Gap] = []
        self.on_tick: list[Callable[[], None]] = []
        self._last = (time.perf_counter(), time.thread_time())
        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self._tick)

    def _tick(self) -> None:
        now = (time.perf_counter(), time.thread_time())
        self.gaps.append(Gap(now[0] - self._last[0], now[1] - self._last[1]))
        self._last = now
        for hook in self.on_tick:
            hook()

    def start(self) -> None:
        self._last = (time.perf_counter(), time.thread_time())
        self.timer.start()

    def mark(self) -> int:
        return len(self.gaps)

    def since(self, mark: int) -> list[Gap]:
        return self.gaps[mark:]


class Driver:
    """The actions, run on the GUI thread from a timer once the window is up."""

    def __init__(self, window: Any, mode: str, out: Path, started: float) -> None:
        self.window = window
        self.mode = mode
        self.quick = mode.endswith("-quick")  # the CI smoke: fewer words, keys and columns
        self.out = out
        self.started = started  # time.monotonic() when the parent spawned this process
        self.rows: list[Row] = []
        self.info: dict[str, Any] = {}
        self.beat = Heartbeat()
        self.empty_seen = False
        self.watching = False  # look for empty states on every tick (view shows)
        self._watched: Any = None
        self._empties: list[Any] = []
        self.beat.on_tick.append(self._check_empty)
        self.poll_cpu = 0.0  # the GUI-thread CPU of the driver's own polling, subtracted

    # -- plumbing
    def app(self) -> Any:
        from PySide6.QtWidgets import QApplication

        return QApplication.instance()

    def pending(self) -> bool:
        """A background task in flight or a short single-shot timer pending."""
        from PySide6.QtCore import QTimer

        try:
            from desktop import tasks

            if getattr(tasks, "_active", None):
                return True
        except ImportError:
            pass
        view = self.window.built_view("library")
        loader = getattr(view, "loader", None)
        if loader is not None and loader.busy():
            return True
        for timer in self.window.findChildren(QTimer):
            if timer.isActive() and timer.isSingleShot() and timer.interval() <= 3000:
                return True
        return False

    def wait(self, seconds: float) -> None:
        from PySide6.QtCore import QEventLoop, QTimer

        loop = QEventLoop()
        QTimer.singleShot(max(0, int(seconds * 1000)), loop.quit)
        loop.exec()

    def wait_idle(self, timeout_s: float = 60.0) -> float:
        """Run the event loop until nothing is pending for SETTLE_MS; the time it became so."""
        from PySide6.QtCore import QEventLoop, QTimer

        deadline = time.perf_counter() + timeout_s
        idle_since: list[float | None] = [None]
        loop = QEventLoop()

        def check() -> None:
            now = time.perf_counter()
            cpu = time.thread_time()
            busy = self.pending()
            self.poll_cpu += time.thread_time() - cpu
            if busy:
                idle_since[0] = None
            elif idle_since[0] is None:
                idle_since[0] = now
            elif now - idle_since[0] >= SETTLE_MS / 1000:
                loop.quit()
            if now > deadline:
                loop.quit()

        poll = QTimer()
        poll.setInterval(POLL_MS)
        poll.timeout.connect(check)
        poll.start()
        loop.exec()
        poll.stop()
        return idle_since[0] if idle_since[0] is not None else time.perf_counter()

    def _check_empty(self) -> None:
        """Is an empty state of the current view shown? (Every generated library has data
        for every view, so any is a false one.) Looked up once per view, checked per tick."""
        if not self.watching:
            return
        from PySide6.QtWidgets import QWidget

        current = self.window.stack.currentWidget()
        if current is not self._watched:
            self._watched = current
            self._empties = [
                w
                for w in current.findChildren(QWidget)
                if "empty" in type(w).__name__.lower() or "empty" in w.objectName().lower()
            ]
        for widget in self._empties:
            try:
                if widget.isVisible() and not _says_loading(widget):
                    self.empty_seen = True
            except RuntimeError:  # deleted meanwhile
                pass

    def measure(self, action: str, group: str, act: Callable[[], object], note: str = "") -> Row:
        self.empty_seen = False
        mark = self.beat.mark()
        t0 = time.perf_counter()
        with self.profiled(action):
            act()
            done = self.wait_idle()
        row = Row(action, group, round((done - t0) * 1000, 1), note=note)
        row.stalls = asdict(summarize(self.beat.since(mark)))
        row.false_empty = self.empty_seen
        self.rows.append(row)
        self.shot(action)
        return row

    @contextmanager
    def profiled(self, action: str) -> Iterator[None]:
        """With WINDOW_DRIVER_PROFILE=text|text… and WINDOW_DRIVER_SHOTS=folder, a
        pyinstrument tree of the GUI thread for each action whose name contains one."""
        wanted = os.environ.get("WINDOW_DRIVER_PROFILE")
        folder = os.environ.get("WINDOW_DRIVER_SHOTS")
        if (
            not wanted
            or not folder
            or not any(w.lower() in action.lower() for w in wanted.split("|"))
        ):
            yield
            return
        from pyinstrument import Profiler

        profiler = Profiler(interval=0.001)
        profiler.start()
        try:
            yield
        finally:
            profiler.stop()
            name = "".join(c if c.isalnum() else "-" for c in action)[:60]
            target = Path(folder) / f"profile-{len(self.rows):02d}-{name}.txt"
            target.write_text(profiler.output_text(unicode=True, color=False), encoding="utf-8")

    def shot(self, action: str) -> None:
        """With WINDOW_DRIVER_SHOTS=folder, the window as the action left it (to look at)."""
        folder = os.environ.get("WINDOW_DRIVER_SHOTS")
        if folder:
            name = "".join(c if c.isalnum() else "-" for c in action)[:60]
            self.window.grab().save(str(Path(folder) / f"{len(self.rows):02d}-{name}.png"))

    # -- widgets
    def rail_click(self, key: str) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest

        rail = self.window.rail
        item = rail.item(self.window.view_keys().index(key))
        rect = rail.visualItemRect(item)
        QTest.mouseClick(
            rail.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
            rect.center(),
        )  # fmt: skip

    def main_list(self, view: Any) -> Any:
        """The view's `table` when shown, else its biggest visible list or table."""
        from PySide6.QtWidgets import QAbstractItemView

        table = getattr(view, "table", None)
        if isinstance(table, QAbstractItemView) and table.isVisible():
            return table
        shown = [w for w in view.findChildren(QAbstractItemView) if w.isVisible()]
        if not shown:
            return None
        return max(shown, key=lambda w: w.width() * w.height())

    def type_text(
        self, widget: Any, text: str, interval_ms: int
    ) -> tuple[list[float], float, float]:
        """One keystroke every interval (CJK as an input method commits it). Returns the
        GUI thread's CPU from each key to the next (to nothing pending after the last: the
        debounced search lands there), the time of the last key and of nothing pending."""
        from PySide6.QtCore import QCoreApplication
        from PySide6.QtGui import QInputMethodEvent
        from PySide6.QtTest import QTest

        cpu: list[float] = []
        widget.setFocus()
        last = done = time.perf_counter()
        for n, ch in enumerate(text):
            start = time.thread_time() - self.poll_cpu
            last = time.perf_counter()
            if ch.isascii():
                QTest.keyClicks(widget, ch)
            else:
                event = QInputMethodEvent()
                event.setCommitString(ch)
                QCoreApplication.sendEvent(widget, event)
            if n < len(text) - 1:
                self.wait(interval_ms / 1000)
            else:
                done = self.wait_idle()
            cpu.append(time.thread_time() - self.poll_cpu - start)
        return cpu, last, done

    def hold_key(self, widget: Any, key: Any, count: int) -> list[float]:
        from PySide6.QtTest import QTest

        cpu: list[float] = []
        widget.setFocus()
        for _ in range(count):
            start = time.thread_time()
            QTest.keyClick(widget, key)
            self.wait(REPEAT_INTERVAL_MS / 1000)
            cpu.append(time.thread_time() - start)
        return cpu

    def click_header(self, table: Any, logical: int) -> bool:
        from PySide6.QtCore import QPoint, Qt
        from PySide6.QtTest import QTest

        header = table.horizontalHeader()
        if header.isSectionHidden(logical):
            return False
        x = header.sectionViewportPosition(logical) + header.sectionSize(logical) // 2
        if not 0 <= x < header.viewport().width():
            table.scrollTo(table.model().index(0, logical))
            x = header.sectionViewportPosition(logical) + header.sectionSize(logical) // 2
            if not 0 <= x < header.viewport().width():
                return False
        QTest.mouseClick(
            header.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
            QPoint(x, header.height() // 2),
        )  # fmt: skip
        return True

    # -- the run
    def start(self) -> None:
        self.beat.start()
        from PySide6.QtCore import QTimer

        QTimer.singleShot(0, self._run)

    def _run(self) -> None:
        try:
            self._startup()
            if self.mode.startswith("drive"):
                self._drive()
        except Exception as err:  # report what was measured and why it stopped
            import traceback

            traceback.print_exc()
            self.info["error"] = f"{type(err).__name__}: {err}"
        self._finish()

    def _startup(self) -> None:
        """From the first event-loop turn until the menus are complete (deferred work)."""
        mark = 0  # the heartbeat started with the event loop
        deadline = time.perf_counter() + 60
        while not self.window.menu("import").actions() and time.perf_counter() < deadline:
            self.wait(0.01)
        self.info["menus_s"] = round(time.monotonic() - self.started, 3)
        self.wait_idle()
        self.info["settled_s"] = round(time.monotonic() - self.started, 3)
        stalls = summarize(self.beat.since(mark))
        row = Row(
            "Start-up: first paint until the menus are complete (deferred work)",
            "start",
            stalls=asdict(stalls),
            false_empty=bool(self.info.get("false_empty")),
        )
        self.rows.append(row)

    def _drive(self) -> None:
        from PySide6.QtCore import Qt

        w = self.window
        keys = w.view_keys()
        library = w.view("library")
        self.activate()
        # the floor of every row: the same heartbeat on the idle window
        self.wait_idle()
        mark = self.beat.mark()
        self.wait(0.5 if self.quick else 1.0)
        self.info["idle"] = asdict(summarize(self.beat.since(mark)))
        # first and second show of every view (the library's first is the start-up)
        self.watching = True
        for key in keys:
            if key == "library" or w.built_view(key) is not None:
                continue
            self.measure(f"First show of {self.title(key)}", "show", partial(self.rail_click, key))
            self.rail_click("library")
            self.wait_idle()
        for key in keys:
            if key == "library":
                continue
            self.measure(f"Second show of {self.title(key)}", "show", partial(self.rail_click, key))
            if key != keys[-1]:
                self.rail_click("library")
                self.wait_idle()
        self.measure(
            f"Second show of {self.title('library')}", "show", lambda: self.rail_click("library")
        )
        self.watching = False
        self.info["rss_after_views_mb"] = vm_hwm_mb()

        # typing in the library search and the Applications filter
        search = library.filters.search
        self._typing("Library search, typing", library, search, self.words(TYPED_LIBRARY))
        self.rail_click("board")
        self.wait_idle()
        board = w.view("board")
        board_search = getattr(board, "search", None)
        if board_search is not None:
            self._typing(
                "Applications filter, typing", board, board_search, self.words(TYPED_APPLICATIONS)
            )
        self.rail_click("library")
        self.wait_idle()

        # a search right after a note autosave, beside the same search with nothing written
        self._search_after_write(library)

        # sort by each column of the library; one column of every other table
        table = library.table
        header = table.horizontalHeader()
        for logical in range(2 if self.quick else header.count()):
            name = table.model().headerData(logical, Qt.Orientation.Horizontal) or logical
            self.measure(
                f"Sort {self.title('library')} by '{name}'",
                "sort",
                partial(self.click_header, table, logical),
            )
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.wait_idle()
        self._hold("library", library, table)
        for key in keys:
            if key == "library":
                continue
            self.rail_click(key)
            self.wait_idle()
            view = w.view(key)
            target = self._other_table(view)
            if target is not None and target.horizontalHeader().count() > 1:
                self.measure(
                    f"Sort {self.title(key)}'s table by its second column",
                    "sort",
                    partial(self.click_header, target, 1),
                )
            lst = self.main_list(view)
            if lst is not None and lst.model() is not None and lst.model().rowCount() > 1:
                self._hold(key, view, lst)
        self.info["rss_end_mb"] = vm_hwm_mb()

    def activate(self) -> None:
        """The window active, as the one a user types into: focus (which the app checks,
        e.g. a held arrow key only defers the item pane in a focused table) needs it. Xvfb
        runs no window manager, so the driver asks for it."""
        from PySide6.QtWidgets import QApplication

        self.window.raise_()
        self.window.activateWindow()
        deadline = time.perf_counter() + 5
        while QApplication.activeWindow() is not self.window and time.perf_counter() < deadline:
            self.wait(0.02)
        self.info["window_active"] = QApplication.activeWindow() is self.window

    def title(self, key: str) -> str:
        """The view's name on the rail (Applications for the board, Notes for the journal)."""
        item = self.window.rail.item(self.window.view_keys().index(key))
        return str(item.text()) if item is not None else key

    def words(self, words: list[str]) -> list[str]:
        return words[:1] if self.quick else words

    def _other_table(self, view: Any) -> Any:
        from PySide6.QtWidgets import QTableView

        table = getattr(view, "table", None)
        if isinstance(table, QTableView) and table.isSortingEnabled():
            self._show_tab_of(table)
            return table if table.isVisible() else None
        for candidate in view.findChildren(QTableView):
            if candidate.isVisible() and candidate.isSortingEnabled():
                return candidate
        return None

    def _show_tab_of(self, widget: Any) -> None:
        """Click the tab holding `widget` (the board's Table tab), as a user would."""
        from PySide6.QtCore import Qt
        from PySide6.QtTest import QTest
        from PySide6.QtWidgets import QTabWidget

        parent = widget.parentWidget()
        while parent is not None and not isinstance(parent, QTabWidget):
            parent = parent.parentWidget()
        if parent is None or widget.isVisible():
            return
        for index in range(parent.count()):
            page = parent.widget(index)
            if page is not None and (page is widget or page.isAncestorOf(widget)):
                bar = parent.tabBar()
                QTest.mouseClick(
                    bar, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                    bar.tabRect(index).center(),
                )  # fmt: skip
                self.wait_idle()
                return

    def _typing(self, label: str, view: Any, box: Any, words: list[str]) -> None:
        cpu: list[float] = []
        results: list[float] = []
        mark = self.beat.mark()
        with self.profiled(label):
            for word in words:
                box.setText("")  # a new word replaces the last
                self.wait_idle()
                per_key, last, done = self.type_text(box, word, KEY_INTERVAL_MS)
                cpu.extend(per_key)
                results.append(done - last)
        box.setText("")
        self.wait_idle()
        row = Row(
            label,
            "keys",
            round(statistics.median(results) * 1000, 1),
            asdict(summarize(self.beat.since(mark))),
            round(percentile(cpu, 0.95) * 1000, 1),
            round(max(cpu) * 1000, 1),
            len(cpu),
            note=f"{' / '.join(words)} at {1000 // KEY_INTERVAL_MS} keys/s; time: last key "
            "to results (debounce included), median",
        )
        self.rows.append(row)
        self.shot(label)

    def _hold(self, key: str, view: Any, lst: Any) -> None:
        from PySide6.QtCore import Qt

        lst.setCurrentIndex(lst.model().index(0, 0))
        lst.setFocus()
        self.wait_idle()
        self.info.setdefault("focus_in_lists", []).append(bool(lst.hasFocus()))
        mark = self.beat.mark()
        count = 10 if self.quick else 30
        with self.profiled(f"Hold Down in {self.title(key)}"):
            cpu = self.hold_key(lst, Qt.Key.Key_Down, count)
            t_last = time.perf_counter()
            done = self.wait_idle()
        row = Row(
            f"Hold Down in {self.title(key)}'s list ({type(lst).__name__}, {count} keys)",
            "keys",
            round((done - t_last) * 1000, 1),
            asdict(summarize(self.beat.since(mark))),
            round(percentile(cpu, 0.95) * 1000, 1),
            round(max(cpu) * 1000, 1),
            count,
            note=f"{1000 // REPEAT_INTERVAL_MS} keys/s; time: last key to nothing pending",
        )
        self.rows.append(row)

    def _search_after_write(self, library: Any) -> None:
        from PySide6.QtWidgets import QPlainTextEdit

        table = library.table
        table.setCurrentIndex(table.model().index(3, 0))
        self.wait_idle()
        editor = self.window.findChild(QPlainTextEdit, "Pass1NoteEditor")
        search = library.filters.search
        word = "残差连接"
        for label, write in (("no write before", False), ("right after a note autosave", True)):
            if write and editor is not None:
                self.type_text(editor, " 补充", KEY_INTERVAL_MS)
                self.wait_idle()  # the 800 ms autosave fires and writes
            search.setText("")
            self.wait_idle()
            mark = self.beat.mark()
            _cpu, last, done = self.type_text(search, word, KEY_INTERVAL_MS)
            row = Row(
                f"Search '{word}' {label}",
                "search",
                round((done - last) * 1000, 1),
                asdict(summarize(self.beat.since(mark))),
                note="time: last key to results (150 ms debounce included)"
                + ("" if editor is not None or not write else "; no note editor found"),
            )
            self.rows.append(row)
        search.setText("")
        self.wait_idle()

    def _finish(self) -> None:
        self.info.setdefault("rss_end_mb", vm_hwm_mb())
        started = time.thread_time()
        for _ in range(50):
            self.pending()
        # what the driver's own polling costs the GUI thread per check (every POLL_MS while
        # it waits for an action to end; subtracted from the CPU per key)
        self.info["poll_cpu_ms"] = round((time.thread_time() - started) / 50 * 1000, 3)
        self.info["platform"] = os.environ.get("WINDOW_DRIVER_PLATFORM", "")
        payload = {"info": self.info, "rows": [asdict(r) for r in self.rows]}
        self.out.write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
        sys.stdout.flush()
        if self.mode == "warm":
            self.window.close_for_real()  # saves the window state the next starts restore
        else:
            os._exit(0)  # no close hooks (a backup of the copy): the figures are written


def _says_loading(widget: Any) -> bool:
    """An empty-state label may say "Loading…" meanwhile (Today's plan): not a false one."""
    text = getattr(widget, "text", None)
    return callable(text) and "Loading" in str(text())


def vm_hwm_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return round(int(line.split()[1]) / 1024, 1)
    return 0.0


_DRIVERS: list[Driver] = []


def install_hook(mode: str, out: Path, started: float) -> None:
    """When desktop.gui is imported, wrap its build_window to take the window: the app
    imports its modules in its own order (models before Qt), untouched by this process."""
    import importlib.abc
    import importlib.machinery

    class Finder(importlib.abc.MetaPathFinder):
        def find_spec(self, name: str, path: Any, target: Any = None) -> Any:
            if name != "desktop.gui":
                return None
            spec = importlib.machinery.PathFinder.find_spec(name, path)
            if spec is None or spec.loader is None:
                return spec
            real = spec.loader

            class Loader(importlib.abc.Loader):
                def create_module(self, spec: Any) -> Any:
                    return real.create_module(spec)

                def exec_module(self, module: Any) -> None:
                    real.exec_module(module)
                    wrap(module)

            spec.loader = Loader()
            return spec

    def wrap(gui: Any) -> None:
        build = gui.build_window

        def build_window(*args: Any, **kwargs: Any) -> Any:
            window = build(*args, **kwargs)
            take(window)
            return window

        gui.build_window = build_window

    def take(window: Any) -> None:
        from PySide6.QtCore import QEvent, QObject, QTimer

        driver = Driver(window, mode, out, started)
        view = window.built_view("library")
        table = getattr(view, "table", None)
        empty = getattr(view, "empty", None)

        class FirstRows(QObject):
            def eventFilter(self, watched: Any, event: Any) -> bool:
                if event.type() != QEvent.Type.Paint:
                    return False
                if "first_rows_s" not in driver.info:
                    if watched is empty:
                        driver.info["false_empty"] = True
                    elif table is not None and table.model().rowCount() > 0:
                        driver.info["first_rows_s"] = round(time.monotonic() - started, 3)
                        driver.info["modules"] = floor_modules(sorted(sys.modules))
                        driver.info["sqlalchemy_at_paint"] = "sqlalchemy" in sys.modules
                if (
                    "all_rows_s" not in driver.info
                    and table is not None
                    and table.model().rowCount() > 0
                    and not getattr(view, "_first_page", False)
                    and not view.loader.busy()
                ):  # every row in: a large library paints its first page before
                    driver.info["all_rows_s"] = round(time.monotonic() - started, 3)
                return False

        watcher = FirstRows(window)
        if table is not None:
            table.viewport().installEventFilter(watcher)
        if empty is not None:
            empty.installEventFilter(watcher)
        _DRIVERS.append(driver)  # alive as long as the process
        QTimer.singleShot(0, driver.start)

    sys.meta_path.insert(0, Finder())


def app_child(data: str, mode: str, out: str, started: float) -> int:
    install_hook(mode, Path(out), started)
    from desktop.app import main

    return main(["--data-dir", data])


# ---- the floor: the same libraries, a bare table -------------------------------------------
FLOOR = textwrap.dedent(
    """
    import importlib, json, sqlite3, sys, time
    started = float(sys.argv[3])
    for name in json.loads(open(sys.argv[2]).read()):
        try:
            importlib.import_module(name)
        except Exception:
            pass
    from PySide6.QtCore import QAbstractTableModel, QEvent, QModelIndex, QObject, Qt
    from PySide6.QtWidgets import QApplication, QMainWindow, QTableView

    app = QApplication(sys.argv[:1])
    rows = sqlite3.connect(sys.argv[1]).execute(
        "SELECT id, title FROM items ORDER BY id").fetchall()

    class Titles(QAbstractTableModel):
        def rowCount(self, parent=QModelIndex()):
            return 0 if parent.isValid() else len(rows)
        def columnCount(self, parent=QModelIndex()):
            return 0 if parent.isValid() else 1
        def data(self, index, role=Qt.ItemDataRole.DisplayRole):
            if role == Qt.ItemDataRole.DisplayRole:
                return rows[index.row()][1]
            return None

    class Painted(QObject):
        def eventFilter(self, watched, event):
            if event.type() == QEvent.Type.Paint:
                print("FLOOR", time.monotonic() - started, flush=True)
                app.exit(0)
            return False

    window = QMainWindow()
    view = QTableView()
    view.setModel(Titles())
    window.setCentralWidget(view)
    window.resize(1280, 800)
    painted = Painted()
    view.viewport().installEventFilter(painted)
    window.show()
    app.exec()
    """
)


@dataclass
class StartRun:
    app_s: float
    floor_s: float
    false_empty: bool
    sqlalchemy_at_paint: bool
    menus_s: float | None
    settled_s: float | None
    worst_stall_ms: float
    all_rows_s: float = float("nan")  # every row painted (after a large library's first page)


def child_env(home: Path, extra: dict[str, str]) -> dict[str, str]:
    env = dict(os.environ)
    for name in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY", "THREEPASS_DATA_DIR"):
        env.pop(name, None)
    env.update(extra)
    env.update(
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_DATA_HOME=str(home / ".local" / "share"),
        XDG_STATE_HOME=str(home / ".local" / "state"),
    )
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # byte-code cached, as installed software has
    env["PYTHONPYCACHEPREFIX"] = str(ROOT / "benchmarks" / "out" / "pycache")
    # this checkout first, then the caller's path (an editable install's own finder aside)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    return env


def run_app(data: Path, home: Path, env: dict[str, str], mode: str, timeout: float) -> Any:
    out = home / f"driver-{mode}.json"
    out.unlink(missing_ok=True)
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--app", str(data), "--mode", mode,
         "--out", str(out), "--started", repr(started)],
        env=child_env(home, env), capture_output=True, text=True, timeout=timeout, cwd=ROOT,
    )  # fmt: skip
    if not out.exists():
        tail = (done.stderr.strip().splitlines() or ["no output"])[-3:]
        raise RuntimeError(f"the app exited {done.returncode}: {' | '.join(tail)}")
    return json.loads(out.read_text(encoding="utf-8"))


def run_floor(db: Path, modules: list[str], home: Path, env: dict[str, str]) -> float:
    script = home / "floor.py"
    script.write_text(FLOOR)
    wanted = home / "floor-modules.json"
    wanted.write_text(json.dumps(modules))
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, str(script), str(db), str(wanted), repr(started)],
        env=child_env(home, env), capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    for line in done.stdout.splitlines():
        if line.startswith("FLOOR "):
            return float(line.split()[1])
    raise RuntimeError(f"floor exited {done.returncode}: {done.stderr.strip()[-300:]}")


@contextmanager
def prepared(size: str) -> Iterator[tuple[Path, Path]]:
    """A copy of the generated library and a home whose settings a first start saved."""
    from benchmarks import generate
    from models.paths import DB_FILENAME

    source = generate.build(size, quiet=True) / DB_FILENAME
    with tempfile.TemporaryDirectory(prefix=f"threepass-window-{size}-") as tmp:
        data = Path(tmp) / "data"
        data.mkdir()
        shutil.copy2(source, data / DB_FILENAME)
        home = Path(tmp) / "home"
        home.mkdir()
        yield data, home


def measure_startup(size: str, runs: int, env: dict[str, str]) -> tuple[list[StartRun], Any]:
    """Warm-up start (uncounted: fills the byte-code cache and saves the window state),
    then `runs` real starts, each beside a like-for-like floor start."""
    from models.paths import DB_FILENAME

    results: list[StartRun] = []
    with prepared(size) as (data, home):
        warm = run_app(data, home, env, "warm", 300)
        modules = warm["info"].get("modules", [])
        run_floor(data / DB_FILENAME, modules, home, env)  # its byte-code too
        for _ in range(runs):
            got = run_app(data, home, env, "start", 300)
            info = got["info"]
            floor = run_floor(data / DB_FILENAME, info.get("modules", modules), home, env)
            start_row = next((r for r in got["rows"] if r["group"] == "start"), None)
            results.append(
                StartRun(
                    app_s=float(info.get("first_rows_s", float("nan"))),
                    all_rows_s=float(info.get("all_rows_s", float("nan"))),
                    floor_s=floor,
                    false_empty=bool(info.get("false_empty")),
                    sqlalchemy_at_paint=bool(info.get("sqlalchemy_at_paint")),
                    menus_s=info.get("menus_s"),
                    settled_s=info.get("settled_s"),
                    worst_stall_ms=float(start_row["stalls"]["worst_ms"]) if start_row else 0.0,
                )
            )
    return results, modules


def drive(size: str, env: dict[str, str], *, quick: bool = False) -> Any:
    """Every action once, after an uncounted start that saves the window state."""
    with prepared(size) as (data, home):
        run_app(data, home, env, "warm", 300)
        return run_app(data, home, env, "drive-quick" if quick else "drive", 900)


def drives(size: str, env: dict[str, str], *, quick: bool = False, runs: int = 2) -> Any:
    """`runs` drives, each on a fresh copy, merged (merge_runs)."""
    return merge_runs([drive(size, env, quick=quick) for _ in range(1 if quick else runs)])


def print_table(payload: Any) -> None:
    print(json.dumps(payload["info"] | {"modules": len(payload["info"].get("modules", []))}))
    for r in payload["rows"]:
        s = r["stalls"]
        print(
            f"{r['action'][:60]:<60} content {r['content_ms']!s:>8} ms | worst {s.get('worst_ms')}"
            f" (cpu {s.get('worst_cpu_ms')}) p95 {s.get('p95_ms')} | key cpu p95 "
            f"{r['per_key_cpu_p95_ms']} max {r['per_key_cpu_max_ms']}"
            + (" | FALSE EMPTY" if r["false_empty"] else "")
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--size", default="1k")
    parser.add_argument("--start-only", action="store_true")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--app", help=argparse.SUPPRESS)
    parser.add_argument("--mode", default="drive", help=argparse.SUPPRESS)
    parser.add_argument("--out", help=argparse.SUPPRESS)
    parser.add_argument("--started", type=float, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.app:
        return app_child(args.app, args.mode, args.out, args.started)
    with display() as env:
        print("platform:", env["WINDOW_DRIVER_PLATFORM"], "load:", os.getloadavg())
        starts, _modules = measure_startup(args.size, args.runs, env)
        for s in starts:
            print(asdict(s))
        if not args.start_only:
            print_table(drive(args.size, env))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
