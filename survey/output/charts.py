"""Chart functions: a result frame in, an Altair chart out. Pure: no Streamlit, no queries.

Every share chart has a percent axis from 0 to 100, the share written at the end of each bar, and the base
and n in the tooltip. The colour of each group comes with the frame (survey.base.colors), so a group has one
colour on every page and in every export.
"""
from __future__ import annotations

import json
import math
import textwrap

import altair as alt
import pandas as pd

from queries.kept import Kept
from survey.texts.i18n import t

BAR = 18  # pixels per bar
WIDTH = 640


def _groups(df: pd.DataFrame) -> pd.DataFrame:
    return df.drop_duplicates("group").sort_values("group_position")


def _sizes(large: bool) -> dict:
    return {"label": 18 if large else 13, "title": 24 if large else 16, "bar": 28 if large else BAR}


# The label of a significant share is green or red as well as carrying its arrow (▲ ▼): the arrow says it
# to everyone, the colour only repeats it. The interval is a dark line on a white halo, seen on any bar.
UP, DOWN, TEXT, INTERVAL, HALO = "#1a7f37", "#c62828", "#1c2430", "#1c2430", "#ffffff"

# The tooltip of a bar, and the table of the chart's toolbar ("Show data"): the frame's column, its heading.
SHOWN = {"option_label": "tooltip_answer", "group_label": "tooltip_group", "pct_text": "tooltip_share",
         "ci_text": "tooltip_ci", "count_text": "tooltip_count", "base_text": "tooltip_base",
         "note_text": "tooltip_note"}
# What the marks read besides: the numbers they are drawn from and their texts.
MARKS = ["pct", "ci_low", "ci_high", "direction", "flag", "label_text", "aria_text"]


def share_bars(df: pd.DataFrame, *, lang: str, title: str = "", large: bool = False) -> alt.LayerChart:
    """The chart of a page (see _share_layer), configured: its sizes, the title at the start in as many lines
    as the width the page gives it needs (title_lines), no frame, and a description for screen readers. Laid out
    again whenever the width changes (resize): else the layout keeps the room of the title's first lines, and a
    title wrapped later runs out of the top of the chart. The title as written is kept in usermeta (the title's
    own text may be an expression of the width)."""
    chart = _share_layer(df, lang=lang, title=title_lines(title, large), large=large)
    sized = alt.AutoSizeParams(type="fit-x", contains="padding", resize=True)
    return _configured(chart.properties(description=description(df, lang, title), autosize=sized,
                                        usermeta={"title": title},
                                        padding={"left": 5, "top": 5, "right": 5, "bottom": 3}), large)


def description(df: pd.DataFrame, lang: str, title: str) -> str:
    """What the chart shows, in words (Vega-Lite's description, read by screen readers): its kind, the
    answers and the groups. Of the frame's shape only, not its numbers, so a kept spec stays right."""
    answers = df.sort_values("option_rank")["option_label"].drop_duplicates().tolist()
    groups = _groups(df)["group_label"].tolist()
    if len(groups) == 1 and df["group"].iloc[0] == "all":
        return t("chart_description", lang, title=title, answers=", ".join(answers))
    return t("chart_description_groups", lang, title=title, answers=", ".join(answers), groups=", ".join(groups))


def _configured(chart, large: bool):
    sizes = _sizes(large)
    return (chart.configure_axis(labelFontSize=sizes["label"], titleFontSize=sizes["label"])
            .configure_legend(labelFontSize=sizes["label"])
            .configure_title(fontSize=sizes["title"], anchor="start")
            .configure_view(stroke=None))


