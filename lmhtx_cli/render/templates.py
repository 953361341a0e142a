"""Jinja2 templates, rendered in Jinja2's sandbox: a template from a data folder or --template can
shape the text, never run code, read files or grow the output without bound."""

from __future__ import annotations

import json
from pathlib import Path

from lmhtx_cli.errors import UserError
from lmhtx_cli.i18n import _
from lmhtx_cli.store.templates import builtin_templates, read_template, template_folders

_ENVIRONMENTS: dict[tuple, object] = {}


def _environment(folders: list[Path], html: bool = False, markdown: bool = False):
    """One environment per template folders and escaping for the whole run, so that a template
    is compiled once however many pages use it (the site renders about 25)."""
    key = (tuple(folders), html, markdown)
    if key not in _ENVIRONMENTS:
        _ENVIRONMENTS[key] = _new_environment(folders, html, markdown)
    return _ENVIRONMENTS[key]


def _new_environment(folders: list[Path], html: bool = False, markdown: bool = False):
    import jinja2

    from lmhtx_cli.render.escape import html_finalize, md_code, md_finalize, md_text
    from lmhtx_cli.render.sandbox import BoundedSandbox

    def load(name: str):
        found = read_template(folders, name)
        if found is None:
            return None
        text, filename = found
        return text, filename, lambda: read_template(folders, name) == found  # compiled again only when its text changed

    env = BoundedSandbox(
        loader=jinja2.FunctionLoader(load),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=html,  # HTML pages (the site) escape every value, and so does Markdown (finalize)
        finalize=html_finalize if html else md_finalize if markdown else None,  # every value through render/escape.py
    )
    env.filters["md"] = md_text  # kept for templates that name it: every value is escaped anyway
    env.filters["cell"] = md_text
    env.filters["code"] = md_code
    env.filters["yaml"] = lambda text: json.dumps(str(text), ensure_ascii=False)  # a YAML double-quoted scalar
    return env


def render_template(name: str, context: dict, data_root: Path | None, template_file: str | None = None, packaged: str | None = None, html: bool = False) -> str:
    """The template's text with `context`. Whatever goes wrong in a template (its syntax, an
    unknown value, something the sandbox refuses, output without bound) is a problem of that
    file, `template:line: message`, exit 1. `packaged` names a folder of the tool's own templates
    (office, site) to take `name` from. The report and digest templates (not packaged: the data
    folder's, --template's or the tool's own) are Markdown: every `{{ … }}` in them is escaped by
    render/escape.md_text unless it is already Markdown (`| code`), whether or not the template
    asks for it."""
    import jinja2
    from jinja2.sandbox import SecurityError

    folders = [builtin_templates() / packaged] if packaged else template_folders(data_root, template_file)
    wanted = Path(template_file).name if template_file else name
    shown = template_file or name
    from lmhtx_cli.render.sandbox import MAX_OUTPUT_CHARS, bounded_rendering

    try:
        environment = _environment(folders, html, markdown=packaged is None and not html)
        template = environment.get_template(wanted)
        shown = _shown(template.filename, data_root, template_file) or shown
        pieces, size = [], 0
        with bounded_rendering(environment.budget):
            for piece in template.generate(**context):
                size += len(piece)
                if size > MAX_OUTPUT_CHARS:
                    raise _problem(shown, None, _("the template writes more than {count:,} characters; stopped").format(count=MAX_OUTPUT_CHARS))
                pieces.append(piece)
        return "".join(pieces)
    except jinja2.TemplateSyntaxError as exc:
        raise _problem(_shown(exc.filename, data_root, template_file) or shown, exc.lineno, _("template error: {message}").format(message=exc.message)) from None
    except jinja2.UndefinedError as exc:
        raise _problem(shown, _line_of(exc), _("template uses an unknown value: {message}").format(message=exc.message)) from None
    except SecurityError as exc:
        raise _problem(shown, _line_of(exc), _("the template tried something templates may not do: {reason}").format(reason=exc)) from None
    except jinja2.TemplateNotFound as exc:
        if exc.name != wanted:  # an include, import or extends of the template
            raise _problem(shown, _line_of(exc), _("no template {name}: a template includes only templates beside it").format(name=exc.name)) from None
        raise UserError(_("no template {name}").format(name=wanted), shown) from None
    except (TypeError, ValueError, AttributeError, KeyError, IndexError, ZeroDivisionError, OverflowError, RecursionError, MemoryError) as exc:
        raise _problem(shown, _line_of(exc), _("template error: {kind}: {reason}").format(kind=type(exc).__name__, reason=exc)) from None


def _shown(filename: str | None, data_root: Path | None, template_file: str | None) -> str | None:
    """A template's file as the user knows it: as given with --template, else from the data folder
    (templates/digest.md.j2), else its path."""
    if not filename:
        return None
    if template_file:
        return template_file
    if data_root is not None:
        try:
            return Path(filename).relative_to(data_root).as_posix()  # found as data_root/templates/…
        except (ValueError, OSError):
            pass
    return filename


def _problem(shown: str, line: int | None, message: str):
    from lmhtx_cli.errors import DataError, Problem

    return DataError([Problem(shown, line or 1, 1, "error", "template", message)])


def _line_of(exc: BaseException) -> int | None:
    """The template line where a render error happened: Jinja2 rewrites the traceback so that a
    template's frames carry its file name and line (else they are marked as template frames)."""
    tb = exc.__traceback__
    line = None
    while tb is not None:
        frame = tb.tb_frame
        if frame.f_globals.get("__jinja_template__") is not None:
            line = frame.f_globals["__jinja_template__"].get_corresponding_lineno(tb.tb_lineno)
        elif frame.f_globals.get("__jinja_exception__") is not None or frame.f_code.co_filename.endswith(".j2"):
            line = tb.tb_lineno
        tb = tb.tb_next
    return line
