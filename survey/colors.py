"""One colour per group, the same on every page and in every export."""

PRIMARY = "#1f5f8b"  # the whole selection
POPULATION = "#9aa5b1"  # the population beside the sample
PALETTE = ("#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#b07aa1", "#edc948", "#9c755f",
           "#ff9da7", "#bab0ac", "#86bcb6", "#d37295")


def group_color(position: int) -> str:
    """PRIMARY for the whole selection (position 0), else fixed by the group's position in the codebook, so
    "Kvinne" is the same orange wherever gender splits a chart."""
    return PRIMARY if position == 0 else PALETTE[(position - 1) % len(PALETTE)]