def _share_layer(df: pd.DataFrame, *, lang: str, title: str = "", large: bool = False,
                 height: int | None = None, width: int | None = None, fixed: bool = False) -> alt.LayerChart:
    """Horizontal bars of the share choosing each option, with its confidence interval as a line; with
    several groups, grouped bars per option, the legend above in as many columns as the width holds. A low
    base is faded; a share significantly above or below the rest of the sample carries an arrow (and is green
    or red).

    df: the frame of survey.analysis.results.Shares (group, group_label, group_position, color, option_label,
    option_rank, pct, ci_low, ci_high, direction, flag, label_text, pct_text, ci_text, count_text, base_text,
    note_text). `height`, `width`: the plot's size in pixels (by default a step per bar, and WIDTH). `fixed`:
    a layout whose size is known beforehand, for a figure: the answers' labels in AXIS_EXTENT pixels, the
    shares' labels in the SHARE_ROOM right of the plot, the legend in as many columns as fit over both."""
    groups = _groups(df)
    sizes = _sizes(large)
    compare = len(groups) > 1 or groups["group"].iloc[0] != "all"
    order = df.sort_values("option_rank")["option_label"].drop_duplicates().tolist()
    room = answer_room(large)
    y = alt.Y("option_label:N", title=None, sort=order,
              axis=alt.Axis(labelLimit=room + SLACK, **answer_axis(order, large)))
    x = alt.X("pct:Q", title=t("share_axis", lang), scale=SHARES, axis=alt.Axis(tickCount=TICK_COUNT))
    names = groups["group_label"].tolist()
    # As many columns as the width holds, whatever width the page gives the chart, each label whole
    columns = alt.ExprRef(expr=f"max(1, floor(width / {LEGEND_ENTRY}))")
    if fixed:
        y = alt.Y("option_label:N", title=None, sort=order, axis=alt.Axis(
            labelLimit=AXIS_EXTENT - 10, minExtent=AXIS_EXTENT, maxExtent=AXIS_EXTENT,
            **answer_axis(order, large, FIGURE_ANSWERS)))
        x = alt.X("pct:Q", title=t("share_axis", lang), scale=SHARES, axis=alt.Axis(values=TICKS))
        columns = legend_columns(width + SHARE_ROOM)  # the legend may reach over the shares' labels
    legend = alt.Legend(orient="top", columns=columns, labelLimit=LEGEND_ENTRY - SYMBOL,
                        labelExpr=legend_labels(names, large))
    color = alt.Color("group_label:N", title=None, sort=names,
                      scale=alt.Scale(domain=names, range=groups["color"].tolist()),
                      legend=legend if compare else None)
    tooltip = [alt.Tooltip(f"{column}:N", title=t(key, lang)) for column, key in SHOWN.items()]
    base = alt.Chart(df).encode(y=y, tooltip=tooltip)
    if compare:
        base = base.encode(yOffset=alt.YOffset("group_label:N", sort=names))
    # A screen reader hears each bar once, in words (aria_text), not the interval and label marks as well.
    # A bar on a low base is faded inside but keeps its outline in the group's colour, to be told apart.
    outline = alt.Stroke("group_label:N", sort=names, scale=alt.Scale(domain=names, range=groups["color"].tolist()),
                         legend=None)
    bars = base.mark_bar(strokeWidth=1).encode(
        x=x, color=color, stroke=outline, description=alt.Description("aria_text:N"),
        fillOpacity=alt.when(alt.datum.flag == "low_base").then(alt.value(0.35)).otherwise(alt.value(1.0)))
    # The halo is a quarter of a bar at most: in a figure of many bars a bar may be a few pixels high.
    bar = height / (len(order) * len(groups)) if fixed and height else sizes["bar"]
    halo = base.mark_rule(color=HALO, strokeWidth=min(4.5, bar / 4), strokeCap="round", aria=False).encode(
        x="ci_low:Q", x2="ci_high:Q")
    interval = base.mark_rule(color=INTERVAL, strokeWidth=min(1.5, bar / 8), aria=False).encode(
        x="ci_low:Q", x2="ci_high:Q")
    labels = base.transform_calculate(end="isValid(datum.ci_high) ? datum.ci_high : datum.pct").mark_text(
        align="left", dx=4, fontSize=sizes["label"] - 1, aria=False).encode(
        x="end:Q", text="label_text:N",
        color=alt.when(alt.datum.direction > 0).then(alt.value(UP))
        .when(alt.datum.direction < 0).then(alt.value(DOWN)).otherwise(alt.value(TEXT)))
    return alt.layer(bars, halo, interval, labels).properties(title=title, width=width or WIDTH,
                                                               height=height or alt.Step(step(df, large)))


