"""Shared output for the trial import commands: one line per study, a summary."""

from django.core.management.base import BaseCommand, CommandError

from trials.registry.importer import ImportResult, summarise


def line(result: ImportResult) -> str:
    return f"{result.outcome:<9}  {result.nct_id or '-':<11}  {result.message}"


def live_progress(command: BaseCommand, verbosity: int):
    """On a terminal, a callback that prints each study as it is done ("[3/120] …"),
    so a long run shows it is moving; ``None`` under cron or in a pipe, where the
    lines come at the end, all together."""
    if verbosity < 1 or not command.stdout.isatty():
        return None

    def progress(done: int, total: int, result: ImportResult) -> None:
        command.stdout.write(f"[{done}/{total}] {line(result)}")

    return progress


def report(
    command: BaseCommand,
    results: list[ImportResult],
    verbosity: int,
    *,
    shown: bool = False,
) -> None:
    """Print each result (unless ``shown`` already, as it went) and the summary;
    raise CommandError if any was rejected or skipped.

    CommandError makes ``manage.py`` exit with status 1, so cron and CI notice.
    Rejections go to stderr as well, because that is what cron mails.
    """
    for result in results:
        if not result.ok:
            command.stderr.write(line(result), command.style.ERROR)
        elif verbosity >= 1 and not shown:
            command.stdout.write(line(result))
    command.stdout.write(summarise(results))
    failed = sum(not result.ok for result in results)
    if failed:
        noun = "study was" if failed == 1 else "studies were"
        raise CommandError(
            f"{failed} {noun} rejected or skipped; see the messages above."
        )
