"""Every text of the app in Norwegian bokmål (nb), the default language: the messages of the pages and the
files made (MESSAGES, said by survey.texts.i18n.t), the sentences of an import's report (PROBLEMS, said by
survey.texts.problems.say), and Streamlit's own texts as a Norwegian page shows them (STREAMLIT_TEXTS).

en.py has the same keys in the same order, so the two files read side by side. To add a text, give it a key
(lower case, words joined by _) and put it in both files at the same place, with the same {placeholders};
tests/test_texts.py checks that, and that some module says every key. Labels of questions and options are not
here: they come from the codebook.
"""

# The pages, the sidebar, the charts and the files made (survey.texts.i18n.t).
MESSAGES: dict[str, str] = {
    "app_title": "Sosiale medier i norske bedrifter",
    "language_name": "Norsk",
    # pages
    "overview": "Oversikt",
    "usage": "Bruk",
    "channels": "Kanaler",
    "guidelines": "Retningslinjer og strategi",
    "challenges": "Utfordringer",
    "method": "Utvalg og metode",
    "explore": "Utforsk",
    "overview_intro": "Hovedtallene fra Sosialkontorets undersøkelse blant norske bedrifter, mai 2010.",
    "usage_intro": "Hvor mange bruker sosiale medier privat, og hvor mange sier at bedriften gjør det?",
    "channels_intro": "Hvilke sosiale medier brukes privat og av bedriftene? Andel av dem som fikk spørsmålet, "
                      "sortert etter andel.",
    "channels_gender": "Sosiale medier brukt privat: menn og kvinner",
    "guidelines_intro": "Har bedriftene retningslinjer for de ansattes bruk, hva bruker de sosiale medier til, "
                        "og har de en strategi for markedsføringen?",
    "why_not_texts": "Hva de skrev om hvorfor",
    "why_not_search": "Søk i svarene",
    "why_not_count": "{shown} av {total} svar med fritekst",
    "why_not_unfiltered": "Tekstene er fra hele utvalget i {waves}: filtrene gjelder ikke dem. En tekst kan "
                          "kjennes igjen, så to filtrerte lister sammenlignet kunne knytte den til en liten "
                          "gruppe.",
    "why_not_none": "Ingen fritekstsvar passer til søket.",
    "why_not_first": "Listen viser de første {shown}. Søk for å finne de andre.",
    "text_column": "Svar",
    "reason_column": "Begrunnelse",
    "challenges_intro": "Hva er de største utfordringene bedriftene møter med sosiale medier?",
    "explore_intro": "Velg et spørsmål og en dimensjon å krysse det med, og se tabellen og grafen.",
    "explore_question": "Spørsmål",
    "explore_hint": "Velg dimensjonen å krysse med under «Sammenlign etter» i sidepanelet.",
    "method_intro": "Hvem som svarte, hvordan de ble spurt, og hva tallene ikke kan si.",
    # sidebar
    "filters": "Filtre",
    "admin": "Administrasjon",
    "admin_passphrase": "Passord for administrasjon",
    "admin_wrong": "Feil passord.",
    "access_wait": "For mange feil forsøk. Prøv igjen om {seconds} sekunder.",
    "admin_import": "Last inn en eksport",
    "admin_file": "Fil fra spørreundersøkelsen (CSV, Excel eller SPSS)",
    "admin_mapping": "Koblingsfil (YAML), om kolonnene ikke har kodebokas navn",
    "admin_wave": "Bølge, om filen ikke sier det",
    "admin_sheet": "Ark i Excel-filen (tomt: det første)",
    "admin_check": "Sjekk filen",
    "admin_publish": "Publiser",
    "admin_invalid": "Filen ble ikke lastet inn. Dette må rettes:",
    "admin_failed": "Filen var gyldig, men databasen kunne ikke skrives. Den publiserte er som før:",
    "admin_valid": "Filen er gyldig: bølge {wave}, {n} respondenter. Andre bølger beholdes: {kept}. Ingenting er "
                   "skrevet ennå.",
    "admin_published": "Publisert som {version}: bølge {wave}, {n} respondenter. Andre bølger beholdt: {kept}.",
    "admin_versions": "Versjoner",
    "admin_version": "Versjon",
    "admin_built": "Laget",
    "admin_source": "Kilde",
    "admin_current": "Publisert",
    "admin_rollback_to": "Tilbake til versjon",
    "admin_rollback": "Publiser denne versjonen igjen",
    "admin_rolled_back": "{version} er publisert igjen.",
    "viewer_passphrase": "Passord",
    "viewer_intro": "Resultatene er bare for inviterte. Skriv passordet du har fått.",
    "login": "Logg inn",
    "login_intro": "Logg inn for å se resultatene.",
    "wave": "Bølge",
    "trend": "Utviklingen fra bølge til bølge",
    "trend_note": "Hovedtallene for hver bølge, hvert på sitt grunnlag som over.",
    "reconstruction_notice_waves": "Svarene fra {waves} er en rekonstruksjon ut fra publiserte tall, ikke de "
                                   "opprinnelige svarene.",
    "all": "Alle",
    "compare_by": "Sammenlign etter",
    "compare_none": "Ingen sammenligning",
    "language": "Språk",
    "presentation": "Presentasjonsmodus",
    "reset": "Nullstill filtre",
    "active_filters": "Utvalg: {filters}.",
    "any_of": "minst ett av",
    "answers": "Svar",
    "answers_help": "Ta med bare dem som svarte slik. Et spørsmål som bare noen fikk, holder de andre utenfor.",
    "no_filters": "Utvalg: alle som svarte.",
    "respondents_n": "n = {n} respondenter",
    "respondents_fewer": "færre enn {min} respondenter",
    "leave_presentation": "Avslutt presentasjon",
    "dropped_value": "Lenken inneholdt {param} = {value}, som ikke finnes i kodeboka. Det er utelatt.",
    "dropped_key": "Lenken inneholdt {param}, som ikke er et filter eller en innstilling. Det er utelatt.",
    "link_too_long": "Lenken hadde {fields} parametere, flere enn de {most} appen leser, og ble ikke lest. Siden viser "
                     "standardvisningen; velg filtrene i sidepanelet.",
    "page_not_found": "Siden {page} finnes ikke. Velg en av sidene:",
    "page_not_found_title": "Fant ikke siden",
    "previous_page": "Forrige side",
    "next_page": "Neste side",
    "change_filters": "Filtre og innstillinger",
    "presentation_keys": "Piltastene blar mellom sidene, Esc avslutter.",
    # data notices
    "reconstruction_notice": "Svarene er en rekonstruksjon ut fra publiserte tall, ikke de opprinnelige svarene.",
    "no_database": "Databasen finnes ikke ennå. Bygg den med «make run» eller «python -m survey build».",
    "old_database": "Databasen er bygd av en eldre utgave av appen. Oppgrader den med «make run» eller "
                    "«python -m survey upgrade»: alle svarene beholdes.",
    "bad_database": "Databasen kan ikke leses. Bygg den på nytt med «python -m survey build».",
    "weights": "Vekting",
    "weights_none": "Uvektet",
    "weights_company": "Vektet til bedriftene (SSB)",
    "weights_person": "Vektet til arbeidsstyrken (SSB)",
    "level": "Konfidensnivå",
    "caption_weights_none": "Uvektet.",
    "caption_weights_company": "Vektet etter bedriftsstørrelse og landsdel (SSB).",
    "caption_weights_person": "Vektet etter kjønn og alder (SSB).",
    "weights_delivered": "Som levert (vekt fra leverandøren)",
    "caption_weights_delivered": "Vektet med vekten som fulgte med dataene (fra leverandøren).",
    "weights_name_company": "til bedriftene",
    "weights_name_person": "til arbeidsstyrken",
    "weights_name_delivered": "som levert",
    "weights_unavailable": "Vektene «{scheme}» finnes bare for {waves}; tallene er uvektet.",
    "noise_unweighted": "Tallene er uvektet: {waves} har tall med støy, og vektede summer ville røpe de sanne "
                        "tallene. Velg bølger uten støy for å vekte.",
    "filters_narrowed": "{filters} hadde flere valg; på bølger med støy har hvert filter ett valg, så bare det "
                        "første er tatt med.",
    "filters_answers_dropped": "Filtre på svar finnes ikke på bølger med støy, så {filters} er tatt bort.",
    "answers_noise": "Filtre på svar finnes ikke når utvalget har en bølge med støy: svarene telles i "
                     "grafene for utvalget i stedet. Velg bølger uten støy for å filtrere på svar.",
    "filter_one_option": "Ett valg: utvalget har en bølge med støy, og flere valg i ett filter ville gi mange "
                         "ulike utvalg som sammen kunne finne små grupper.",
    "weights_unavailable_anywhere": "Vektene «{scheme}» finnes ikke i disse dataene; tallene er uvektet.",
    "wave_one": "bølge {waves}",
    "wave_many": "bølgene {waves}",
    "and": "og",
    # what a wave did not ask
    "caption_not_asked": "Ikke spurt i {waves}.",
    "caption_not_offered": "{options}: ikke spurt i {waves}.",
    "not_asked_anywhere": "Spørsmålet ble ikke stilt i {waves}.",
    "tile_not_asked": "Ikke spurt",
    "caption_by_not_asked": "{dimension} ble ikke spurt om i {waves}; de som svarte da er ikke med.",
    "filter_not_asked": "{dimension} ble ikke spurt om i {waves}; med filteret på {dimension_lower} er de som "
                        "svarte da ikke med i utvalget.",
    "caption_ci": "Strekene viser {level}\u00a0% konfidensintervall (Wilson).",
    "caption_sig": "▲▼: signifikant høyere eller lavere enn resten av utvalget ({level}\u00a0%, Holm-korrigert "
                   "innen grafen).",
    "caption_low_base": "Lyse stolper: lavt grunnlag (effektiv n < {low}), ikke testet.",
    "caption_suppressed": "Grupper med færre enn {min} svar vises ikke.",
    "caption_hidden": "{hidden} av {groups} grupper vises ikke: de har færre enn {min} svar (eller ingen), eller "
                      "er skjult sammen med en slik.",
    "caption_hidden_alone": "{hidden} av {groups} grupper vises ikke: de har færre enn {min} svar (eller ingen).",
    "caption_hidden_alone_one": "Én av {groups} grupper vises ikke: den har færre enn {min} svar (eller ingen).",
    "ci_text": "{level}\u00a0% KI: {low}–{high}",
    "flag_low_base": "Lavt grunnlag (effektiv n < {low}), usikkert tall, ikke testet.",
    "sig_up": "Signifikant høyere enn resten av utvalget ({p}).",
    "sig_down": "Signifikant lavere enn resten av utvalget ({p}).",
    "tooltip_ci": "Intervall",
    "tooltip_note": "Merknad",
    "column_ci_low": "KI nedre (%)",
    "column_ci_high": "KI øvre (%)",
    "column_p": "p (Holm)",
    "column_note": "Merknad",
    "too_few": "Færre enn {min} respondenter passer til filtrene. Så små grupper vises ikke, for å verne dem "
               "som svarte. Fjern ett eller flere filtre.",
    "too_few_asked": "Færre enn {min} i utvalget fikk dette spørsmålet, så tallene vises ikke.",
    "points": "{value} prosentpoeng",
    "yes": "ja",
    "no": "nei",
    "weighting": "Vekting",
    "weighting_intro": "Vektene lages når databasen bygges: de vektede andelene skal treffe SSBs tall, og ingen "
                       "respondent teller mindre enn {lower} eller mer enn {upper} ganger gjennomsnittet. Der "
                       "grensene tillater det, treffes hvert mål, med vekter så nær 1 som mulig (målt med "
                       "rakingavstanden: uten grensene er det de vanlige rakingvektene).",
    "margin_dimension": "Kjennetegn",
    "margin_option": "Gruppe",
    "margin_sample": "Utvalget",
    "margin_target": "Målet",
    "margin_weighted": "Vektet",
    "margin_gap": "Avvik (prosentpoeng)",
    "weighting_margins": "Hvert mål og hva vektene når",
    "weighting_scheme": "Vekting",
    "weighting_converged": "Nådde målene",
    "weighting_iterations": "Steg i beregningen",
    "weighting_max_error": "Største avvik fra målet",
    "weighting_trimmed": "Ved en grense (grensene)",
    "weighting_deff": "Designeffekt",
    "weighting_efficiency": "Effektivitet",
    "weighting_range": "Vekter fra–til",
    "weighting_not_met": "Der ingen vekter innenfor grensene treffer hvert mål, er det grensene som hindrer "
                         "det: utvalget har så mange eller så få i noen grupper at de ikke kan vektes helt ned "
                         "eller opp uten at noen svar teller svært lite eller svært mye. Da kommer de vektede "
                         "andelene så nær målene som grensene tillater: det største avviket er så lite som "
                         "mulig, deretter det nest største, og så videre. Av vektene som gir disse andelene, "
                         "brukes de som ligger nærmest 1. Dermed er vektene ett bestemt svar. Tabellen under "
                         "viser hvert avvik.",
    "weighting_target_note": "{dimension}: {groups} finnes ikke i SSBs tall, så målet er andelen blant dem som "
                             "svarte; de andre gruppene deler resten, {rest}, i SSBs forhold: {items}.",
    "weighting_target_item": "{label} {population} × {rest} = {target}",
    "methods": "Metodene",
    "method_ci": "Konfidensintervall: Wilsons intervall (Wilson 1927; Newcombe 1998), med vekter på Kishs "
                 "effektive utvalgsstørrelse (Kish 1965). Nivået (90, 95 eller 99 %) velges i sidepanelet.",
    "method_test": "Signifikans: hver gruppe testes mot resten av utvalget for hvert svaralternativ, med "
                   "z-test for to andeler, tosidig, på effektive utvalgsstørrelser. Holms korreksjon (Holm "
                   "1979) for alle sammenligningene i én graf; et spørsmål med to svar (ja og nei) teller én gang, "
                   "siden nei-testen er ja-testen. Grupper med lavt grunnlag testes ikke. Funnene på "
                   "oversikten tester de to gruppene som ligger lengst fra hverandre i hver av sine fem "
                   "sammenligninger, med Bonferroni-korreksjon for alle parene de fem så på.",
    "method_weighting": "Vekting: kalibrering med grenser for vektene (Deville og Särndal 1992) mot "
                        "bedriftsstørrelse og landsdel (SSBs bedriftstall) eller kjønn og alder (SSBs "
                        "arbeidskraftundersøkelse), med rakingavstanden, så vektene er rakingvektene (Deming "
                        "og Stephan 1940) der grensene ikke holder dem tilbake. Designeffekten (Kish) sier hvor "
                        "mye usikkerheten øker: effektiviteten er andelen av utvalget som er igjen etter "
                        "vektingen.",
    "method_small": "Små grupper: et grunnlag med effektiv n under {low} merkes som lavt (med vekter teller "
                    "et grunnlag for mindre enn antallet svar: Kishs effektive n). En gruppe med færre enn "
                    "{min} svar vises ikke, verken i grafer, tabeller, nedlastinger eller fritekst. Der "
                    "antallene har støy (importerte bølger) eller personene er konstruerte (rekonstruksjonen), "
                    "skjules den alene: totalen minus gruppene som vises gir den bare med støyen fra alle "
                    "disse antallene, og i rekonstruksjonen finnes ingen virkelig person å finne. Er en bølge "
                    "med eksakte antall for virkelige personer med i utvalget, og skjules bare én gruppe i en "
                    "graf, skjules også den nest minste, så den skjulte ikke kan regnes ut fra totalen. "
                    "Fritekstene følger ikke filtrene: de er alltid hele utvalgets i de valgte bølgene, så to "
                    "lister sammenlignet aldri knytter en tekst til en liten gruppe.",
    "perturbation": "Støy mot differensiering",
    "perturbation_plain": "Kort sagt: der svarene kommer fra virkelige personer, flyttes hvert antall personer "
                          "som vises med opptil to, tilfeldig, men alltid likt for de samme personene. En andel "
                          "flytter seg en brøkdel av et prosentpoeng; ingen kan finne en liten gruppe ved å "
                          "trekke én tabell fra en annen.",
    "perturbation_text": "Svar fra virkelige personer beskyttes med cellenøkler, som i TableBuilder fra "
                         "Australian Bureau of Statistics: hver respondent har et fast tilfeldig tall, og hvert "
                         "antall som vises (en gruppe, et grunnlag, de som valgte et svar, et utvalg) flyttes "
                         "med {offsets} (med sjansene {chances}; standardavvik {sd}), bestemt av tallene til dem "
                         "som telles. Samme antall er derfor samme tall i hver graf, tabell, nedlasting og på "
                         "kommandolinjen, og samme antall spurt på nytt gir samme tall; utvalg med flere valg i "
                         "ett filter finnes ikke der det er støy, så det er ikke mange ulike utvalg å ta "
                         "gjennomsnitt av; to tabeller trukket fra hverandre gir støy, ikke personer: et antall "
                         "regnet ut som differansen av to viste antall er riktig i {exact} av tilfellene, bommer "
                         "med 1 i {one} og med 2 eller mer i {more}. 0 forblir 0, et antall under {min} forblir "
                         "under {min}, og et antall på {min} eller mer forblir der, så de samme gruppene er "
                         "under grensen med og uten støy; en slik gruppe skjules derfor alene, for totalen minus "
                         "de andre gruppene gir den bare med støyen fra alle disse antallene. Andeler, "
                         "intervaller og tester regnes av de viste antallene, så de kan avvike litt fra "
                         "hverandre (svarene på et spørsmål med ett svar summerer likevel til grunnlaget). "
                         "Der ingen i en "
                         "skjult gruppe valgte et svar, er to antall av de samme "
                         "personene samme tall, og differansen viser den 0-en.",
    "perturbation_waves": "Med støy: {perturbed}. Eksakte antall: {exact}.",
    "perturbation_all": "Alle bølger har støy i antallene.",
    "perturbation_none": "Ingen bølger har støy i antallene (innstillingen perturbation i data/statistics.yaml).",
    "perturbation_reconstructed_only": "Antallene her er eksakte: alle svarene er rekonstruksjonen, og "
                                       "respondentene finnes ikke. En importert bølge får støy.",
    "perturbation_reconstructed": "{wave} (rekonstruksjonen: respondentene finnes ikke)",
    "perturbation_effect": "Intervallene viser usikkerheten fra utvalget alene. Støyen legger til litt, mest på "
                           "små grunnlag: halv bredde av et {level} %-intervall for en andel nær 50 %:",
    "perturbation_base": "Grunnlag (n)",
    "perturbation_sampling": "Fra utvalget",
    "perturbation_with": "Med støyen",
    "threat": "Hva beskyttelsen verner mot",
    "threat_what": "Beskyttelsen verner størrelsen og svarene til grupper under {min} i bølger med støy. Den er "
                   "laget mot en utenforstående som har sidene, nedlastingene og kommandolinjen, og som kan "
                   "spørre så mange ganger hen vil.",
    "threat_rules": "Reglene",
    "threat_rule_noise": "Støy: hvert antall i en bølge med støy flyttes litt. De samme personene gir alltid "
                         "samme tall.",
    "threat_rule_weights": "Ingen vekter: et utvalg som når en bølge med støy, vises uvektet. Vektet grunnlag "
                           "delt på antallet er den sanne snittvekten til dem som telles, og den ville røpe "
                           "skjulte grupper.",
    "threat_rule_filters": "Ett valg per filter: et utvalg som når en bølge med støy, har ett valg i hvert "
                           "filter. Bølgefilteret kan ha flere bølger, men bare én med støy. Benchmarkens "
                           "sammenligningsgrupper er hele grupper, ikke spenn. Det finnes ingen filtre på "
                           "svar, og svarene på et spørsmål med ett svar summerer til gruppens antall.",
    "threat_rule_hidden": "Skjulte grupper: en gruppe under {min} vises ikke noe sted, og en gruppe på 0 ser "
                          "ut som en på noen få.",
    "threat_rule_texts": "Fritekster: bare hele bølger, aldri filtrert. Antallet tekster er derfor eksakt.",
    "threat_attacks": "De beste kjente angrepene, og hva de gir",
    "threat_attack_one": "Eksakte antall minus ett antall med støy (for eksempel alle bølger minus den "
                         "eksakte rekonstruksjonen): to spørringer, én med støy, riktig i {pct} av "
                         "tilfellene.",
    "threat_attack_difference": "Ett antall med støy minus et annet (én differanse): to spørringer med støy, "
                                "riktig i {pct} av tilfellene. Angriperen vet ikke når.",
    "threat_attack_unions": "Snitt over unioner (en liten gruppe slått sammen med andre valg på mange måter): "
                            "avvist, for hvert filter har ett valg.",
    "threat_attack_weights": "Vektede tall: avvist på bølger med støy.",
    "threat_attack_partitions": "Snitt over oppdelinger (samme sum regnet ut som summen av gruppene i flere "
                                "ulike oppdelinger, hver med egen støy): fortsatt mulig. Jo flere oppdelinger, "
                                "jo nærmere kommer angrepet; docs/statistics.md sier hvor nær angrepstestene kom.",
    "threat_deployment": "En installasjon må legge til: en passfrase for lesere (eller innlogging) og "
                         "innlogging i proxyen, så også nedlastingene er vernet; tilgangslogger; og gjerne en "
                         "grense for hvor ofte en adresse kan åpne økter. Appen begrenser i dag bare feilede "
                         "forsøk på passfrasen (høyst {most} på {seconds} sekunder per server). Slike grenser "
                         "er et ekstra lag, ikke beskyttelsen: støyen og reglene må holde alene.",
    "threat_reconstruction": "Rekonstruksjonen har ingen støy: personene i den finnes ikke, og de publiserte "
                             "tallene skal gjenskapes nøyaktig. Et antall som bare teller rekonstruksjonen, er "
                             "eksakt. Teller det noen fra en bølge med støy, får det støy.",
    "weighting_limits": "Hva vekting kan og ikke kan rette",
    "weighting_can": "Vekting kan rette skjevheter i de kjennetegnene det vektes på (bedriftsstørrelse og "
                     "landsdel, eller kjønn og alder), så langt grensene for vektene tillater.",
    "weighting_cannot": "Vekting kan ikke rette selvseleksjon: de som svarte, er trolig mer interessert i "
                        "sosiale medier enn andre i samme gruppe. Det skjevheten ligger i, er ikke målt, og "
                        "kan derfor ikke vektes bort. Vekting gjør også tallene mer usikre (designeffekten).",
    # charts
    "share_axis": "Andel (%)",
    "chart_description": "{title}: liggende stolper med andelen (%) som valgte hvert svar, med "
                         "konfidensintervall. Svar: {answers}.",
    "chart_description_groups": "{title}: liggende stolper med andelen (%) som valgte hvert svar i hver "
                                "gruppe, med konfidensintervall. Svar: {answers}. Grupper: {groups}.",
    "base_everyone": "alle som svarte",
    "base_caption": "Grunnlag: {base} (n = {n}).",
    "base_caption_groups": "Grunnlag: {base}. n: {groups}.",
    "tooltip_answer": "Svar",
    "tooltip_group": "Gruppe",
    "tooltip_share": "Andel",
    "tooltip_count": "Antall",
    "tooltip_base": "Grunnlag",
    "count_of_base": "{n} av {base_n}",
    "count_weighted": "{w_n} av {w_base} vektet ({n} av {base_n} svar, effektiv n {n_eff})",
    "bases_weighted": "Vektet grunnlag {w_base}, effektiv n {n_eff}.",
    "bases_weighted_groups": "Vektet grunnlag og effektiv n: {groups}.",
    "column_w_n": "Vektet antall",
    "column_w_base": "Vektet grunnlag",
    "column_n_eff": "Effektiv n",
    "crosstab_w_base": "Vektet grunnlag",
    "crosstab_n_eff": "Effektiv n",
    # exports
    "download_csv": "Tall (CSV)",
    "download_xlsx": "Tall (Excel)",
    "download_png": "Bilde (PNG)",
    "download_png_square": "Kvadrat (PNG)",
    "download_svg": "Bilde (SVG)",
    "download_deck": "PowerPoint av siden",
    "column_group": "Gruppe",
    "column_option": "Svar",
    "column_n": "Antall",
    "column_base_n": "Grunnlag (n)",
    "column_pct": "Andel (%)",
    "footer": "{filters} n = {n}. {notice}",
    "footer_source": "Kilde: Sosialkontoret, undersøkelse blant norske bedrifter, mai 2010.",
    "export_sheet": "Utvalg",
    # banner tables (Explore)
    "banner_heading": "Tabell",
    "banner_choice": "Kolonner (banner)",
    "banner_placeholder": "Som sammenligningen",
    "banner_help": "Dimensjonene som står side om side i tabellen, hver med sine grupper, etter en kolonne "
                   "for totalen.",
    "cells_choice": "Vis i cellene",
    "cells_pct": "Andel (%)",
    "cells_n": "Antall (n)",
    "cells_ci": "Intervall",
    "cells_letters": "Kolonnebokstaver",
    "tables_all": "Alle spørsmål (tabellsett)",
    "explore_this": "Dette spørsmålet",
    "banner_total": "Totalt",
    "banner_all": "Alle",
    "banner_base": "Grunnlag",
    "banner_hidden": "skjult",
    "banner_ci": "{level}\u00a0% KI",
    "banner_ci_low": "KI nedre",
    "banner_ci_high": "KI øvre",
    "banner_letters": "Høyere enn",
    "banner_vs_rest": "Mot resten",
    "banner_letters_note": "Bokstaver: andelen er signifikant høyere enn i kolonnen med den bokstaven, innen "
                           "samme dimensjon (z-test på effektiv n, Holm-korrigert over alle par og svar i "
                           "dimensjonen, {level}\u00a0%). Kolonner med lavt grunnlag er ikke testet.",
    "banner_low_base_note": "* Lavt grunnlag (effektiv n < {low}): usikre tall, ikke testet.",
    "banner_hidden_note": "Skjult: gruppen har færre enn {min} svar (eller ingen), eller er skjult sammen med "
                          "en slik, så den ikke kan regnes ut av de andre.",
    "banner_hidden_note_alone": "Skjult: gruppen har færre enn {min} svar (eller ingen).",
    "banner_columns": "Kolonner: {columns}.",
    "download_table": "Tabell (Excel)",
    "download_table_set": "Tabellsett (Excel)",
    "table_set": "Tabellsett",
    "contents_sheet": "Innhold",
    "contents_table": "Tabell",
    "contents_question": "Spørsmål",
    "export_question": "Spørsmål",
    "export_selection": "Filtre",
    "export_everyone": "Ingen: alle som svarte",
    "export_weighting": "Vekting",
    "export_base": "Grunnlag",
    "export_made": "Laget",
    "export_version": "Dataversjon",
    "export_notice": "Merknad om dataene",
    "export_about_sheet": "Om tabellen",
    "export_ci": "KI nedre og KI øvre: {level}\u00a0% konfidensintervall (Wilson).",
    "export_sig": "p (Holm) og Merknad: om andelen er signifikant høyere eller lavere enn i resten av utvalget "
                  "({level}\u00a0%, Holm-korrigert innen tabellen).",
    "export_low_base": "Lavt grunnlag (effektiv n < {low}): usikre tall, ikke testet; Merknad sier det.",
    "download_report": "Rapport for utvalget (PowerPoint)",
    "report": "Rapport",
    "report_made": "Laget {date}.",
    "report_compare": "Sammenlignet etter {by}.",
    "report_sample": "I utvalget: {n} av {responded} som svarte; {invited} bedrifter ble invitert.",
    "report_waves": "Svarene er fra {waves}.",
    "report_no_findings": "Ingen funn å vise for dette utvalget.",
    "continued": "{title} ({part} av {parts})",
    # overview
    "headline_private_use": "Bruker sosiale medier privat",
    "headline_company_use": "Bedriften bruker sosiale medier",
    "headline_no_guidelines": "Bedriften har ikke retningslinjer",
    "headline_marketing_strategy": "Har strategi for markedsføring i sosiale medier",
    "base_n": "{n} av {base_n}.",
    "base_all": "Grunnlag: alle som svarte.",
    "base_marketers": "Grunnlag: bedrifter som bruker sosiale medier til markedsføring.",
    "findings": "Funn",
    "glance_use": "Bruk av sosiale medier",
    "glance_top": "{title}: de {k} vanligste",
    "finding_use": "{private} bruker sosiale medier privat, men bare {company} sier at bedriften gjør det.",
    "finding_use_both": "{private} bruker sosiale medier privat, og {company} sier at bedriften gjør det.",
    "finding_channel": "{first} er det mest brukte sosiale mediet privat ({first_pct}), foran {second} ({second_pct}).",
    "finding_guidelines": "{no} sier at bedriften ikke har retningslinjer for de ansattes bruk. "
                          "Den vanligste grunnen er «{reason}» ({reason_pct}).",
    "finding_strategy": "Av bedriftene som bruker sosiale medier til markedsføring, har {pct} en strategi for det.",
    "finding_challenge": "Den vanligste utfordringen er «{challenge}» ({pct}).",
    "finding_difference": "{a} {verb} oftere enn {b} ({pa} mot {pb}, {p}).",
    "verb_private_use_person": "bruker sosiale medier privat",
    "verb_company_use_person": "sier at bedriften bruker sosiale medier",
    "verb_company_use_company": "bruker sosiale medier",
    "verb_guidelines_company": "har retningslinjer for de ansattes bruk",
    # method
    "funnel": "Fra invitasjon til svar",
    "funnel_invited": "Inviterte bedrifter",
    "funnel_responded": "Svar",
    "funnel_selected": "I utvalget nå",
    "response_rate": "Svarprosent",
    "response_rate_published": "Publisert: «ca. 3 %»",
    "response_rate_computed": "Beregnet: {n} av {invited} = {pct}",
    "response_rate_note": "Over 800 svar av 20 000 invitasjoner er minst 4 %. Innleggene forklarer ikke "
                          "forskjellen; her vises begge tallene.",
    "composition": "Utvalget sammenlignet med befolkningen",
    "composition_sample": "Utvalget",
    "composition_population": "Befolkningen (SSB)",
    "composition_note": "Utvalget: n = {n}. Befolkningen: {source}.",
    "represented_rule": "Én fane for hvert kjennetegn. Under grafen står hvilke grupper som er over- eller "
                        "underrepresentert blant dem som svarte: andelen i utvalget avviker med minst {points} "
                        "prosentpoeng fra befolkningens, og befolkningens andel ligger utenfor utvalgets {level} "
                        "%-konfidensintervall.",
    "represented_group": "{label} ({sample} i utvalget, {population} i befolkningen)",
    "represented_group_share": "{label} ({share})",
    "represented_aside": "{groups} finnes ikke i befolkningstallene; de andre gruppene sammenlignes med "
                         "befolkningens andeler av de øvrige {rest}.",
    "represented_over": "Overrepresentert blant dem som svarte: {groups}.",
    "represented_under": "Underrepresentert blant dem som svarte: {groups}.",
    "represented_under_too": "Underrepresentert: {groups}.",
    "represented_none": "Ingen gruppe avviker fra befolkningen med {points} prosentpoeng eller mer.",
    "represented_unclear": "Avvikene på {points} prosentpoeng eller mer ligger innenfor konfidensintervallene, "
                           "så ingen gruppe er klart over- eller underrepresentert.",
    "source_establishments": "SSBs statistikk over bedrifter (virksomheter), 1. januar 2011",
    "source_labour_force": "SSBs arbeidskraftundersøkelse (AKU), årsgjennomsnitt 2010",
    "weaknesses": "Kjente svakheter",
    "weakness_addresses": "Invitasjonene gikk til upersonlige e-postadresser fra Brønnøysundregistrene, "
                          "så hvem som fikk dem og svarte, er tilfeldig.",
    "weakness_response": "Svarprosenten er lav.",
    "weakness_selection": "De som svarte, bruker trolig sosiale medier mer enn bedrifter flest "
                          "(selvseleksjon); det kan ikke vektes bort.",
    "weakness_profile": "De som svarte, skiller seg fra befolkningen i {dimensions} (se under grafene over).",
    "reconstruction": "Hvordan svarene er rekonstruert",
    "reconstruction_text": "Bare samlede tall ble publisert. Svarene her er laget av et program som gjør hvert "
                           "publiserte tall om til et eksakt antall svar, og gir svarene til respondentene "
                           "som mest sannsynlig har dem, med vekter for sammenhenger som at bruk i bedriften "
                           "øker med bedriftens størrelse. Alle publiserte tall gjenskapes med den presisjonen "
                           "de ble publisert med.",
    "tension": "Tall som trekker mot hverandre",
    "tension_text": "Med flere menn enn kvinner gir 62,8 % av mennene og 70 % av kvinnene høyst 66,2 % "
                    "samlet, under de publiserte 67 %. Rekonstruksjonen løser det med 44 respondenter som "
                    "ikke oppga kjønn, og som oftere bruker sosiale medier privat. Det er en antakelse, "
                    "ikke et funn.",
    # benchmark: a company against its peers
    "benchmark": "Sammenlign en bedrift",
    "benchmark_intro": "Hvor står kunden? Beskriv bedriften og gi dens egne svar på spørsmålene: de sammenlignes "
                       "med svarene fra bedrifter av samme størrelse og bransje i undersøkelsen.",
    "or": "eller",
    "peers_companies": "bedrifter",
    "peers_size": "med {sizes}",
    "peers_industry": "i {industries}",
    "peers_region": "i {regions}",
    "peers_region_at": "på {regions}",
    "peers_everyone": "alle bedrifter i utvalget",
    "peers_step_small": "{group}: {n}, færre enn {least}.",
    "peers_step_used": "{group}: {n}.",
    "bench_client_mark": "kundens svar",
    "client_file_rows": "Filen har {rows} rader med svar. En kundefil har én: kundens svar.",
    "bench_single_like_most": "Som {pct} av {peers} svarte kunden «{answer}» på «{question}»; {rest} svarte noe "
                              "annet.",
    "bench_single_divided": "Kunden svarte «{answer}» på «{question}», det samme som {pct} av {peers}: de er "
                            "delt. Vanligst er «{top}» ({top_pct}).",
    "bench_single_differs": "Kunden skiller seg ut: den svarte «{answer}» på «{question}», det gjorde bare {pct} "
                            "av {peers}. Vanligst er «{top}» ({top_pct}).",
    "bench_multi_like_most": "Som {pct} av {peers} valgte kunden «{answer}» ({question}).",
    "bench_multi_divided": "Kunden valgte «{answer}» ({question}), det samme som {pct} av {peers}: de er delt.",
    "bench_multi_differs": "Kunden skiller seg ut: den valgte «{answer}» ({question}), det gjorde bare {pct} av "
                           "{peers}.",
    "bench_multi_divided_not": "Kunden valgte ikke «{answer}» ({question}); det gjorde {pct} av {peers}: de er "
                               "delt.",
    "bench_multi_differs_not": "Kunden skiller seg ut: den valgte ikke «{answer}» ({question}), det gjorde {pct} "
                               "av {peers}.",
    "client_heading": "Kunden",
    "client_private": "Kundens navn og svar blir bare i denne økten: de står ikke i lenken, lagres ikke og skrives "
                      "ikke til noen logg.",
    "client_name": "Kundens navn",
    "client_unnamed": "Kunden",
    "client_file": "Eller les kundens svar fra en fil: én rad, i et format importen leser",
    "client_file_read": "Leste kundens svar fra {file}.",
    "client_file_bad": "{file} kunne ikke leses som én bedrifts svar.",
    "client_file_person": "Tomme kolonner om den som svarte, ikke om bedriften, ble hoppet over: {columns}.",
    "client_template_help": "Mal for kundefilen: undersøkelsens kolonner for bedriftens spørsmål, med "
                            "spørsmålene i rad 2. Fyll inn kundens svar i rad 3 og last opp filen her.",
    "download_client_template_csv": "Mal for kundefil (CSV)",
    "download_client_template_xlsx": "Mal for kundefil (Excel)",
    "client_template_file": "kundefil-mal",
    "client_template_sheet": "Kundens svar",
    "client_template_about": "Forklaring",
    "client_template_intro": "Fyll inn kundens svar i rad 3 på arket «Kundens svar»: en verdi per spørsmål, 1 "
                             "eller 0 per alternativ. La stå tomt det kunden ikke har svart på.",
    "client_template_column": "Kolonne",
    "client_template_question": "Spørsmål",
    "client_template_values": "Tillatte verdier",
    "client_template_asked": "Hvem som får spørsmålet",
    "client_template_flag": "1 = valgt, 0 = ikke valgt",
    "client_template_all": "alle",
    "upload_too_big": "{file} er større enn {mb} MB, det meste denne opplastingen tar imot, og ble ikke lest. "
                      "En kundefil har kundens svar på én rad, en mapping noen få linjer.",
    "client_answers": "Kundens svar",
    "client_answers_help": "Svar bare på det kunden har svart på. Et spørsmål som bare noen fikk, vises når "
                           "svaret det bygger på er gitt.",
    "choose": "Velg",
    "peers_choice": "Sammenlign med bedrifter med samme",
    "client_no_profile": "Velg bedriftens størrelse eller bransje for å finne sammenlignbare bedrifter.",
    "client_no_answers": "Gi minst ett av kundens svar for å sammenligne.",
    "peers_heading": "Sammenlignbare bedrifter",
    "peers_widened": "Gruppen ble utvidet trinn for trinn til den hadde minst {least} respondenter:",
    "peers_exact": "Gruppen har minst {least} respondenter:",
    "peers_too_few": "Selv den videste gruppen har færre enn {least} respondenter: tallene er usikre.",
    "bench_differs_heading": "Der kunden skiller seg ut",
    "bench_none_differs": "Kunden skiller seg ikke tydelig fra de fleste sammenlignbare bedriftene på noe "
                          "spørsmål.",
    "bench_questions_heading": "Spørsmål for spørsmål",
    "bench_group_label": "Sammenlignbare bedrifter",
    "download_bench_deck": "Sammenligning (PowerPoint)",
    "download_bench_xlsx": "Sammenligning (Excel)",
    "share_heading": "Del sammenligningen",
    "share_confirm": "Jeg forstår at lenken inneholder kundens navn og svar, og at alle som får den, ser dem.",
    "share_link_label": "Lenke med kundens svar",
    "client_from_link": ("Kundens navn og svar kom fra lenken. De står ikke lenger i adresselinjen. "
                         "Åpne «Kunden» for å se eller endre dem."),
    "client_link_dropped": "Lenken hadde svar som ikke er i kodeboken, og de ble utelatt: {values}.",
    "bench_deck_title": "Sammenligning: {client}",
    "bench_deck_subtitle": "{client} mot {peers}",
    "bench_summary": "Oppsummering",
    "bench_summary_intro": "{client} er sammenlignet med {peers}. Kunden skiller seg ut fra de fleste av dem på "
                           "{differs} av {asked} spørsmål.",
    "bench_ahead_chosen": "Kunden ligger foran de fleste sammenlignbare bedriftene på «{question}»: den svarte "
                          "«{answer}», og det gjorde bare {pct} av dem.",
    "bench_ahead_not": "Kunden ligger foran de fleste sammenlignbare bedriftene på «{question}»: den svarte ikke "
                       "«{answer}», men det gjorde {pct} av dem.",
    "bench_behind_chosen": "Kunden ligger bak de fleste sammenlignbare bedriftene på «{question}»: den svarte "
                           "«{answer}», og det gjorde bare {pct} av dem.",
    "bench_behind_not": "Kunden ligger bak de fleste sammenlignbare bedriftene på «{question}»: den svarte ikke "
                        "«{answer}», men det gjorde {pct} av dem.",
    "bench_no_leads": "Kunden er ikke tydelig foran eller bak de fleste sammenlignbare bedriftene på noe "
                      "spørsmål.",
    "bench_method_heading": "Slik er sammenligningen laget",
    "bench_method": "Andelene er av de sammenlignbare bedriftene som fikk spørsmålet, med {level} % "
                    "konfidensintervall. «De fleste» betyr at hele intervallet ligger over 50 %, «delt» at det "
                    "omfatter 50 %. Kunden skiller seg ut der den svarer som de fleste ikke gjør. Kundens egne "
                    "svar er ikke talt med.",
    "bench_footer": "Sammenligning for {client}: {peers}, {n}. {notice}",
    "column_question": "Spørsmål",
    "bench_column_option": "Svaret",
    "bench_column_chosen": "Kunden ga dette svaret",
    "bench_column_pct": "Sammenlignbare som ga dette svaret (%)",
    "column_standing": "Kunden",
    "column_lead": "Foran/bak",
    "column_sentence": "Setning",
    "standing_differs": "skiller seg ut",
    "standing_divided": "delt",
    "standing_like_most": "som de fleste",
    "lead_ahead": "foran",
    "lead_behind": "bak",
    "chose_yes": "Ja",
    "chose_no": "Nei",
    "export_client": "Kunde",
    "export_peers": "Sammenlignet med",
    "export_peer_steps": "Utvidelse av gruppen",
    # what stands out
    "standout": "Hva skiller seg ut",
    "standout_nothing": "Velg et filter eller en sammenligning i sidepanelet for å se hva som skiller seg ut: "
                        "da testes hvert svar på hvert spørsmål mot resten.",
    "standout_no_tests": "Ingenting kunne testes: gruppene eller resten er for små.",
    "standout_intro": "Av {m} sammenligninger ({made}) holder {k} etter Benjamini–Hochberg-korreksjon "
                      "(falske funn ≤ {fdr}). Størst forskjell først:",
    "standout_intro_one": "Av {m} sammenligninger ({made}) holder {k} etter Benjamini–Hochberg-korreksjon "
                          "(falske funn ≤ {fdr}):",
    "standout_intro_none": "Av {m} sammenligninger ({made}) holder ingen etter Benjamini–Hochberg-korreksjon "
                           "(falske funn ≤ {fdr}).",
    "standout_made_groups": "hvert svar på hvert spørsmål, hver gruppe etter {by} mot resten av utvalget",
    "standout_made_selection": "hvert svar på hvert spørsmål, utvalget mot de andre respondentene",
    "standout_made_selection_waves": "hvert svar på hvert spørsmål, utvalget mot de andre respondentene i "
                                     "bølge {waves}",
    "standout_row": "{group}: {pct} svarte «{option}» på «{question}» ({base}, n = {n}), mot {rest_pct} av "
                    "{rest} ({difference} prosentpoeng).",
    "standout_selection": "Utvalget",
    "standout_rest_groups": "resten av utvalget",
    "standout_rest_selection": "de andre respondentene",
    "standout_link": "Vis diagram",
    "standout_more": "{k} til",
}

