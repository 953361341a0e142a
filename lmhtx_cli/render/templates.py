"""Jinja2 templates, rendered in Jinja2's sandbox: a template from a data folder or --template can
shape the text, never run code, read files or grow the output without bound."""

from __future__ import annotations

import json
from pathlib import Path

from lmhtx_cli.errors import UserError
from lmhtx_cli.store.templates import builtin_templates, read_template, template_folders

MAX_OUTPUT_CHARS = 5_000_000


def _environment(folders: list[Path], html: bool = False):
    import jinja2
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    def load(name: str):
        found = read_template(folders, name)
        if found is None:
            return None
        text, filename = found
        return text, filename, lambda: True

    env = ImmutableSandboxedEnvironment(
        loader=jinja2.FunctionLoader(load),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=html,  # HTML pages (the site) escape every value; text and Markdown do not
    )
    env.filters["md"] = escape_markdown
    env.filters["cell"] = lambda text: escape_markdown(str(text)).replace("|", "\\|")
    env.filters["yaml"] = lambda text: json.dumps(str(text), ensure_ascii=False)  # a YAML double-quoted scalar
    return env


def escape_markdown(text: object) -> str:
    value = str(text)
    for ch in ("\\", "*", "_", "`", "[", "]", "<", ">"):
        value = value.replace(ch, "\\" + ch)
    return value


def render_template(name: str, context: dict, data_root: Path | None, template_file: str | None = None, packaged: str | None = None, html: bool = False) -> str:
    """The template's text with `context`; every template error is a UserError at template:line.
    `packaged` names a folder of the tool's own templates (office, site) to take `name` from."""
    import jinja2
    from jinja2.sandbox import SecurityError

    folders = [builtin_templates() / packaged] if packaged else template_folders(data_root, template_file)
    wanted = Path(template_file).name if template_file else name
    shown = template_file or name
    try:
        template = _environment(folders, html).get_template(wanted)
        pieces, size = [], 0
        for piece in template.generate(**context):
            size += len(piece)
            if size > MAX_OUTPUT_CHARS:
                raise UserError(f"the template writes more than {MAX_OUTPUT_CHARS:,} characters; stopped", shown)
            pieces.append(piece)
        return "".join(pieces)
    except jinja2.TemplateSyntaxError as exc:
        raise UserError(f"template error: {exc.message}", exc.filename or shown, exc.lineno) from None
    except jinja2.UndefinedError as exc:
        raise UserError(f"template uses an unknown value: {exc.message}", shown, _line_of(exc)) from None
    except SecurityError as exc:
        raise UserError(f"the template tried something templates may not do: {exc}", shown, _line_of(exc)) from None
    except jinja2.TemplateNotFound:
        raise UserError(f"no template {wanted}", shown) from None
    except (TypeError, ValueError, AttributeError, KeyError, IndexError, ZeroDivisionError, OverflowError, RecursionError) as exc:
        raise UserError(f"template error: {type(exc).__name__}: {exc}", shown, _line_of(exc)) from None


def _line_of(exc: BaseException) -> int | None:
    """The template line where a render error happened (Jinja2 marks template frames)."""
    tb = exc.__traceback__
    line = None
    while tb is not None:
        if tb.tb_frame.f_globals.get("__jinja_template__") is not None:
            line = tb.tb_frame.f_globals["__jinja_template__"].get_corresponding_lineno(tb.tb_lineno)
        tb = tb.tb_next
    return line
