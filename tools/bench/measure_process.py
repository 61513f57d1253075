#!/usr/bin/env python3
"""Run a command and print, as one JSON line on stderr's last line, what the kernel measured for it:
wall seconds, user and system CPU seconds, and peak resident memory (bytes), from wait4's rusage.
Used by bench:convert for the CLI and the PyTorch path alike.

    python3 tools/bench/measure_process.py COMMAND [ARG...]

The command's stdout passes through; its exit status is this script's."""
import json
import os
import subprocess
import sys
import time

start = time.perf_counter()
child = subprocess.Popen(sys.argv[1:])
_, status, usage = os.wait4(child.pid, 0)
wall = time.perf_counter() - start
print(json.dumps({'wallS': wall, 'userS': usage.ru_utime, 'sysS': usage.ru_stime, 'maxRssBytes': usage.ru_maxrss * 1024}), file=sys.stderr)
sys.exit(os.waitstatus_to_exitcode(status))