# What a validation report says (survey.texts.problems.say): the problems that stop a file from being loaded
# and the notes that go with one that loads.
PROBLEMS: dict[str, str] = {
    "row": "rad {row}",
    "column": "kolonne {column}",
    "more": "  ... og {count} til av samme slag",
    "notes": "Merknader:",
    "verdict_bad": "{source} ble ikke lastet inn: {count} {problems} funnet, ingenting ble skrevet.",
    "problem": "problem",
    "problems": "problemer",
    # the file
    "file_empty": "filen er tom",
    "file_zip": "filen er ikke tekst (den er et zip-arkiv, kanskje en Excel-bok: gi den endelsen .xlsx)",
    "file_nul": "filen er ikke tekst (den har NUL-tegn: binær, eller UTF-16; lagre den som CSV i UTF-8)",
    "file_encoding": "filen er ikke tekst (verken UTF-8 eller Windows-1252)",
    "file_control": "filen er ikke tekst (den har kontrolltegn: binær?)",
    "file_not_utf8": "byten ved posisjon {offset} ({byte}, {char}) er ikke UTF-8, selv om {why}; filen har "
                     "{count} {bytes}. En del av den ble lagret med en annen tegnkoding: lagre hele filen "
                     "som UTF-8 (i Excel: Lagre som, CSV UTF-8) og last den inn på nytt",
    "file_neither": "byten ved posisjon {offset} ({byte}) er verken UTF-8 eller et tegn i Windows-1252, "
                    "tegnkodingen til resten av filen: lagre filen som UTF-8 (i Excel: Lagre som, CSV UTF-8) og "
                    "last den inn på nytt",
    "utf8_elsewhere": "resten av filen er det",
    "utf8_bom": "filen begynner med UTF-8s byte order mark (BOM)",
    "as_cp1252": "{char} i Windows-1252",
    "no_cp1252": "heller ikke et tegn i Windows-1252",
    "such_byte": "slik byte",
    "such_bytes": "slike byte",
    "file_control_at": "et kontrolltegn ({char}) ved byteposisjon {offset}; filen har {count} {characters}. "
                       "Ingen svar har slike tegn, så filen er skadet der eller ikke bare tekst: fjern slike tegn "
                       "(eller eksporter filen på nytt) og last den inn på nytt",
    "cell_control": "et kontrolltegn ({char}) i denne cellen; filen har {count} {characters} i cellene. Ingen "
                    "svar har slike tegn, så filen er skadet der: fjern slike tegn (eller eksporter filen på nytt) "
                    "og last den inn på nytt",
    "such_character": "slikt tegn",
    "such_characters": "slike tegn",
    "file_not_regular": "dette er ikke en vanlig fil, men {kind}, og ingenting ble lest fra den: oppgi stien til "
                        "en eksportert fil (.csv, .txt, .xlsx eller .sav)",
    "kind_folder": "en mappe",
    "kind_fifo": "et navngitt rør (FIFO)",
    "kind_device": "en enhet",
    "kind_socket": "en socket",
    "kind_other": "noe annet",
    "xlsx_formulas": "ark {sheet}: formler uten lagret verdi i {count} {cells} ({where}){example}. Det de gir, "
                     "kan ikke leses: arbeidsboken ble lagret av et program som ikke regner ut formler. Åpne den "
                     "i Excel eller LibreOffice og lagre den, så verdiene blir lagret, og last den inn på nytt",
    "formula_example": "; {cell} er {formula}",
    "cell": "celle",
    "cells": "celler",
    "file_kind": "ukjent filtype {suffix}: ventet .csv, .txt, .xlsx eller .sav",
    "file_unreadable": "filen kan ikke leses ({reason})",
    "file_not_xlsx": "filen er ikke en Excel-bok ({reason})",
    "file_xlsx_unreadable": "Excel-boken kan ikke leses ({reason})",
    "file_no_sheet": "Excel-boken har ikke arket {sheet}; arkene er: {sheets}",
    "file_first_sheet": "det første arket, {sheet}, har ikke svarene: ingen av kolonnene er kolonner i "
                        "kodeboka eller koblingsfilen. Bokens andre ark: {sheets}. Velg ark med --sheet (på "
                        "administrasjonssiden: feltet for ark)",
    "file_not_sav": "filen er ikke en SPSS .sav-fil ({reason})",
    "file_header_empty": "første rad er tom: overskriftene må stå på rad 1",
    "file_no_rows": "filen har overskrifter, men ingen respondenter",
    "file_too_wide": "filen har {count} kolonner; høyst {limit} kan leses",
    "csv_cells": "{cells} celler, men overskriftsraden har {columns} kolonner",
    "csv_quote": "et anførselstegn (\") åpner på denne raden og lukkes aldri: et anførselstegn inne i en "
                 "celle må dobles (\"\"), og en celle som begynner med et, må slutte med et",
    "csv_invalid": "raden kan ikke leses som CSV ({reason})",
    # the mapping
    "mapping_yaml": "koblingsfilen kan ikke leses som YAML ({reason})",
    "mapping_missing": "det finnes ingen koblingsfil på {path}",
    "mapping_not_regular": "koblingsfilen {path} er ikke en vanlig fil, men {kind}",
    "mapping_unreadable": "koblingsfilen {path} kan ikke leses ({reason})",
    "mapping_shape": "koblingsfilen må være en YAML-mapping med delene {sections}",
    "mapping_section": "koblingsfilens {section} må være {shape}",
    "mapping_bool": "{where}: {value} må være en tekst: YAML leser yes, no, true, false, on og off som "
                    "sann/usann uten anførselstegn, så sett dem i anførselstegn (\"yes\")",
    "mapping_text": "{where}: {value} må være en tekst",
    "mapping_multi": "koblingsfilens multi: {name} trenger question (og kan ha separator og values)",
    "mapping_separator": "koblingsfilens multi: {name}: separator må være en tekst, for eksempel ','",
    "mapping_target": "koblingsfilens columns sender den til {target}, som ikke er en kolonne i kodeboka",
    "mapping_question": "koblingsfilens {where} nevner {question}, som ikke er et spørsmål i kodeboka",
    "mapping_multi_question": "koblingsfilens {where} nevner {question}, som ikke er et flervalgsspørsmål i "
                              "kodeboka",
    "mapping_option": "koblingsfilens {where} nevner {option}, som ikke er et svaralternativ til {question}",
    "mapping_value_twice": "koblingsfilens {where} gir {value} til både {first} og {second}",
    # the columns
    "unknown_column": "ukjent kolonne, ikke i kodeboka (koble den under columns i en koblingsfil, eller før "
                      "den opp under skip)",
    "column_twice": "kolonnen står to ganger",
    "target_twice": "denne kolonnen og {first} går begge til {target}",
    "text_without_code": "{text} uten {question}: tekstene trenger de kodede svarene også (en koblingsfil kan "
                         "sende én kolonne til begge, se data/mapping.example.yaml)",
    "parent_missing": "{question} stilles bare når {route}, men denne filen spør ikke om {parent}",
    "no_questions": "ingen av filens kolonner er et spørsmål i kodeboka",
    "no_wave": "ingen bølge: oppgi --wave (på administrasjonssiden: feltet for bølge), eller koble en "
               "kolonne til wave",
    "weight_column_missing": "koblingsfilen sier at {column} er vekten, men filen har ingen slik kolonne",
    # the values
    "unknown_option": "ukjent svaralternativ: {value} er ikke et av {options}",
    "unknown_flag": "ukjent verdi for et svaralternativ: {value}, ventet 1 eller 0 (eller Ja/Nei, yes/no, "
                    "true/false)",
    "unknown_choice": "ukjent valg {value} for {question}: ikke i koblingsfilens values, og ikke et "
                      "svaralternativs id eller navn",
    "too_many_values": "{count} ulike verdier i en kolonne til et kodet spørsmål: kod dem i koblingsfilens "
                       "values, eller send kolonnen til en tekstkolonne",
    "no_id": "ingen respondent-id (utelat id-kolonnen for å nummerere radene)",
    "duplicate_id": "respondent-id {value} står to ganger, først på rad {first}",
    "wave_empty": "tom, hver respondent trenger en bølge",
    "wave_name": "{value} kan ikke være navnet på en bølge: bare bokstaver, sifre, mellomrom og . _ -, "
                 "første tegn en bokstav eller et siffer, høyst 40 tegn",
    "waves_many": "en innlasting har én bølge, denne filen har {count}: {waves}",
    "not_asked": "svar på et spørsmål som ikke ble stilt: {value}, men {question} stilles bare når {route}",
    "no_answer": "ikke besvart, men spørsmålet ble stilt (om respondentene kunne la det stå ubesvart, før opp "
                 "{question} under unanswered i koblingsfilen)",
    "text_long": "teksten er lengre enn {limit} tegn",
    "weight_bad": "{value} er ikke en vekt: et positivt tall trengs",
    # notes
    "note_not_asked": "{question}: ikke spurt om i denne bølgen (filen har ingen kolonne for det); lagret som "
                      "ikke spurt",
    "note_not_offered": "{question}: ikke med som svaralternativ i denne bølgen (filen har ingen kolonne for "
                        "dem): {options}",
    "note_recomputed": "{column}: vekter laget av denne appen regnes ut på nytt fra svarene, ikke lest",
    "note_delivered": "{column}: lest som vekten levert med dataene (vektingen «som levert»), skalert til "
                      "gjennomsnitt 1 i bølgen",
    "note_unanswered": "{question}: {count} respondenter fikk spørsmålet, men svarte ikke (tillatt i "
                       "koblingsfilen); lagret som ikke besvart",
    "note_scheme": "vekting etter {scheme}: ikke regnet ut for bølge {wave}, som ikke spurte om {dimensions}",
    "note_renumbered": "respondent-id-ene er ikke alle hele tall: respondentene er nummerert 1 til {count} i "
                       "filens rekkefølge, og filens egne id-er er tatt vare på som source_id",
    # routing in words
    "route_values": "{question} er {values}",
    "route_option": "{question}__{option} er valgt",
    "or": " eller ",
    "weights_company": "bedrift",
    "weights_person": "person",
    # the outcome, on the command line and the admin page
    "none": "ingen",
    "imported": "publiserte {version}: bølge {wave} fra {source}, {n} respondenter; andre bølger beholdt: "
                "{kept}",
    "checked": "{source} er gyldig: bølge {wave}, {n} respondenter; andre bølger beholdes: {kept}. Ingenting "
               "ble skrevet (--dry-run).",
    "built": "bygde {db} fra {source}: {n} respondenter på {seconds} s",
    "waiting": "en annen import, bygging eller tilbakerulling ({holder}) publiserer en versjon av denne "
               "databasen; denne venter til den er ferdig og bygger så videre på det den publiserte",
    "process": "prosess {pid}",
    "process_unknown": "en prosess",
    "disk_full": "disken er full: det er ikke plass til den nye versjonen i {folder}. Ingenting ble publisert; "
                 "den publiserte databasen er som før. Frigjør plass på den disken (python -m survey versions "
                 "--prune KEEP fjerner gamle versjoner) og kjør innlastingen på nytt",
    "disk_full_temporary": "disken er full: det er ikke plass til innlastingens midlertidige filer i {folder}. "
                           "Ingenting ble publisert; den publiserte databasen er som før. Frigjør plass på den "
                           "disken og kjør innlastingen på nytt",
}

