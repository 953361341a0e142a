"""Word custom properties written into, and read back from, a .docx package."""

from __future__ import annotations

import io
import zipfile

import docx

from lmhtx_cli.store.docx_parts import custom_properties, with_custom_properties


def _package() -> bytes:
    document = docx.Document()
    document.add_paragraph("Báo cáo")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_properties_are_added_once_and_replaced_not_repeated():
    first = with_custom_properties(_package(), {"lmhtx.commit": "abc", "note": 'a < b & "c"'})
    assert custom_properties(first) == {"lmhtx.commit": "abc", "note": 'a < b & "c"'}
    second = with_custom_properties(first, {"lmhtx.commit": "def"})
    assert custom_properties(second) == {"lmhtx.commit": "def"}
    package = zipfile.ZipFile(io.BytesIO(second))
    assert package.namelist().count("docProps/custom.xml") == 1
    assert package.read("[Content_Types].xml").count(b"/docProps/custom.xml") == 1
    assert package.read("_rels/.rels").count(b"docProps/custom.xml") == 1
    assert docx.Document(io.BytesIO(second)).paragraphs[0].text == "Báo cáo"  # still a Word file


def test_the_same_package_gives_the_same_bytes():
    package = _package()
    assert with_custom_properties(package, {"a": "1"}) == with_custom_properties(package, {"a": "1"})


def test_what_is_not_a_word_file_is_told_apart():
    assert custom_properties(b"PK not really a zip") is None
    assert custom_properties(b"# Markdown") is None
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "hi")
    assert custom_properties(buffer.getvalue()) is None
    assert custom_properties(_package()) == {}
