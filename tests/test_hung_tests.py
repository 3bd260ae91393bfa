"""A test that hangs stops the run with every thread's stack (pytest-timeout, configured in
pyproject.toml), so CI reports the hang instead of waiting out its own time limit."""

import subprocess
import sys
import time

HANGING = """
import threading


def test_waits_for_a_lock_nobody_releases():
    lock = threading.Lock()
    lock.acquire()
    lock.acquire()
"""


def test_the_suite_is_configured_to_stop_a_hung_test(pytestconfig):
    assert float(pytestconfig.getini("timeout")) > 0
    assert pytestconfig.getini("timeout_method") == "thread"


def test_a_hung_test_is_stopped_and_its_stack_printed(tmp_path):
    (tmp_path / "test_hang.py").write_text(HANGING, encoding="utf-8")
    started = time.monotonic()

    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-p",
            "no:django",
            "-p",
            "no:cacheprovider",
            "-o",
            "timeout=2",
            "-o",
            "timeout_method=thread",
            str(tmp_path / "test_hang.py"),
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert run.returncode != 0
    assert time.monotonic() - started < 30
    out = run.stdout + run.stderr
    assert "Timeout" in out
    assert "test_waits_for_a_lock_nobody_releases" in out  # the hung frame's stack
