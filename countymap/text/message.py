"""The one bilingual message type: a key of the string table and its arguments.

A :class:`Message` is built where something is found (a validation check, a
setting, a reader) and rendered in the reader's language only when shown, so no
code keeps a Chinese and an English sentence side by side and no two message
types take them in different orders.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import PurePath
from types import MappingProxyType

from countymap.text.strings import STRINGS, t


class Message:
    """``Message(key, **args)``: the string ``key`` of :data:`~countymap.text.strings.STRINGS` with its arguments.

    An argument may itself be a :class:`Message`; it is rendered in the same
    language. The key is checked at once, so a typo fails where it is written.
    """

    __slots__ = ("args", "key")

    def __init__(self, key: str, **args: object):
        if key not in STRINGS:
            raise KeyError(f"no string {key!r} in countymap.text.strings.STRINGS")
        self.key = key
        self.args: Mapping[str, object] = MappingProxyType(dict(args))

    def text(self, lang: str = "zh", public: bool = False) -> str:
        """The message in ``lang`` (``"zh"`` or ``"en"``).

        ``public`` (a web page anyone may open) shows a path argument by its
        file name alone: the server's folders are nobody else's business.
        """
        rendered = {name: _argument(value, lang, public) for name, value in self.args.items()}
        return t(self.key, lang, **rendered)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Message) and (self.key, dict(self.args)) == (other.key, dict(other.args))

    def __hash__(self) -> int:
        return hash((self.key, tuple(sorted((k, repr(v)) for k, v in self.args.items()))))

    def __repr__(self) -> str:
        args = "".join(f", {name}={value!r}" for name, value in self.args.items())
        return f"Message({self.key!r}{args})"

    def __getstate__(self) -> tuple[str, dict[str, object]]:
        return self.key, dict(self.args)

    def __setstate__(self, state: tuple[str, dict[str, object]]) -> None:
        self.key, args = state
        self.args = MappingProxyType(args)


def _argument(value: object, lang: str, public: bool) -> object:
    if isinstance(value, Message):
        return value.text(lang, public)
    if isinstance(value, PurePath):
        return value.name if public else str(value)
    return value
