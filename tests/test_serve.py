"""dashboard.serve: connections accepted from a socket bound as Streamlit binds it send at once."""

from __future__ import annotations

import asyncio
import asyncio.base_events
import os
import socket
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

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


# glibc's thresholds ------------------------------------------------------------------------

MAPPED_BLOCKS = r"""
import ctypes, sys
from dashboard import serve

class MallInfo2(ctypes.Structure):
    _fields_ = [(name, ctypes.c_size_t) for name in (
        "arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks",
        "fordblks", "keepcost")]

libc = ctypes.CDLL(None)
libc.malloc.restype, libc.malloc.argtypes = ctypes.c_void_p, (ctypes.c_size_t,)
libc.free.argtypes = (ctypes.c_void_p,)
libc.mallinfo2.restype = MallInfo2
tuned = serve.tune_malloc() if sys.argv[1] == "tuned" else False
# Freeing a mapped 8 MiB block raises glibc's own threshold to 8 MiB (unless it is fixed) ...
libc.free(libc.malloc(8 * 2**20))
before = libc.mallinfo2().hblks
block = libc.malloc(2 * 2**20)  # ... so a 2 MiB block comes from the heap, or is mapped
print(tuned, libc.mallinfo2().hblks - before)
libc.free(block)
"""


@pytest.mark.parametrize("mode, expected", [("tuned", "True 1"), ("default", "False 0")])
def test_tuned_server_maps_large_blocks_so_they_go_back_when_freed(mode, expected):
    env = {key: value for key, value in os.environ.items() if not key.startswith("MALLOC_")}
    out = subprocess.run([sys.executable, "-c", MAPPED_BLOCKS, mode], capture_output=True,
                         text=True, env=env, check=True, cwd=Path(__file__).parents[1]).stdout
    assert out.split() == expected.split()


def test_tune_malloc_leaves_thresholds_the_environment_sets():
    assert serve.tune_malloc({"MALLOC_MMAP_THRESHOLD_": "65536"}) is False
    assert serve.tune_malloc({"MALLOC_TRIM_THRESHOLD_": "0"}) is False
