"""Utforsk: how does any question look across any dimension (chosen under "compare by")?"""
from survey import codebook as cb
from survey import ui
from survey.results import crosstab, shares

codebook = cb.load()
view = ui.current_view(codebook)
n = ui.page_header("explore", "explore_intro", view, codebook, charts=[(ui.explore_question(view), (view.by,))])

question = ui.question_choice(codebook, view)
result = shares(question, view, codebook)
ui.chart(result, view, key=question)
if not result.empty:
    ui.table(crosstab(result), view)

ui.page_footer("explore", view, codebook, n)
