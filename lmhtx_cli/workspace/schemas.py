"""JSON Schemas of the data files, from the pydantic models, for editors that check while typing."""

from __future__ import annotations

import json

from lmhtx_cli.members.model import AreasFile, ClubsFile, FeesFile, MeetingsFile, MembersFile, PetitionsFile
from lmhtx_cli.plan.model import MonthFile, PlanFile
from lmhtx_cli.settings import Settings

SCHEMAS = {
    "plan.schema.json": PlanFile,
    "month.schema.json": MonthFile,
    "areas.schema.json": AreasFile,
    "clubs.schema.json": ClubsFile,
    "members.schema.json": MembersFile,
    "fees.schema.json": FeesFile,
    "meetings.schema.json": MeetingsFile,
    "petitions.schema.json": PetitionsFile,
    "settings.schema.json": Settings,
}


def schema_texts() -> dict[str, str]:
    texts = {}
    for name, model in SCHEMAS.items():
        schema = model.model_json_schema(by_alias=True)
        _close_objects(schema)
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["$id"] = f"lmhtx/{name}"
        texts[name] = json.dumps(schema, ensure_ascii=False, indent=2) + "\n"
    return texts


def _close_objects(node: object) -> None:
    """Editors flag a misspelt key as you type; `lmhtx validate` reports it as a warning."""
    if isinstance(node, dict):
        if node.get("type") == "object" and "properties" in node:
            node["additionalProperties"] = False
        for value in node.values():
            _close_objects(value)
    elif isinstance(node, list):
        for value in node:
            _close_objects(value)


def write_schemas(root, folder, texts: dict[str, str], given: bool) -> list:
    """Write the schemas into `folder` (schema/ of the data folder unless --output `given`), each
    target checked before any is written: no link, no `.git`, no other data folder of the tool."""
    from lmhtx_cli.store.targets import checked_target, output_target
    from lmhtx_cli.store.writeback import write_target, write_text_atomically

    paths = [folder / name for name in texts]
    if given:  # every folder on the way, and never plans/, members/, templates/ …
        output_target(root, paths[0], "--output", allowed=("schema",))
    else:
        checked_target(root, folder, "schema/", folder=True)
    for path in paths:
        write_target(path, str(path), root)
    for path, text in zip(paths, texts.values()):
        write_text_atomically(path, text, root)
    return paths
