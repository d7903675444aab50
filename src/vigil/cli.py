"""The `vigil` command: each subcommand parses its arguments, calls one service, prints the outcome."""

from __future__ import annotations

import os
import secrets
import sys
from pathlib import Path
from typing import Any

import click

DEFAULT_HOST, DEFAULT_PORT = "127.0.0.1", 8000


def main() -> None:
    """Run the `vigil` command."""
    cli(prog_name="vigil")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="vigil")
def cli() -> None:
    """Vigil: document the persecution of activists.

    Settings come from the environment: VIGIL_DATA_DIR (default ~/.local/share/vigil),
    DATABASE_URL (default SQLite in the data directory), VIGIL_SECRET_KEY, VIGIL_DEBUG,
    VIGIL_ALLOWED_HOSTS. See docs/configuration.md.
    """


@cli.command()
@click.option("--host", default=DEFAULT_HOST, show_default=True, help="Address to listen on.")
@click.option("--port", default=DEFAULT_PORT, show_default=True, type=click.IntRange(1, 65535))
@click.option("--threads", default=8, show_default=True, type=click.IntRange(1, 64))
def serve(host: str, port: int, threads: int) -> None:
    """Serve Vigil over HTTP with a production WSGI server (waitress)."""
    _django()
    _serve(host, port, threads)


@cli.command()
def migrate() -> None:
    """Create or update the database tables, and add the shipped vocabulary terms.

    An upgrade that changes the records' tables also writes the search index again, since what it
    holds may have changed with them (name stems, acronyms); it takes a while on a large database.
    """
    _django()
    rebuilt = _migrate(verbosity=1)
    if rebuilt is not None:
        click.echo(f"search index written again after the upgrade: {rebuilt} entries")


@cli.command()
@click.argument("username")
@click.option("--email", default="", help="The user's e-mail address.")
@click.option(
    "--role",
    type=click.Choice(["administrator", "editor", "contributor", "viewer"]),
    default="editor",
    show_default=True,
    help="administrator: everything; editor: documents, verifies, sees restricted records; "
    "contributor: takes articles in and sees only their own drafts; viewer: reads records that are not restricted.",
)
@click.option("--admin", is_flag=True, help="Same as --role administrator.")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input, not a prompt.")
def createuser(username: str, email: str, role: str, admin: bool, password_stdin: bool) -> None:
    """Create a login with a role (by default an editor)."""
    _django()
    from django.core.exceptions import ValidationError

    from vigil.records.services import user_create

    if password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    role = "administrator" if admin else role
    try:
        user = user_create(username=username, email=email, password=password, role=role)
    except ValidationError as error:
        raise click.ClickException(" ".join(error.messages)) from None
    click.echo(f"created {role} {user.get_username()!r}")


@cli.command(name="import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--articles",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Folder of the articles that the reports' source.file names; each is archived as the original.",
)
def import_(paths: tuple[Path, ...], articles: Path | None) -> None:
    """Import incident reports (exchange-format JSON files, or folders of them) as draft records.

    Each file is one transaction: a file with any problem is reported with its fields and
    changes nothing. The exit status is 1 when any file failed.
    """
    _django()
    from vigil.core.report import ReportError, iter_report_paths
    from vigil.records.services import AlreadyImported, report_import_file

    counts = {"imported": 0, "skipped": 0, "failed": 0}
    for path in iter_report_paths(list(paths)):
        try:
            source = report_import_file(path=path, articles_dir=articles)
        except AlreadyImported as skipped:
            counts["skipped"] += 1
            click.echo(f"skipped {path}: already imported as source #{skipped.source_id}")
        except ReportError as error:
            counts["failed"] += 1
            click.echo(f"FAILED {error}", err=True)
        else:
            counts["imported"] += 1
            click.echo(f"imported {path}: source #{source.pk}, {source.act_reports.count()} acts")
    click.echo(", ".join(f"{n} {what}" for what, n in counts.items()))
    if counts["failed"]:
        sys.exit(1)