# Streamlit's own texts, which it has in English only: what the browser shows in their place on a Norwegian
# page (survey.ui's browser side writes them in as they appear). "texts" are whole texts of Streamlit's own
# elements (never of the app's: the browser's script leaves those alone), "labels" whole aria-labels, titles
# and placeholders; the patterns are JavaScript regular expressions, $1 the part kept.
STREAMLIT_TEXTS: dict = {
    "texts": {
        "Skip to main content": "Gå til hovedinnholdet",
        "Upload": "Last opp",
        "Drag and drop a file here": "Dra og slipp en fil her",
        "Drag and drop files here": "Dra og slipp filer her",
        "No results": "Ingen treff",
        "No options": "Ingen valg",
        "Page not found": "Fant ikke siden",
        "Copy Vega-Lite spec": "Kopier Vega-Lite-spesifikasjonen",
        "Copied!": "Kopiert!",
        "Download as CSV": "Last ned som CSV",
        "Show data": "Vis data",
        "Show/hide columns": "Vis/skjul kolonner",
        "Fullscreen": "Fullskjerm",
        "Close fullscreen": "Lukk fullskjerm",
        "Print": "Skriv ut",
        "Record screen": "Ta opp skjermen",
        "Record a screencast": "Ta opp skjermen",
        "Stop recording": "Stopp opptaket",
        "About": "Om",
        "Get help": "Få hjelp",
        "Report a bug": "Meld fra om en feil",
        "Settings": "Innstillinger",
        "Light": "Lys",
        "Dark": "Mørk",
        "System": "Som systemet",
        "Link to heading": "Lenke til overskriften",
        "Save as SVG": "Lagre som SVG",
        "Save as PNG": "Lagre som PNG",
        "View Source": "Vis kilden",
        "View Compiled Vega": "Vis kompilert Vega",
        "Open in Vega Editor": "Åpne i Vega Editor",
    },
    "text_patterns": [
        [r"^(\d+(?:\.\d+)?)\s?([KMGT]?B) per file$", "$1 $2 per fil"],
        [r"^(\d+) options? available\.?$", "$1 valg tilgjengelig."],
        [r"^You have requested page (\S*), but no corresponding file was found in the app's pages/ directory\. "
         r"Running the app's main page\.$", "Siden $1 finnes ikke. Appens første side vises."],
        [r"^The page that you have requested does not seem to exist\. Running the app's main page\.$",
         "Siden finnes ikke. Appens første side vises."],
    ],
    "labels": {
        "Clear all": "Fjern alle",
        "Copy Vega-Lite spec": "Kopier Vega-Lite-spesifikasjonen",
        "Download as CSV": "Last ned som CSV",
        "Download as PNG": "Last ned som PNG",
        "Download as SVG": "Last ned som SVG",
        "Fullscreen": "Fullskjerm",
        "Close fullscreen": "Lukk fullskjerm",
        "Main menu": "Hovedmeny",
        "Collapse sidebar": "Skjul sidefeltet",
        "Expand sidebar": "Vis sidefeltet",
        "Link to heading": "Lenke til overskriften",
        "Open": "Åpne",
        "Close": "Lukk",
        "Dismiss": "Lukk listen",
        "Search": "Søk",
        "Show data": "Vis data",
        "Show/hide columns": "Vis/skjul kolonner",
        "file upload": "filopplasting",
    },
    "label_patterns": [
        [r"^Remove (.+)$", "Fjern $1"],
    ],
}
