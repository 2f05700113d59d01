"""Phrase material for the reconstructed free-text answers to "why no guidelines?".

Each reason code has short Norwegian cores, and endings that may follow them. The reconstruction composes an
answer from one core and, sometimes, one ending, so the text always says what the coded reason says (F10).
"""

CORES: dict[str, tuple[str, ...]] = {
    "not_yet": (
        "Har ikke kommet så langt ennå",
        "Ikke kommet dit ennå",
        "Har ikke prioritert det",
        "Ikke prioritert hittil",
        "Har rett og slett ikke tenkt på det",
        "Det har ikke vært tid til det",
        "Vi har ikke fått gjort noe med det",
        "Har ikke sett behovet før nå",
        "Ikke noe vi har diskutert i ledelsen ennå",
        "Sosiale medier er nytt for oss",
        "Har ikke hatt kapasitet",
        "Har ikke kommet på dagsorden",
        "Andre ting har vært viktigere",
        "Vi er helt i startgropa",
        "Ingen har tatt ansvar for det",
        "Har ikke fått det til ennå",
    ),
    "working_on_it": (
        "Vi jobber med saken",
        "Jobber med det nå",
        "Retningslinjer er under utarbeidelse",
        "Holder på å lage retningslinjer",
        "Det er på trappene",
        "HR ser på dette nå",
        "Kommunikasjonsavdelingen lager et utkast",
        "Skal opp i ledermøtet snart",
        "Vi har et utkast som skal behandles",
        "Er en del av arbeidet med ny kommunikasjonsstrategi",
        "Ligger inne i handlingsplanen for i år",
        "Vi har startet en prosess",
    ),
    "not_needed": (
        "Ikke behov",
        "Ikke aktuelt for oss",
        "Vi er bare to ansatte",
        "Enkeltpersonforetak, så det er bare meg",
        "Vi bruker ikke sosiale medier i jobben",
        "Sunn fornuft holder",
        "Vi stoler på de ansatte",
        "Dekkes av de generelle reglene for taushetsplikt",
        "For liten bedrift til at det trengs",
        "Dekkes av personalhåndboka",
        "Ikke relevant i vår bransje",
        "Ser ingen grunn til å regulere det",
    ),
    "dont_know": (
        "Vet ikke",
        "Usikker",
        "Ikke noe jeg kjenner til",
        "Vet ikke hvorfor",
        "Aner ikke",
        "Det må du spørre ledelsen om",
    ),
    "other": (
        "Facebook er sperret på jobb",
        "Sosiale medier er blokkert i brannmuren",
        "Ledelsen ser ikke behovet",
        "Ledelsen er skeptisk til sosiale medier",
        "Overlater det til hver enkelt",
        "Konsernet bestemmer dette sentralt",
        "Venter på retningslinjer fra morselskapet",
        "Regulert av IT-reglementet",
        "Dekkes av etiske retningslinjer",
        "Det er opp til hver enkelt ansatt",
        "Vi har muntlige avtaler om det",
        "Ingen bruker det i arbeidstiden",
    ),
}

ENDINGS: dict[str, tuple[str, ...]] = {
    "not_yet": (
        ", men det står på lista",
        ", men det bør vi nok få på plass",
        " – kanskje til høsten",
        ", men vi ser behovet",
        ". Tar gjerne imot tips!",
        " i en travel hverdag",
        ", sosiale medier er ganske nytt her",
        ", men flere ansatte er aktive på Facebook",
    ),
    "working_on_it": (
        ", ferdig i løpet av året",
        " sammen med IT & HR",
        ", regner med å være klare etter sommeren",
        " etter et par uheldige episoder",
        ", men det tar tid",
        " i samarbeid med et byrå",
    ),
    "not_needed": (
        ", vi kjenner hverandre godt",
        ", alle vet hva som gjelder",
        " så lenge vi er så få",
        ", de ansatte er voksne folk",
        " ennå",
    ),
    "dont_know": (
        ", har ikke vært med på den diskusjonen",
        ", jeg er ny i bedriften",
        " egentlig",
    ),
    "other": (
        ", så det er ikke noe tema",
        " og ser ikke nytten",
        ", det får holde",
        " inntil videre",
    ),
}

# How an answer may end; the empty string is the most common ending in short survey answers.
FULL_STOPS: tuple[str, ...] = ("", "", "", ".", ".", "!", "...")
