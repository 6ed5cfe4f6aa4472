"""The sync GUI: runs `threepass sync` as a child process, schedules it, shows its outcome."""
