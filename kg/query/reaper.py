"""What `kg serve` leaves must not outlive it, however it ends (even SIGKILL): this small
process waits for its standard input to close, which the operating system does when kg
dies, then stops the Oxigraph servers that use kg's temporary store and removes the store."""
from __future__ import annotations

import os
import shutil
import signal
import sys
import time
from pathlib import Path


def main(folder: str) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for kg, which cleans up itself
    sys.stdin.buffer.read()
    for pid in _processes_using(folder):
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass
    time.sleep(0.1)
    shutil.rmtree(folder, ignore_errors=True)


def _processes_using(folder: str) -> list[int]:
    """Processes whose command line names `folder` (Linux: /proc)."""
    found = []
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            arguments = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if folder.encode() in arguments and int(entry.name) != os.getpid():
            found.append(int(entry.name))
    return found


if __name__ == "__main__":
    main(sys.argv[1])
