"""Start and stop a Streamlit app on a free local port (used by the browser tests and the bench).

The server runs from the repository root, so `.streamlit/config.toml` applies, binds 127.0.0.1,
and is stopped by its PID: terminate, then kill.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
# Health checks go straight to the local server, never through a proxy from the environment.
_DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class StreamlitServer:
    """`python -m dashboard.serve run <script>` (`streamlit run`, replies sent at once) on
    127.0.0.1:<free port>, started from the repo root."""

    def __init__(self, script: str | Path, *, env: dict[str, str] | None = None,
                 cwd: Path = REPO, python: str = sys.executable) -> None:
        self.script = str(script)
        self.cwd = cwd
        self.python = python
        self.extra_env = dict(env or {})
        self.port = 0
        self.proc: subprocess.Popen | None = None
        self._log = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 90.0) -> str:
        self.port = free_port()
        cmd = [
            self.python, "-m", "dashboard.serve", "run", self.script,
            "--server.port", str(self.port),
            "--server.address", "127.0.0.1",
            "--server.headless", "true",
            "--browser.gatherUsageStats", "false",
        ]
        # As `make run` serves it: few malloc arenas, so memory does not creep per thread.
        env = {**os.environ, "MALLOC_ARENA_MAX": "2", **self.extra_env}
        self._log = tempfile.TemporaryFile(mode="w+b")
        self.proc = subprocess.Popen(cmd, cwd=self.cwd, env=env, stdout=self._log,
                                     stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        deadline = time.monotonic() + timeout
        health = f"{self.url}/_stcore/health"
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                code, tail = self.proc.returncode, self.log_tail()
                self.stop()
                raise RuntimeError(f"streamlit ({self.script}) exited with code {code}:\n" + tail)
            try:
                with _DIRECT.open(health, timeout=2) as resp:
                    if resp.status == 200:
                        return self.url
            except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
                pass
            time.sleep(0.25)
        tail = self.log_tail()
        self.stop()
        raise RuntimeError(f"streamlit ({self.script}) not healthy after {timeout:.0f}s at "
                           f"{health}:\n" + tail)

    def log_tail(self, limit: int = 4000) -> str:
        if self._log is None:
            return ""
        self._log.flush()
        self._log.seek(0)
        return self._log.read().decode("utf-8", "replace")[-limit:]

    def stop(self) -> None:
        """Terminate the server process by its PID; kill it if it does not exit in 10 s."""
        proc, self.proc = self.proc, None
        if proc is not None and proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=10)
        if self._log is not None:
            self._log.close()
            self._log = None

    def __enter__(self) -> StreamlitServer:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
