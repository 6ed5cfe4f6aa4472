"""Sync between devices through a shared folder with SQLite changesets (docs/sync.md).

The API the desktop calls (all Qt-free; only `run_sync` needs apsw and a process of its
own, so the desktop runs `threepass sync` as a child process rather than calling it):
- `sync_settings(data_dir) -> SyncConfig | None`, `configure(data_dir, folder, device)`
  (models/sync/config.py);
- `status(data_dir) -> SyncStatus | None`: the devices and their last changesets, from
  the folder's files (models/sync/status.py);
- `run_sync(data_dir) -> SyncReport` (models/sync/engine.py);
- `conflicts(db)` / `dismiss_conflicts(db, ids)`: text kept from lost conflicts
  (models/sync/conflicts.py).
"""
