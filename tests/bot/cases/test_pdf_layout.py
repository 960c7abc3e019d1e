"""Breaking text into lines: every line fits, no word is lost or changed, long words split."""

from hypothesis import given
from hypothesis import strategies as st

from bot.cases.pdf_layout import wrap


def measure(text: str) -> float:
    return sum(2.0 if char.isupper() else 1.0 for char in text)


@given(st.text(alphabet=st.sampled_from("aB ŵŷŁ→\n"), max_size=300),
       st.integers(min_value=2, max_value=40))
def test_every_line_fits_and_the_words_are_kept(text: str, width: int) -> None:
    lines = wrap(text, width, measure)
    assert all(measure(line) <= width for line in lines)
    assert "".join("".join(lines).split()) == "".join(text.split())
    assert len(lines) >= text.count("\n") + 1


def test_a_word_longer_than_the_line_is_split_between_characters() -> None:
    assert wrap("ab " + "x" * 25, 10, measure) == ["ab", "x" * 10, "x" * 10, "x" * 5]
