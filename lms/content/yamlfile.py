"""YAML that remembers line numbers, so every problem can be reported as path:line; and that
refuses what no course file needs but an attacker could use (aliases, huge or deep input)."""
import reprlib
from pathlib import Path

import yaml

# A course file is a few kilobytes: these bounds are far above any real one.
MAX_YAML_CHARS = 100_000
MAX_DEPTH = 40
MAX_INT_DIGITS = 18


class LineDict(dict):
    """A mapping that knows the line (1-based) of each key, and of itself."""

    line: int = 1
    key_lines: dict


class _Refused(yaml.MarkedYAMLError):
    pass


class _LineLoader(yaml.SafeLoader):
    depth = 0

    def compose_node(self, parent, index):
        # Aliases let 400 bytes stand for gigabytes once anything walks the tree ("billion
        # laughs"); course files never need them, so refuse them where they appear.
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            raise _Refused(problem="YAML anchors and aliases (&name, *name) are not allowed in "
                                   "course files", problem_mark=event.start_mark)
        if self.depth >= MAX_DEPTH:  # the composer recurses: stop long before Python's limit
            raise _Refused(problem=f"nested more than {MAX_DEPTH} levels deep",
                           problem_mark=event.start_mark)
        self.depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1

    def construct_yaml_int(self, node):
        digits = node.value.lstrip("+-").replace("_", "")
        if len(digits) > MAX_INT_DIGITS:
            raise _Refused(problem=f"a number with more than {MAX_INT_DIGITS} digits",
                           problem_mark=node.start_mark)
        return super().construct_yaml_int(node)

    def construct_yaml_timestamp(self, node):
        # `reviewed: 2026-13-45` looks like a date to YAML, then fails as one: keep the text,
        # so the field's own check says what is wrong, on its line.
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError:
            return node.value

    def construct_mapping(self, node, deep=False):
        mapping = LineDict(super().construct_mapping(node, deep=deep))
        mapping.line = node.start_mark.line + 1
        mapping.key_lines = {key.value: key.start_mark.line + 1 for key, _ in node.value}
        return mapping


_LineLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _LineLoader.construct_mapping
)
_LineLoader.add_constructor("tag:yaml.org,2002:int", _LineLoader.construct_yaml_int)
_LineLoader.add_constructor("tag:yaml.org,2002:timestamp", _LineLoader.construct_yaml_timestamp)


class ContentError(Exception):
    """A problem in a content file, with where it is."""

    MAX_MESSAGE = 300  # a message quoting a value must not grow with it

    def __init__(self, path: Path | str, line: int, message: str):
        if len(message) > self.MAX_MESSAGE:
            message = message[:self.MAX_MESSAGE - 1] + "…"
        super().__init__(f"{path}:{line}: {message}")
        self.path, self.line, self.message = str(path), line, message


class _ShortRepr(reprlib.Repr):
    repr_LineDict = reprlib.Repr.repr_dict  # else reprlib falls back to the unbounded repr()

    def __init__(self):
        super().__init__()
        self.maxlevel, self.maxlist, self.maxdict = 2, 4, 4
        self.maxstring, self.maxother, self.maxlong = 60, 60, 20


_short = _ShortRepr()


def shown(value) -> str:
    """An untrusted value as a problem message may quote it: short, whatever its size."""
    return _short.repr(value)


def parse_yaml(text: str, path: Path | str, first_line: int = 1):
    """Parse YAML text whose first line is first_line of path; raise ContentError on bad syntax."""
    if len(text) > MAX_YAML_CHARS:
        raise ContentError(path, first_line, f"the YAML is too large ({len(text)} characters; "
                                             f"the limit is {MAX_YAML_CHARS})")
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
