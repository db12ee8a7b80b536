"""dashboard.serve: connections accepted from a socket bound as Streamlit binds it send at once."""

from __future__ import annotations

import asyncio
import asyncio.base_events
import socket
from concurrent.futures import ThreadPoolExecutor

import pytest

from dashboard import serve


def _accepted_nodelay() -> int:
    """TCP_NODELAY of the server side of a connection accepted by an asyncio server listening on
    a socket made like Streamlit's (`socket.socket(family)`: protocol number 0)."""
    listener = socket.socket(socket.AF_INET)
    assert listener.proto == 0
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    listener.setblocking(False)
    seen: list[int] = []

    class Protocol(asyncio.Protocol):
        def connection_made(self, transport):
            sock = transport.get_extra_info("socket")
            seen.append(sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
            transport.close()

    async def run() -> None:
        server = await asyncio.get_running_loop().create_server(Protocol, sock=listener)
        async with server:
            reader, writer = await asyncio.open_connection(*listener.getsockname())
            for _ in range(100):
                if seen:
                    break
                await asyncio.sleep(0.01)
            writer.close()

    # In a thread of its own: the browser journeys leave an event loop running in this one.
    with ThreadPoolExecutor(1) as pool:
        pool.submit(asyncio.run, run()).result(timeout=30)
    return seen[0]


@pytest.fixture
def restore_asyncio():
    original = asyncio.base_events._set_nodelay
    yield
    asyncio.base_events._set_nodelay = original


def test_set_nodelay_sets_the_option_on_a_socket_without_a_protocol_number():
    with socket.socket(socket.AF_INET) as sock:
        assert sock.proto == 0
        serve.set_nodelay(sock)
        assert sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) != 0


def test_set_nodelay_leaves_unix_sockets_alone():
    left, right = socket.socketpair(socket.AF_UNIX)
    with left, right:
        serve.set_nodelay(left)  # no TCP options on a unix socket: must not raise


def test_install_makes_accepted_connections_send_at_once(restore_asyncio):
    serve.install()
    assert _accepted_nodelay() != 0