@cli.command()
@click.option("--format", "format_", type=click.Choice(["report-json"]), required=True, help="Export format.")
@click.option("--out", required=True, type=click.Path(file_okay=False, path_type=Path), help="Folder to write to.")
@click.option("--with-text", is_flag=True, help="Include each source's text (source.text).")
@click.option(
    "--public",
    is_flag=True,
    help="For partners: only published, public records; people who did not consent are pseudonymised, "
    "and no source text or URL is written.",
)
def export(format_: str, out: Path, with_text: bool, public: bool) -> None:
    """Export records: report-json writes one exchange-format file per source, named by its id.

    Without --public the export holds every record, internal and restricted ones too: it is for
    the operator's own copies, not for sharing.
    """
    _django()
    from vigil.audit.services import record_event
    from vigil.core.report import dump_report
    from vigil.publish.selectors import public_reports
    from vigil.records.selectors import source_reports

    if public and with_text:
        raise click.UsageError("--public never includes the sources' text: leave out --with-text.")
    out.mkdir(parents=True, exist_ok=True)
    written = 0
    for report in public_reports() if public else source_reports(with_text=with_text):
        (out / f"{report.id}.json").write_text(dump_report(report), encoding="utf-8")
        written += 1
    record_event(
        actor=None,
        action="export",
        target=("records.source", None),
        fields={"format": format_, "with_text": with_text, "count": written, "via": "command line"},
    )
    click.echo(f"wrote {written} reports to {out}")


@cli.command()
@click.argument("inputs", nargs=-1, required=True)
@click.option("--out", required=True, type=click.Path(file_okay=False, path_type=Path), help="Folder to write to.")
@click.option("--jobs", default=1, show_default=True, type=click.IntRange(1, 64), help="Articles read in parallel.")
@click.option("--link", is_flag=True, help="Give the acts that several articles tell of one act a shared incident key.")
def extract(inputs: tuple[str, ...], out: Path, jobs: int, link: bool) -> None:
    """Turn news articles into draft incident reports, written as OUT/<id>.json.

    Each INPUT is an article JSON file (id, url, title, publisher, published, language, text),
    an HTML file, a plain-text file, or an http(s) URL (fetched with private addresses refused).
    With --link, the same arrest told by several articles gets one `incident` key in all of them
    (the reports are then written once all are read). Nothing is saved in the database: review
    the reports, then `vigil import` them.
    """
    from vigil.core.linking import link_reports
    from vigil.core.report import Report, dump_report
    from vigil.intake.pipeline import extract_inputs

    out.mkdir(parents=True, exist_ok=True)
    failed = 0
    reports: list[Report] = []
    outcomes = extract_inputs(list(inputs), jobs=jobs)
    with click.progressbar(outcomes, length=len(inputs), label="extracting", file=sys.stderr) as progress:
        for outcome in progress:
            if outcome.report is None:
                failed += 1
                click.echo(f"\n{outcome.input}: {outcome.error}", err=True)
            elif link:
                reports.append(outcome.report)
            else:
                (out / f"{outcome.report.id}.json").write_text(dump_report(outcome.report), encoding="utf-8")
    for report in link_reports(reports) if link else []:
        (out / f"{report.id}.json").write_text(dump_report(report), encoding="utf-8")
    click.echo(f"{len(inputs) - failed} reports written to {out}, {failed} failed")
    if failed:
        sys.exit(1)


@cli.command()
@click.option("--dry-run", is_flag=True, help="Print what would change; write nothing.")
def link(dry_run: bool) -> None:
    """Give the acts that several sources in the database tell of one act a shared incident key.

    The same linking as `vigil extract --link`, over every source recorded: the acts of different
    sources that are one real-world act (same type, same victim, compatible dates) share one
    key. Written in one transaction, with one entry in the audit trail; running it again
    changes nothing. Prints counts only: the keys hold victims' names.
    """
    _django()
    from vigil.records.services import incident_keys_link

    linked = incident_keys_link(dry_run=dry_run)
    click.echo(f"acts: {linked.acts}, incidents told by several sources: {linked.shared}")
    if dry_run:
        click.echo(f"incident keys to change: {linked.changed} (dry run: nothing written)")
    else:
        click.echo(f"incident keys changed: {linked.changed}")


