"""Block.numbered is dataclasses.replace of the index and `follows`: every
other field of the block is carried over."""

from dataclasses import fields, replace

from extract.blocks.columns import Column
from extract.blocks.model import Block
from extract.blocks.paragraphs import Paragraph, Piece


def test_numbered_carries_every_field() -> None:
    paragraph = Paragraph("Text.", (Piece(0, 5, 2, 7, 7),), 4, "1.2")
    block = Block(
        "table",
        0,
        (4, 5, 6),
        2,
        7,
        9,
        header=4,
        columns=(Column(1, "Q1", "value", "Q1", "actual"),),
        follows=3,
        paragraph=paragraph,
        reading_order=True,
    )
    # Each field differs from its default, so a field left behind would show.
    assert all(getattr(block, f.name) != f.default for f in fields(Block))
    assert block.numbered(5, 1) == replace(block, index=5, follows=1)
    assert block.numbered(5, None) == replace(block, index=5, follows=None)
