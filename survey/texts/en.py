"""Every text of the app in English (en): the messages of the pages and the files made (MESSAGES, said by
survey.texts.i18n.t) and the sentences of an import's report (PROBLEMS, said by survey.texts.problems.say).
Streamlit's own texts are in English already: an English page turns back what nb.py's STREAMLIT_TEXTS changed
(survey.ui.browser.streamlit_texts).

nb.py has the same keys in the same order, so the two files read side by side. To add a text, give it a key
(lower case, words joined by _) and put it in both files at the same place, with the same {placeholders};
tests/test_texts.py checks that, and that some module says every key. Labels of questions and options are not
here: they come from the codebook.
"""

# The pages, the sidebar, the charts and the files made (survey.texts.i18n.t).
MESSAGES: dict[str, str] = {
    "app_title": "Social media in Norwegian companies",
    "language_name": "English",
    # pages
    "overview": "Overview",
    "usage": "Usage",
    "channels": "Channels",
    "guidelines": "Guidelines and strategy",
    "challenges": "Challenges",
    "method": "Sample and method",
    "explore": "Explore",
    "overview_intro": "The main results of Sosialkontoret's survey of Norwegian companies, May 2010.",
    "usage_intro": "How many use social media privately, and how many say their company does?",
    "channels_intro": "Which social media are used privately and by the companies? Share of those asked, "
                      "sorted by share.",
    "channels_gender": "Social media used privately: men and women",
    "guidelines_intro": "Do the companies have guidelines for employees' use, what do they use social media "
                        "for, and do they have a marketing strategy?",
    "why_not_texts": "What they wrote about why",
    "why_not_search": "Search the answers",
    "why_not_count": "{shown} of {total} answers with free text",
    "why_not_unfiltered": "The texts are of the whole sample in {waves}: the filters do not apply to them. A "
                          "text can be recognised, so two filtered lists compared could tie it to a small "
                          "group.",
    "why_not_none": "No free-text answer matches the search.",
    "why_not_first": "The list shows the first {shown}. Search to find the others.",
    "text_column": "Answer",
    "reason_column": "Reason",
    "challenges_intro": "What are the biggest challenges companies face with social media?",
    "explore_intro": "Choose a question and a dimension to cross it with, and see the table and the chart.",
    "explore_question": "Question",
    "explore_hint": "Choose the dimension to cross with under \"Compare by\" in the sidebar.",
    "method_intro": "Who answered, how they were asked, and what the numbers cannot tell.",
    # sidebar
    "filters": "Filters",
    "admin": "Administration",
    "admin_passphrase": "Administration passphrase",
    "admin_wrong": "Wrong passphrase.",
    "access_wait": "Too many wrong attempts. Try again in {seconds} seconds.",
    "admin_import": "Load an export",
    "admin_file": "Survey file (CSV, Excel or SPSS)",
    "admin_mapping": "Mapping file (YAML), where the columns do not have the codebook's names",
    "admin_wave": "Wave, where the file does not say",
    "admin_sheet": "Sheet of the Excel file (empty: the first)",
    "admin_check": "Check the file",
    "admin_publish": "Publish",
    "admin_invalid": "The file was not loaded. This needs fixing:",
    "admin_failed": "The file was valid, but the database could not be written. The published one is as it was:",
    "admin_valid": "The file is valid: wave {wave}, {n} respondents. Other waves kept: {kept}. Nothing has been "
                   "written yet.",
    "admin_published": "Published as {version}: wave {wave}, {n} respondents. Other waves kept: {kept}.",
    "admin_versions": "Versions",
    "admin_version": "Version",
    "admin_built": "Built",
    "admin_source": "Source",
    "admin_current": "Published",
    "admin_rollback_to": "Back to version",
    "admin_rollback": "Publish this version again",
    "admin_rolled_back": "{version} is published again.",
    "viewer_passphrase": "Passphrase",
    "viewer_intro": "The results are for invited readers only. Enter the passphrase you were given.",
    "login": "Log in",
    "login_intro": "Log in to see the results.",
    "wave": "Wave",
    "trend": "From wave to wave",
    "trend_note": "The headline figures of each wave, each on its base as above.",
    "reconstruction_notice_waves": "The answers of {waves} are a reconstruction from published aggregates, not "
                                   "the original responses.",
    "all": "All",
    "compare_by": "Compare by",
    "compare_none": "No comparison",
    "language": "Language",
    "presentation": "Presentation mode",
    "reset": "Reset filters",
    "active_filters": "Selection: {filters}.",
    "any_of": "any of",
    "answers": "Answers",
    "answers_help": "Keep only those who answered so. A question only some were asked leaves the others out.",
    "no_filters": "Selection: all respondents.",
    "respondents_n": "n = {n} respondents",
    "respondents_fewer": "fewer than {min} respondents",
    "leave_presentation": "Leave presentation",
    "dropped_value": "The link contained {param} = {value}, which is not in the codebook. It was left out.",
    "dropped_key": "The link contained {param}, which is not a filter or a setting. It was left out.",
    "link_too_long": "The link had {fields} parameters, more than the {most} the app reads, and was not read. The page "
                     "shows the default view; choose the filters in the sidebar.",
    "page_not_found": "There is no page {page}. Choose one of the pages:",
    "page_not_found_title": "Page not found",
    "previous_page": "Previous page",
    "next_page": "Next page",
    "change_filters": "Filters and settings",
    "presentation_keys": "The arrow keys move between pages, Esc leaves.",
    # data notices
    "reconstruction_notice": "The answers are a reconstruction from published aggregates, not the original responses.",
    "no_database": "The database does not exist yet. Build it with 'make run' or 'python -m survey build'.",
    "old_database": "The database was built by an earlier version of the app. Upgrade it with 'make run' or "
                    "'python -m survey upgrade': every answer is kept.",
    "bad_database": "The database cannot be read. Build it again with 'python -m survey build'.",
    "weights": "Weighting",
    "weights_none": "Unweighted",
    "weights_company": "Weighted to companies (SSB)",
    "weights_person": "Weighted to the labour force (SSB)",
    "level": "Confidence level",
    "caption_weights_none": "Unweighted.",
    "caption_weights_company": "Weighted by company size and region (SSB).",
    "caption_weights_person": "Weighted by gender and age (SSB).",
    "weights_delivered": "As delivered (weight supplied with the data)",
    "caption_weights_delivered": "Weighted by the weight supplied with the data (by the provider).",
    "weights_name_company": "to companies",
    "weights_name_person": "to the labour force",
    "weights_name_delivered": "as delivered",
    "weights_unavailable": "The weights \"{scheme}\" exist only for {waves}; the figures are unweighted.",
    "noise_unweighted": "The figures are unweighted: {waves} has counts with noise, and weighted sums would give "
                        "away the true counts. Choose waves without noise to weight.",
    "filters_narrowed": "{filters} held several choices; on waves with noise each filter holds one, so only the "
                        "first is kept.",
    "filters_answers_dropped": "Filters on answers are not offered on waves with noise, so {filters} was "
                               "removed.",
    "answers_noise": "Filters on answers are not offered when the selection has a wave with noise: the answers "
                     "are counted in the selection's charts instead. Choose waves without noise to filter on "
                     "answers.",
    "filter_one_option": "One choice: the selection has a wave with noise, and several choices in one filter would "
                         "make many different selections that together could find small groups.",
    "weights_unavailable_anywhere": "The weights \"{scheme}\" do not exist in this data; the figures are "
                                    "unweighted.",
    "wave_one": "wave {waves}",
    "wave_many": "waves {waves}",
    "and": "and",
    # what a wave did not ask
    "caption_not_asked": "Not asked in {waves}.",
    "caption_not_offered": "{options}: not asked in {waves}.",
    "not_asked_anywhere": "This question was not asked in {waves}.",
    "tile_not_asked": "Not asked",
    "caption_by_not_asked": "{dimension} was not asked in {waves}; those who answered then are not included.",
    "filter_not_asked": "{dimension} was not asked in {waves}; with the filter on {dimension_lower}, those who "
                        "answered then are not in the selection.",
    "caption_ci": "Lines show the {level}% confidence interval (Wilson).",
    "caption_sig": "▲▼: significantly higher or lower than the rest of the sample ({level}%, Holm-corrected "
                   "within the chart).",
    "caption_low_base": "Faded bars: low base (effective n < {low}), not tested.",
    "caption_suppressed": "Groups with fewer than {min} answers are not shown.",
    "caption_hidden": "{hidden} of {groups} groups are not shown: they have fewer than {min} answers (or none), "
                      "or are hidden with such a group.",
    "caption_hidden_alone": "{hidden} of {groups} groups are not shown: they have fewer than {min} answers (or "
                            "none).",
    "caption_hidden_alone_one": "One of {groups} groups is not shown: it has fewer than {min} answers (or none).",
    "ci_text": "{level}% CI: {low}–{high}",
    "flag_low_base": "Low base (effective n < {low}), an uncertain figure, not tested.",
    "sig_up": "Significantly higher than the rest of the sample ({p}).",
    "sig_down": "Significantly lower than the rest of the sample ({p}).",
    "tooltip_ci": "Interval",
    "tooltip_note": "Note",
    "column_ci_low": "CI low (%)",
    "column_ci_high": "CI high (%)",
    "column_p": "p (Holm)",
    "column_note": "Note",
    "too_few": "Fewer than {min} respondents match the filters. Groups this small are not shown, to protect "
               "those who answered. Remove one or more filters.",
    "too_few_asked": "Fewer than {min} in the selection were asked this question, so the numbers are not shown.",
    "points": "{value} percentage points",
    "yes": "yes",
    "no": "no",
    "weighting": "Weighting",
    "weighting_intro": "The weights are made when the database is built: the weighted shares are to meet SSB's "
                       "figures, and no respondent counts less than {lower} or more than {upper} times the "
                       "average. Where the bounds allow it, every target is met, with weights as close to 1 as "
                       "possible (in the raking distance: without the bounds, these are the usual raking "
                       "weights).",
    "margin_dimension": "Characteristic",
    "margin_option": "Group",
    "margin_sample": "Sample",
    "margin_target": "Target",
    "margin_weighted": "Weighted",
    "margin_gap": "Gap (percentage points)",
    "weighting_margins": "Every target and what the weights reach",
    "weighting_scheme": "Weighting",
    "weighting_converged": "Met the targets",
    "weighting_iterations": "Solver steps",
    "weighting_max_error": "Largest gap to a target",
    "weighting_trimmed": "At a bound (bounds)",
    "weighting_deff": "Design effect",
    "weighting_efficiency": "Efficiency",
    "weighting_range": "Weights from–to",
    "weighting_not_met": "Where no weights within the bounds meet every target, the bounds are what stops it: "
                         "the sample has so many or so few of some groups that they cannot be weighted fully down "
                         "or up without some answers counting very little or very much. Then the weighted shares "
                         "come as close to the targets as the bounds allow: the largest gap as small as it can "
                         "be, then the next largest, and so on. Of the weights that give those shares, those "
                         "closest to 1 are used. So the weights are one definite answer. The table below shows "
                         "every gap.",
    "weighting_target_note": "{dimension}: {groups} is not in SSB's figures, so its target is its share among "
                             "those who answered; the other groups share the rest, {rest}, in SSB's proportions: "
                             "{items}.",
    "weighting_target_item": "{label} {population} × {rest} = {target}",
    "methods": "The methods",
    "method_ci": "Confidence intervals: Wilson's interval (Wilson 1927; Newcombe 1998), with weights on Kish's "
                 "effective sample size (Kish 1965). The level (90, 95 or 99%) is chosen in the sidebar.",
    "method_test": "Significance: each group is tested against the rest of the sample for each answer, with "
                   "the two-proportion z-test, two-sided, on effective sample sizes. Holm's correction (Holm "
                   "1979) across all comparisons of one chart; a question of two answers (yes and no) counts "
                   "once, as the test of no is the test of yes. Groups with a low base are not tested. The "
                   "overview's findings test the two groups furthest apart in each of their five comparisons, "
                   "with a Bonferroni correction for all the pairs the five looked at.",
    "method_weighting": "Weighting: calibration with bounds on the weights (Deville and Särndal 1992) to company "
                        "size and region (SSB establishment counts) or gender and age (SSB Labour Force Survey), "
                        "in the raking distance, so the weights are the raking weights (Deming and Stephan 1940) "
                        "where the bounds do not hold them back. The design effect (Kish) says how much the "
                        "uncertainty grows: the efficiency is the share of the sample left after weighting.",
    "method_small": "Small groups: a base whose effective n is below {low} is flagged as low (under weights a "
                    "base counts for less than its number of answers: Kish's effective n). A group with fewer "
                    "than {min} answers is not shown, in charts, tables, downloads or free text. Where the "
                    "counts carry noise (imported waves) or the people are made up (the reconstruction), it is "
                    "hidden alone: the total less the groups shown gives it only with the noise of all those "
                    "counts, and the reconstruction has no real person to find. Where a wave with exact counts "
                    "of real people is in the selection and only one group of a chart would be hidden, the "
                    "next smallest is hidden too, so the hidden one cannot be worked out from the total. The "
                    "free texts do not follow the filters: they are always the whole sample's in the chosen "
                    "waves, so no two lists compared tie a text to a small group.",
    "perturbation": "Noise against differencing",
    "perturbation_plain": "In short: where the answers come from real people, every number of people shown is moved "
                          "by up to two, at random but always the same way for the same people. A percentage moves "
                          "by a fraction of a point; nobody can work out a small group by subtracting one table "
                          "from another.",
    "perturbation_text": "Answers of real people are protected with cell keys, as in the Australian Bureau of "
                         "Statistics' TableBuilder: every respondent has a fixed random number, and every count "
                         "shown (a group, a base, those who chose an answer, a selection) is moved by "
                         "{offsets} (with the chances {chances}; standard deviation {sd}), fixed by the numbers "
                         "of those it counts. The same count is therefore the same number in every chart, "
                         "table, download and on the command line, and the same count asked again gives the same "
                         "number; where there is noise a filter holds one choice, so there are no unions to "
                         "average over; two tables subtracted from one another give noise, not people: a "
                         "count worked out as the difference of two counts shown is right in {exact} of cases, "
                         "off by 1 in {one} and by 2 or more in {more}. 0 stays 0, a count below {min} stays "
                         "below {min}, and a count of {min} or more stays there, so the same groups are below "
                         "the threshold with or without the noise; such a group is therefore hidden alone, since "
                         "the total less the other groups gives it only with the noise of all those counts. "
                         "Shares, intervals and tests are computed from the counts shown, so they may disagree "
                         "a little (the answers to a single-choice question still add up to its base). Where nobody in "
                         "a hidden group chose an answer, two counts of the same "
                         "people are the same number, and their difference shows that 0.",
    "perturbation_waves": "With noise: {perturbed}. Exact counts: {exact}.",
    "perturbation_all": "Every wave has noise in its counts.",
    "perturbation_none": "No wave has noise in its counts (the setting perturbation in data/statistics.yaml).",
    "perturbation_reconstructed_only": "The counts here are exact: every answer is the reconstruction, and its "
                                       "respondents do not exist. An imported wave gets noise.",
    "perturbation_reconstructed": "{wave} (the reconstruction: its respondents do not exist)",
    "perturbation_effect": "The intervals show the uncertainty of sampling alone. The noise adds a little, most "
                           "on small bases: the half-width of a {level}% interval of a share near 50%:",
    "perturbation_base": "Base (n)",
    "perturbation_sampling": "From sampling",
    "perturbation_with": "With the noise",
    "threat": "What the protection guards against",
    "threat_what": "The protection guards the size and the answers of groups under {min} in waves with noise. "
                   "It is made against an outsider who has the pages, the downloads and the command line, and "
                   "who may ask as often as they like.",
    "threat_rules": "The rules",
    "threat_rule_noise": "Noise: every count in a wave with noise is moved a little. The same people always "
                         "give the same number.",
    "threat_rule_weights": "No weights: a selection reaching a wave with noise is shown unweighted. A weighted "
                           "base divided by its count is the true mean weight of those counted, and it would "
                           "give hidden groups away.",
    "threat_rule_filters": "One choice per filter: a selection reaching a wave with noise has one choice in "
                           "each filter. The wave filter may hold several waves, but only one with noise. The "
                           "benchmark's peer groups are whole groups, not ranges. There are no filters on "
                           "answers, and the answers to a single-choice question add up to the group's count.",
    "threat_rule_hidden": "Hidden groups: a group under {min} is shown nowhere, and a group of 0 looks like one "
                          "of a few.",
    "threat_rule_texts": "Free texts: whole waves only, never filtered. Their number is therefore exact.",
    "threat_attacks": "The best attacks known, and what they get",
    "threat_attack_one": "Exact counts less one count with noise (all waves less the exact reconstruction, "
                         "say): two queries, one with noise, right in {pct} of cases.",
    "threat_attack_difference": "One count with noise less another (one difference): two queries with "
                                "noise, right in {pct} of cases. The attacker cannot tell when.",
    "threat_attack_unions": "Averaging over unions (a small group joined with other choices in many ways): "
                            "refused, as each filter holds one choice.",
    "threat_attack_weights": "Weighted figures: refused on waves with noise.",
    "threat_attack_partitions": "Averaging over partitions (the same total worked out as the sum of the groups "
                                "of several different splits, each with its own noise): still possible. The "
                                "more splits, the closer it gets; docs/statistics.md says how close the attack "
                                "tests came.",
    "threat_deployment": "A deployment must add: a viewer passphrase (or a login) and the proxy's login, so "
                         "that the downloads are guarded too; access logs; and, where it helps, a limit on how "
                         "often one address opens sessions. The app itself only limits failed passphrase "
                         "attempts (at most {most} in {seconds} seconds per server). Such limits are an extra "
                         "layer, not the protection: the noise and the rules must hold on their own.",
    "threat_reconstruction": "The reconstruction has no noise: its people do not exist, and the published "
                             "figures must be reproduced exactly. A count of the reconstruction alone is exact. "
                             "A count that holds anyone of a wave with noise gets the noise.",
    "weighting_limits": "What weighting can and cannot fix",
    "weighting_can": "Weighting can correct imbalances in the characteristics weighted on (company size and "
                     "region, or gender and age), as far as the bounds on the weights allow.",
    "weighting_cannot": "Weighting cannot fix self-selection: those who answered are probably more interested "
                        "in social media than others in the same group. What the bias lies in was not measured, "
                        "so it cannot be weighted away. Weighting also makes the figures less certain (the "
                        "design effect).",
    # charts
    "share_axis": "Share (%)",
    "chart_description": "{title}: horizontal bars of the share (%) who chose each answer, with confidence "
                         "intervals. Answers: {answers}.",
    "chart_description_groups": "{title}: horizontal bars of the share (%) who chose each answer in each "
                                "group, with confidence intervals. Answers: {answers}. Groups: {groups}.",
    "base_everyone": "all respondents",
    "base_caption": "Base: {base} (n = {n}).",
    "base_caption_groups": "Base: {base}. n: {groups}.",
    "tooltip_answer": "Answer",
    "tooltip_group": "Group",
    "tooltip_share": "Share",
    "tooltip_count": "Count",
    "tooltip_base": "Base",
    "count_of_base": "{n} of {base_n}",
    "count_weighted": "{w_n} of {w_base} weighted ({n} of {base_n} answers, effective n {n_eff})",
    "bases_weighted": "Weighted base {w_base}, effective n {n_eff}.",
    "bases_weighted_groups": "Weighted base and effective n: {groups}.",
    "column_w_n": "Weighted count",
    "column_w_base": "Weighted base",
    "column_n_eff": "Effective n",
    "crosstab_w_base": "Weighted base",
    "crosstab_n_eff": "Effective n",
    # exports
    "download_csv": "Numbers (CSV)",
    "download_xlsx": "Numbers (Excel)",
    "download_png": "Image (PNG)",
    "download_png_square": "Square (PNG)",
    "download_svg": "Image (SVG)",
    "download_deck": "PowerPoint of this page",
    "column_group": "Group",
    "column_option": "Answer",
    "column_n": "Count",
    "column_base_n": "Base (n)",
    "column_pct": "Share (%)",
    "footer": "{filters} n = {n}. {notice}",
    "footer_source": "Source: Sosialkontoret, survey of Norwegian companies, May 2010.",
    "export_sheet": "Selection",
    # banner tables (Explore)
    "banner_heading": "Table",
    "banner_choice": "Columns (banner)",
    "banner_placeholder": "As the comparison",
    "banner_help": "The dimensions side by side in the table, each with its groups, after a column for the "
                   "total.",
    "cells_choice": "Show in cells",
    "cells_pct": "Share (%)",
    "cells_n": "Count (n)",
    "cells_ci": "Interval",
    "cells_letters": "Column letters",
    "tables_all": "All questions (table set)",
    "explore_this": "This question",
    "banner_total": "Total",
    "banner_all": "All",
    "banner_base": "Base",
    "banner_hidden": "hidden",
    "banner_ci": "{level}% CI",
    "banner_ci_low": "CI low",
    "banner_ci_high": "CI high",
    "banner_letters": "Higher than",
    "banner_vs_rest": "Against the rest",
    "banner_letters_note": "Letters: the share is significantly higher than in the column of that letter, "
                           "within the same dimension (z-test on effective n, Holm-corrected over every pair "
                           "and answer of the dimension, {level}%). Columns with a low base are not tested.",
    "banner_low_base_note": "* Low base (effective n < {low}): uncertain figures, not tested.",
    "banner_hidden_note": "Hidden: the group has fewer than {min} answers (or none), or is hidden with such a "
                          "group, so that it cannot be worked out from the others.",
    "banner_hidden_note_alone": "Hidden: the group has fewer than {min} answers (or none).",
    "banner_columns": "Columns: {columns}.",
    "download_table": "Table (Excel)",
    "download_table_set": "Table set (Excel)",
    "table_set": "Table set",
    "contents_sheet": "Contents",
    "contents_table": "Table",
    "contents_question": "Question",
    "export_question": "Question",
    "export_selection": "Filters",
    "export_everyone": "None: all respondents",
    "export_weighting": "Weighting",
    "export_base": "Base",
    "export_made": "Created",
    "export_version": "Data version",
    "export_notice": "About the data",
    "export_about_sheet": "About",
    "export_ci": "CI low and CI high: the {level}% confidence interval (Wilson).",
    "export_sig": "p (Holm) and Note: whether the share is significantly higher or lower than in the rest of the "
                  "sample ({level}%, Holm-corrected within the table).",
    "export_low_base": "Low base (effective n < {low}): uncertain figures, not tested; the Note says so.",
    "download_report": "Report for the selection (PowerPoint)",
    "report": "Report",
    "report_made": "Created on {date}.",
    "report_compare": "Compared by {by}.",
    "report_sample": "In the selection: {n} of the {responded} who answered; {invited} companies were invited.",
    "report_waves": "The answers are from {waves}.",
    "report_no_findings": "No findings to show for this selection.",
    "continued": "{title} ({part} of {parts})",
    # overview
    "headline_private_use": "Use social media privately",
    "headline_company_use": "The company uses social media",
    "headline_no_guidelines": "The company has no guidelines",
    "headline_marketing_strategy": "Have a strategy for marketing on social media",
    "base_n": "{n} of {base_n}.",
    "base_all": "Base: all respondents.",
    "base_marketers": "Base: companies that use social media for marketing.",
    "findings": "Findings",
    "glance_use": "Use of social media",
    "glance_top": "{title}: the {k} most common",
    "finding_use": "{private} use social media privately, but only {company} say their company does.",
    "finding_use_both": "{private} use social media privately, and {company} say their company does.",
    "finding_channel": "{first} is the social medium most used privately ({first_pct}), ahead of {second} "
                       "({second_pct}).",
    "finding_guidelines": "{no} say their company has no guidelines for employees' use. "
                          "The most common reason is \"{reason}\" ({reason_pct}).",
    "finding_strategy": "Of the companies that use social media for marketing, {pct} have a strategy for it.",
    "finding_challenge": "The most common challenge is \"{challenge}\" ({pct}).",
    "finding_difference": "{a} {verb} more often than {b} ({pa} compared with {pb}, {p}).",
    "verb_private_use_person": "use social media privately",
    "verb_company_use_person": "say their company uses social media",
    "verb_company_use_company": "use social media",
    "verb_guidelines_company": "have guidelines for employees' use",
    # method
    "funnel": "From invitation to answer",
    "funnel_invited": "Companies invited",
    "funnel_responded": "Answers",
    "funnel_selected": "In the selection now",
    "response_rate": "Response rate",
    "response_rate_published": "Published: \"about 3%\"",
    "response_rate_computed": "Computed: {n} of {invited} = {pct}",
    "response_rate_note": "More than 800 answers from 20,000 invitations is at least 4%. The posts do not "
                          "explain the difference; both numbers are shown here.",
    "composition": "The sample beside the population",
    "composition_sample": "Sample",
    "composition_population": "Population (SSB)",
    "composition_note": "Sample: n = {n}. Population: {source}.",
    "represented_rule": "One tab for each characteristic. Under the chart: which groups are over- or "
                        "under-represented among those who answered, where the sample's share differs from the "
                        "population's by at least {points} percentage points and the population's share lies "
                        "outside the sample's {level}% confidence interval.",
    "represented_group": "{label} ({sample} in the sample, {population} in the population)",
    "represented_group_share": "{label} ({share})",
    "represented_aside": "{groups} is not in the population figures; the other groups are compared with the "
                         "population's shares of the remaining {rest}.",
    "represented_over": "Over-represented among those who answered: {groups}.",
    "represented_under": "Under-represented among those who answered: {groups}.",
    "represented_under_too": "Under-represented: {groups}.",
    "represented_none": "No group differs from the population by {points} percentage points or more.",
    "represented_unclear": "The differences of {points} percentage points or more lie within the confidence "
                           "intervals, so no group is clearly over- or under-represented.",
    "source_establishments": "SSB statistics of establishments, 1 January 2011",
    "source_labour_force": "SSB Labour Force Survey (AKU), annual average 2010",
    "weaknesses": "Known weaknesses",
    "weakness_addresses": "The invitations went to impersonal e-mail addresses from the Brønnøysund "
                          "registers, so who received them and answered is a matter of chance.",
    "weakness_response": "The response rate is low.",
    "weakness_selection": "Those who answered probably use social media more than most companies "
                          "(self-selection); weighting cannot remove that.",
    "weakness_profile": "Those who answered differ from the population in {dimensions} (see under the charts "
                        "above).",
    "reconstruction": "How the answers were reconstructed",
    "reconstruction_text": "Only aggregates were published. The answers here are made by a program that turns "
                           "every published figure into an exact number of answers and gives them to the "
                           "respondents most likely to hold them, with weights for relations such as company "
                           "use rising with company size. Every published figure is reproduced at the "
                           "precision it was published with.",
    "tension": "Figures that pull against each other",
    "tension_text": "With more men than women, 62.8% of the men and 70% of the women give at most 66.2% "
                    "together, below the published 67%. The reconstruction resolves this with 44 respondents "
                    "who did not state their gender and who use social media privately more often. That is "
                    "an assumption, not a finding.",
    # benchmark: a company against its peers
    "benchmark": "Benchmark a company",
    "benchmark_intro": "Where does the client stand? Describe the company and give its own answers to the "
                       "questions: they are compared with the answers of companies of the same size and industry "
                       "in the survey.",
    "or": "or",
    "peers_companies": "companies",
    "peers_size": "with {sizes}",
    "peers_industry": "in {industries}",
    "peers_region": "in {regions}",
    "peers_region_at": "in {regions}",
    "peers_everyone": "all companies in the selection",
    "peers_step_small": "{group}: {n}, fewer than {least}.",
    "peers_step_used": "{group}: {n}.",
    "bench_client_mark": "the client's answer",
    "client_file_rows": "The file holds {rows} rows of answers. A client file holds one: the client's answers.",
    "bench_single_like_most": "Like {pct} of {peers}, the client answered “{answer}” to “{question}”; {rest} "
                              "answered otherwise.",
    "bench_single_divided": "The client answered “{answer}” to “{question}”, as did {pct} of {peers}: they are "
                            "divided. The most common answer is “{top}” ({top_pct}).",
    "bench_single_differs": "The client stands out: it answered “{answer}” to “{question}”, as only {pct} of "
                            "{peers} did. The most common answer is “{top}” ({top_pct}).",
    "bench_multi_like_most": "Like {pct} of {peers}, the client chose “{answer}” ({question}).",
    "bench_multi_divided": "The client chose “{answer}” ({question}), as did {pct} of {peers}: they are divided.",
    "bench_multi_differs": "The client stands out: it chose “{answer}” ({question}), as only {pct} of {peers} "
                           "did.",
    "bench_multi_divided_not": "The client did not choose “{answer}” ({question}); {pct} of {peers} did: they "
                               "are divided.",
    "bench_multi_differs_not": "The client stands out: it did not choose “{answer}” ({question}), which {pct} of "
                               "{peers} did.",
    "client_heading": "The client",
    "client_private": "The client's name and answers stay in this session: they are not in the link, not stored "
                      "and not written to any log.",
    "client_name": "Client's name",
    "client_unnamed": "The client",
    "client_file": "Or read the client's answers from a file: one row, in any format the import reads",
    "client_file_read": "Read the client's answers from {file}.",
    "client_file_bad": "{file} could not be read as one company's answers.",
    "client_file_person": "Blank columns about the person who answered, not the company, were left out: "
                          "{columns}.",
    "client_template_help": "Template for a client file: the survey's columns for the company's questions, "
                            "with the questions on row 2. Fill in the client's answers on row 3 and upload the "
                            "file here.",
    "download_client_template_csv": "Client file template (CSV)",
    "download_client_template_xlsx": "Client file template (Excel)",
    "client_template_file": "client-file-template",
    "client_template_sheet": "Client's answers",
    "client_template_about": "Explanation",
    "client_template_intro": "Fill in the client's answers on row 3 of the sheet “Client's answers”: one value "
                             "per question, 1 or 0 per option. Leave blank what the client did not answer.",
    "client_template_column": "Column",
    "client_template_question": "Question",
    "client_template_values": "Allowed values",
    "client_template_asked": "Who is asked",
    "client_template_flag": "1 = chosen, 0 = not chosen",
    "client_template_all": "everyone",
    "upload_too_big": "{file} is larger than {mb} MB, the most this upload takes, so it was not read. A "
                      "client file holds the client's answers on one row, its mapping a few lines.",
    "client_answers": "The client's answers",
    "client_answers_help": "Answer only what the client answered. A question only some were asked appears once "
                           "the answer it depends on is given.",
    "choose": "Choose",
    "peers_choice": "Compare with companies of the same",
    "client_no_profile": "Choose the company's size or industry to find its peers.",
    "client_no_answers": "Give at least one of the client's answers to compare.",
    "peers_heading": "The peers",
    "peers_widened": "The group was widened step by step until it held at least {least} respondents:",
    "peers_exact": "The group holds at least {least} respondents:",
    "peers_too_few": "Even the widest group holds fewer than {least} respondents: the numbers are uncertain.",
    "bench_differs_heading": "Where the client stands out",
    "bench_none_differs": "On no question does the client clearly differ from most of its peers.",
    "bench_questions_heading": "Question by question",
    "bench_group_label": "Peers",
    "download_bench_deck": "Benchmark (PowerPoint)",
    "download_bench_xlsx": "Benchmark (Excel)",
    "share_heading": "Share the benchmark",
    "share_confirm": "I understand that the link carries the client's name and answers, and that anyone who gets "
                     "it sees them.",
    "share_link_label": "Link with the client's answers",
    "client_from_link": ("The client's name and answers came from the link. They are no longer in the address bar. "
                         "Open “The client” to see or change them."),
    "client_link_dropped": "The link held answers that are not in the codebook, and they were left out: {values}.",
    "bench_deck_title": "Benchmark: {client}",
    "bench_deck_subtitle": "{client} against {peers}",
    "bench_summary": "Summary",
    "bench_summary_intro": "{client} is compared with {peers}. The client stands out from most of them on "
                           "{differs} of {asked} questions.",
    "bench_ahead_chosen": "The client is ahead of most of its peers on “{question}”: it answered “{answer}”, "
                          "which only {pct} of them did.",
    "bench_ahead_not": "The client is ahead of most of its peers on “{question}”: it did not answer “{answer}”, "
                       "which {pct} of them did.",
    "bench_behind_chosen": "The client is behind most of its peers on “{question}”: it answered “{answer}”, "
                           "which only {pct} of them did.",
    "bench_behind_not": "The client is behind most of its peers on “{question}”: it did not answer “{answer}”, "
                        "which {pct} of them did.",
    "bench_no_leads": "On no question is the client clearly ahead of or behind most of its peers.",
    "bench_method_heading": "How the benchmark was made",
    "bench_method": "The shares are of the peers who were asked the question, with {level}% confidence "
                    "intervals. “Most” means the whole interval is above 50%, “divided” that it includes 50%. The "
                    "client stands out where it answers as most peers do not. The client's own answers are not "
                    "counted.",
    "bench_footer": "Benchmark of {client}: {peers}, {n}. {notice}",
    "column_question": "Question",
    "bench_column_option": "The answer",
    "bench_column_chosen": "The client gave this answer",
    "bench_column_pct": "Peers who gave this answer (%)",
    "column_standing": "The client",
    "column_lead": "Ahead/behind",
    "column_sentence": "Sentence",
    "standing_differs": "stands out",
    "standing_divided": "divided",
    "standing_like_most": "like most",
    "lead_ahead": "ahead",
    "lead_behind": "behind",
    "chose_yes": "Yes",
    "chose_no": "No",
    "export_client": "Client",
    "export_peers": "Compared with",
    "export_peer_steps": "Widening of the group",
    # what stands out
    "standout": "What stands out",
    "standout_nothing": "Choose a filter or a compare-by in the sidebar to see what stands out: every answer "
                        "to every question is then tested against the rest.",
    "standout_no_tests": "Nothing could be tested: the groups or the rest are too small.",
    "standout_intro": "Of {m} comparisons ({made}), {k} hold after the Benjamini–Hochberg correction "
                      "(false discoveries ≤ {fdr}). Largest difference first:",
    "standout_intro_one": "Of {m} comparisons ({made}), {k} holds after the Benjamini–Hochberg correction "
                          "(false discoveries ≤ {fdr}):",
    "standout_intro_none": "Of {m} comparisons ({made}), none hold after the Benjamini–Hochberg correction "
                           "(false discoveries ≤ {fdr}).",
    "standout_made_groups": "every answer to every question, each group by {by} against the rest of the "
                            "selection",
    "standout_made_selection": "every answer to every question, the selection against the other respondents",
    "standout_made_selection_waves": "every answer to every question, the selection against the other "
                                     "respondents of wave {waves}",
    "standout_row": "{group}: {pct} answered “{option}” to “{question}” ({base}, n = {n}), against "
                    "{rest_pct} of {rest} ({difference} percentage points).",
    "standout_selection": "The selection",
    "standout_rest_groups": "the rest of the selection",
    "standout_rest_selection": "the other respondents",
    "standout_link": "Show chart",
    "standout_more": "{k} more",
}