@cli.command()
@click.option("--host", default=DEFAULT_HOST, show_default=True, help="Address to listen on.")
@click.option("--port", default=DEFAULT_PORT, show_default=True, type=click.IntRange(1, 65535))
@click.option("--no-serve", is_flag=True, help="Prepare the demo and print the login, but do not serve.")
def demo(host: str, port: int, no_serve: bool) -> None:
    """Start a demonstration: its own SQLite database with the sample data, a demo login, and serve.

    The demo lives in VIGIL_DATA_DIR/demo and never touches your real database. Each run
    gives the login `demo` a new password, printed here.
    """
    from vigil.datadir import data_dir

    os.environ["VIGIL_DATA_DIR"] = str(data_dir() / "demo")
    os.environ.pop("DATABASE_URL", None)
    _django()

    from vigil.records.services import demo_user_reset, sample_load

    _migrate(verbosity=0)
    loaded = sample_load()
    password = secrets.token_urlsafe(12)
    demo_user_reset(username="demo", password=password)
    click.echo(f"sample data: {loaded.imported} reports imported, {loaded.skipped} already there")
    click.echo(f"\n  Vigil demo: http://{host}:{port}/\n  login: demo\n  password: {password}\n")
    if not no_serve:
        _serve(host, port, threads=8)


@cli.command()
def check() -> None:
    """Check the configuration: Django's checks, and its deployment checks when not in debug mode."""
    _django()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    database = settings.DATABASES["default"]
    where = " ".join(str(part) for part in (database.get("HOST"), database.get("PORT"), database["NAME"]) if part)
    click.echo(f"data directory: {settings.DATA_DIR}")
    click.echo(f"database: {connection.vendor} {where}")
    call_command("check", deploy=not settings.DEBUG, fail_level="ERROR")


@cli.command()
def reindex() -> None:
    """Write the search index again from every record (after records were changed outside Vigil's services)."""
    _django()
    from vigil.records.services import search_rebuild

    click.echo(f"{search_rebuild()} search entries written")


@cli.group()
def audit() -> None:
    """Check the audit trail, and give its head to keep somewhere the server cannot change."""


@audit.command(name="verify")
@click.option("--head", "head_value", help="A head printed earlier by `vigil audit head`: also catch a cut-off tail.")
def audit_verify(head_value: str | None) -> None:
    """Check every entry of the audit trail against its MAC; name the first one edited, inserted, removed or moved.

    The exit status is 1 when the chain is broken.
    """
    _django()
    from vigil.audit.chain import AuditKeyError, Head
    from vigil.audit.selectors import chain_verify

    try:
        head = Head.parse(head_value) if head_value is not None else None
        outcome = chain_verify(head)
    except (ValueError, AuditKeyError) as error:
        raise click.ClickException(str(error)) from None
    if outcome.broken is not None:
        click.echo(f"BROKEN: {outcome.broken.message} ({outcome.checked} entries before it hold)", err=True)
        sys.exit(1)
    click.echo(f"ok: {outcome.checked} entries hold" + (f", and reach the head #{head.sequence}" if head else ""))


@audit.command(name="head")
def audit_head() -> None:
    """Print the audit trail's head (SEQUENCE:MAC); keep it elsewhere and give it to `vigil audit verify --head`."""
    _django()
    from vigil.audit.selectors import chain_head

    click.echo(str(chain_head()))


@cli.group()
def keys() -> None:
    """Manage the keys of the encrypted fields (contact details, testimony, places of detention).

    The keys live in VIGIL_DATA_DIR/field-keys (mode 0600), or in VIGIL_FIELD_KEYS. Keep a copy
    apart from the database: without it those fields cannot be read. `vigil backup` includes it.
    """


@keys.command(name="list")
def keys_list() -> None:
    """List the field keys, newest last, with how many stored values each encrypts."""
    _django()
    from vigil.core.crypto import CryptoError
    from vigil.records.keys import keyring
    from vigil.records.rotation import values_by_key

    try:
        ring, counts = keyring(), values_by_key()
    except CryptoError as error:
        raise click.ClickException(str(error)) from None
    for key_id in ring.keys:
        click.echo(f"{key_id}  {counts.pop(key_id, 0)} values{'  (newest)' if key_id == ring.newest else ''}")
    for key_id, count in counts.items():
        click.echo(f"{key_id}  {count} values  MISSING from {ring.where}", err=True)
    if counts:
        sys.exit(1)


@keys.command(name="add")
def keys_add() -> None:
    """Add a new key that encrypts new values from now on; then run `vigil keys rotate`."""
    _django()
    from vigil.core.crypto import CryptoError
    from vigil.records.keys import key_file, keyring_add

    try:
        key_id = keyring_add()
    except CryptoError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"added key {key_id} to {key_file()}: run `vigil keys rotate`, then back the key file up")