# The x axis of shares: 0 to 100 and no further, whatever an interval or a label reaches; the shares' labels
# past a long bar are drawn in the room beside the plot (SHARE_ROOM in a figure).
SHARES = alt.Scale(domain=[0, 100], clamp=True, nice=False)
TICKS = list(range(0, 101, 10))
# A tick each 10 points where the width holds them, fewer on a phone: every count Vega rounds to (10, 20, 25, 50
# points apart) ends at 100, where dropping every other overlapping label might leave 80 the last.
TICK_COUNT = alt.ExprRef(expr="max(2, min(10, floor(width / 45)))")


PRESENTED_MANY = 22  # a bar's height in presentation mode with four groups or more (else 28)


def step(df: pd.DataFrame, large: bool) -> int:
    """The height of a step, high enough for the answer of most lines: with an offset channel Vega-Lite applies
    the step to each bar within an option, else to each option. In presentation mode four groups or more get
    thinner bars, so that a chart of several answers fits a projector's screen under the page's title."""
    bar, groups = _sizes(large)["bar"], df["group"].nunique()
    if large and groups >= 4:
        bar = PRESENTED_MANY
    compare = groups > 1 or df["group"].iloc[0] != "all"
    lines = max(len(answer_lines(label, large)) for label in df["option_label"].unique())
    rows = lines * line_height(large) + 8
    return max(bar, -(-rows // groups)) if compare else max(bar + 8, rows)


def line_height(large: bool) -> int:
    return round(1.2 * _sizes(large)["label"])


def answer_room(large: bool) -> int:
    """The pixels an answer's line may take on a page: about 30 characters at either size."""
    return 15 * _sizes(large)["label"]


def answer_lines(label: str, large: bool = False, room: int | None = None) -> list[str]:
    """An answer's label in lines of `room` pixels (by default answer_room)."""
    return wrapped(label, large, room or answer_room(large))


def answer_axis(labels: list[str], large: bool = False, room: int | None = None) -> dict:
    """What the answers' axis needs to show each answer whole in lines (answer_lines), so that "Ulike og
    urealistiske forventninger" is not cut at the label limit: the lines, their height, and each label moved
    up by half its lines past the first, as Vega puts the first line at the bar's middle."""
    lines = {label: answer_lines(label, large, room) for label in labels}
    offset = "0"
    for label, parts in lines.items():
        if len(parts) > 1:
            up = (len(parts) - 1) * line_height(large) / 2
            offset = f"datum.label === {json.dumps(label, ensure_ascii=False)} ? {-up:g} : {offset}"
    return {"labelExpr": in_lines(labels, lines.get), "labelLineHeight": line_height(large),
            "labelOffset": alt.ExprRef(expr=offset)}


def title_lines(title: str, large: bool = False):
    """The title of a page's chart in as many lines as the width Streamlit gives the chart needs, so that a
    phone shows it whole: a Vega expression choosing the title as it is where it fits the plot's width, else
    wrapped for the widest of TITLE_WIDTHS the plot holds (the narrowest below that). The title starts left of
    the plot, at the answers, so the plot's width is less than it has. A title that fits the narrowest width
    stays a plain text."""
    per_character = EM * _sizes(large)["title"]
    whole = math.ceil(len(title) * per_character)
    if whole <= TITLE_WIDTHS[-1]:
        return title
    narrower = [width for width in TITLE_WIDTHS if width < whole]
    expression = lines_of(title, narrower[-1] / per_character)
    for width in narrower[-2::-1]:
        expression = f"width >= {width} ? {lines_of(title, width / per_character)} : {expression}"
    return {"text": {"expr": f"width >= {whole} ? {json.dumps(title, ensure_ascii=False)} : {expression}"}}


def lines_of(text: str, characters: float) -> str:
    return json.dumps(textwrap.wrap(text, int(characters)) or [text], ensure_ascii=False)


# A chart as a figure for a slide: its size in pixels (before the PNG's scale of 2), and the room its parts take.
FIGURES = {"wide": (1200, 675), "square": (800, 800)}
PADDING, AXIS_EXTENT, LEGEND_ENTRY, SHARE_ROOM = 20, 200, 230, 80  # SHARE_ROOM: right of 100 %, for the labels
LINE, LEGEND_ROW, LEGEND_LINE, TITLE_SPACE, AXIS_SPACE, SPACING = 17, 20, 16, 37, 45, 16
TITLE_LINE, SUBTITLE_LINE = 22, 16  # a figure's title and subtitle, a line each
SYMBOL = 30  # the legend's symbol and the space around it
FIGURE_ANSWERS = AXIS_EXTENT - 30  # the pixels an answer's line may take in a figure
# Text is measured by estimate, at EM of its size a character (generous, as words are broken only between
# them), and a line may run SLACK pixels past its estimate before Vega cuts it.
EM, SLACK = 0.55, 20
TITLE_WIDTHS = (600, 450, 320, 220)  # the widths a page's title is wrapped for, widest first


def legend_columns(width: int) -> int:
    return max(1, width // LEGEND_ENTRY)


def wrapped(label: str, large: bool = False, room: int = LEGEND_ENTRY - SYMBOL) -> list[str]:
    """A label in lines of `room` pixels (by default a legend entry's, LEGEND_ENTRY), at about half an em a
    character; a word is never broken."""
    characters = int(room / (0.5 * _sizes(large)["label"]))
    return textwrap.wrap(label, characters, break_long_words=False) or [label]


def in_lines(labels: list[str], lines) -> str:
    """A Vega expression giving each of `labels` that `lines` breaks in lines as its list of lines, the rest
    as they are: Vega draws a list as one line under the other."""
    expression = "datum.label"
    for label in labels:
        parts = lines(label)
        if len(parts) > 1:
            text, parts = json.dumps(label, ensure_ascii=False), json.dumps(parts, ensure_ascii=False)
            expression = f"datum.label === {text} ? {parts} : {expression}"
    return expression


def legend_labels(labels: list[str], large: bool = False) -> str:
    """A Vega expression giving each legend label in lines (wrapped), so that a long label ("Offentlig
    forvaltning, undervisning, helse og omsorg") is shown whole rather than cut at the entry's width."""
    return in_lines(labels, lambda label: wrapped(label, large))


def legend_height(labels: list[str], columns: int) -> int:
    """The legend's height in a figure: a row per `columns` entries, each as high as its longest label."""
    rows = [labels[i:i + columns] for i in range(0, len(labels), columns)]
    return sum(LEGEND_ROW + LEGEND_LINE * (max(len(wrapped(label)) for label in row) - 1) for row in rows)


def figure(df: pd.DataFrame, *, lang: str, title: str, selection: str, lines: list[str], notice: str,
           shape: str = "wide") -> alt.VConcatChart:
    """The chart as a figure that says what it is, to put on a slide as it is: the question as its title and
    the selection under it, the bars, then the base and n, the weighting, the interval, what arrows and faded
    bars mean, hidden groups, and the data notice, wrapped to the figure's width. `shape`: "wide" (16:9) or
    "square" (1:1); the bars take the height the text leaves, and the figure grows taller where the answers'
    lines need more (figure_plot_height). Every text is wrapped rather than cut."""
    width, height = FIGURES[shape]
    inner = width - 2 * PADDING
    plot_width = inner - AXIS_EXTENT - SHARE_ROOM
    rows = [row for line in [*lines, notice] for row in textwrap.wrap(line, inner // 7) or [""]]
    titles = textwrap.wrap(title, int(inner / (EM * 18))) or [title]
    subtitles = textwrap.wrap(selection, int(inner / (EM * 13))) or [selection]
    groups = _groups(df)
    compare = len(groups) > 1 or groups["group"].iloc[0] != "all"
    legend = legend_height(groups["group_label"].tolist(), legend_columns(plot_width + SHARE_ROOM)) if compare else 0
    heading_space = TITLE_SPACE + TITLE_LINE * (len(titles) - 1) + SUBTITLE_LINE * (len(subtitles) - 1)
    used = 2 * PADDING + heading_space + legend + AXIS_SPACE + SPACING + LINE * len(rows)
    plot_height = max(height - used, figure_plot_height(df))
    chart = _share_layer(df, lang=lang, height=plot_height, width=plot_width, fixed=True)
    text = alt.Chart(pd.DataFrame({"row": range(len(rows)), "text": rows})).mark_text(
        align="left", baseline="top", fontSize=12, color=TEXT, dx=-AXIS_EXTENT).encode(
        x=alt.value(0), y=alt.Y("row:O", axis=None), text="text:N").properties(
        width=plot_width + SHARE_ROOM, height=LINE * len(rows))
    heading = alt.TitleParams(titles, subtitle=subtitles, anchor="start", fontSize=18, subtitleFontSize=13,
                              lineHeight=TITLE_LINE, subtitleLineHeight=SUBTITLE_LINE, limit=inner)
    return _configured(alt.vconcat(chart, text, spacing=SPACING).properties(title=heading, padding=PADDING), False)


def figure_plot_height(df: pd.DataFrame) -> int:
    """The least height of a figure's bars: each answer as high as the lines of the answer of most lines, and
    100 pixels at the least."""
    lines = max(len(answer_lines(label, False, FIGURE_ANSWERS)) for label in df["option_label"].unique())
    return max(100, df["option_label"].nunique() * (lines * line_height(False) + 8))


DATA, TABLE = "shares", "table"  # the names of the data in a spec of share_spec: the marks', the reader's
# When only a chart's numbers change, Streamlit keeps the drawn chart and hands each dataset of the new spec to
# its Vega view by name; Vega knows only the data some mark reads, so a dataset no mark reads stops the update
# with "Unrecognized data set" before the marks' data is replaced, and the bars keep the previous selection's
# numbers. The reader's table is therefore read by a layer of its own, which draws nothing.
READER = {"data": {"name": TABLE}, "mark": {"type": "text", "aria": False}, "transform": [{"filter": "false"}]}


# A spec depends on the frame's labels and colours only where it names them (the order of the answers and of
# the groups, the colour scale, the legend's lines, the title, the description): it is made once per form
# (language, size, whether groups are compared, how many groups and answers) with stand-ins for those, kept,
# and each frame's own written in. A form is a few per chart, so people moving between pages and filters seldom
# make one again, however the filters thin the groups out.
_specs = Kept(2048)
STAND_IN = "\x00{}{}"  # a text no label holds
TITLE = STAND_IN.format("t", 0)


def form(df: pd.DataFrame, *, lang: str, title: str, large: bool) -> tuple:
    """What share_spec keeps a spec for: the language and size, whether there is a title, whether groups are
    compared, and how many groups and answers the frame has."""
    groups = set(df["group"])
    return (lang, bool(title), large, groups != {"all"}, len(groups), df["option_rank"].nunique())


def stand_ins(df: pd.DataFrame) -> tuple[pd.DataFrame, dict[str, str]]:
    """The frame with its group labels, colours and answer labels replaced by stand-ins in the same order,
    and what each stand-in stands for."""
    groups = sorted(set(zip(df["group_position"], df["group_label"], df["color"])))
    options = sorted(set(zip(df["option_rank"], df["option_label"])))
    kinds = {"g": [g[1] for g in groups], "c": [g[2] for g in groups], "o": [label for _, label in options]}
    tokens = {(kind, label): STAND_IN.format(kind, i)
              for kind, labels in kinds.items() for i, label in enumerate(labels)}
    standing = df.assign(group_label=[tokens["g", v] for v in df["group_label"]],
                         color=[tokens["c", v] for v in df["color"]],
                         option_label=[tokens["o", v] for v in df["option_label"]])
    real = {token: label for (_, label), token in tokens.items()}
    return standing, real


def written_in(node, real: dict[str, str]):
    """A copy of the spec `node` with every stand-in replaced by what it stands for."""
    if isinstance(node, dict):
        return {key: written_in(value, real) for key, value in node.items()}
    if isinstance(node, list):
        return [written_in(value, real) for value in node]
    return real.get(node, node) if isinstance(node, str) else node


def share_spec(df: pd.DataFrame, *, lang: str, title: str = "", large: bool = False) -> dict:
    """share_bars(df, ...) as the Vega-Lite dict to draw, with the frame's numbers as its data (under
    "datasets", which Streamlit sends as Arrow): first the reader's table (TABLE, see table()), which the
    chart's toolbar shows as "Show data", then what the marks read (DATA, see marks()). Neither holds ids or
    internal columns.

    Making an Altair chart takes 15 to 80 ms a chart, more than the queries: the spec is made once per form
    (see above) and reused with the labels, colours and numbers of each frame."""
    standing, real = stand_ins(df)
    if title:
        real[TITLE] = title

    def make() -> dict:
        # Not checked against the Vega-Lite schema on every new form (a fifth of a page's time under load):
        # tests/test_charts.py checks the specs share_bars makes.
        spec = share_bars(standing, lang=lang, title=TITLE if title else "", large=large).to_dict(validate=False)
        spec.pop("datasets")
        spec["data"] = {"name": DATA}
        spec["layer"].append(READER)
        return spec

    spec = written_in(_specs.get(form(df, lang=lang, title=title, large=large), make), real)
    spec["description"] = description(df, lang, title)
    legend = spec["layer"][0]["encoding"]["color"].get("legend")
    if legend:
        legend["labelExpr"] = legend_labels(_groups(df)["group_label"].tolist(), large)
    in_own_lines(spec, df, title, large)
    spec["datasets"] = {TABLE: table(df, lang), DATA: marks(df)}  # Streamlit's "Show data" shows the first
    return spec


def axis_top(df: pd.DataFrame) -> int:
    """Where the share axis ends: at 100, but for a chart of the sample beside the population (shares of one
    dimension's groups, most of them small) at the next ten past the largest share or interval, so that the
    bars do not leave most of the chart empty."""
    if set(df["group"]) != {"sample", "population"}:
        return 100
    largest = pd.concat([df["pct"], df["ci_high"]]).max()
    return min(100, 10 * math.floor(largest / 10) + 10)


def in_own_lines(spec: dict, df: pd.DataFrame, title: str, large: bool) -> None:
    """Writes into a kept spec what depends on how its frame's texts break into lines, which the stand-ins do
    not: the answers' lines, the step that holds them, and the title's lines."""
    if title:
        spec["title"] = title_lines(title, large)
    spec["height"] = {"step": step(df, large)}
    top = axis_top(df)
    if top < 100:
        for layer in spec["layer"]:
            scale = layer.get("encoding", {}).get("x", {}).get("scale")
            if scale:
                scale["domain"] = [0, top]
    answers = answer_axis(df.sort_values("option_rank")["option_label"].drop_duplicates().tolist(), large)
    answers["labelOffset"] = answers["labelOffset"].to_dict()
    for layer in spec["layer"]:
        axis = layer.get("encoding", {}).get("y", {}).get("axis")
        if axis:
            axis.update(answers)


def table(df: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The chart's numbers as a reader reads them: answer (the index), group, share, interval, count, base and
    note, headed and written in the language ("36,2 %"), in the chart's order."""
    rows = df.sort_values(["option_rank", "group_position"])
    columns = {t(key, lang): rows[column].tolist() for column, key in SHOWN.items()}
    return pd.DataFrame(columns).set_index(t(SHOWN["option_label"], lang))  # the answer first, no row numbers


def marks(df: pd.DataFrame) -> pd.DataFrame:
    """The columns the marks and tooltips read, and no more: no ids, positions, colours or weights."""
    return df[[*SHOWN, *MARKS]].reset_index(drop=True)
