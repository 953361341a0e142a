"""render/templates.py: one template environment per run, each template compiled once."""

from __future__ import annotations

from lmhtx_cli.render import templates
from tests.site.conftest import AS_OF


def test_the_site_compiles_each_template_once(lmhtx, office, tmp_path, monkeypatch):
    import jinja2

    compiled: list[str] = []
    original = jinja2.Environment.compile

    def counting(self, source, name=None, filename=None, raw=False, defer_init=False):
        compiled.append(name)
        return original(self, source, name, filename, raw, defer_init)

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    templates._ENVIRONMENTS.clear()
    assert lmhtx("site", "--output", str(tmp_path / "site"), "--as-of", AS_OF, "--year", "2024", root=office).code == 0
    assert compiled and len(compiled) == len(set(compiled)), sorted(compiled)


def test_a_template_changed_between_two_renderings_is_compiled_again(tmp_path):
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "digest.md.j2").write_text("one {{ x }}\n", encoding="utf-8")
    templates._ENVIRONMENTS.clear()
    assert templates.render_template("digest.md.j2", {"x": 1}, tmp_path) == "one 1\n"
    (folder / "digest.md.j2").write_text("two {{ x }}\n", encoding="utf-8")
    assert templates.render_template("digest.md.j2", {"x": 2}, tmp_path) == "two 2\n"