# What a validation report says (survey.texts.problems.say): the problems that stop a file from being loaded
# and the notes that go with one that loads.
PROBLEMS: dict[str, str] = {
    "row": "row {row}",
    "column": "column {column}",
    "more": "  ... and {count} more like this",
    "notes": "Notes:",
    "verdict_bad": "{source} was not loaded: {count} {problems} found, nothing was written.",
    "problem": "problem",
    "problems": "problems",
    # the file
    "file_empty": "the file is empty",
    "file_zip": "the file is not text (it is a zip archive, perhaps an Excel workbook: name it .xlsx)",
    "file_nul": "the file is not text (it has NUL bytes: binary, or UTF-16; save it as CSV in UTF-8)",
    "file_encoding": "the file is not text (neither UTF-8 nor Windows-1252)",
    "file_control": "the file is not text (it has control characters: binary?)",
    "file_not_utf8": "the byte at offset {offset} ({byte}, {char}) is not UTF-8, though {why}; the file has "
                     "{count} {bytes}. Part of it was saved in another encoding: save the whole file as "
                     "UTF-8 (in Excel: Save As, CSV UTF-8) and import it again",
    "file_neither": "the byte at offset {offset} ({byte}) is neither UTF-8 nor a character of Windows-1252, the "
                    "encoding of the rest of the file: save the file as UTF-8 (in Excel: Save As, CSV UTF-8) "
                    "and import it again",
    "utf8_elsewhere": "the rest of the file is",
    "utf8_bom": "the file starts with UTF-8's byte order mark",
    "as_cp1252": "{char} in Windows-1252",
    "no_cp1252": "not a character in Windows-1252 either",
    "such_byte": "such byte",
    "such_bytes": "such bytes",
    "file_control_at": "a control character ({char}) at byte offset {offset}; the file has {count} "
                       "{characters}. No answer holds one, so the file is damaged there or not all text: remove "
                       "such characters (or export the file again) and import it again",
    "cell_control": "a control character ({char}) in this cell; the file has {count} {characters} in its "
                    "cells. No answer holds one, so the file is damaged there: remove such characters (or "
                    "export the file again) and import it again",
    "such_character": "such character",
    "such_characters": "such characters",
    "file_not_regular": "this is not a regular file but {kind}, and nothing was read from it: give the path of "
                        "an exported file (.csv, .txt, .xlsx or .sav)",
    "kind_folder": "a folder",
    "kind_fifo": "a named pipe (FIFO)",
    "kind_device": "a device",
    "kind_socket": "a socket",
    "kind_other": "something else",
    "xlsx_formulas": "sheet {sheet}: formulas without a stored value in {count} {cells} ({where}){example}. "
                     "What they hold cannot be read: the workbook was saved by a program that does not "
                     "calculate formulas. Open it in Excel or LibreOffice and save it, so that the values are "
                     "stored, and import it again",
    "formula_example": "; {cell} is {formula}",
    "cell": "cell",
    "cells": "cells",
    "file_kind": "unknown kind of file {suffix}: expected .csv, .txt, .xlsx or .sav",
    "file_unreadable": "the file cannot be read ({reason})",
    "file_not_xlsx": "the file is not an Excel workbook ({reason})",
    "file_xlsx_unreadable": "the workbook cannot be read ({reason})",
    "file_no_sheet": "no sheet {sheet} in the workbook; its sheets: {sheets}",
    "file_first_sheet": "the first sheet, {sheet}, does not hold the answers: none of its columns is a column "
                        "of the codebook or of the mapping. The workbook's other sheets: {sheets}. Choose the "
                        "sheet with --sheet (on the admin page: the sheet field)",
    "file_not_sav": "the file is not an SPSS .sav file ({reason})",
    "file_header_empty": "the first row is empty: the header must be on row 1",
    "file_no_rows": "the file has a header but no respondents",
    "file_too_wide": "the file has {count} columns; at most {limit} can be read",
    "csv_cells": "{cells} cells, but the header has {columns} columns",
    "csv_quote": "a quote (\") opens on this row and is never closed: a quote inside a cell must be doubled "
                 "(\"\"), and a cell that starts with a quote must end with one",
    "csv_invalid": "the row cannot be read as CSV ({reason})",
    # the mapping
    "mapping_yaml": "the mapping file cannot be read as YAML ({reason})",
    "mapping_missing": "there is no mapping file at {path}",
    "mapping_not_regular": "the mapping file {path} is not a regular file but {kind}",
    "mapping_unreadable": "the mapping file {path} cannot be read ({reason})",
    "mapping_shape": "the mapping file must be a YAML mapping with the sections {sections}",
    "mapping_section": "the mapping's {section} must be {shape}",
    "mapping_bool": "{where}: {value} must be a text: YAML reads yes, no, true, false, on and off as "
                    "true/false unless quoted, so quote them (\"yes\")",
    "mapping_text": "{where}: {value} must be a text",
    "mapping_multi": "the mapping's multi: {name} needs question (and may have separator and values)",
    "mapping_separator": "the mapping's multi: {name}: separator must be a text such as ','",
    "mapping_target": "the mapping's columns send it to {target}, not a column of the codebook",
    "mapping_question": "the mapping's {where} names {question}, not a question of the codebook",
    "mapping_multi_question": "the mapping's {where} names {question}, not a multi-choice question of the "
                              "codebook",
    "mapping_option": "the mapping's {where} names {option}, not an option of {question}",
    "mapping_value_twice": "the mapping's {where} gives {value} to both {first} and {second}",
    # the columns
    "unknown_column": "unknown column, not in the codebook (map it under columns in a mapping file, or list "
                      "it under skip)",
    "column_twice": "the column appears twice",
    "target_twice": "this column and {first} both go to {target}",
    "text_without_code": "{text} without {question}: the texts need their coded answers too (a mapping can "
                         "send one column to both, see data/mapping.example.yaml)",
    "parent_missing": "{question} is only asked when {route}, but this file does not ask {parent}",
    "no_questions": "none of the file's columns is a question of the codebook",
    "no_wave": "no wave: give --wave (on the admin page: the wave field), or map a column to wave",
    "weight_column_missing": "the mapping names {column} as the weight, but the file has no such column",
    # the values
    "unknown_option": "unknown option: {value} is not one of {options}",
    "unknown_flag": "unknown option value: {value}, expected 1 or 0 (or Ja/Nei, yes/no, true/false)",
    "unknown_choice": "unknown choice {value} for {question}: not in the mapping's values, nor an option id "
                      "or label",
    "too_many_values": "{count} different values in a column of a coded question: code them in the "
                       "mapping's values, or send the column to a text column",
    "no_id": "no respondent id (leave the id column out to number the rows)",
    "duplicate_id": "duplicate respondent id {value}, first seen in row {first}",
    "wave_empty": "empty, every respondent needs a wave",
    "wave_name": "{value} cannot be a wave's name: letters, digits, spaces and . _ - only, starting with a "
                 "letter or digit, at most 40 characters",
    "waves_many": "an import holds one wave, this file holds {count}: {waves}",
    "not_asked": "answer to a question that was not asked: {value}, but {question} is only asked when {route}",
    "no_answer": "no answer, but the question was asked (where respondents could leave it unanswered, list "
                 "{question} under unanswered in the mapping)",
    "text_long": "text longer than {limit} characters",
    "weight_bad": "{value} is not a weight: a positive number is needed",
    # notes
    "note_not_asked": "{question}: not asked in this wave (the file has no column of it); stored as not asked",
    "note_not_offered": "{question}: not offered in this wave (the file has no column for them): {options}",
    "note_recomputed": "{column}: weights made by this app are computed again from the answers, not read",
    "note_delivered": "{column}: read as the weight delivered with the data (the weighting \"as "
                      "delivered\"), scaled to a mean of 1 within the wave",
    "note_unanswered": "{question}: {count} respondents were asked but did not answer (allowed by the "
                       "mapping); stored as not answered",
    "note_scheme": "{scheme} weighting: not computed for wave {wave}, which did not ask {dimensions}",
    "note_renumbered": "the respondent ids are not all whole numbers: the respondents are numbered 1 to {count} "
                       "in file order, and the file's own ids are kept as source_id",
    # routing in words
    "route_values": "{question} is {values}",
    "route_option": "{question}__{option} is chosen",
    "or": " or ",
    "weights_company": "company",
    "weights_person": "person",
    # the outcome, on the command line and the admin page
    "none": "none",
    "imported": "published {version}: wave {wave} from {source}, {n} respondents; other waves kept: {kept}",
    "checked": "{source} is valid: wave {wave}, {n} respondents; other waves kept: {kept}. Nothing was "
               "written (--dry-run).",
    "built": "built {db} from {source}: {n} respondents in {seconds} s",
    "waiting": "another import, build or rollback ({holder}) is publishing a version of this database; this "
               "one waits for it to finish and then builds on what it published",
    "process": "process {pid}",
    "process_unknown": "a process",
    "disk_full": "the disk is full: there is no room for the new version in {folder}. Nothing was published; "
                 "the published database is as it was. Free some space on that disk (python -m survey versions "
                 "--prune KEEP removes old versions) and run the import again",
    "disk_full_temporary": "the disk is full: there is no room for the import's temporary files in {folder}. "
                           "Nothing was published; the published database is as it was. Free some space on that "
                           "disk and run the import again",
}
