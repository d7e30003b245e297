"""The phrase tables of the synthetic corpus (:mod:`.synth`): the project's own templates.

German and English sentence templates and the words they are filled with (qualifiers,
forces, goods, places, claimants, months, figure-free filler parts). Written for this
project, not taken from news text; the qualifier phrases follow the lexicon's qualifier
table (``data/lexicon/<lang>/qualifiers.csv``) so that the gold qualifier is what the
extractor should find.
"""

from __future__ import annotations

# (phrase, qualifier code, which bound the number sets) per language, from the lexicon's
# qualifier table (data/lexicon/<lang>/qualifiers.csv).
QUALIFIERS = {
    "de": [("", None, ""), ("", None, ""), ("rund ", "about", ""), ("etwa ", "about", ""),
           ("bis zu ", "up_to", "upper"), ("mehr als ", "more_than", "lower"),
           ("mindestens ", "at_least", "lower"), ("fast ", "nearly", "upper"),
           ("über ", "more_than", "lower"), ("schätzungsweise ", "about", "")],
    "en": [("", None, ""), ("", None, ""), ("about ", "about", ""), ("some ", "about", ""),
           ("up to ", "up_to", "upper"), ("more than ", "more_than", "lower"),
           ("at least ", "at_least", "lower"), ("nearly ", "nearly", "upper"),
           ("over ", "more_than", "lower"), ("roughly ", "about", "")],
}
# Forces: (counted phrase, the part the quote ends with, unit); the phrase names the actor.
FORCES = {
    "de": [("nordkoreanische Soldaten", "nordkoreanische Soldaten", "soldiers"),
           ("nordkoreanische Truppen", "nordkoreanische Truppen", "troops"),
           ("Soldaten aus Nordkorea", "Soldaten", "soldiers")],
    "en": [("North Korean soldiers", "North Korean soldiers", "soldiers"),
           ("North Korean troops", "North Korean troops", "troops"),
           ("troops from North Korea", "troops", "troops")],
}
# Goods shipped by North Korea: (counted phrase in the sentence, the part the quote ends with).
GOODS = {
    "de": [("Container mit Munition", "Container", "containers"),
           ("Artilleriegranaten", "Artilleriegranaten", "shells"),
           ("ballistische Raketen", "ballistische Raketen", "missiles")],
    "en": [("containers of munitions", "containers", "containers"),
           ("artillery shells", "artillery shells", "shells"),
           ("ballistic missiles", "ballistic missiles", "missiles")],
}
# (phrase, location code) where forces are.
PLACES = {
    "de": [("in der Region Kursk", "RU-KRS"), ("im Gebiet Kursk", "RU-KRS"),
           ("in Russland", "RUS"), ("bei Sudscha", "Sudzha"), ("bei Korenewo", "Korenevo"),
           ("im Gebiet Belgorod", "RU-BEL"), ("bei Rylsk", "Rylsk")],
    "en": [("in the Kursk region", "RU-KRS"), ("in Russia's Kursk region", "RU-KRS"),
           ("in Russia", "RUS"), ("near Sudzha", "Sudzha"), ("near Korenevo", "Korenevo"),
           ("in the Belgorod region", "RU-BEL"), ("near Rylsk", "Rylsk")],
}
# (phrase after "laut"/"according to", claimant codes).
CLAIMANTS = {
    "de": [("dem Pentagon", ["USA"]), ("dem südkoreanischen Geheimdienst NIS", ["KOR"]),
           ("Selenskyj", ["UKR"]), ("der NATO", ["NATO"]), ("Kiew", ["UKR"]),
           ("Seoul", ["KOR"]), ("Washington", ["USA"]), ("Budanow", ["UKR"])],
    "en": [("the Pentagon", ["USA"]), ("South Korea's spy agency NIS", ["KOR"]),
           ("Zelensky", ["UKR"]), ("NATO", ["NATO"]), ("Kyiv", ["UKR"]),
           ("Seoul", ["KOR"]), ("Washington", ["USA"]), ("Budanov", ["UKR"])],
}
MONTHS = {
    "de": ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",
           "Oktober", "November", "Dezember"],
    "en": ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"],
}
# Claim sentences. {q}{n} {what} is the quote; {place}, {who}, {when} are filled in.
CLAIM_TEMPLATES = {
    "de": [
        "Laut {who} befanden sich {when} {q}{n} {what} {place}.",
        "Nach Angaben von {who} waren {when} {q}{n} {what} {place} stationiert.",
        "{When} sollen sich {q}{n} {what} {place} aufgehalten haben, berichtete ein Sprecher "
        "mit Verweis auf Angaben von {who}.",
        "Laut {who} kämpften {when} {q}{n} {what} {place} an der Seite russischer Einheiten.",
        "Ein Bericht, der sich auf Angaben von {who} stützt, zählte {when} {q}{n} {what} {place}.",
    ],
    "en": [
        "According to {who}, {q}{n} {what} were {place} {when}.",
        "{Who} said {q}{n} {what} had been deployed {place} {when}.",
        "{When}, {q}{n} {what} were stationed {place}, according to {who}.",
        "According to {who}, {q}{n} {what} fought alongside Russian units {place} {when}.",
        "A report citing {who} counted {q}{n} {what} {place} {when}.",
    ],
}
GOODS_TEMPLATES = {
    "de": ["Laut {who} hat Nordkorea {when} {q}{n} {what} an Russland geliefert.",
           "Nach Angaben von {who} schickte Pjöngjang {when} {q}{n} {what} nach Russland."],
    "en": ["According to {who}, North Korea shipped {q}{n} {what} to Russia {when}.",
           "{Who} said Pyongyang had sent {q}{n} {what} to Russia {when}."],
}
# Sentences without figures: subject, verb (with an adverb), object, aspect, coda and tail,
# each chosen at random (one sentence: a stock tail like "Moscow did not comment" on its own
# would repeat across articles).
FILLER = {
    "de": {
        "subject": ["Die Regierung in Kiew", "Ein Sprecher des Außenministeriums",
                    "Militärbeobachter", "Diplomaten in Brüssel", "Der Kreml",
                    "Analysten eines Forschungsinstituts", "Die Opposition in Seoul",
                    "Ein Abgeordneter des Bundestages", "Beobachter vor Ort",
                    "Vertreter der Vereinten Nationen", "Ein ehemaliger General",
                    "Die Nachrichtenagentur", "Journalisten in der Grenzregion",
                    "Mitglieder des Sicherheitsrats", "Ein Berater des Präsidenten"],
        "verb": ["warnten{a} vor", "kritisierten{a}", "sprachen{a} von", "verwiesen{a} auf",
                 "forderten{a} eine Erklärung zu", "bestritten{a}",
                 "äußerten sich{a} besorgt über", "dokumentierten{a}", "bezweifelten{a}",
                 "beschrieben{a} ausführlich", "untersuchten{a}", "machten{a} Angaben zu"],
        "adverb": ["", "", " erneut", " ausdrücklich", " zuletzt", " wiederholt",
                   " öffentlich", " nachdrücklich", " bereits", " abermals"],
        "aspect": ["", "", " im Osten des Landes", " im Grenzgebiet", " im Hinterland",
                   " entlang der Front", " in der Hauptstadt", " in den besetzten Gebieten",
                   " auf internationaler Ebene", " seit Beginn des Krieges"],
        "object": ["der engen Zusammenarbeit beider Staaten", "neuen Sanktionen",
                   "den Berichten über Waffenlieferungen", "der Lage an der Front",
                   "dem Abkommen über gegenseitigen Beistand", "den Verlusten der Armee",
                   "der Ausbildung ausländischer Einheiten", "den Satellitenbildern",
                   "der Versorgung der Truppen", "den Gesprächen hinter verschlossenen Türen",
                   "der Rolle Chinas", "den Reaktionen in Europa", "der Logistik im Hinterland",
                   "den Angriffen auf Infrastruktur", "der Stimmung in der Bevölkerung"],
        "coda": ["", "", " in einer schriftlichen Stellungnahme", " am Rande einer Konferenz",
                 " in einem Interview", " vor Journalisten", " ohne Details zu nennen",
                 " unter Berufung auf eigene Quellen", " in sozialen Netzwerken",
                 " während eines Besuchs in der Hauptstadt", " nach einer Sitzung"],
        "tail": ["", "", "", "; eine unabhängige Bestätigung gab es zunächst nicht",
                 "; Moskau äußerte sich dazu nicht", "; die Angaben ließen sich nicht prüfen"],
    },
    "en": {
        "subject": ["The government in Kyiv", "A foreign ministry spokesperson",
                    "Military observers", "Diplomats in Brussels", "The Kremlin",
                    "Analysts at a research institute", "The opposition in Seoul",
                    "A member of parliament", "Observers on the ground",
                    "United Nations officials", "A retired general", "The news agency",
                    "Reporters in the border region", "Security council members",
                    "An adviser to the president"],
        "verb": ["{a}warned about", "{a}criticised", "{a}spoke of", "{a}pointed to",
                 "{a}demanded answers on", "{a}denied", "{a}voiced concern over",
                 "{a}documented", "{a}questioned", "{a}described in detail", "{a}looked into",
                 "{a}gave details on"],
        "adverb": ["", "", "again ", "explicitly ", "recently ", "repeatedly ", "publicly ",
                   "firmly ", "already ", "once more "],
        "aspect": ["", "", " in the east of the country", " in the border area",
                   " behind the lines", " along the front", " in the capital",
                   " in the occupied areas", " at the international level",
                   " since the start of the war"],
        "object": ["the close cooperation between the two states", "new sanctions",
                   "the reports of arms deliveries", "the situation at the front",
                   "the mutual defence treaty", "the army's losses",
                   "the training of foreign units", "the satellite images",
                   "the supply of the troops", "talks behind closed doors", "China's role",
                   "reactions in Europe", "logistics behind the lines",
                   "the attacks on infrastructure", "the mood of the population"],
        "coda": ["", "", " in a written statement", " on the sidelines of a conference",
                 " in an interview", " to reporters", " without giving details",
                 " citing their own sources", " on social media",
                 " during a visit to the capital", " after a meeting"],
        "tail": ["", "", "", "; there was no independent confirmation at first",
                 "; Moscow did not comment", "; the figures could not be verified"],
    },
}
NUMBER_STEPS = (50, 100, 500, 1000)
OUTLETS = {"de": ["Synthetische Rundschau", "Beispielkurier"],
           "en": ["Synthetic Herald", "Example Wire"]}
