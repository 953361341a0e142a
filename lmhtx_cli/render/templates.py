"""Jinja2 templates: --template FILE, else the data folder's templates/, else the tool's own."""

from __future__ import annotations

from pathlib import Path

from lmhtx_cli.errors import UserError


def _environment(search: list[str]):
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(search + [str(builtin_templates())]),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        autoescape=False,
    )
    env.filters["md"] = escape_markdown
    env.filters["cell"] = lambda text: escape_markdown(str(text)).replace("|", "\\|")
    return env


def builtin_templates() -> Path:
    """The tool's own templates: inside the installed package, or templates/ of a source checkout."""
    package = Path(__file__).resolve().parents[1]
    installed = package / "templates"
    return installed if installed.is_dir() else package.parent / "templates"


def escape_markdown(text: object) -> str:
    value = str(text)
    for ch in ("\\", "*", "_", "`", "[", "]", "<", ">"):
        value = value.replace(ch, "\\" + ch)
    return value


def render_template(name: str, context: dict, data_root: Path | None, template_file: str | None = None) -> str:
    import jinja2

    try:
        if template_file:
            path = Path(template_file)
            if not path.is_file():
                raise UserError(f"no template file {template_file}")
            env = _environment([str(path.parent)])
            template = env.get_template(path.name)
        else:
            search = [str(data_root / "templates")] if data_root is not None and (data_root / "templates").is_dir() else []
            template = _environment(search).get_template(name)
        return template.render(**context)
    except jinja2.TemplateSyntaxError as exc:
        raise UserError(f"template error: {exc.message}", exc.filename or name, exc.lineno) from None
    except jinja2.UndefinedError as exc:
        raise UserError(f"template uses an unknown value: {exc.message}", template_file or name) from None
