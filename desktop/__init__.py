"""The Qt desktop app and the `threepass` command line. Nothing here runs at import time."""