@keys.command(name="rotate")
@click.option("--batch-size", default=500, show_default=True, type=click.IntRange(1, 100_000))
def keys_rotate(batch_size: int) -> None:
    """Re-encrypt every sensitive value under the newest key, one transaction per batch.

    Safe to interrupt and run again: it carries on with the values not yet moved.
    """
    _django()
    from vigil.core.crypto import CryptoError
    from vigil.records.rotation import values_rotate

    def progress(rotated: int, remaining: int) -> None:
        click.echo(f"re-encrypted {rotated}, {remaining} to go", nl=True)
        sys.stdout.flush()

    from vigil.audit.models import Action
    from vigil.audit.services import record_event

    try:
        rotated = values_rotate(batch_size=batch_size, after_batch=progress)
    except CryptoError as error:
        raise click.ClickException(str(error)) from None
    record_event(actor=None, action=Action.CHANGE, target=("field keys", None), fields={"values re-encrypted": rotated})
    click.echo(f"done: {rotated} values re-encrypted; every value is under the newest key")


@cli.command()
@click.option("--to", "to", required=True, type=click.Path(dir_okay=False, path_type=Path), help="New file to write.")
@click.option("--recipient", "recipients", multiple=True, help="An age public key (age1…) that may open it; repeat.")
@click.option("--passphrase-file", type=click.File("r"), help="Encrypt with the passphrase in this file instead.")
def backup(to: Path, recipients: tuple[str, ...], passphrase_file: Any) -> None:
    """Write an encrypted backup (age format) of the database, the field keys and the archived originals.

    Give --recipient (an age public key; keep its secret key away from this server) or a
    passphrase (--passphrase-file, else you are asked). Restore with `vigil restore`.
    """
    _django()
    from vigil.backup import BackupError, backup_write

    passphrase = None
    if not recipients:
        passphrase = _passphrase(passphrase_file, confirm=True)
    from vigil.audit.chain import AuditKeyError
    from vigil.audit.models import Action
    from vigil.audit.services import record_event

    try:
        written = backup_write(to=to, recipients=list(recipients), passphrase=passphrase)
    except BackupError as error:
        raise click.ClickException(str(error)) from None
    try:
        record_event(actor=None, action=Action.EXPORT, target=("backup", None), fields={"rows": written.rows})
    except AuditKeyError as error:  # the backup is written all the same: it is what saves the data
        click.echo(f"warning: the backup is not in the audit trail: {error}", err=True)
    click.echo(f"wrote {written.path}: {written.rows} rows, {written.files} originals, {written.size} bytes")


@cli.command()
@click.argument("source", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--identity", "identities", multiple=True, type=click.File("r"), help="An age identity file; repeat.")
@click.option("--passphrase-file", type=click.File("r"), help="The backup's passphrase, in a file.")
def restore(source: Path, identities: tuple[Any, ...], passphrase_file: Any) -> None:
    """Restore a backup made by `vigil backup` into this installation, which must be empty.

    Everything is decrypted and checked before anything is written: a wrong key or a damaged
    file changes nothing.
    """
    _django()
    from vigil.backup import BackupError, backup_restore

    texts = [identity.read() for identity in identities]
    passphrase = None
    if not texts:
        passphrase = _passphrase(passphrase_file, confirm=False)
    try:
        restored = backup_restore(source=source, identities=texts, passphrase=passphrase)
    except BackupError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"restored {restored.rows} rows and {restored.files} originals from {source}")


@cli.group()
def merge() -> None:
    """Merge two records of one person, organisation or act into one, list merges, undo one.

    The merged record is hidden and kept whole; what pointed at it now points at the kept record.
    Undoing a merge restores both as they were. Each merge and undo is in the audit trail.
    """


def _merge_command(kind: str) -> Any:
    def command(kept: int, merged: int) -> None:
        _django()
        from vigil.records.merging import MODELS, MergeError, merge_records

        model = MODELS[kind]
        try:
            done = merge_records(kept=model.objects.get(pk=kept), merged=model.objects.get(pk=merged), by=None)
        except model.DoesNotExist:
            raise click.ClickException(f"there is no {kind} #{kept} or #{merged}") from None
        except MergeError as error:
            raise click.ClickException(str(error)) from None
        moved = ", ".join(f"{name}: {len(ids)}" for name, ids in done.moved.items() if isinstance(ids, list) and ids)
        click.echo(f"merge #{done.pk}: {kind} #{merged} merged into #{kept}" + (f" ({moved})" if moved else ""))

    command.__doc__ = f"Merge {kind} MERGED into {kind} KEPT (ids as the workspace shows them)."
    return command


