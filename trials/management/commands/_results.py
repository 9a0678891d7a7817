"""Shared output for the trial import commands: one line per study, a summary."""

from django.core.management.base import BaseCommand, CommandError

from trials.registry.importer import REJECTED, ImportResult, summarise


def report(command: BaseCommand, results: list[ImportResult], verbosity: int) -> None:
    """Print each result and the summary; raise CommandError if any was rejected.

    CommandError makes ``manage.py`` exit with status 1, so cron and CI notice.
    Rejections go to stderr as well, because that is what cron mails.
    """
    for result in results:
        line = f"{result.outcome:<9}  {result.nct_id or '-':<11}  {result.message}"
        if result.outcome == REJECTED:
            command.stderr.write(line, command.style.ERROR)
        elif verbosity >= 1:
            command.stdout.write(line)
    command.stdout.write(summarise(results))
    rejected = sum(result.outcome == REJECTED for result in results)
    if rejected:
        noun = "study was" if rejected == 1 else "studies were"
        raise CommandError(f"{rejected} {noun} rejected; see the messages above.")
