"""`python -m dashboard.serve run dashboard/app.py [options]`: `streamlit run`, replies at once.

The same command line as `python -m streamlit`, with one difference. Streamlit binds its
listening socket as `socket.socket(family)`, whose protocol number is 0. On such sockets
asyncio does not turn off Nagle's algorithm: it does that only for sockets that say
`IPPROTO_TCP`. A script run sends its elements as many small websocket messages. After the
first one, the kernel then holds the rest until the browser acknowledges it, and browsers
delay that acknowledgement by up to 40 ms. So every click waited about 40 ms on the network,
on top of the script itself (measured: a Compare re-draw took 48 ms from request to last message
with 15 ms of script time).

Here every TCP connection the server accepts gets TCP_NODELAY, whatever its protocol number.

It also fixes glibc's thresholds for handing memory back (`tune_malloc`). By default glibc raises
the size from which it maps a block on its own each time such a block is freed, up to 32 MiB, so
the tables, JSON and HTML a script run makes are later carved from the heap, and the heap, holed
by the next run's smaller objects, rarely shrinks again: at 100 times the data, the server's
memory after 200 page loads grew by 17-19% over its memory after ten visitors. With the mapping
and trimming thresholds fixed at 1 MiB, every large block goes back to the system when freed:
7-8% (docs/benchmarks.md, Load). At 128 KiB the memory grew 5-10%, but mapping every block of
the size of a chart's JSON made the Compare page's re-draw at that scale slower.
"""

from __future__ import annotations

import asyncio.base_events
import ctypes
import ctypes.util
import os
import socket
import sys

# mallopt(3) parameters and the value both thresholds are fixed at.
M_TRIM_THRESHOLD = -1
M_MMAP_THRESHOLD = -3
MALLOC_THRESHOLD = 1024 * 1024


def set_nodelay(sock: socket.socket) -> None:
    """Send small writes at once on a TCP socket (asyncio's check, without the protocol test)."""
    if sock.family in (socket.AF_INET, socket.AF_INET6) and sock.type == socket.SOCK_STREAM:
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)


def install() -> None:
    """Make every TCP connection asyncio accepts from now on use `set_nodelay`."""
    # asyncio's socket transports call base_events._set_nodelay on each new connection.
    asyncio.base_events._set_nodelay = set_nodelay


def tune_malloc(environ: dict[str, str] | None = None) -> bool:
    """Fix glibc's mapping and trimming thresholds at MALLOC_THRESHOLD, unless the environment
    sets either (`MALLOC_MMAP_THRESHOLD_`, `MALLOC_TRIM_THRESHOLD_`). True if glibc took them;
    False elsewhere (another C library), where nothing changes."""
    environ = os.environ if environ is None else environ
    if "MALLOC_MMAP_THRESHOLD_" in environ or "MALLOC_TRIM_THRESHOLD_" in environ:
        return False
    name = ctypes.util.find_library("c")
    try:
        mallopt = ctypes.CDLL(name).mallopt if name else None
    except (OSError, AttributeError):
        mallopt = None
    if mallopt is None:
        return False
    mallopt.argtypes, mallopt.restype = (ctypes.c_int, ctypes.c_int), ctypes.c_int
    return bool(mallopt(M_MMAP_THRESHOLD, MALLOC_THRESHOLD)
                and mallopt(M_TRIM_THRESHOLD, MALLOC_THRESHOLD))


def main() -> int:
    install()
    tune_malloc()
    from streamlit.web import cli

    return cli.main(prog_name="streamlit")


if __name__ == "__main__":
    sys.exit(main())
