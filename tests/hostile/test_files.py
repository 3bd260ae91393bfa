"""``ingest_file`` reads at most INGEST_MAX_BYTES from any kind of file and never blocks."""

import os
import threading
import time
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from ingest.errors import IngestError
from ingest.files import read_limited

LIMIT = 64 * 1024


def test_a_regular_file_within_the_limit_is_read_whole(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"x" * LIMIT)
    assert read_limited(path, max_bytes=LIMIT) == b"x" * LIMIT


def test_a_regular_file_over_the_limit_is_refused(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * (LIMIT + 1))
    with pytest.raises(IngestError) as caught:
        read_limited(path, max_bytes=LIMIT)
    assert caught.value.code == "too_large"


def test_dev_zero_is_refused_without_reading_it():
    with pytest.raises(IngestError) as caught:
        read_limited("/dev/zero", max_bytes=LIMIT)
    assert caught.value.code == "not_a_file"


def test_a_symlink_to_dev_zero_is_refused(tmp_path):
    link = tmp_path / "innocent.txt"
    link.symlink_to("/dev/zero")
    with pytest.raises(IngestError) as caught:
        read_limited(link, max_bytes=LIMIT)
    assert caught.value.code == "not_a_file"


def test_a_symlink_to_a_regular_file_is_followed(tmp_path):
    target = tmp_path / "real.txt"
    target.write_bytes(b"Astana")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    assert read_limited(link, max_bytes=LIMIT) == b"Astana"


@pytest.mark.parametrize("writer", [False, True], ids=["no-writer", "endless-writer"])
def test_a_fifo_is_refused_at_once_without_blocking(tmp_path, writer):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    stop = threading.Event()

    def write_forever():
        fd = os.open(fifo, os.O_WRONLY)  # waits for the reader's open
        try:
            while not stop.is_set():
                os.write(fd, b"x" * 4096)
        except OSError:
            pass
        finally:
            os.close(fd)

    if writer:
        threading.Thread(target=write_forever, daemon=True).start()
    started = time.monotonic()
    try:
        with pytest.raises(IngestError) as caught:
            read_limited(fifo, max_bytes=LIMIT)
    finally:
        stop.set()
        with open(os.open(fifo, os.O_RDONLY | os.O_NONBLOCK), "rb"):
            pass  # unblocks a writer still waiting in open()
    assert caught.value.code == "not_a_file"
    assert time.monotonic() - started < 2


def test_a_directory_is_refused(tmp_path):
    with pytest.raises(IngestError) as caught:
        read_limited(tmp_path, max_bytes=LIMIT)
    assert caught.value.code == "not_a_file"


@pytest.mark.django_db
def test_ingest_file_reports_dev_zero_on_one_line_and_exits_non_zero(settings):
    settings.INGEST_MAX_BYTES = LIMIT
    err = StringIO()
    with pytest.raises(CommandError) as caught:
        call_command("ingest_file", "/dev/zero", stdout=StringIO(), stderr=err)
    assert "1 of 1" in str(caught.value)
    lines = err.getvalue().strip().splitlines()
    assert len(lines) == 1 and "/dev/zero" in lines[0] and "not a regular file" in lines[0]


@pytest.mark.django_db
def test_ingest_file_refuses_a_missing_file_clearly(tmp_path):
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("ingest_file", str(tmp_path / "nope.txt"), stdout=StringIO(), stderr=err)
    assert "cannot open" in err.getvalue()
