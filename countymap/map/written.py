"""A whole table's features written for the page: what every language shares once, each language's words beside.

A feature of the page is ``{"id": ..., "properties": {...}, "geometry": {...}}``
(see :func:`countymap.map.compact_geojson.compact_feature`). Its id, codes and
geometry are the same in every language; only its words (name, years,
townships, amount, size, summary, the townships of each point: :data:`WORD_KEYS`) are not. So a feature is
written in three pieces: a *head* (id and codes) and a *tail* (geometry),
kept once per datum in :class:`Shapes`, and its *words*, kept once per
language in :class:`Words` (they do not depend on the datum). A page is the
three pieces of each chosen feature put together again in one byte array
(:meth:`WrittenLayer.page`): the same text as the feature written whole, with
the words after the codes.

Both are kept as one UTF-8 buffer per layer, not one string per feature: a
string costs its header and, once it holds one Chinese character, two bytes
for every character.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from countymap.text.escape import script_json

# The properties written in the reader's language (see countymap.map.items.PROPERTY_KEYS); every other is a code.
WORD_KEYS = frozenset({"n", "y", "t", "i", "q", "su", "pa"})


@dataclass(frozen=True)
class Shapes:
    """One layer's features without their words: id and codes (head), geometry (tail), for every language."""

    rows: np.ndarray  # the features' row positions in the table
    text: np.ndarray  # uint8: each feature's head then its tail (which ends with the comma between features)
    heads: np.ndarray  # bytes of each feature's head
    lengths: np.ndarray  # bytes of each feature's head and tail


@dataclass(frozen=True)
class Words:
    """One layer's features' words in one language, in the order of its :class:`Shapes`."""

    rows: np.ndarray  # the same row positions as its Shapes' (checked when they are put together)
    text: np.ndarray  # uint8: each feature's words and the properties' closing brace
    lengths: np.ndarray  # bytes of each feature's words


@dataclass(frozen=True)
class WrittenLayer:
    """One category's features of a whole table written for the page in one language and datum."""

    shapes: Shapes
    words: Words

    def __post_init__(self):
        if not np.array_equal(self.shapes.rows, self.words.rows):
            raise ValueError("the words were written for other features than the shapes")

    @property
    def rows(self) -> np.ndarray:
        """The features' row positions in the table."""
        return self.shapes.rows

    def page(self, chosen: np.ndarray) -> str:
        """The features ``chosen`` (a boolean mask over this layer's features) as one JS array literal.

        Each chosen feature's head, words and tail, assembled in one byte array
        and decoded from it: no intermediate strings.
        """
        picked = np.flatnonzero(chosen)
        heads = self.shapes.heads[picked]
        pieces = np.stack([heads, self.words.lengths[picked], self.shapes.lengths[picked] - heads], axis=1).ravel()
        is_word = np.repeat(np.tile(np.array([False, True, False]), len(picked)), pieces)
        out = np.empty(len(is_word) + 1, dtype=np.uint8)
        body = out[1:]
        body[~is_word] = self.shapes.text[np.repeat(chosen, self.shapes.lengths)]
        body[is_word] = self.words.text[np.repeat(chosen, self.words.lengths)]
        out[0], out[-1] = ord("["), ord("]")  # in place of the last feature's comma
        return str(memoryview(out), "utf-8")


def feature_pieces(feature: dict, shared: dict) -> tuple[str, str, str]:
    """A project feature's head, words and tail (see the module docstring); ``shared`` properties left out.

    Put together they are the feature as
    :func:`countymap.map.compact_geojson.compact_feature` writes it, its
    codes before its words, and a comma.
    """
    props = {k: v for k, v in feature["properties"].items() if k != "id" and k not in shared}
    codes = script_json({k: v for k, v in props.items() if k not in WORD_KEYS})
    words = script_json({k: v for k, v in props.items() if k in WORD_KEYS})
    if len(words) == 2:  # every item has a name: the words are never empty, so no comma is left dangling
        raise ValueError(f"item {feature['id']!r} has no words to write")
    head = '{"id": ' + script_json(feature["id"]) + ', "properties":' + codes[:-1] + ("," if len(codes) > 2 else "")
    return head, words[1:], ',"geometry":' + script_json(feature["geometry"]) + "},"


class _Buffer:
    """One layer's pieces as they are written: row positions, bytes, lengths (and heads' lengths)."""

    def __init__(self):
        self.rows, self.heads, self.lengths, self.text = array("q"), array("q"), array("q"), bytearray()

    def add(self, row: int, *pieces: str) -> None:
        encoded = [piece.encode() for piece in pieces]
        self.rows.append(row)
        self.heads.append(len(encoded[0]))
        self.lengths.append(sum(len(piece) for piece in encoded))
        for piece in encoded:
            self.text += piece

    def arrays(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Rows, text (read-only, sharing the buffer: shared by sessions), heads and lengths."""
        text = np.frombuffer(memoryview(self.text).toreadonly(), dtype=np.uint8)
        rows, heads, lengths = (np.array(a, dtype=np.int64) for a in (self.rows, self.heads, self.lengths))
        return rows, heads, lengths, text


def write_pieces(
    features: Iterable[tuple[str, int, dict, dict]], with_shapes: bool
) -> tuple[dict[str, Shapes], dict[str, Words]]:
    """Per layer (category code, in the order first met): its :class:`Shapes` (only ``with_shapes``) and its :class:`Words`.

    ``features`` yields ``(category code, row position, feature, shared
    properties)`` one at a time; each is written into its layer's buffers and dropped.
    """
    shapes: dict[str, _Buffer] = {}
    words: dict[str, _Buffer] = {}
    for code, row, feature, shared in features:
        head, word, tail = feature_pieces(feature, shared)
        if code not in words:
            shapes[code], words[code] = _Buffer(), _Buffer()
        if with_shapes:
            shapes[code].add(row, head, tail)
        words[code].add(row, word)
    written_words = {}
    for code, buffer in words.items():
        rows, _, lengths, text = buffer.arrays()
        written_words[code] = Words(rows=rows, text=text, lengths=lengths)
    written_shapes = {}
    for code, buffer in shapes.items() if with_shapes else ():
        rows, heads, lengths, text = buffer.arrays()
        written_shapes[code] = Shapes(rows=rows, text=text, heads=heads, lengths=lengths)
    return written_shapes, written_words
