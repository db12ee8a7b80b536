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
"""

from __future__ import annotations

import asyncio.base_events
import socket
import sys


def set_nodelay(sock: socket.socket) -> None:
    """Send small writes at once on a TCP socket (asyncio's check, without the protocol test)."""
    if sock.family in (socket.AF_INET, socket.AF_INET6) and sock.type == socket.SOCK_STREAM:
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)


def install() -> None:
    """Make every TCP connection asyncio accepts from now on use `set_nodelay`."""
    # asyncio's socket transports call base_events._set_nodelay on each new connection.
    asyncio.base_events._set_nodelay = set_nodelay


def main() -> int:
    install()
    from streamlit.web import cli

    return cli.main(prog_name="streamlit")


if __name__ == "__main__":
    sys.exit(main())
