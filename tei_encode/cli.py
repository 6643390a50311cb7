"""The command line: a thin click layer over the library."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from . import __version__


class _Group(click.Group):
    """Turns any unexpected exception into one line (``--debug`` shows the traceback)."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort, SystemExit):
            raise
        except KeyboardInterrupt:
            click.echo("tei-encode: interrupted", err=True)
            sys.exit(130)
        except Exception as exc:  # noqa: BLE001 - the user gets one line, not a traceback
            if ctx.obj and ctx.obj.get("debug"):
                raise
            click.echo(f"tei-encode: error: {type(exc).__name__}: {exc}", err=True)
            sys.exit(1)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="tei-encode")
@click.option("--debug", is_flag=True, help="Show a traceback on unexpected errors.")
@click.pass_context
def main(ctx, debug):
    """Encode plain-text FRUS documents as TEI P5, validate TEI, package deposits."""
    ctx.obj = {"debug": debug}


@main.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--out", "out_dir", required=True, type=click.Path(path_type=Path, file_okay=False),
              help="Folder for DIR/<stem>.xml, diffs and report.json.")
@click.option("--volume", metavar="ID", help="FRUS volume id, e.g. frus1951v07p2 (ids, reference targets).")
@click.option("--persons", metavar="FILE", type=click.Path(exists=True, dir_okay=False),
              help="Person authority to link to: TEI listPerson, FRUS list of persons, or CSV id,name,description.")
@click.option("--jobs", "-j", type=click.IntRange(1, 256), help="Worker processes (default: all cores).")
@click.option("--force", is_flag=True, help="Re-encode inputs that have not changed since the last run.")
@click.option("--no-validate", is_flag=True, help="Skip validating each output against the project profile.")
@click.option("--quiet", "-q", is_flag=True, help="Only failures and the summary line.")
def encode(inputs, out_dir, volume, persons, jobs, force, no_validate, quiet):
    """Encode INPUTS (.txt files and folders of them) as TEI P5 into --out.

    Exit 0 when every document was encoded and is valid, 1 when some failed (the rest are
    still written), 2 for usage errors."""
    from .batch import collect_inputs, run

    if persons:
        from .authority import load_authority
        try:
            load_authority(persons)
        except Exception as exc:  # noqa: BLE001 - any unreadable authority is a usage error
            raise click.BadParameter(f"{persons}: not a person authority ({exc})", param_hint="--persons")
    try:
        files = collect_inputs(inputs)
    except FileNotFoundError as exc:
        raise click.BadParameter(f"no such file or folder: {exc}", param_hint="INPUTS")
    if not files:
        raise click.BadParameter("no .txt files found", param_hint="INPUTS")
    stems = {}
    for f in files:
        if f.stem in stems:
            raise click.BadParameter(f"{stems[f.stem]} and {f} would both be written as {f.stem}.xml",
                                     param_hint="INPUTS")
        stems[f.stem] = f
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        probe = out_dir / ".tei-encode-write-test"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        click.echo(f"{out_dir}: cannot write output folder: {exc.strerror or exc}", err=True)
        sys.exit(1)
    tty = sys.stderr.isatty() and not quiet
    bar = None
    if tty and len(files) > 1:
        from rich.progress import Progress
        bar = Progress(transient=True)
        bar.start()
        task = bar.add_task("encoding", total=len(files))
        progress = lambda n: bar.advance(task, n)  # noqa: E731
    else:
        progress = None
    try:
        results = run(files, out_dir, volume=volume, persons=persons, jobs=jobs, force=force,
                      validate=not no_validate, progress=progress)
    finally:
        if bar:
            bar.stop()
    failed = 0
    totals = {"footnotes": 0, "page_breaks": 0, "refs": 0, "refs_untagged": 0, "persons": 0}
    nwarn = 0
    changed = []
    for o in results:
        if o.status == "failed":
            failed += 1
            click.echo(f"{o.path}: {o.message}", err=True)
            continue
        if o.message:
            failed += 1
            click.echo(f"{o.path}: {o.message}", err=True)
        if o.valid is False:
            failed += 1
            first = o.errors[0] if o.errors else {}
            click.echo(f"{o.path}: not valid against the profile: {first.get('message', '')}", err=True)
        for k in totals:
            totals[k] += o.counts.get(k, 0)
        nwarn += len(o.warnings)
        if o.changed:
            changed.append(o.stem)
        if not quiet:
            for w in o.warnings:
                click.echo(f"{o.path}: warning: {w}", err=True)
    done = sum(1 for o in results if o.status != "failed")
    skipped = sum(1 for o in results if o.status == "unchanged")
    click.echo(f"{done} of {len(results)} documents encoded into {out_dir}"
               + (f" ({skipped} unchanged, skipped)" if skipped else "")
               + f": {totals['footnotes']} footnotes, {totals['page_breaks']} page breaks, "
               f"{totals['refs']} references ({totals['refs_untagged']} citations left untagged: target "
               f"unknown), {totals['persons']} person names, {nwarn} warnings"
               + (f", {failed} failed" if failed else ""))
    if changed:
        more = f" and {len(changed) - 10} more" if len(changed) > 10 else ""
        click.echo(f"changed since the last run ({len(changed)}; see DIR/<stem>.xml.diff): "
                   + ", ".join(changed[:10]) + more)
    sys.exit(1 if failed else 0)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--schema", default="profile", show_default=True, metavar="NAME|FILE",
              help="profile (the project's own), tei_all, tei_all.rng, tei_all.xsd, or a .rng/.xsd/.sch file.")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "junit"]), default="text", show_default=True)
