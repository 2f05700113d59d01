"""Texts of the app in Norwegian (nb, the default) and English (en), and number formats.

Labels of questions and options come from the codebook; every other text comes from MESSAGES, so no page
mixes languages.
"""
from __future__ import annotations

import re

LANGUAGES = ("nb", "en")
DEFAULT_LANGUAGE = "nb"
NBSP = "\u00a0"

MESSAGES: dict[str, dict[str, str]] = {
    "nb": {
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
        "old_database": "Databasen er bygd av en eldre utgave av appen. Oppgrader den med «make run» eller «python -m survey upgrade»: alle svarene beholdes.",
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
                             "hverandre (svarene på et spørsmål med ett svar summerer likevel til grunnlaget). Der ingen i en "
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
        "represented_rule": "Under hver graf står hvilke grupper som er over- eller underrepresentert blant dem som "
                            "svarte: andelen i utvalget avviker med minst {points} prosentpoeng fra befolkningens, "
                            "og befolkningens andel ligger utenfor utvalgets {level} %-konfidensintervall.",
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
        "client_from_link": "Kundens navn og svar kom fra lenken. De står ikke lenger i adresselinjen.",
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
    },
    "en": {
        "app_title": "Social media in Norwegian companies",
        "language_name": "English",
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
        "reconstruction_notice": "The answers are a reconstruction from published aggregates, not the original responses.",
        "no_database": "The database does not exist yet. Build it with 'make run' or 'python -m survey build'.",
        "old_database": "The database was built by an earlier version of the app. Upgrade it with 'make run' or 'python -m survey upgrade': every answer is kept.",
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
        "perturbation_plain": "In short: where the answers come from real people, every number of people shown is moved by up to two, at random but always the same way for the same people. A percentage moves by a fraction of a point; nobody can work out a small group by subtracting one table from another.",
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
                                    "more splits, the closer it gets; docs/statistics.md says how close the attack tests came.",
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
        "finding_channel": "{first} is the social medium most used privately ({first_pct}), ahead of {second} ({second_pct}).",
        "finding_guidelines": "{no} say their company has no guidelines for employees' use. "
                              "The most common reason is \"{reason}\" ({reason_pct}).",
        "finding_strategy": "Of the companies that use social media for marketing, {pct} have a strategy for it.",
        "finding_challenge": "The most common challenge is \"{challenge}\" ({pct}).",
        "finding_difference": "{a} {verb} more often than {b} ({pa} compared with {pb}, {p}).",
        "verb_private_use_person": "use social media privately",
        "verb_company_use_person": "say their company uses social media",
        "verb_company_use_company": "use social media",
        "verb_guidelines_company": "have guidelines for employees' use",
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
        "represented_rule": "Under each chart: which groups are over- or under-represented among those who "
                            "answered, where the sample's share differs from the population's by at least {points} "
                            "percentage points and the population's share lies outside the sample's {level}% "
                            "confidence interval.",
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
        "client_from_link": "The client's name and answers came from the link. They are no longer in the address bar.",
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
    },
}

# Streamlit's own texts, which it has in English only: what the browser shows in their place on a Norwegian
# page (survey.ui.browser_side writes them in as they appear). "texts" are whole texts of Streamlit's own
# elements (never of the app's: survey.ui.BROWSER_JS leaves those alone), "labels" whole aria-labels, titles
# and placeholders; the patterns are JavaScript regular expressions, $1 the part kept.
STREAMLIT_TEXTS = {"nb": {
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
}}


def t(key: str, lang: str = DEFAULT_LANGUAGE, **values) -> str:
    """The message `key` in `lang`, with {placeholders} filled from `values` (whole numbers formatted)."""
    text = MESSAGES[lang][key]
    return text.format(**{k: format_number(v, lang) if isinstance(v, int) else v for k, v in values.items()})


def format_number(value: int, lang: str = DEFAULT_LANGUAGE) -> str:
    """A whole number with the thousands separator of the language: 20 000 (nb), 20,000 (en)."""
    text = f"{value:,}"
    return text.replace(",", NBSP) if lang == "nb" else text


def format_decimal(value: float, lang: str = DEFAULT_LANGUAGE, decimals: int = 1) -> str:
    """A number with decimals as the language writes it: 1 205,4 (nb), 1,205.4 (en)."""
    text = f"{value:,.{decimals}f}"
    return text.replace(",", NBSP).replace(".", ",") if lang == "nb" else text


def format_pct(value: float, lang: str = DEFAULT_LANGUAGE, decimals: int = 1) -> str:
    """A percentage as the language writes it: 36,2 % (nb), 36.2% (en)."""
    text = f"{value:.{decimals}f}"
    return f"{text.replace('.', ',')}{NBSP}%" if lang == "nb" else f"{text}%"


def word_list(items, lang: str = DEFAULT_LANGUAGE) -> str:
    """"2010", "2010 og 2011", "2009, 2010 og 2011" (en: "2010 and 2011")."""
    items = list(items)
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} {MESSAGES[lang]['and']} {items[-1]}"


# What can end a code span or change how text reads: line ends of every kind (two carriage returns end the
# paragraph, and the span with it), other control characters, and the invisible marks that reorder or hide text.
UNSEEN = re.compile("[\x00-\x1f\x7f-\x9f\u00ad\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff"
                    "\ufff9-\ufffb]")
ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def visible(value: str) -> str:
    """`value` with every character that is not seen written out (\\r, \\n, \\t, \\u0007, \\u202e)."""
    return UNSEEN.sub(lambda m: ESCAPES.get(m.group(), f"\\u{ord(m.group()):04x}"), value)


def as_code(value: str, limit: int = 60) -> str:
    """Untrusted text for a Markdown element, shown literally, whatever it holds: in a code span, backticks
    replaced, every character that is not seen written out (visible), cut short."""
    value = visible(value.replace("`", "'"))
    return "`" + (value if len(value) <= limit else value[: limit - 1] + "…") + "`"
