"""YAML that remembers line numbers, so every problem can be reported as path:line."""
from pathlib import Path

import yaml


class LineDict(dict):
    """A mapping that knows the line (1-based) of each key, and of itself."""

    line: int = 1
    key_lines: dict


class _LineLoader(yaml.SafeLoader):
    def construct_mapping(self, node, deep=False):
        mapping = LineDict(super().construct_mapping(node, deep=deep))
        mapping.line = node.start_mark.line + 1
        mapping.key_lines = {key.value: key.start_mark.line + 1 for key, _ in node.value}
        return mapping


_LineLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _LineLoader.construct_mapping
)


class ContentError(Exception):
    """A problem in a content file, with where it is."""

    def __init__(self, path: Path | str, line: int, message: str):
        super().__init__(f"{path}:{line}: {message}")
        self.path, self.line, self.message = str(path), line, message


def parse_yaml(text: str, path: Path | str, first_line: int = 1):
    """Parse YAML text whose first line is first_line of path; raise ContentError on bad syntax."""
    try:
        data = yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = (mark.line + first_line) if mark else first_line
        raise ContentError(path, line, f"invalid YAML: {error.problem or error}") from None
    except yaml.YAMLError as error:
        raise ContentError(path, first_line, f"invalid YAML: {error}") from None
    if isinstance(data, LineDict) and first_line != 1:
        _shift(data, first_line - 1)
    return data


def _shift(value, offset: int) -> None:
    if isinstance(value, LineDict):
        value.line += offset
        value.key_lines = {k: v + offset for k, v in value.key_lines.items()}
        for item in value.values():
            _shift(item, offset)
    elif isinstance(value, list):
        for item in value:
            _shift(item, offset)