for _kind in ("person", "organisation", "act"):
    merge.command(name=_kind)(
        click.argument("kept", type=int)(click.argument("merged", type=int)(_merge_command(_kind)))
    )


@merge.command(name="undo")
@click.argument("merge_id", metavar="MERGE", type=int)
def merge_undo_command(merge_id: int) -> None:
    """Undo merge MERGE: the merged record is seen again, with all it had."""
    _django()
    from vigil.records.merging import MergeError, merge_undo
    from vigil.records.models import Merge

    try:
        done = merge_undo(merge=Merge.objects.get(pk=merge_id), by=None)
    except Merge.DoesNotExist:
        raise click.ClickException(f"there is no merge #{merge_id}") from None
    except MergeError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"merge #{done.pk} undone: {done.kind} #{done.merged_id} is apart from #{done.kept_id} again")


@merge.command(name="list")
@click.option("--kind", type=click.Choice(["person", "organisation", "act"]), help="Only merges of this kind.")
@click.option("--record", "record_id", type=int, help="Only merges into or of this record id.")
def merge_list(kind: str | None, record_id: int | None) -> None:
    """List the merges, newest first: id, kind, merged into kept, when, by whom, undone or not."""
    _django()
    from django.db.models import Q

    from vigil.records.models import Merge

    merges = Merge.objects.select_related("created_by", "undone_by")
    if kind:
        merges = merges.filter(kind=kind)
    if record_id is not None:
        merges = merges.filter(Q(kept_id=record_id) | Q(merged_id=record_id))
    for done in merges:
        by = done.created_by.get_username() if done.created_by else "command line"
        undone = f", undone {done.undone_at:%Y-%m-%d %H:%M}" if done.undone_at else ""
        when = f"{done.created_at:%Y-%m-%d %H:%M}"
        click.echo(f"#{done.pk}\t{done.kind} #{done.merged_id} into #{done.kept_id}\t{when} by {by}{undone}")


@cli.command(context_settings={"ignore_unknown_options": True, "help_option_names": []})
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
@click.pass_context
def manage(context: click.Context, args: tuple[str, ...]) -> None:
    """Run a Django management command (for operators): vigil manage COMMAND [ARGS]..."""
    _django()
    from django.core.management import execute_from_command_line

    if not args or args[0] in ("-h", "--help"):
        click.echo(context.get_help())
        args = ("help",)
    execute_from_command_line(["vigil manage", *args])


def _migrate(*, verbosity: int) -> int | None:
    """Apply the migrations; return the entries of the search index written again, or None.

    The index is written again when migrations of the records app were applied to records already there.
    """
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    upgraded = any(migration.app_label == "records" for migration, _ in plan)
    call_command("migrate", interactive=False, verbosity=verbosity)
    from vigil.records.models import SearchEntry
    from vigil.records.services import search_rebuild

    if upgraded and SearchEntry.objects.exists():
        return search_rebuild()
    return None


def _django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vigil.settings")
    import django

    django.setup()


def _passphrase(passphrase_file: Any, *, confirm: bool) -> str:
    if passphrase_file is not None:
        passphrase = passphrase_file.readline().rstrip("\n")
        if not passphrase:
            raise click.ClickException("the passphrase file is empty")
        return passphrase
    return str(click.prompt("Backup passphrase", hide_input=True, confirmation_prompt=confirm))


def _serve(host: str, port: int, threads: int) -> None:
    from django.conf import settings
    from waitress import serve as waitress_serve

    from vigil.wsgi import application

    click.echo(f"Vigil is serving at http://{host}:{port}/ (Ctrl-C stops it)")
    options: dict[str, Any] = {"host": host, "port": port, "threads": threads, "ident": "Vigil"}
    options["max_request_body_size"] = settings.MAX_REQUEST_BYTES  # a huge upload cannot fill the disk
    waitress_serve(application, **options)
