"""Utforsk: how does any question look across any dimension (chosen under "compare by"), and its table against
a banner of several (or the table set of every question)?"""
from survey import ui
from survey.analysis.results import shares
from survey.model import codebook as cb
from survey.model.state import ALL_TABLES, NO_COMPARISON
from survey.output.banner import banner_of

codebook = cb.load()
view = ui.current_view(codebook)
table_splits = (NO_COMPARISON, *banner_of(view))
asked = [q.id for q in codebook.questions] if view.tables == ALL_TABLES else []
n = ui.page_header("explore", "explore_intro", view, codebook,
                   charts=[(ui.explore_question(view), tuple(dict.fromkeys((view.by, *table_splits)))),
                           *((q, table_splits) for q in asked), *ui.standout_charts(view, codebook)])

question = ui.question_choice(codebook, view)
result = shares(question, view, codebook)
ui.chart(result, view, key=question)
ui.banner_tables(question, view, codebook)
ui.standout_panel(view, codebook)

ui.page_footer("explore", view, codebook, n)
