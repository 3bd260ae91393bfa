from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from rounds.models import Statement
from rounds.statement_texts import (
    StatementTextError,
    statement_text_attach,
    statement_text_fetch,
    statement_text_read_file,
)


class Command(BaseCommand):
    help = (
        "Attach a statement's official text from the address it is published at (fetched "
        "through the ingest fetcher) or from an HTML or plain-text file; stored with its source "
        "and history."
    )

    def add_arguments(self, parser):
        parser.add_argument("statement", help="The statement's slug.")
        parser.add_argument("source", help="An http(s) address, or the path of a file.")
        parser.add_argument(
            "--url", default="", help="For a file: the address the text is published at."
        )
        parser.add_argument("--reason", default="", help="Reason kept in history.")
        parser.add_argument("--user", default="", help="User name history records.")

    def handle(self, *args, statement, source, url, reason, user, **options):
        found = Statement.objects.select_related("round").filter(slug=statement).first()
        if found is None:
            raise CommandError(f"No statement with slug {statement!r}.")
        author = None
        if user:
            author = get_user_model().objects.filter(username=user).first()
            if author is None:
                raise CommandError(f"No user {user!r}.")
        is_address = source.startswith(("http://", "https://"))
        if is_address and url:
            raise CommandError("--url is for a file; an address is its own URL.")
        try:
            read = (
                statement_text_fetch(url=source)
                if is_address
                else statement_text_read_file(path=source, url=url)
            )
            statement_text_attach(statement=found, read=read, user=author, reason=reason)
        except StatementTextError as exc:
            raise CommandError(str(exc)) from exc
        paragraphs = len([p for p in read.text.split("\n") if p.strip()])
        self.stdout.write(
            f"{found.slug}: {len(read.text)} characters, {paragraphs} paragraph line(s), "
            f"source: {found.text_source}"
        )
