"""The guard that keeps the test suite, and every process it starts, on 127.0.0.1."""

import socket
import subprocess
import sys

import pytest

import figures_netguard


def test_loopback_is_allowed_everything_else_is_not():
    for host in ("127.0.0.1", "127.8.9.10", "::1", "localhost", None):
        assert figures_netguard.is_local(host), host
    for host in ("192.0.2.1", "10.0.0.1", "8.8.8.8", "example.org", "::ffff:192.0.2.1"):
        assert not figures_netguard.is_local(host), host


def test_guard_is_installed_and_refuses_before_connecting():
    assert figures_netguard.installed()
    with pytest.raises(figures_netguard.NetworkBlockedError):
        socket.create_connection(("192.0.2.1", 9), timeout=0.01)  # TEST-NET-1; refused before any packet
    with pytest.raises(figures_netguard.NetworkBlockedError):
        socket.getaddrinfo("example.org", 80)


def test_loopback_connections_still_work():
    with socket.create_server(("127.0.0.1", 0)) as server:
        port = server.getsockname()[1]
        with socket.create_connection(("127.0.0.1", port), timeout=2):
            pass


def test_child_processes_are_guarded_too():
    code = "import socket, figures_netguard; print(figures_netguard.installed())"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "True"