@click.option("--jobs", "-j", type=click.IntRange(1, 256), help="Worker processes (default: all cores).")
def validate(paths, schema, fmt, jobs):
    """Validate TEI files (folders: their *.xml) against a schema.

    Messages read as jing's (file:line:column: error: message).  Exit 0 when all are
    valid, 1 when some are not, 2 for usage errors."""
    from .validate import embedded_note, format_json, format_junit, format_text, schema_for, validate_files

    files = []
    for p in paths:
        if p.is_dir():
            files.extend(sorted(x for x in p.glob("*.xml") if x.is_file()))
        elif p.exists():
            files.append(p)
        else:
            raise click.BadParameter(f"no such file or folder: {p}", param_hint="PATHS")
    try:
        s = schema_for(schema)
    except (FileNotFoundError, ValueError) as exc:
        raise click.BadParameter(str(exc), param_hint="--schema")
    results = validate_files(files, schema, jobs=jobs)
    if fmt == "json":
        click.echo(format_json(results, schema))
    elif fmt == "junit":
        click.echo(format_junit(results, schema), nl=False)
    else:
        text = format_text(results)
        if text:
            click.echo(text)
        if s.schematron:
            click.echo(f"(Schematron rules of {Path(s.schematron).name} checked too)", err=True)
        note = embedded_note(schema)
        if note:
            click.echo(f"(Schematron embedded in {s.path.rsplit('/', 1)[-1]}: {note['embedded_patterns_run']} patterns "
                       f"run, as warnings; {note['embedded_patterns_not_run_xpath2']} need XPath 2 and were not run)",
                       err=True)
    sys.exit(0 if all(r.valid for r in results) else 1)


@main.command()
@click.argument("out_dir", metavar="DIR", required=False, type=click.Path(path_type=Path, file_okay=False))
@click.option("--bag", "bag_dir", type=click.Path(path_type=Path), help="Where to write the BagIt bag.")
@click.option("--info", multiple=True, metavar="KEY=VALUE",
              help="A bag-info field, e.g. --info Source-Organization='Office of the Historian'.")
@click.option("--verify", "verify_bag", type=click.Path(path_type=Path, exists=True, file_okay=False),
              help="Check an existing bag instead: completeness and every checksum.")
def package(out_dir, bag_dir, info, verify_bag):
    """Package an encode output folder DIR as a BagIt bag (or --verify one).

    The payload holds the TEI, the diffs, the plain-text sources and report.json, with
    sha256 and sha512 manifests; the bag is validated before it is put in place."""
    from .package import PackageError, make_package, verify

    if verify_bag:
        problems = verify(verify_bag)
        for p in problems:
            click.echo(f"{verify_bag}: {p}", err=True)
        if not problems:
            click.echo(f"{verify_bag}: valid bag")
        sys.exit(1 if problems else 0)
    if out_dir is None or bag_dir is None:
        raise click.UsageError("give DIR and --bag BAG (or --verify BAG)")
    fields = {}
    for item in info:
        key, sep, value = item.partition("=")
        if not sep or not key.strip():
            raise click.BadParameter(f"expected KEY=VALUE, got {item!r}", param_hint="--info")
        fields[key.strip()] = value.strip()
    try:
        made = make_package(out_dir, bag_dir, fields)
    except PackageError as exc:
        click.echo(f"tei-encode: {exc}", err=True)
        sys.exit(1)
    click.echo(f"{made}: bag written and validated")


@main.group()
def schemas():
    """TEI P5's schemas: where they are found, and fetching them into the user cache."""


@schemas.command("fetch")
@click.option("--from", "source", metavar="DIR|URL", help="A folder or base URL holding tei_all.rng/.xsd (default: the TEI Vault).")
def schemas_fetch(source):
    """Install TEI P5's tei_all (RNG and XSD), checked against pinned sha256 sums."""
    from .grammar import TEI_VERSION, FetchError, fetch

    try:
        for p in fetch(source):
            click.echo(f"{p}: TEI P5 {TEI_VERSION}, checksum verified")
    except FetchError as exc:
        click.echo(f"tei-encode: {exc}", err=True)
        sys.exit(1)


@schemas.command("list")
def schemas_list():
    """Show which schemas --schema names resolve to."""
    from .grammar import resolve

    for name in ("profile", "tei_all.rng", "tei_all.xsd"):
        try:
            click.echo(f"{name}: {resolve(name)}")
        except FileNotFoundError as exc:
            click.echo(f"{name}: not found ({exc})")


def run_main():  # console-script entry point
    main(prog_name="tei-encode")
