"""Every sh and python block of the README runs, in order, in a sandbox holding a copy of examples/:
shell lines as commands (each must exit 0; `serve` and `oxigraph serve` are started in the
background and stopped), Python blocks in one namespace; `make` lines name real targets. The
worked example and the demo run too."""

import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import free_port, oxigraph_binary, wait_for

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent

pytestmark = pytest.mark.slow  # runs every command of the README


def blocks(text: str):
    for m in re.finditer(r"```(\w+)\n(.*?)```", text, re.S):
        yield m.group(1), m.group(2)


def command_lines(block: str):
    for line in block.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            yield re.sub(r"\s+#\s.*$", "", line)  # a trailing comment


@pytest.fixture
def sandbox(tmp_path):
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    env = dict(os.environ, PATH=f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}")
    env.pop("ASEANKG_STORE", None)
    return tmp_path, env


def start(args, cwd, env, ready_url):
    proc = subprocess.Popen(args, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_for(ready_url, proc)
    return proc


def test_every_readme_block_runs(sandbox):
    cwd, env = sandbox
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([a-z-]+):", (ROOT / "Makefile").read_text(encoding="utf-8"), re.M))
    servers, ports, namespace, ran = [], {}, {}, 0
    try:
        for lang, body in blocks(text):
            if lang == "python":
                old = Path.cwd()
                os.chdir(cwd)
                try:
                    exec(compile(body, "README.md", "exec"), namespace)
                finally:
                    os.chdir(old)
                ran += 1
                continue
            if lang != "sh":
                continue  # text blocks show commands for other machines (a Virtuoso server)
            for line in command_lines(body):
                for port in re.findall(r"(?:--port |127\.0\.0\.1:)(\d{4})", line):
                    ports.setdefault(port, str(free_port()))
                for old_port, new_port in ports.items():
                    line = line.replace(old_port, new_port)
                args = shlex.split(line)
                if args[0] == "make":
                    assert args[1] in targets, line
                    continue
                if args[:2] == ["aseankg", "serve"]:
                    servers.append(start(args, cwd, env, f"http://127.0.0.1:{args[args.index('--port') + 1]}/"))
                elif args[:2] == ["oxigraph", "serve"]:
                    binary = oxigraph_binary()
                    if binary is None:
                        pytest.skip("the oxigraph server is not installed")
                    bind = args[args.index("--bind") + 1]
                    servers.append(start([binary, *args[1:]], cwd, env, f"http://{bind}/query?query=ASK%7B%7D"))
                else:
                    r = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)
                    assert r.returncode == 0, (line, r.stdout[-500:], r.stderr[-500:])
                ran += 1
    finally:
        for proc in servers:
            proc.send_signal(signal.SIGINT)
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
    assert ran >= 25 and (cwd / "partners.html").exists() and (cwd / "timeline.png").exists()


def test_the_worked_example_runs(tmp_path):
    r = subprocess.run(
        [sys.executable, str(ROOT / "examples" / "analyst.py"), "memory:", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert r.returncode == 0, r.stderr
    assert "Who spoke for Russia" in r.stdout and "Morgulov" in r.stdout
    assert (tmp_path / "timeline.png").stat().st_size > 10_000


def test_the_demo_runs(tmp_path):
    r = subprocess.run(
        [
            sys.executable,
            "-m",
            "kg.demo",
            "--store",
            f"oxigraph:{tmp_path / 'db'}",
            "--releases",
            str(ROOT / "examples" / "releases"),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert r.returncode == 0, r.stderr
    assert "SHACL: conforms" in r.stdout and "Morgulov" in r.stdout
    from kg.stores import open_store

    with open_store(f"oxigraph:{tmp_path / 'db'}", create=False) as s:
        assert s.count() > 5000
