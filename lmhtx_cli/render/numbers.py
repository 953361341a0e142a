"""Numbers as the office writes them: percentages with a decimal comma."""

from __future__ import annotations


def percent(rate: float | None, lang: str) -> str:
    if rate is None:
        return "–"
    text = f"{rate * 100:.1f}".rstrip("0").rstrip(".")
    return (text.replace(".", ",") if lang == "vi" else text) + "%"
