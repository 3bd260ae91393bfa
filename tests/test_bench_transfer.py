"""bench/bench_transfer.py: how DevTools network events become bytes per visit, and the table."""

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location(
    "bench_transfer", ROOT / "bench" / "bench_transfer.py"
)
bench_transfer = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench_transfer)

BASE = "http://127.0.0.1:8123"


class FakeCDP:
    def __init__(self):
        self.handlers = {}

    def on(self, name, handler):
        self.handlers[name] = handler

    def emit(self, name, **event):
        self.handlers[name](event)


def _response(cdp, rid, url, status, *, disk=False, encoding="br"):
    cdp.emit("Network.requestWillBeSent", requestId=rid, request={"url": BASE + url})
    cdp.emit(
        "Network.responseReceived",
        requestId=rid,
        response={
            "status": status,
            "fromDiskCache": disk,
            "headers": {"Content-Encoding": encoding, "Cache-Control": "no-cache"},
        },
    )


def test_revalidated_and_cached_requests_count_only_what_crossed_the_wire():
    cdp = FakeCDP()
    log = bench_transfer.NetworkLog(cdp)
    # The page revalidated: responseReceived reports the stored 200, the wire a 304.
    _response(cdp, "1", "/", 200, encoding="gzip")
    cdp.emit("Network.responseReceivedExtraInfo", requestId="1", statusCode=304)
    cdp.emit("Network.loadingFinished", requestId="1", encodedDataLength=670)
    # A hashed static file from the disk cache (Chrome still reports a length).
    _response(cdp, "2", "/static/app.abc.js", 200, disk=True)
    cdp.emit("Network.loadingFinished", requestId="2", encodedDataLength=9000)
    # One from the memory cache.
    cdp.emit("Network.requestWillBeSent", requestId="3", request={"url": BASE + "/static/a.css"})
    cdp.emit("Network.requestServedFromCache", requestId="3")
    _response(cdp, "3", "/static/a.css", 200)
    cdp.emit("Network.loadingFinished", requestId="3", encodedDataLength=0)

    requests = log.result(BASE)

    assert [(r["url"], r["status"], r["bytes"], r["cache"]) for r in requests] == [
        ("/", 304, 670, ""),
        ("/static/app.abc.js", 200, 0, "disk"),
        ("/static/a.css", 200, 0, "memory"),
    ]
    assert bench_transfer.summary(requests) == {
        "bytes": 670,
        "requests": 3,
        "not_modified": 1,
        "cached": 2,
    }


def test_a_redirect_is_kept_as_its_own_request():
    cdp = FakeCDP()
    log = bench_transfer.NetworkLog(cdp)
    cdp.emit("Network.requestWillBeSent", requestId="1", request={"url": BASE + "/"})
    cdp.emit(
        "Network.requestWillBeSent",
        requestId="1",
        request={"url": BASE + "/ru/"},
        redirectResponse={"status": 302, "encodedDataLength": 300},
    )
    _response(cdp, "1", "/ru/", 200, encoding="gzip")
    cdp.emit("Network.loadingFinished", requestId="1", encodedDataLength=12000)

    requests = log.result(BASE)

    assert [(r["url"], r["status"], r["bytes"]) for r in requests] == [
        ("/", 302, 300),
        ("/ru/", 200, 12000),
    ]


def _request(url, status, size, cache=""):
    return {
        "url": url,
        "status": status,
        "bytes": size,
        "cache": cache,
        "encoding": "br",
        "cache_control": "",
    }


def _plotly(raw):
    served = {"encoding": "br", "cache_control": "max-age=315360000, public, immutable"}
    return {
        "url": "/static/vendor/plotly/plotly.min.abc.js",
        "identity": {**served, "bytes": raw},
        "gzip": {**served, "bytes": 340_000},
        "br": {**served, "bytes": 277_000},
    }


def test_the_section_tabulates_each_visit_and_says_whether_the_budgets_are_met():
    first = [_request("/", 200, 12_288), _request("/static/p.js", 200, 280_576)]
    repeat = [_request("/", 304, 700), _request("/static/p.js", 200, 0, cache="disk")]
    pages = {"/": {"first": first, "repeat": repeat}}

    section = bench_transfer.report(pages, _plotly(990_657), "2026-11-30 07:00 UTC")

    assert "Run 2026-11-30 07:00 UTC" in section
    assert "| `/` | 286.0 KB (2 requests) | 0.7 KB (2 requests) | 1 | 1 |" in section
    assert "transfers 0.7 KB (700 bytes): under the 50 KB" in section
    assert "990,657 bytes raw (at most the 1 MB" in section
    assert "| `/static/p.js` | 200 | from disk cache |" in section


def test_the_section_says_plainly_when_a_repeat_visit_is_over_50_kb():
    heavy = [_request("/", 200, 60 * 1024)]
    pages = {"/": {"first": heavy, "repeat": heavy}}

    section = bench_transfer.report(pages, _plotly(1_100_000), "2026-11-30 07:00 UTC")

    assert "transfers 60.0 KB (61,440 bytes): **not** under the 50 KB" in section
    assert "1,100,000 bytes raw (**over** the 1 MB" in section
