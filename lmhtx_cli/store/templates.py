"""Finding and reading report templates: --template FILE, else the data folder's templates/,
else the tool's own. Read as bounded text; what they may do is decided by the renderer's sandbox."""

from __future__ import annotations

from pathlib import Path

from lmhtx_cli.errors import UserError
from lmhtx_cli.i18n import _
from lmhtx_cli.store.inputs import read_input

MAX_TEMPLATE_BYTES = 256 * 1024


def builtin_templates() -> Path:
    """The tool's own templates: inside the installed package, or templates/ of a source checkout."""
    package = Path(__file__).resolve().parents[1]
    installed = package / "templates"
    return installed if installed.is_dir() else package.parent / "templates"


def template_folders(data_root: Path | None, template_file: str | None) -> list[Path]:
    """Where templates are looked for, first match wins."""
    folders = []
    if template_file:
        path = Path(template_file)
        if not path.is_file():
            raise UserError(_("no template file {file}").format(file=template_file))
        folders.append(path.parent)
    elif data_root is not None and (data_root / "templates").is_dir():
        folders.append(data_root / "templates")
    return folders + [builtin_templates()]


def read_template(folders: list[Path], name: str) -> tuple[str, str] | None:
    """(text, file name) of the first `name` in `folders`; None when there is none."""
    if "/" in name or "\\" in name or name.startswith("."):
        return None  # templates name files beside them, never a path out of their folder
    for folder in folders:
        path = folder / name
        if path.is_file():
            raw = read_input(path, MAX_TEMPLATE_BYTES)
            try:
                return raw.decode("utf-8-sig"), str(path)
            except UnicodeDecodeError:
                raise UserError(_("the template is not UTF-8"), str(path)) from None
    return None
