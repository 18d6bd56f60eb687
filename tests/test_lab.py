"""JupyterLab as `make lab` starts it: working copies of the notebooks are listed, one runs through the server's
kernel, and Lab's settings ask for no news."""

import asyncio
import datetime as dt
import filecmp
import json
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path

import nbformat
import pytest
from tornado.websocket import websocket_connect

from helpers import ROOT

NOTEBOOKS = ROOT / "notebooks"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def make(*targets: str, **variables: str) -> None:
    """Run the Makefile's own recipes for `targets` (none of them installs anything)."""
    assignments = [f"{name}={value}" for name, value in variables.items()]
    subprocess.run(["make", "-s", *targets, *assignments], cwd=ROOT, check=True)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    subprocess.run(
        [
            sys.executable,
            "-m",
            "ipykernel",
            "install",
            "--sys-prefix",
            "--name",
            "figures",
            "--display-name",
            "Python (figures)",
        ],
        check=True,
        capture_output=True,
    )  # what `make` does; idempotent
    lab_dir = tmp_path_factory.mktemp("lab")
    make("lab-settings", "working-copies", VENV=sys.prefix, LAB_DIR=lab_dir)  # what `make lab` does before Lab
    port, token = _free_port(), secrets.token_hex(16)
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "jupyterlab",
            "--no-browser",
            "--ip=127.0.0.1",
            f"--port={port}",
            "--ServerApp.port_retries=0",
            f"--IdentityProvider.token={token}",
            f"--ServerApp.root_dir={lab_dir}",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
            "--LabApp.news_url=None",
            "--LabApp.extension_manager=readonly",
            "--allow-root",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2):
                break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"JupyterLab did not start: {process.stderr.read()[-2000:]}")
            time.sleep(0.2)
    yield base, token, lab_dir
    process.terminate()
    process.wait(timeout=20)


def _get(server, path):
    base, token, _ = server
    with urllib.request.urlopen(f"{base}{path}?token={token}", timeout=10) as response:
        return json.loads(response.read())


def test_lab_opens_working_copies_of_the_notebooks_with_the_projects_kernel(server):
    names = {item["name"] for item in _get(server, "/api/contents/")["content"]}
    assert names == {path.name for path in NOTEBOOKS.glob("*.ipynb")}  # the copies, not the committed ones
    for path in NOTEBOOKS.glob("*.ipynb"):
        assert filecmp.cmp(path, server[2] / path.name, shallow=False)
    assert "figures" in _get(server, "/api/kernelspecs")["kernelspecs"]
    for path in NOTEBOOKS.glob("*.ipynb"):
        assert nbformat.read(path, as_version=4).metadata["kernelspec"]["name"] == "figures"


def test_lab_asks_for_no_news_and_no_update_check(server):
    plugin = "@jupyterlab/apputils-extension:notification"
    served = _get(server, f"/lab/api/settings/{plugin}")
    # Lab applies the project's overrides to the defaults it serves; its own default, "none", asks with a pop-up.
    defaults = {name: field["default"] for name, field in served["schema"]["properties"].items()}
    assert (defaults["fetchNews"], defaults["checkForUpdates"]) == ("false", False)
    shipped = json.loads((Path(sys.prefix) / "share/jupyter/lab/schemas/@jupyterlab/apputils-extension"
                          / "notification.json").read_text(encoding="utf-8"))  # fmt: skip
    assert shipped["properties"]["fetchNews"]["default"] == "none"


def test_working_copies_are_made_once_and_a_readers_edits_kept(tmp_path):
    lab_dir = tmp_path / "lab"
    make("working-copies", LAB_DIR=lab_dir)
    names = sorted(path.name for path in NOTEBOOKS.glob("*.ipynb"))
    assert sorted(path.name for path in lab_dir.iterdir()) == names
    edited = lab_dir / names[1]
    edited.write_text("a reader's experiment", encoding="utf-8")
    (lab_dir / names[0]).unlink()
    make("working-copies", LAB_DIR=lab_dir)
    assert edited.read_text(encoding="utf-8") == "a reader's experiment"  # kept, never overwritten
    assert filecmp.cmp(NOTEBOOKS / names[0], lab_dir / names[0], shallow=False)  # a missing one copied again
    assert os.access(NOTEBOOKS / names[1], os.W_OK) and "lab/" in (ROOT / ".gitignore").read_text().splitlines()


def test_a_notebook_runs_through_the_servers_kernel_with_the_committed_outputs(server):
    base, token, _ = server
    request = urllib.request.Request(
        f"{base}/api/kernels?token={token}",
        data=json.dumps({"name": "figures"}).encode(),
        method="POST",
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        kernel = json.loads(response.read())
    notebook = nbformat.read(NOTEBOOKS / "01_article_figures.ipynb", as_version=4)
    cells = [cell for cell in notebook.cells if cell.cell_type == "code"]
    outputs = asyncio.run(_run(base.replace("http", "ws"), token, kernel["id"], [c.source for c in cells]))
    for cell, produced in zip(cells, outputs, strict=True):
        expected = [o.get("data", {}).get("text/html") or o.get("data", {}).get("text/markdown") for o in cell.outputs]
        got = [o.get("data", {}).get("text/html") or o.get("data", {}).get("text/markdown") for o in produced]
        assert got == expected, cell.source


async def _run(base: str, token: str, kernel_id: str, sources: list[str]) -> list[list[dict]]:
    connection = await websocket_connect(f"{base}/api/kernels/{kernel_id}/channels?token={token}")
    session = uuid.uuid4().hex
    results = []
    for source in sources:
        msg_id = uuid.uuid4().hex
        await connection.write_message(
            json.dumps(
                {
                    "header": {
                        "msg_id": msg_id,
                        "username": "test",
                        "session": session,
                        "msg_type": "execute_request",
                        "version": "5.3",
                        "date": dt.datetime.now(dt.UTC).isoformat(),
                    },
                    "parent_header": {},
                    "metadata": {},
                    "channel": "shell",
                    "buffers": [],
                    "content": {
                        "code": source,
                        "silent": False,
                        "store_history": True,
                        "user_expressions": {},
                        "allow_stdin": False,
                        "stop_on_error": True,
                    },
                }
            )
        )
        outputs, idle, replied = [], False, False
        while not (idle and replied):
            message = json.loads(await asyncio.wait_for(connection.read_message(), timeout=120))
            if message.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind = message["msg_type"]
            if kind == "execute_reply":
                assert message["content"]["status"] == "ok", message["content"]
                replied = True
            elif kind == "status" and message["content"]["execution_state"] == "idle":
                idle = True
            elif kind in ("display_data", "execute_result"):
                outputs.append(message["content"])
            elif kind == "error":
                pytest.fail(f"{message['content']['ename']}: {message['content']['evalue']}")
        results.append(outputs)
    connection.close()
    return results
