"""Names vulture reports as unused that something outside our code calls or reads.

scripts/test.sh runs vulture (settings in pyproject.toml's [tool.vulture]) over the code,
the tests, the scripts and the benchmarks. Code that only tests use stays: a test asserts it.
Before adding a name here, check that nothing can delete it instead.
"""

from vulture.whitelist_utils import Whitelist

_ = Whitelist()

# Qt calls its virtual methods by name: they are overrides, not dead code.
_.paintEvent
_.mousePressEvent
_.mouseMoveEvent
_.filterAcceptsRow
_.lessThan
_.removeRows
_.mimeTypes
_.canDropMimeData
_.supportedDragActions
_.supportedDropActions
_.createEditor
_.setEditorData
_.setModelData
_.expandingDirections
_.hasHeightForWidth
_.heightForWidth
_.itemAt
_.takeAt
_.source_parent  # filterAcceptsRow's parameter, unused by our filters
_.option_string  # argparse.Action.__call__'s parameter

# Other libraries' hooks, read or called by those libraries.
_.ConnectionCls  # urllib3: the connection class a pool makes
_.sleep_for_retry  # urllib3.Retry: pauses on Retry-After
_._sleep_backoff  # urllib3.Retry: pauses between retries
_.pool_classes_by_scheme  # urllib3.PoolManager: which pool class serves http and https
_.verify  # requests.Session: TLS verification
_.trust_env  # requests.Session: proxies and netrc from the environment
_.handleError  # logging.Handler: what a failed write does
_.optionxform  # configparser: keeps the desktop entry's keys' case (tests)

# Alembic reads a revision module's variables and calls its functions.
_.down_revision
_.branch_labels
_.depends_on
_.run_args  # env.py: the migration context's arguments

# SQLAlchemy mapped columns read through the ORM and the plain-SQL reader by column name.
_.link_bilibili
_.link_youtube
_.link_zhihu
_.saved_at  # pass_positions: when the player saved a pass's position (revision 0014)

# Read by value, not by name: ItemKind("article") for items a document or an older build wrote;
# resources/styles/threepass.qss's @rail_hover token; migration 0005's triggers append
# SENTINEL's two characters (the constant documents them).
_.ARTICLE
_.rail_hover
_.SENTINEL

# pytest fixtures requested for their effect only (an installed clock, a captured log).
_.utc
_.logged

# pytest reads a test module's `pytestmark` by name (module-wide marks, e.g. slow).
_.pytestmark

# A QStyleOptionViewItem field the style reads (tests/layout: where a row's check box is).
_.features

# benchmarks/window_driver.py: the app process writes each Row as JSON; the runner reads
# these fields from that JSON (benchmarks/run.py bench_window), not from the dataclass.
_.content_ms
_.per_key_cpu_p95_ms
_.per_key_cpu_max_ms
