import mimetypes
import re
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from astana_site.dates import parse_iso_date
from ingest import services
from ingest.errors import IngestError
from ingest.files import read_limited

from ._pipeline import link_now, result_line

LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}$")


class Command(BaseCommand):
    help = (
        "Run the whole pipeline on HTML or plain-text files; prints one JSON line per article. "
        "A file that fails is reported on stderr and the others still run."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", type=Path)
        parser.add_argument("--url", help="The article's address (default: file:// path).")
        parser.add_argument("--published", help="Publication date, YYYY-MM-DD.")
        parser.add_argument("--language", help="ISO 639-1 code, e.g. en, ru, tr, ar.")

    def handle(self, *args, paths, url, published, language, **options):
        if url and len(paths) > 1:
            raise CommandError("--url names one article; give one path with it.")
        if url and not url.startswith(("http://", "https://")):
            raise CommandError(f"--url {url!r} is not an http(s) address.")
        if language and not LANGUAGE_CODE.match(language):
            raise CommandError(f"--language {language!r} is not an ISO 639 code such as en or ru.")
        try:
            published_date = parse_iso_date(published)
        except ValueError as exc:
            raise CommandError(f"--published {published!r} is not a date (YYYY-MM-DD).") from exc
        failures = 0
        for path in paths:
            try:
                content = self._read(path)
                content_type = (
                    "text/plain"
                    if path.suffix.lower() in {".txt", ".text", ""}
                    else mimetypes.guess_type(path.name)[0] or "text/html"
                )
                result = services.article_ingest_content(
                    url=url or path.resolve().as_uri(),
                    content=content,
                    content_type=content_type,
                    published=published_date,
                    language=language,
                )
            except (IngestError, OSError) as error:
                failures += 1
                self.stderr.write(
                    str(error) if isinstance(error, IngestError) else f"{path}: {error}"
                )
                continue
            try:
                link_now(result.article.pk)
            except Exception as error:  # report it and go on with the other files
                failures += 1
                self.stderr.write(
                    f"{path}: stored as article {result.article.pk}, not linked: {error}"
                )
                continue
            self.stdout.write(result_line(result))
        if failures:
            raise CommandError(f"{failures} of {len(paths)} file(s) failed.")

    def _read(self, path: Path) -> bytes:
        # The same cap as a fetched page, whatever the file claims its size is.
        return read_limited(path, max_bytes=settings.INGEST_MAX_BYTES)
