"""What the language tests ask of a comment's reading."""

from centric.insights.text import DEFAULT_TAXONOMY, Taxonomy, analyze


def label(text: str) -> str:
    """The comment's sentiment label."""
    return analyze(text).label


def themes(text: str, taxonomy: Taxonomy = DEFAULT_TAXONOMY) -> set[str]:
    """The names of the themes found in the comment."""
    return {theme.name for theme in analyze(text, taxonomy=taxonomy).themes}
