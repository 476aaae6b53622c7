"""A throwaway PostgreSQL cluster for the tests: ``initdb`` in a temporary folder, ``pg_ctl start``
on a free loopback port, removed at the end. No running service and no system configuration are
assumed; the cluster belongs to the user running the tests. PostgreSQL refuses to run as root, so
under root the server runs as the unprivileged ``postgres`` (or ``nobody``) account.

Where no server can be started, :func:`start_cluster` raises: the PostgreSQL tests fail, they do
not skip.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

#: where Debian and others keep the server programs when they are not on PATH
SERVER_DIRS = sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)
SUPERUSER = "hashiya_admin"


class ClusterError(RuntimeError):
    pass


def _program(name: str) -> str:
    found = shutil.which(name)
    if found:
        return found
    for folder in SERVER_DIRS:
        if (folder / name).exists():
            return str(folder / name)
    raise ClusterError(f"{name} not found: install the PostgreSQL server (e.g. Debian's postgresql)")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _run_as() -> list[str]:
    """The prefix that runs a server program as an unprivileged user when we are root."""
    if os.geteuid() != 0:
        return []
    for name in ("postgres", "nobody"):
        try:
            pwd.getpwnam(name)
        except KeyError:
            continue
        return [shutil.which("runuser") or "runuser", "-u", name, "--"]
    raise ClusterError("running as root with no unprivileged account to run PostgreSQL as")


@dataclass
class Cluster:
    folder: Path
    port: int
    prefix: list[str]
    durable: bool = False  # fsync on (benchmarks); tests run without it

    @property
    def data(self) -> Path:
        return self.folder / "data"

    def url(self, database: str = "postgres", user: str = SUPERUSER) -> str:
        return f"postgresql://{user}@127.0.0.1:{self.port}/{database}"

    def start(self) -> None:
        options = f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.folder} -c max_connections=200"
        if not self.durable:  # a stopped server keeps every commit (the tests cut connections), not
            # across a machine crash: the operating system's cache is trusted with the files
            options += " -c fsync=off -c full_page_writes=off"
        self._ctl("start", "-w", "-t", "30", "-o", options, "-l", str(self.folder / "server.log"))

    def stop(self, mode: str = "fast") -> None:
        self._ctl("stop", "-w", "-m", mode)

    def restart(self) -> None:
        """Stop and start again on the same port: every connection is cut."""
        self.stop("immediate")
        self.start()

    def _ctl(self, *args: str) -> None:
        command = [*self.prefix, _program("pg_ctl"), "-D", str(self.data), *args]
        done = subprocess.run(command, capture_output=True, text=True, timeout=60)
        if done.returncode != 0:
            log = (self.folder / "server.log").read_text(errors="replace")[-2000:] if (
                self.folder / "server.log"
            ).exists() else ""
            raise ClusterError(f"pg_ctl {args[0]} failed: {done.stderr.strip()}\n{log}")

    def remove(self) -> None:
        try:
            self.stop("immediate")
        except ClusterError:
            pass
        shutil.rmtree(self.folder, ignore_errors=True)


def start_cluster(durable: bool = False) -> Cluster:
    """initdb and start a cluster whose superuser is :data:`SUPERUSER` (trust on loopback)."""
    prefix = _run_as()
    folder = Path(tempfile.mkdtemp(prefix="hashiya-pg-"))
    if prefix:
        account = pwd.getpwnam(prefix[2])
        os.chown(folder, account.pw_uid, account.pw_gid)
    cluster = Cluster(folder, _free_port(), prefix, durable)
    command = [
        *prefix, _program("initdb"), "-D", str(cluster.data), "-U", SUPERUSER, "--auth=trust",
        "-E", "UTF8", "--locale=C.UTF-8", "--no-sync",
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    if done.returncode != 0:
        shutil.rmtree(folder, ignore_errors=True)
        raise ClusterError(f"initdb failed: {done.stderr.strip()}")
    cluster.start()
    return cluster
