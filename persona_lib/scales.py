"""The natural order of answers: Likert and rating scales, frequencies, bands, education.

`ordinal_levels` returns the answers lowest first when every answer (but opt-outs such as
"Prefer not to say") belongs to one ordered family, else []. Each family is a small rule a
person can check: a known word scale, "very/somewhat + adjective" on either side of a
neutral point, how many times a period, numeric bands, or the ladder of school degrees.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable, Iterable

# Answers that step outside the scale: they are listed last, never ranked.
OPT_OUT = re.compile(
    r"^((i )?(would )?prefer not( to (say|answer|disclose|tell|specify|respond))?|unknown|"
    r"not (tracked|measured|recorded|known)|(we )?do ?n[o']?t (track|measure)( (it|this|that))?|"
    r"(i )?do ?n[o' ]?t know|((i'?m|i am) )?not sure|unsure|"
    r"refused|declined( to answer)?|non so|preferisco non rispondere|non applicabile|"
    r"tidak tahu|tidak ingin menjawab|nie wiem|wolę nie odpowiadać|nie dotyczy|"
    r"not applicable\b.*|"
    r"n/?a|no answer|no opinion|something else|other|not (done|used|tried) yet|not yet|"
    r"not a (customer|client|member|user)( yet)?|never (ordered|bought|purchased|used)|"
    r"(i )?(have not|haven't|did not|didn't) (used?|tried?|done|attempt(ed)?)( it| this)?|"
    r"does ?n[o']?t apply\b.*|not relevant to me|unfamiliar|undecided|can'?t say|"
    r"(i )?(have not|haven't) decided( yet)?|just looking( for now| around)?|"
    r"(i am|i'm) not [a-z]+ing\b.*|i (do not|don't|no longer) [a-z]+\b.*|"
    r"(i have|i've) never [a-z]+ed\b.*|n/?a\b.*|skip(ped)?|"
    r"((分|わ)からない|無回答|該当なし|不明|모름|잘 모르겠(음|다)|무응답|해당 없음|不知道|不清楚)"
    r"(/((分|わ)からない|無回答|該当なし|不明))?|"
    r"(i have|i've) heard (about|of) (it|this|\w+) but (have )?never used it\b.*|"
    r"keine angabe|wei(ß|ss) nicht|ich wei(ß|ss) (es )?nicht|nicht zutreffend|"
    r"no (lo )?s[eé]|ns/?nc|prefiero no (decir(lo)?|responder|contestar)|no aplica|sin opini[oó]n|"
    r"je ne sais pas|ne sais pas|sans opinion|non applicable|pr[ée]f[èe]re ne pas r[ée]pondre|"
    r"n[aã]o sei|prefiro n[aã]o (dizer|responder)|n[aã]o se aplica|"
    r"weet (ik )?niet|geen mening|zeg ik liever niet|niet van toepassing|"
    r"not yet\b.*|a[uú]n no\b.*|todav[ií]a no\b.*|noch nicht\b.*|pas encore\b.*|"
    r"ainda n[aã]o\b.*|nog niet\b.*|no (uso|utilizo|s[eé]|espero|conozco)\b.*|"
    r"(ich )?(bin mir )?unsicher|bin mir nicht sicher|je ne l'utilise pas\b.*|"
    r"n[aã]o (uso|utilizo|conhe[cç]o)\b.*|ik gebruik (het )?geen\b.*|"
    r"(i am|i'm) not aware of (it|this|that)|(i have )?no idea|"
    r"(there is |there's )?no way (to|of) (know|tell)(ing)?\b.*|"
    r"(it is |it's )?(impossible|hard|difficult) to (say|tell|know)\b.*|"
    r"what('s| is) (that|this|it)\??)\.?$", re.IGNORECASE)
NOT_AVAILABLE_NOTE = re.compile(r"\((n/?a|not applicable)\)$", re.IGNORECASE)

# Word scales, lowest first. Every answer must come from one list.
SCALES: dict[str, list[str]] = {
    "agree": [
        "strongly disagree", "completely disagree", "disagree", "mostly disagree",
        "tend to disagree", "somewhat disagree", "slightly disagree",
        "neither agree nor disagree", "neither agree or disagree", "neutral", "slightly agree",
        "somewhat agree", "tend to agree", "mostly agree", "agree", "strongly agree",
        "completely agree",
    ],
    "likely": [
        "not at all likely", "exceptionally unlikely", "extremely unlikely", "very unlikely",
        "unlikely", "somewhat unlikely", "not likely", "neither likely nor unlikely",
        "about as likely as not", "as likely as not", "neutral", "somewhat likely", "likely",
        "very likely", "extremely likely", "virtually certain",
    ],
    "satisfied": [
        "extremely dissatisfied", "very dissatisfied", "dissatisfied", "somewhat dissatisfied",
        "slightly dissatisfied", "neither satisfied nor dissatisfied", "neutral",
        "slightly satisfied", "somewhat satisfied", "satisfied", "very satisfied",
        "extremely satisfied",
    ],
    "easy": [
        "very difficult", "difficult", "somewhat difficult", "neither easy nor difficult",
        "neutral", "somewhat easy", "easy", "very easy",
    ],
    "important": [
        "not at all important", "not important", "slightly important", "somewhat important",
        "moderately important", "important", "very important", "extremely important",
    ],
    "quality": ["terrible", "horrible", "awful", "very poor", "very bad", "poor", "bad", "fair",
                "average", "ok", "okay", "good", "very good", "great", "excellent"],
    # the same scales as people answer them in German, Spanish, French, Portuguese and Dutch
    "agree (de)": ["stimme überhaupt nicht zu", "stimme gar nicht zu", "stimme nicht zu",
                   "stimme eher nicht zu", "teils/teils", "teils, teils", "teils teils",
                   "weder noch", "neutral", "stimme eher zu", "stimme zu", "stimme voll zu",
                   "stimme voll und ganz zu", "stimme völlig zu"],
    "applies (de)": ["trifft überhaupt nicht zu", "trifft gar nicht zu", "trifft nicht zu",
                     "trifft eher nicht zu", "teils/teils", "trifft teilweise zu",
                     "trifft eher zu", "trifft zu", "trifft voll zu", "trifft voll und ganz zu"],
    "agree (es)": ["totalmente en desacuerdo", "muy en desacuerdo", "en desacuerdo",
                   "algo en desacuerdo", "ni de acuerdo ni en desacuerdo", "neutral",
                   "algo de acuerdo", "de acuerdo", "muy de acuerdo", "totalmente de acuerdo"],
    "agree (fr)": ["pas du tout d'accord", "totalement en désaccord", "pas d'accord",
                   "en désaccord", "plutôt pas d'accord", "plutôt en désaccord",
                   "ni d'accord ni pas d'accord", "neutre", "plutôt d'accord", "d'accord",
                   "tout à fait d'accord", "totalement d'accord"],
    "agree (pt)": ["discordo totalmente", "discordo", "discordo parcialmente",
                   "não concordo nem discordo", "nem concordo nem discordo", "neutro",
                   "concordo parcialmente", "concordo", "concordo totalmente"],
    "agree (nl)": ["helemaal mee oneens", "helemaal oneens", "mee oneens", "oneens",
                   "enigszins mee oneens", "neutraal", "niet eens, niet oneens",
                   "noch eens noch oneens", "enigszins mee eens", "mee eens", "eens",
                   "helemaal mee eens", "helemaal eens"],
    "quality (de)": ["ungenügend", "sehr schlecht", "mangelhaft", "schlecht", "ausreichend",
                     "befriedigend", "mittelmäßig", "gut", "sehr gut", "ausgezeichnet"],
    "quality (es)": ["pésimo", "muy malo", "malo", "insatisfactorio", "regular", "aceptable",
                     "satisfactorio", "bueno", "muy bueno", "excelente", "excepcional"],
    "quality (fr)": ["très mauvais", "mauvais", "passable", "moyen", "assez bien", "bien", "bon",
                     "très bien", "très bon", "excellent"],
    "quality (pt)": ["péssimo", "muito ruim", "ruim", "regular", "razoável", "bom", "muito bom",
                     "ótimo", "excelente"],
    "quality (nl)": ["zeer slecht", "slecht", "matig", "redelijk", "neutraal", "voldoende",
                     "goed", "zeer goed", "uitstekend"],
    # Turkish: agreement and intent are read from their verbs (`TURKISH_VERB`)
    "satisfied (tr)": ["hiç memnun değilim", "memnun değilim", "kararsızım", "memnunum",
                       "çok memnunum"],
    # Japanese, Korean and Chinese (a synonym beside its twin: a scale uses one of them)
    "satisfied (ja)": ["非常に不満", "とても不満", "不満", "やや不満", "どちらでもない",
                       "どちらともいえない", "普通", "やや満足", "満足", "とても満足", "非常に満足"],
    "satisfied (ko)": ["매우 불만족", "불만족", "약간 불만족", "보통", "약간 만족", "만족",
                       "매우 만족"],
    "satisfied (zh)": ["非常不满意", "不满意", "比较不满意", "一般", "比较满意", "满意", "非常满意"],
    "quality (tr)": ["çok kötü", "kötü", "orta", "iyi", "çok iyi", "mükemmel"],
    "important (tr)": ["hiç önemli değil", "önemli değil", "az önemli", "biraz önemli",
                       "orta derecede önemli", "önemli", "çok önemli"],
    "expectations": ["far below expectations", "did not meet expectations",
                     "does not meet expectations", "below expectations",
                     "somewhat below expectations", "met expectations", "meets expectations",
                     "as expected", "somewhat above expectations", "above expectations",
                     "exceeded expectations", "exceeds expectations", "far above expectations",
                     "far exceeded expectations"],
    "priority": ["not a priority", "low priority", "neutral", "medium priority",
                 "high priority", "top priority", "essential"],
    "priority (pt)": ["não é uma prioridade", "não é prioridade", "baixa prioridade", "neutro",
                      "média prioridade", "prioridade média", "alta prioridade",
                      "prioridade máxima", "essencial"],
    "priority (es)": ["no es una prioridad", "no es prioridad", "baja prioridad", "neutral",
                      "prioridad media", "alta prioridad", "máxima prioridad", "esencial"],
    "average": ["very low", "far below average", "well below average", "below average",
                "average", "about average", "above average", "well above average",
                "far above average", "very high"],
    "average (pt)": ["muito baixo", "muito baixa", "baixo", "baixa", "abaixo da média",
                     "médio", "média", "na média", "acima da média", "alto", "alta",
                     "muito alto", "muito alta"],
    "average (es)": ["muy bajo", "muy baja", "bajo", "baja", "por debajo de la media",
                     "por debajo del promedio", "medio", "media", "promedio",
                     "por encima de la media", "por encima del promedio", "alto", "alta",
                     "muy alto", "muy alta"],
    "seniority": ["intern", "internship", "trainee", "apprentice", "entry level", "entry-level",
                  "junior", "mid-level", "mid level", "intermediate", "senior", "lead",
                  "principal"],
    "seniority (pt)": ["estagiário", "estagiária", "estágio", "trainee", "júnior", "junior",
                       "pleno", "plena", "sênior", "senior", "especialista"],
    "extent": ["not at all", "very little", "a little", "slightly", "somewhat", "moderately",
               "quite a bit", "a lot", "very much", "extremely", "completely"],
    "often (it)": ["mai", "quasi mai", "raramente", "a volte", "qualche volta", "spesso",
                   "molto spesso", "quasi sempre", "sempre"],
    "often (id)": ["tidak pernah", "hampir tidak pernah", "jarang", "kadang-kadang",
                   "kadang kadang", "sering", "sangat sering", "selalu"],
    "extent (pl)": ["wcale", "w ogóle", "w bardzo małym stopniu", "w małym stopniu",
                    "w umiarkowanym stopniu", "w średnim stopniu", "w dużym stopniu",
                    "w bardzo dużym stopniu", "całkowicie"],
    "often (pl)": ["nigdy", "prawie nigdy", "rzadko", "czasami", "czasem", "często",
                   "bardzo często", "prawie zawsze", "zawsze"],
    "quality (it)": ["pessimo", "scarso", "insufficiente", "mediocre", "sufficiente",
                     "discreto", "buono", "molto buono", "ottimo", "eccellente"],
    "agree (it)": ["fortemente in disaccordo", "completamente in disaccordo",
                   "in disaccordo", "né d'accordo né in disaccordo", "neutrale", "d'accordo",
                   "fortemente d'accordo", "completamente d'accordo"],
    "agree (pl)": ["zdecydowanie się nie zgadzam", "nie zgadzam się", "raczej się nie zgadzam",
                   "ani się zgadzam, ani nie zgadzam", "ani się zgadzam ani nie zgadzam",
                   "ani tak, ani nie", "ani tak ani nie",
                   "nie mam zdania", "raczej się zgadzam", "zgadzam się",
                   "zdecydowanie się zgadzam"],
    "certainty (es)": ["definitivamente no", "probablemente no", "no estoy seguro",
                       "no estoy segura", "tal vez", "quizás", "probablemente sí",
                       "definitivamente sí"],
    "certainty (pt)": ["definitivamente não", "provavelmente não", "não tenho certeza", "talvez",
                       "provavelmente sim", "definitivamente sim"],
    "often (tr)": ["hiçbir zaman", "asla", "hiç", "nadiren", "bazen", "ara sıra", "sık sık",
                   "genellikle", "her zaman"],
    "often": ["never", "none of the time", "almost never", "rarely", "a little of the time",
              "once in a while", "occasionally", "sometimes", "some of the time",
              "about half the time", "half of the time", "often", "frequently",
              "a good bit of the time", "a lot of the time", "usually", "most of the time",
              "very often", "almost always", "always", "all of the time", "all the time"],
    "skill": ["none", "no experience", "complete beginner", "complete novice", "beginner",
              "novice", "basic", "intermediate", "proficient", "advanced", "expert", "pro"],
    "skill (de)": ["keine", "keine erfahrung", "anfänger", "grundkenntnisse", "mittel",
                   "fortgeschritten", "experte", "profi"],
    "skill (es)": ["ninguno", "sin experiencia", "principiante", "inicial", "básico", "intermedio",
                   "avanzado", "experto"],
    "skill (fr)": ["aucune", "aucune expérience", "débutant", "novice", "intermédiaire", "avancé",
                   "expert"],
    "skill (pt)": ["nenhuma", "nenhuma experiência", "iniciante", "básico", "intermediário",
                   "avançado", "especialista", "experiente"],
    "skill (nl)": ["geen", "geen ervaring", "beginner", "basis", "gemiddeld", "gevorderd",
                   "expert"],
    # the Washington Group's questions on functioning, in many household surveys
    "difficulty": ["no difficulty", "no no difficulty", "no - no difficulty", "some difficulty",
                   "yes some difficulty", "yes - some difficulty", "a lot of difficulty",
                   "yes a lot of difficulty", "yes - a lot of difficulty", "cannot do at all",
                   "cannot do it at all", "unable to do"],
    "yes (extent)": ["not at all", "very little", "not very much", "neutral", "somewhat yes",
                     "mostly yes", "completely yes"],
    "amount": ["none", "none at all", "not at all", "not much", "very little", "only a little",
               "a little", "some",
               "a moderate amount", "a fair amount", "a lot", "a great deal"],
    "proportion": ["none", "none or almost none", "hardly any", "a few", "less than half",
                   "some", "about half", "more than half", "most", "almost all",
                   "all or nearly all", "nearly all", "all"],
    "nps": ["detractor", "passive", "promoter"],
    "availability": ["not available", "unavailable", "available on order", "on order",
                     "limited availability", "limited", "partially available", "partly available",
                     "mostly available", "available", "fully available", "widely available"],
    "level": ["very low", "low", "moderate", "medium", "high", "very high"],
    "certainty": ["not at all", "definitely not", "certainly not", "absolutely not",
                  "probably not", "might or might not", "maybe", "probably", "preferably",
                  "probably yes", "definitely",
                  "certainly", "absolutely", "definitely yes", "yes, definitely",
                  "yes definitely", "yes, absolutely", "yes absolutely"],
}
SCALE_POINTS = frozenset(point for scale in SCALES.values() for point in scale)
# Scales whose midpoint splits negative from positive: drawn as diverging bars.
DIVERGING_SCALES = ("agree", "applies", "likely", "satisfied", "easy", "bipolar")

# "Very satisfied" / "Quite hard": an intensity word, then one side of a pair.
INTENSITY = {
    "slightly": 1, "a bit": 1, "too": 5, "much too": 6, "far too": 6, "way too": 6, "a little": 1, "somewhat": 2, "moderately": 2,
    "fairly": 2, "rather": 2, "quite": 3, "mostly": 3, "very": 4, "strongly": 4,
    "extremely": 5, "completely": 5, "totally": 5,
    "etwas": 1, "eher": 2, "ziemlich": 3, "sehr": 4, "äußerst": 5, "voll und ganz": 5,
    "muy": 4, "muito": 4, "très": 4, "molto": 4, "sangat": 4, "bardzo": 4, "zeer": 4,
}
POLES = [
    ("easy", "difficult"), ("easy", "hard"), ("satisfied", "dissatisfied"),
    ("satisfied", "unsatisfied"), ("likely", "unlikely"), ("favorable", "unfavorable"),
    ("favourable", "unfavourable"), ("positive", "negative"), ("good", "bad"),
    ("happy", "unhappy"), ("agree", "disagree"), ("important", "unimportant"),
    ("useful", "useless"), ("interested", "uninterested"),
    ("zufrieden", "unzufrieden"), ("leicht", "schwer"), ("einfach", "schwierig"),
    ("wahrscheinlich", "unwahrscheinlich"), ("gut", "schlecht"),
    ("acceptable", "unacceptable"), ("clear", "unclear"), ("reliable", "unreliable"),
    ("helpful", "unhelpful"), ("increased", "decreased"), ("increase", "decrease"),
    ("higher", "lower"), ("high", "low"), ("larger", "smaller"), ("large", "small"),
    ("bigger", "smaller"), ("big", "small"), ("longer", "shorter"), ("long", "short"),
    ("better", "worse"), ("expensive", "cheap"), ("conservative", "liberal"),
    ("above average", "below average"), ("better than expected", "worse than expected"),
    ("exceeded expectations", "below expectations"), ("above expectations", "below expectations"),
    ("exceeded expectations", "did not meet expectations"),
    ("soddisfatto", "insoddisfatto"), ("probabile", "improbabile"), ("facile", "difficile"),
    ("importante", "non importante"), ("d'accordo", "in disaccordo"),
    ("puas", "tidak puas"), ("setuju", "tidak setuju"), ("penting", "tidak penting"),
    ("zadowolony", "niezadowolony"), ("prawdopodobne", "nieprawdopodobne"),
]
NEUTRAL = {"neutral", "indifferent", "neither", "neither nor", "mixed", "in between",
           "about right", "just right", "right",
           "teils/teils", "teils, teils", "weder noch", "mittel", "ok", "okay", "average",
           "neutro", "neutre", "neutraal", "neutrale", "netral", "neutralny", "neutralna"}

# How many times a year: "2-3 times a week", "every 8 weeks", "most days", "monthly".
PERIODS = {"hour": 8760, "hours": 8760, "stunde": 8760, "hora": 8760, "heure": 8760,
           "day": 365, "days": 365, "week": 52, "weeks": 52, "fortnight": 26, "month": 12,
           "months": 12, "quarter": 4, "year": 1, "years": 1, "tag": 365, "tage": 365,
           "woche": 52, "wochen": 52, "monat": 12, "monate": 12, "jahr": 1, "día": 365,
           "dia": 365, "jour": 365, "semana": 52, "semaine": 52, "mes": 12, "mês": 12,
           "mois": 12, "año": 1, "ano": 1, "an": 1, "ngày": 365, "tuần": 52, "tháng": 12,
           "năm": 1}
COUNTS = {"once": 1, "twice": 2, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
          "a few": 3, "a couple of": 2, "several": 4, "multiple": 4, "many": 6, "ein": 1,
          "zwei": 2, "drei": 3, "mehrmals": 4, "ein paar": 3, "1x": 1, "2x": 2, "3x": 3,
          "una": 1, "uma": 1, "une": 1, "dos": 2, "duas": 2, "deux": 2, "tres": 3, "três": 3,
          "trois": 3, "cuatro": 4, "quatro": 4, "quatre": 4, "varias": 4, "várias": 4,
          "plusieurs": 4, "algunas": 3, "algumas": 3, "quelques": 3, "pocas": 2, "poucas": 2}
FIXED_RATES = {
    "never": 0, "almost never": 0.5, "rarely": 1, "hardly ever": 0.5, "occasionally": 3.5,
    "hourly": 8760, "every hour": 8760, "stündlich": 8760,
    "sometimes": 6, "daily": 365, "every day": 365, "most days": 250, "weekly": 52,
    "every week": 52, "every night": 365, "most nights": 250, "fortnightly": 26, "monthly": 12, "every month": 12, "quarterly": 4,
    "yearly": 1, "annually": 1, "every year": 1, "several times a day": 1000,
    "all the time": 2000, "all of the time": 2000, "constantly": 2000, "most of the time": 1500,
    "every few months": 4, "every few weeks": 17, "every few days": 100, "a few times a year": 3,
    "once in a while": 2, "seldom": 1, "frequently": 100, "often": 50,
    "nunca": 0, "casi nunca": 0.5, "rara vez": 1, "a veces": 6, "a menudo": 50,
    "siempre": 2000, "diario": 365, "diariamente": 365, "semanal": 52, "semanalmente": 52,
    "mensual": 12, "mensualmente": 12, "anual": 1, "jamais": 0, "rarement": 1, "parfois": 6,
    "souvent": 50, "toujours": 2000, "quotidien": 365, "quotidiennement": 365,
    "hebdomadaire": 52, "mensuel": 12, "raramente": 1, "às vezes": 6, "frequentemente": 50,
    "sempre": 2000, "nooit": 0, "zelden": 1, "soms": 6, "vaak": 50,
    "altijd": 2000, "dagelijks": 365, "wekelijks": 52, "maandelijks": 12, "jaarlijks": 1,
    "manchmal": 6, "gelegentlich": 4, "oft": 50, "häufig": 50, "immer": 2000,
    "ocasionalmente": 3.5, "de vez en cuando": 4, "todos los días": 365, "todos los dias": 365,
    "cada semana": 52, "cada mes": 12, "todos os dias": 365, "toda semana": 52, "todo mês": 12,
    "tous les jours": 365, "chaque semaine": 52, "chaque mois": 12,
    # a visit-frequency question's first answer: never before
    "this is my first visit": 0.3, "first visit": 0.3, "first time": 0.3,
    "es mi primera visita": 0.3, "primera vez": 0.3, "primera visita": 0.3,
    "é a minha primeira visita": 0.3, "primeira vez": 0.3, "première visite": 0.3,
    "première fois": 0.3, "generalmente": 100, "habitualmente": 100,
    "con frecuencia": 50, "casi siempre": 1500, "raras veces": 1, "occasionnellement": 3.5,
    "de temps en temps": 4, "généralement": 100, "quase nunca": 0.5, "quase sempre": 1500,
    "de vez em quando": 4, "geralmente": 100, "af en toe": 4, "regelmatig": 50, "meestal": 100,
    "selten": 1, "meistens": 100, "fast immer": 1500, "fast nie": 0.5, "ab und zu": 4,
    "hàng ngày": 365, "mỗi ngày": 365, "hằng ngày": 365, "hàng tuần": 52, "hàng tháng": 12,
    "hàng năm": 1, "không bao giờ": 0, "hiếm khi": 1, "thỉnh thoảng": 6, "thường xuyên": 50,
    "luôn luôn": 2000,
    "gar nicht": 0, "überhaupt nicht": 0, "seasonal": 3, "seasonally": 3,
    "more than once a day": 1000, "nie": 0, "selten": 1, "täglich": 365, "wöchentlich": 52,
    "monatlich": 12, "jährlich": 1, "jede woche": 52, "jeden tag": 365, "jeden monat": 12,
    # the Stack Overflow developer survey's own wording
    "multiple times per day": 1000, "daily or almost daily": 300, "a few times per week": 156,
    "a few times per month or weekly": 40, "less than once per month or monthly": 8,
}
_PERIOD = r"(?:a|an|per|each|every|im|pro|in der|in the|in a)\s+"
_EVERY = re.compile(r"^(?:every|alle)\s+(couple of|\S+)\s+([a-zä]+)$")
_TIMES = re.compile(
    rf"^(\d+(?:\s*(?:-|–|to|or|bis)\s*\d+)?(?:\+| or more)?|[a-z ]+?)\s*(?:times?|x|mal|"
    rf"[a-z]+s)?\s*"  # a count of something: '2 emails per day', 'one or more visits a month'
    rf"{_PERIOD}([a-zä]+)(?:\s+or more|\s+or less)?$")
# 'Una vez al mes o más', 'Várias vezes por semana', 'Deux fois par mois'
_TIMES_ROMANCE = re.compile(
    r"^(una|uma|une|dos|duas|deux|tres|três|trois|cuatro|quatro|quatre|varias|várias|algunas|"
    r"algumas|pocas|poucas|plusieurs|quelques|\d+(?:\s*(?:-|a|à)\s*\d+)?)\s+"
    r"(?:vez|veces|vezes|fois)\s+(?:al|a la|por|por el|por la|ao|à|a|par|cada|a cada)\s+"
    r"(día|dia|jour|semana|semaine|mes|mês|mois|año|ano|an)(?:\s+(o|ou)\s+(más|mas|mais|plus|"
    r"menos|moins))?$")
# Vietnamese: '1 lần trong 1 tuần' (once in a week), 'Từ 2 đến 6 lần/tuần', 'Ít hơn 1 lần ...'
_TIMES_VI = re.compile(r"^(ít hơn|nhiều hơn|hơn|từ)?\s*(\d+)(?:\s*(?:-|đến)\s*(\d+))?\s*lần\s*"
                       r"(?:trong|mỗi|một|/)?\s*(?:1\s+)?(ngày|tuần|tháng|năm)$")
_QUALIFIER = re.compile(r"^(?:about|around|roughly|approximately|ca\.?|etwa|less than|more than|"
                        r"fewer than|at least|up to|over|under|seltener als|öfter als|mehr als|"
                        r"weniger als|menos de|menos que|moins de|pelo menos|al menos|"
                        r"por lo menos|au moins|mais de|más de|plus de)\s+")
_FEWER = ("less than", "fewer than", "under", "up to", "seltener als", "weniger als", "menos de",
          "menos que", "moins de")
_MORE = ("more than", "at least", "over", "öfter als", "mehr als", "pelo menos", "al menos",
         "por lo menos", "au moins", "mais de", "más de", "plus de")
_WORD_NUMBERS = {"two": 2, "three": 3, "four": 4, "six": 6, "other": 2, "zwei": 2, "drei": 3,
                 "vier": 4, "sechs": 6, "few": 3, "couple of": 2}

EDUCATION = [  # keyword pattern -> rank on the ladder, lowest first
    (r"no (formal )?(schooling|education|qualification)|none|less than (high|secondary) school", 0),
    (r"primary|elementary|grundschule|primaria|primário|primaire|basisonderwijs|podstawow|"
     r"lkokul|\bsd\b|tiểu học", 1),
    (r"lower secondary|middle school|gcse|o.level|gimnazj|ortaokul|\bsmp\b|\bthcs\b|"
     r"trung học cơ sở", 2),
    (r"some (high|secondary) school|high school,? (but )?(no|without)", 2.5),
    (r"secondary|high ?school|a.level|abitur|matura|baccalaur|secundari|bachillerato|"
     r"preparatoria|ensino médio|lycée|havo|vwo|mbo|średni|liceum|\blise\b|\bsm[ak]\b|"
     r"\bthpt\b|trung học phổ thông", 3),
    (r"associate|ön lisans|önlisans|\bd3\b|cao đẳng", 5),
    (r"vocational|apprentice|trade school|technical|ausbildung|lehre|zawodow|trung cấp", 4),
    (r"some college|some university|college.*no degree|without (a )?degree", 4),
    (r"\bdiploma\b", 5),
    (r"especializa[çc][ãa]o|especializaci[óo]n|postgraduate specialization", 6.25),
    (r"bachelor|undergraduate|b\.a\.|b\.s\.|licence|licenciatura|grado universitario|"
     r"ensino superior|educaci[óo]n superior|enseignement supérieur|"
     r"bacharelado|graduação|hbo|\bwo\b|wyższe|licencjat|inżynier|(?<!yüksek )\blisans|"
     r"sarjana|\bs1\b|đại học", 6),
    (r"master|mba|m\.a\.|m\.s\.|postgraduate|^graduate|\bgraduate (degree|school)|maestr|"
     r"mestrado|posgrado|postgrado|pós-graduação|magister|yüksek lisans|\bs2\b|thạc sĩ", 7),
    (r"professional degree|j\.d\.|m\.d\.|law degree|medical degree", 8),
    (r"post-?doc|pós-doutorado|pos-?doctorado|postdoctora", 10),
    (r"doctor|ph\.?d|promotion|doutorado|doctorat|doktor|\bs3\b|tiến sĩ", 9),
]

# '$1 to less than $1,000': a band up to the next one's bound
_BELOW_NEXT = r"to (?:less than|under|below)|(?:and|but) (?:less than|under|below)"
BAND_NUMBER = r"[$£€]?\s*\d[\d,.]*\s*(?:[kKmM](?![a-zA-Z]))?\s*[$£€]?"
BAND_WORDS = r"(?:\s+[^\d\s]+){0,4}"
BAND_PATTERNS = [
    (re.compile(rf"^(?:under|less than|below|up to|fewer than|younger than|before|prior to|<=?|≤|"
                rf"unter|weniger als|bis|jünger als|menor(?:es)? de|menos de|hasta|antes de|"
                rf"moins de|jusqu'à|avant|até|abaixo de|minder dan|jonger dan|tot|"
                rf"ต่ำกว่า|น้อยกว่า)\s*({BAND_NUMBER}){BAND_WORDS}$", re.I), -1),
    (re.compile(rf"^({BAND_NUMBER})\s*(?:years?\s*)?(?:\+|or (?:more|older|over|above|higher)|and "
                rf"(?:over|above|older|more|up|higher)|und (?:mehr|älter)|oder mehr|y más|o más|"
                rf"et plus|ou plus|ou mais|e mais|of meer|en meer){BAND_WORDS}$", re.I), 1),
    (re.compile(rf"^(?:over|more than|above|older than|after|since|>=?|≥|über|mehr als|älter als|"
                rf"mayor(?:es)? de|más de|mas de|después de|desde|plus de|après|depuis|"
                rf"mais de|acima de|depois de|meer dan|ouder dan|boven|na|มากกว่า)\s*"
                rf"({BAND_NUMBER})"
                rf"{BAND_WORDS}$", re.I), 1),  # just above the number itself: '3' < '>=3'
    (re.compile(rf"^({BAND_NUMBER})\s*(?:[^\d\s]+\s+)?(?:-|–|—|_|{_BELOW_NEXT}|to|bis unter|bis|a|à|"
                rf"tot)\s*"
                rf"{BAND_NUMBER}{BAND_WORDS}$", re.I), 0),
]
BAND_RANGE = re.compile(rf"\d\s*[kKmM]?\s*[$£€]?\s*({_BELOW_NEXT}|bis unter|-|–|—|_|to|bis|\sa\s|\sà\s|"
                        r"\stot\s)\s*"
                        r"[$£€]?\s*\d", re.I)


def is_opt_out(answer: str) -> bool:
    """'Prefer not to say', 'N/A', 'Other (please specify):'; also two of them offered as one
    answer ('Prefer not to say / don't know')."""
    text = _plain(answer)
    if OPT_OUT.match(text) or OPT_OUT.match(_without_notes(text)) \
            or NOT_AVAILABLE_NOTE.search(text):
        return True
    parts = re.split(r"\s+/\s*|\s*/\s+", text)
    return len(parts) > 1 and all(OPT_OUT.match(p) for p in parts)


def _plain(answer: str) -> str:
    """Lower case, single spaces, no closing full stop; Kobo's XML values ('very_good') read
    as words. Byte-order marks and no-break spaces that exports leave in cells are spaces."""
    text = re.sub(r"[’´`]", "'", answer.replace("\ufeff", "")).lower()
    text = re.sub(r"(?<=\d)_(?=\d)", "-", text)  # an XML value's band: '25_39'
    return re.sub(r"[\s_]+", " ", text).strip().rstrip(".!:").strip()


def _without_notes(text: str) -> str:
    """'Neither favorably nor unfavorably (neutral)' -> 'neither favorably nor unfavorably';
    'Rarely -- I know how, but not often' -> 'rarely'; 'Bueno: en general estoy satisfecho'
    -> 'bueno'."""
    return re.sub(r"\s*\([^)]*\)|\s+(?:--|—|–)\s.*$|\s*:\s.*$", "", text).strip()


def ordinal_levels(distinct: Iterable[object]) -> list[str]:
    """The natural order of the answers if they form one ordered family, else []. Worked out
    once per set of answers: a grid of 40 agreement items asks once. Opt-outs come last, in
    the order given."""
    answers = [str(a) for a in distinct]
    order = _ordinal_levels(tuple(sorted(set(answers))))
    first = {a: i for i, a in enumerate(answers)}
    core = [a for a in order if not is_opt_out(a)]
    return core + sorted((a for a in order if is_opt_out(a)), key=first.__getitem__)


@functools.lru_cache(maxsize=4096)
def _ordinal_levels(distinct: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(_ordered_answers(distinct))


def _ordered_answers(distinct: tuple[str, ...]) -> list[str]:
    answers = [a for a in distinct if a.strip()]
    core = [a for a in answers if not is_opt_out(a)]
    opt_out = [a for a in answers if is_opt_out(a)]
    if len(core) < 2:
        return []
    lowered = {a: _plain(a) for a in core}
    bare = {a: _without_notes(v) for a, v in lowered.items()}  # 'Novice (~1 semester)'
    # synonyms offered as one answer ('Sponsored/Pro'): the last that is a scale's point
    named = {a: next((p for p in reversed(v.split("/")) if p in SCALE_POINTS), v) if "/" in v
             else v for a, v in bare.items()}
    for words in (lowered, bare if len(set(bare.values())) == len(bare) else {},
                  named if named != bare and len(set(named.values())) == len(named) else {}):
        for scale in SCALES.values():
            if words and all(v in scale for v in words.values()):
                return sorted(core, key=lambda a: scale.index(words[a])) + opt_out
    by_words = _ordered_without_numbers(core)
    if by_words:
        return by_words + opt_out
    families: list[Callable[[str], float | None]] = [frequency_rate]
    if len(core) >= 3:  # 'Undergraduate' / 'Graduate' alone is a status, not a ladder
        families.append(_education_rank)
    if _one_pair_of_poles(core):
        families.insert(0, _bipolar_rank)
    if any(not _plain(a).isdigit() for a in core):
        families.insert(1, _numbered_rank)
    if bands_have_a_range(core) or _counted_bands(core):
        families.append(band_lower_bound)
    if len(core) >= 3:
        families.append(_magnitude_rank)
    if len(core) >= 3 and any(FUNNEL[0][0].search(_plain(a)) for a in core):
        families.insert(0, _funnel_rank)
    for rank in families:
        order = _ordered_by(core, rank)
        if order:
            return order + opt_out
    order = _bands_by_numbers(core) or _amounts_in_one_unit(core)
    if order:
        return order + opt_out
    if len(core) > MOST_WORDED_LEVELS or sum(";" in a for a in core) > len(core) / 2:
        return []  # a scale in words has a handful of points, never lists of picks
    for by_column in (_recency_order, _graded_order, _changes_order, _two_sided_order,
                      _yes_share_order, _quantity_order, _ordinal_word_order,
                      _direction_order, _unit_order, _worded_order):
        order = by_column(core)
        if order:
            return order + opt_out
    for heads in (_heads_before_shared_tail(core), _middles(core)):
        order = _ordered_answers(tuple(heads)) if heads else []
        if order:
            return [heads[h] for h in order] + opt_out
    order = _mixed_intensity_order(core)
    return order + opt_out if order else []


# How strongly, whatever the word family: a scale built from several ('Not at all' / 'Low
# Priority' / 'Maybe/Sometimes' / 'High Priority' / 'Absolutely/Of course').
INTENSITY_WORDS = {
    "not at all": 0, "never": 0, "none": 0, "no": 0, "low": 1, "rarely": 1, "a little": 1,
    "slightly": 1, "seldom": 1, "maybe": 2, "sometimes": 2, "medium": 2, "moderate": 2,
    "neutral": 2, "possibly": 2, "high": 3, "often": 3, "usually": 3, "mostly": 3, "very": 3,
    "yes": 3, "absolutely": 4, "of course": 4, "always": 4, "definitely": 4, "extremely": 4,
    "certainly": 4,
}


def _mixed_intensity_order(core: list[str]) -> list[str]:
    """Four answers or more, each one intensity word (or synonyms joined by '/') with at most
    one shared noun ('priority'), every one at a different intensity."""
    if len(core) < 4:
        return []
    rank: dict[str, int] = {}
    rests: set[str] = set()
    for answer in core:
        levels = set()
        for part in re.split(r"\s*/\s*", _plain(answer)):
            match = _phrases(INTENSITY_WORDS).search(part)
            if not match:
                return []
            levels.add(INTENSITY_WORDS[match.group(1)])
            rest = (part[:match.start()] + " " + part[match.end():]).split()
            if len(rest) > 1:
                return []
            rests.update(rest)
        if len(levels) != 1:
            return []
        rank[answer] = levels.pop()
    if len(rests) > 1 or len(set(rank.values())) < len(core):
        return []
    return sorted(core, key=rank.__getitem__)


def _ordered_without_numbers(core: list[str]) -> list[str]:
    """'1___not_at_all' ... '5___completely_yes': when every answer is a number and words, the
    words' own order wins (a survey may number its scale from either end, or twice over)."""
    words = {a: re.sub(r"^\(?\d{1,2}\s*(?:[-–=:.)]|\s)\s*", "", _plain(a)) for a in core}
    if not all(w and w != _plain(a) and not w[0].isdigit() for a, w in words.items()):
        return []
    distinct = sorted(set(words.values()))
    order = _ordinal_levels(tuple(distinct))
    if len(order) != len(distinct) or len(order) < 2:
        return []
    rank = {w: i for i, w in enumerate(order)}
    return sorted(core, key=lambda a: (rank[words[a]], int(re.search(r"\d+", a).group())))


BAND_BOUND = re.compile(r"\d{1,3}(?:[ \u00a0.,]\d{3})+(?!\d)|\d+(?:[.,]\d+)?")


def _bands_by_numbers(core: list[str]) -> list[str]:
    """Bands in any language, by their numbers: 'Dưới 5 triệu' / '5 - 10 triệu' / ... / 'trên
    30 triệu', 'Miasto 20 000–99 999 mieszkańców'. Ranges of two numbers must follow each other;
    an answer with one number is the open band below the lowest or above the highest."""
    if len(core) < 3:
        return []
    spans: dict[str, tuple[float, float | None]] = {}
    nothing = [a for a in core if NOTHING.match(_plain(a))]  # 'No debt', 'No stocks': below all
    for answer in (a for a in core if a not in nothing):
        numbers = [float(re.sub(r"[ \u00a0.,](?=\d{3}\b)", "", n).replace(",", "."))
                   for n in BAND_BOUND.findall(answer)]
        if len(numbers) == 2 and numbers[0] < numbers[1]:
            spans[answer] = (numbers[0], numbers[1])
        elif len(numbers) == 1:
            spans[answer] = (numbers[0], None)
        else:
            return []
    ranges = sorted((lo, hi) for lo, hi in spans.values() if hi is not None)
    if not ranges or any(b[0] < a[1] for a, b in zip(ranges, ranges[1:])):
        return []
    low, high = ranges[0][0], ranges[-1][1]
    rank = {answer: low - 1.0 for answer in nothing}
    for answer, (lo, hi) in spans.items():
        if hi is not None:
            rank[answer] = lo
        elif lo <= low:
            rank[answer] = low - 0.5
        elif lo >= high:
            rank[answer] = high + 0.5
        else:
            return []
    if len(set(rank.values())) < len(rank):
        return []
    return sorted(core, key=rank.__getitem__)


def _heads_before_shared_tail(core: list[str]) -> dict[str, str]:
    """'Always verify before buying' ... 'Never verify before buying': each answer without the
    words every answer ends with, mapped back to the answer ({} when there are none, or when
    an answer would be left empty or two would become one)."""
    words = [_plain(a).split() for a in core]
    shared = 0
    while all(len(w) > shared + 1 for w in words) and len({w[-1 - shared] for w in words}) == 1:
        shared += 1
    heads = {" ".join(w[:-shared]): a for w, a in zip(words, core)} if shared else {}
    return heads if len(heads) == len(core) else {}


def _middles(core: list[str]) -> dict[str, str]:
    """'I use it much more than X' ... 'I use it much less than X': what differs between the
    words every answer starts with and those every answer ends with, a comparison's 'than' or
    'as' left out, mapped back to the answer ({} as `_heads_before_shared_tail`)."""
    words = [_plain(a).split() for a in core]
    first = 0
    while all(len(w) > first + 1 for w in words) and len({w[first] for w in words}) == 1:
        first += 1
    last = 0
    while all(len(w) > first + last + 1 for w in words) and \
            len({w[-1 - last] for w in words}) == 1:
        last += 1
    if not first or not last:
        return {}
    middles = {re.sub(r"\s+(than|as)$", "", " ".join(w[first:len(w) - last])): a
               for w, a in zip(words, core)}
    return middles if len(middles) == len(core) and all(middles) else {}


MOST_WORDED_LEVELS = 15


def _changes_order(core: list[str]) -> list[str]:
    return _graded_order(core, CHANGES, middle=0.0) or _bare_changes_order(core)


def _bare_changes_order(core: list[str]) -> list[str]:
    """'Less' / 'About as much as I expected' / 'More': the grades alone, on both sides of a
    middle answer (two bare grades alone are a choice of two)."""
    keys: dict[str, float] = {}
    for answer in core:
        text = _without_notes(_plain(answer))
        if MIDDLE.match(text):
            keys[answer] = 0.0
        elif text in CHANGES:
            keys[answer] = CHANGES[text]
        else:
            return []
    values = set(keys.values())
    if len(core) < 3 or len(values) < len(core) or min(values) >= 0 or max(values) <= 0:
        return []
    return sorted(core, key=keys.__getitem__)


# "Espero que aumente" ... "Planeo dejar de usarlo": where something is heading.
DIRECTIONS: list[tuple[str, float]] = [
    (r"\b(stop|quit|give up|dejar de|parar de|arrêter|aufhören|stoppen)\b", -3),
    (r"\b(decreased?|declined?|go down|went down|gone down|fall|fell|fallen|drop(ped)?|"
     r"reduce|shrink|disminu\w*|reduc\w*|baj\w*|"
     r"diminu\w*|abnehmen|sinken|verringern|weniger werden|afnemen|dalen|minder)\b", -2),
    (r"\b(stay the same|remain the same|unchanged|no change|stay|stayed (about )?the same|"
     r"remained (about )?the same|siga igual|seguir igual|"
     r"se mantenga|igual|rester le même|inchangé|continuar igual|manter|gleich bleiben|"
     r"mesm[oa]s?|mism[oa]s?|"
     r"unverändert|gelijk blijven|hetzelfde)\b", 0),
    (r"\b(increased?|grow|grown|go up|went up|gone up|rise|rose|risen|more|aument\w*|"
     r"crec\w*|augment\w*|zunehmen|steigen|"
     r"wachsen|mehr werden|toenemen|stijgen|groeien)\b", 2),
]


def _direction_rank(answer: str) -> float | None:
    """Where an answer says something is heading; graded ('Somewhat increased' below
    'Substantially increased') by how strongly it says so."""
    text = _plain(answer)
    found = [value for pattern, value in DIRECTIONS if re.search(pattern, text)]
    if len(found) != 1:
        return None
    degree = _grading(text, HOW_FAR)[0] if found[0] else None
    return found[0] * (1 + (degree if degree is not None else BARE) / 10)


def _direction_order(core: list[str]) -> list[str]:
    return _ordered_by(core, _direction_rank) if len(core) >= 3 else []


# "Días" / "Semanas" / "Meses" / "Años": how long, as a unit alone.
UNITS = {"minutes": 1, "minutos": 1, "minuten": 1, "hours": 60, "horas": 60, "heures": 60,
         "stunden": 60, "uren": 60, "days": 1440, "días": 1440, "dias": 1440, "jours": 1440,
         "tage": 1440, "dagen": 1440, "weeks": 10080, "semanas": 10080, "semaines": 10080,
         "wochen": 10080, "weken": 10080, "months": 43200, "meses": 43200, "mois": 43200,
         "monate": 43200, "maanden": 43200, "years": 525600, "años": 525600, "anos": 525600,
         "ans": 525600, "années": 525600, "jahre": 525600, "jaren": 525600}


AMOUNT_IN_UNIT = re.compile(r"^(\d+(?:[.,]\d+)?)\s+([^\d]+)$")


def _amounts_in_one_unit(core: list[str]) -> list[str]:
    """'1.7 inches per year' ... '2.1 inches per year': one amount each, then the same words."""
    found = [AMOUNT_IN_UNIT.match(_plain(a)) for a in core]
    if len(core) < 3 or not all(found) or len({m.group(2) for m in found}) != 1:
        return []
    amounts = {a: float(m.group(1).replace(",", ".")) for a, m in zip(core, found)}
    return sorted(core, key=amounts.__getitem__) if len(set(amounts.values())) == len(core) \
        else []


def _unit_order(core: list[str]) -> list[str]:
    return _ordered_by(core, lambda a: UNITS.get(_plain(a))) if len(core) >= 2 else []


def _counted_bands(core: list[str]) -> bool:
    """'None', '1', '2', '3-5', '10+' or 'Under ten', 'Tens', 'Hundreds': counts in bands."""
    return len(core) >= 2 and any(re.search(r"\d\s*\+|\+\s*$|\bor more\b|^[<>≤≥]|^(under|less than|"
                                            r"more than|over|up to)\b", _numbers_as_digits(a))
                                  for a in core)


def oriented_to(levels: list[str], question: str) -> list[str]:
    """A scale between two poles runs the way the question asks: 'How difficult...?' from
    easy to hard, 'How easy...?' from hard to easy. Opt-outs stay last."""
    words = set(re.findall(r"[a-zäöü]+", question.lower()))
    negatives = {negative for _, negative in POLES} | {"difficult"}
    if not words & negatives or scale_name(levels) not in ("easy", "bipolar"):
        return levels
    core = [lv for lv in levels if not is_opt_out(lv)]
    return core[::-1] + [lv for lv in levels if is_opt_out(lv)]


# A brand or product funnel, lowest first: never heard of it; knows it but has not used it; has
# used it; uses it now. Checked top down: the first stage whose pattern matches.
FUNNEL: list[tuple[re.Pattern[str], float]] = [
    (re.compile(r"\b(never heard|not heard|(do not|don't) know (what )?(it|this|they|that)\b|"
                r"not aware|unaware|no idea what)"), 0),
    (re.compile(r"^no,? but\b|\b(heard of|know (what )?(it|this|they|of)|aware of|familiar)\b.*"
                r"\b(never|not|n't|no)\b.*\b(use|used|tried|bought|purchased|using)\b"), 1),
    (re.compile(r"\b(used|tried|bought|purchased)\b.*\b(past|before|once|previously)\b|"
                r"\b(used to|have used|have tried|tried it|used it)\b"), 2),
    (re.compile(r"^yes\b|\b(use|buy|using)\b.*\b(regularly|currently|now|often|every)\b|"
                r"\bcurrently (use|using|buy)\b"), 3),
]


def _funnel_rank(answer: str) -> float | None:
    text = _plain(answer)
    return next((stage for pattern, stage in FUNNEL if pattern.search(text)), None)


def _ordered_by(core: list[str], rank: Callable[[str], float | None]) -> list[str]:
    """`core` sorted by `rank`; [] when an answer has none, or when two share one unless they
    are the same answer written two ways ('25-39' and '25_39')."""
    keys = {a: rank(a) for a in core}
    if any(k is None for k in keys.values()):
        return []
    spelt = {}
    for a, key in keys.items():
        if spelt.setdefault(key, _spelling(a)) != _spelling(a):
            return []
    return sorted(core, key=lambda a: keys[a])


def _spelling(answer: str) -> str:
    return re.sub(r"[\s\-–—_]+", "", _plain(answer))


def scale_name(levels: list[str]) -> str | None:
    """Which scale the levels come from: a named word scale, 'bipolar', or None."""
    return _scale_name(tuple(levels))


@functools.lru_cache(maxsize=4096)
def _scale_name(levels: tuple[str, ...]) -> str | None:
    """Once per list of levels: the columns of a grid share theirs."""
    lowered = [_plain(lv) for lv in levels if not is_opt_out(lv)]
    for name, scale in SCALES.items():
        if lowered and all(v in scale for v in lowered):
            return name
    if len(lowered) >= 3 and _one_pair_of_poles(lowered):
        return "bipolar"
    if len(lowered) >= 3 and _changes_order(lowered):
        return "change"  # not drawn diverging: its middle is often off centre ('No change' of 4)
    return None


def scale_family(levels: list[str]) -> str | None:
    """The scale's name without its language: 'agree (pl)' is an agreement scale too."""
    name = scale_name(levels)
    return name.split(" (")[0] if name else None


def _poles_of(answer: str) -> set[int] | None:
    """Which pairs of poles an answer could belong to (all of them for a neutral answer)."""
    if _bipolar_rank(answer) is None:
        return None
    words = set(re.findall(r"[a-zäöüß]+", answer.lower()))
    pairs = {i for i, pair in enumerate(POLES) if words & set(pair)}
    return pairs or set(range(len(POLES)))


def _one_pair_of_poles(answers: list[str]) -> bool:
    """'Very easy' and 'Quite hard' share easy/hard; 'Satisfied' and 'Very good' share none."""
    common = set(range(len(POLES)))
    for answer in answers:
        poles = _poles_of(answer)
        if poles is None:
            return False
        common &= poles
    return bool(common)


def _bipolar_rank(answer: str) -> float | None:
    """'Extremely satisfied' 6 ... 'Satisfied' 3.5 ... 'Neutral' 0 ... 'Very dissatisfied' -5;
    'Not satisfied' -1.5, 'Not at all satisfied' -4.5."""
    text = _plain(answer)
    # 'Neutral (neither agree nor disagree)', 'Neutral/ Neither conservative or liberal'
    if text in NEUTRAL or text.startswith("neither ") or \
            re.split(r"\s*(?:[/(–]|\s-\s|,)\s*", text)[0] in NEUTRAL - {"right"}:
        return 0.0
    strength, negated = 3.5, None
    for prefix, value in (("not at all ", 4.5), ("not ", 1.5)):
        if text.startswith(prefix):
            negated, text = value, text[len(prefix):]
            break
    else:
        for word in sorted(INTENSITY, key=len, reverse=True):
            if text.startswith(word + " "):
                strength, text = 1.0 + INTENSITY[word], text[len(word) + 1:]
                break
    for positive, negative in POLES:
        if text in (positive, negative):
            sign = 1 if text == positive else -1
            return -sign * negated if negated else sign * strength
    return None


def _numbered_rank(answer: str) -> float | None:
    """'1 - Not at all likely' ... '10 = Extremely likely': a labelled point on a 0-10 scale."""
    text = _plain(answer)
    match = re.match(r"^\(?(\d{1,2})\s*(?:[-–=:.)(]|\s)\s*\S", text) or re.match(
        r"^[^\d]*[a-z][^\d]*?\(?(\d{1,2})\)?$", text)
    if match and int(match.group(1)) <= 10:
        return float(match.group(1))
    if text.isdecimal() and int(text) <= 10:
        return float(text)
    hashed = re.fullmatch(r"(?:#|no\.?\s?)(\d{1,2})", text)  # '#1' ... '#4' of a ranking grid
    return float(hashed.group(1)) if hashed and int(hashed.group(1)) <= 10 else None


def frequency_rate(answer: str) -> float | None:
    """Times a year an answer like '2-3 times a week' or 'every 8 weeks' means, or None.
    A note after the frequency ('Daily - heavy usage; 3+ hours per day') only breaks ties."""
    text = _plain(answer)
    if "/" in text and _frequency_rate(text) is None:  # 'Bi-weekly /twice a week'
        rates = [_frequency_rate(p) for p in re.split(r"\s*/\s*", text)]
        known = [r for r in rates if r is not None]
        if known:
            return known[-1]
    head = re.split(r"\s+[-–]\s+|\s*[;:(]\s*|,\s+", text, maxsplit=1)
    if len(head) == 2 and head[0] != text:
        rate = _frequency_rate(head[0])
        if rate is not None:
            degree = _grading(head[1], GRADES)[0] or _grading(head[1], CHANGES)[0] or 0.0
            return rate * (1 + 0.001 * degree)
    return _frequency_rate(text)


def _frequency_rate(text: str) -> float | None:
    rate = _stated_rate(text)
    either = re.fullmatch(r"(.+?)\s+or\s+(.+)", text) if rate is None else None
    if either:  # 'Rarely or never', 'Daily or almost daily': between the two
        rates = [_stated_rate(part) for part in either.groups()]
        rate = None if None in rates else sum(rates) / 2
    if rate is None and len(text.split()) >= 3:  # 'I use it all the time, even when I sleep'
        inside = [k for k in FIXED_RATES if len(k.split()) >= 2 and re.search(rf"\b{k}\b", text)]
        rate = FIXED_RATES[max(inside, key=len)] if inside else None
    return rate


def _stated_rate(text: str) -> float | None:
    text = re.sub(r"^less often than ", "less than ", text)
    text = re.sub(r"^more often than ", "more than ", text)
    if text in FIXED_RATES:
        return float(FIXED_RATES[text])
    very = re.fullmatch(r"(?:very|extremely|sehr|muy|très|molto|heel|zeer|muito) (.+)", text)
    if very and FIXED_RATES.get(very.group(1), 0) > 0:  # 'Very Rarely' / 'Very Frequently'
        base = float(FIXED_RATES[very.group(1)])
        return base * (0.6 if base < FIXED_RATES["sometimes"] else 1.5)
    # 'Rather rarely' / 'eher häufig': nearer the middle ('selten' < 'eher selten' < 'eher
    # häufig' < 'häufig')
    rather = re.fullmatch(r"(?:rather|fairly|quite|eher|ziemlich|bastante|plutôt|abbastanza|"
                          r"vrij|tamelijk) (.+)", text)
    if rather and FIXED_RATES.get(rather.group(1), 0) > 0:
        base = float(FIXED_RATES[rather.group(1)])
        return base * (1.2 if base < FIXED_RATES["sometimes"] else 0.8)
    factor = 1.0
    qualifier = _QUALIFIER.match(text)
    if qualifier:
        word = qualifier.group(0).strip()
        factor = 0.9 if word in _FEWER else 1.1 if word in _MORE else 1.0
        text = text[qualifier.end():]
    suffix = re.search(r"\s+or (more|less)$", text)
    if suffix:
        factor *= 1.1 if suffix.group(1) == "more" else 0.9
        text = text[:suffix.start()]
    if text in FIXED_RATES:
        return FIXED_RATES[text] * factor
    every = _EVERY.match(text)
    if every and every.group(2) in PERIODS:
        n = every.group(1)
        count = float(n) if n.isdecimal() else _WORD_NUMBERS.get(n)
        return PERIODS[every.group(2)] / count * factor if count else None
    times = _TIMES.match(text)
    if times and times.group(2) in PERIODS:
        how_many = times.group(1).strip()
        if how_many.endswith(("+", " or more")):
            factor *= 1.1
        numbers = [float(x) for x in re.findall(r"\d+", how_many)]
        if not numbers:
            words = [COUNTS.get(w.strip()) for w in re.sub(r" or more$", "", how_many).split(" or ")]
            numbers = [] if None in words else [float(w) for w in words]
        if not numbers:
            return None
        return sum(numbers) / len(numbers) * PERIODS[times.group(2)] * factor
    romance = _TIMES_ROMANCE.match(text)
    if romance:
        how_many, period, _, more = romance.groups()
        numbers = [float(x) for x in re.findall(r"\d+", how_many)] or [
            COUNTS[how_many]]
        factor *= 1.0 if more is None else 0.9 if more in ("menos", "moins") else 1.1
        return sum(numbers) / len(numbers) * PERIODS[period] * factor
    vietnamese = _TIMES_VI.match(text)
    if vietnamese:
        more, low, high, period = vietnamese.groups()
        factor *= 0.9 if more == "ít hơn" else 1.1 if more in ("nhiều hơn", "hơn") else 1.0
        count = (float(low) + float(high or low)) / 2
        return count * PERIODS[period] * factor
    return None


TIME_UNITS = [(r"years?|jahre?n?|años?|anos?|ans?|années?|jaren?", 12.0),
              (r"months?|monate?n?|meses|mes|mois|maanden?", 1.0),
              (r"weeks?|wochen?|semanas?|semaines?|weken?", 12 / 52),
              (r"days?|tage?n?|días?|dias?|jours?|dagen?", 12 / 365),
              (r"hours?|hrs?|stunden?|horas?|heures?|uren?|uur", 12 / 365 / 24),
              (r"minutes?|mins?|minuten?|minutos?", 12 / 365 / 24 / 60)]


NUMBER_WORDS = [
    (r"hundreds of thousands", "100000"), (r"tens of thousands", "10000"),
    (r"hundreds", "100"), (r"thousands", "1000"), (r"millions", "1000000"), (r"tens", "10"),
    (r"dozens", "12"), (r"once or twice", "1-2 times"), (r"twice", "2 times"),
    (r"once", "1 time"), (r"(?:the |my )?first time", "1 time"), (r"one", "1"), (r"two", "2"), (r"three", "3"), (r"four", "4"),
    (r"five", "5"), (r"six", "6"), (r"seven", "7"), (r"eight", "8"), (r"nine", "9"),
    (r"ten", "10"), (r"eleven", "11"), (r"twelve", "12"), (r"fifteen", "15"), (r"twenty", "20"),
    (r"thirty", "30"), (r"fifty", "50"), (r"hundred", "100"), (r"thousand", "1000"),
    (r"a year", "1 year"), (r"a month", "1 month"), (r"a week", "1 week"),
]
NOTHING = re.compile(r"^(none|no ?one|nobody|nothing|zero|never|not at all|no [a-z]+|keine?|ningun[oa]|nenhum|"
                     r"aucun|geen)( yet| so far| at all)?$")
NOW = re.compile(r"^(?:i'?m |i am |we are |we're )?(already|right now|now|immediately)\b")


def _words_as_digits(text: str) -> str:
    for words, digits in NUMBER_WORDS:
        text = re.sub(rf"\b{words}\b", digits, text)
    return text


def _numbers_as_digits(answer: str) -> str:
    text = _east_asian_band(_words_as_digits(_plain(answer)))
    text = re.sub(r"^within (?:the )?(?:next |coming )?(?=\d+\s*(?:-|–|to)\s*\d)", "", text)
    text = re.sub(r"^within (?:the )?(?:next |coming )?", "up to ", text)
    text = re.sub(r"\s+(from now|ago|from today)$|^(hace|il y a|vor|há)\s+", "", text)
    # 'un mes', 'einem Jahr': one of a unit
    text = re.sub(r"\b(?:un|una|um|uma|une|ein|eine|einem|einen|een)\b(?=\s+(?:mes|meses|año|"
                  r"ano|semana|día|dia|mois|an|semaine|jour|monat|jahr|woche|tag|maand|jaar|"
                  r"week|dag)\b)", "1", text)
    # 'Between 4 and 6 months', 'Entre 1 y 2 años', 'Zwischen 1 und 2 Jahren'
    return re.sub(r"^(?:between|entre|zwischen|tussen|tra|fra)\s+(\d[\d,.]*)\s*(?:[^\d\s]+\s+)?"
                  r"(?:and|y|e|et|und|en)\s+(?=\d)", r"\1-", text)


# A number's unit written after it in Korean, Japanese or Chinese ('20대', '20代', '30歳',
# '3년', '100만원'), and the words that close a band ('50대 이상' is 50 or more, '20歳未満'
# under 20, '100만원 이하' up to 100).
_EAST_ASIAN_UNIT = r"(?:대|代|歳|岁|세|살|才|년|年|개월|ヶ月|か月|个月|주|週|周|일|日|天|시간|時間|" \
                   r"小时|분|分|회째|회|回目|回|次|명|人|泊|박|晚|만원|万円|万元|원|円|元)"
_EAST_ASIAN_SCRIPT = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af～〜]")
_EAST_ASIAN_ENDS = [(re.compile(r"(.*\d)\s*(?:이상|以上)"), r"\1 or more"),
                    (re.compile(r"(.*\d)\s*(?:미만|未満|未满)"), r"under \1"),
                    (re.compile(r"(.*\d)\s*(?:이하|以下)"), r"up to \1")]


# A first visit, a day trip (no night), nothing spent
_EAST_ASIAN_WORDS = {"初めて": "1", "처음": "1", "第一次": "1", "日帰り": "0", "당일치기": "0",
                     "당일": "0", "使わない": "none", "なし": "none", "없음": "none", "无": "none"}


def _east_asian_band(text: str) -> str:
    """'50대 이상' -> '50 or more', '20～29歳' -> '20-29', '300万円以上 400万円未満' ->
    '300-400', '40代' (in their forties) -> '40-49': bands as the rules below read them."""
    if not _EAST_ASIAN_SCRIPT.search(text):
        return text
    if text in _EAST_ASIAN_WORDS:
        return _EAST_ASIAN_WORDS[text]
    text = re.sub(r"\s*[～〜~]\s*", "-", text).strip()
    decade = re.fullmatch(r"(\d*0)\s*(?:代|대)", text)
    if decade:
        return f"{decade.group(1)}-{int(decade.group(1)) + 9}"
    text = re.sub(rf"(\d)\s*{_EAST_ASIAN_UNIT}", r"\1", text)
    text = re.sub(r"^(\d[\d,.]*)\s*以上\s*(\d[\d,.]*)\s*(?:未満|未满)$", r"\1-\2", text)
    for pattern, said in _EAST_ASIAN_ENDS:
        if pattern.fullmatch(text):
            return pattern.sub(said, text)
    return text


def _first_unit(text: str) -> float:
    """The time unit of a band's first number ('30 minutes to 1 hour' is in minutes)."""
    after = re.search(r"\d[\d,.]*\s*\+?\s*([a-zäéíóúñç]+)", text)
    words = [after.group(1)] if after else []
    words += re.findall(r"[a-zäéíóúñç]+", text)
    return next((f for f in map(_time_unit, words) if f is not None), 1.0)


def _time_unit(word: str) -> float | None:
    """Months in one of the unit a word names ('weeks' -> 12/52), None for other words."""
    return next((factor for pattern, factor in TIME_UNITS if re.fullmatch(pattern, word)), None)


def band_lower_bound(answer: str) -> float | None:
    """Sort key for a band like '18-24', 'Under $25k', '$150k+', '1.500 bis unter 2.500 €';
    durations in months, so '6-12 months' < '1-2 years'. Counts in words read as numbers
    ('Less than one year', 'Tens of thousands'), 'None' as 0 and 'Already' as now."""
    text = _numbers_as_digits(answer)
    if NOTHING.match(text) or NOW.match(text):
        return -1e-3 if NOW.match(text) else 0.0
    unit = _first_unit(text)
    plain = re.fullmatch(rf"({BAND_NUMBER})\s*(?:[a-z]+)?", text)
    if plain and not re.search(r"[.,]\d{3}", plain.group(1)) or re.fullmatch(r"\d+(\.\d+)?", text):
        value = _band_number(plain.group(1) if plain else text)
        return None if value is None else value * unit
    for pattern, shift in BAND_PATTERNS:
        match = pattern.match(text)
        if match:
            value = _band_number(match.group(1))
            return None if value is None else value * unit + shift * 1e-6
    noted = re.fullmatch(r"(.*\d.*?)\s*\(([^()\d]*)\)", text)  # '$0 (none)'
    return band_lower_bound(noted.group(1)) if noted and NOTHING.match(noted.group(2)) else None


_AGE_UNIT = re.compile(r"\s*\b(?:years? old|years of age|year-?olds?|yrs?\.? old|y/?o|years?|"
                       r"yrs?\.?|jahre alt|jahre|años de edad|años|anos|ans|jaar)(?=\W|$)")
_AGE_SAID = re.compile(r"\b(?:years? old|years of age|year-?olds?|yrs?\.? old|y/?o|jahre alt|"
                       r"años de edad)(?=\W|$)")
_UNDER = r"(?:under|below|less than|younger than|up to|<)\s*(\d{1,2})|" \
         r"(\d{1,2}) (?:or|and) (?:younger|under|below)"
_OVER = r"(\d{1,2})\s*(?:\+|or (?:older|over|above|more)|and (?:older|over|above|up)|plus)|" \
        r"(?:over|above|older than|more than|>)\s*(\d{1,2})"
_AGE_BAND = re.compile(
    rf"{_UNDER}|(\d{{1,2}})\s*(?:-|–|—|to|bis|a|à|tot)\s*(\d{{1,2}})|{_OVER}")


def age_bands(levels: list[str]) -> bool:
    """Whether answers are bands of age, whatever the question's words ('Q1'): every one a
    band of whole years under 100, and either one says 'years old', or the youngest band
    ends near 18 ('Under 18', '18-24') and the oldest is open ('65+', '55 or older')."""
    core = [_plain(a) for a in levels if not is_opt_out(a)]
    if len(core) < 3:
        return False
    bands = [_AGE_BAND.fullmatch(_AGE_UNIT.sub("", a).strip(" ,.")) for a in core]
    if not all(bands):
        return False
    if any(_AGE_SAID.search(a) for a in core):
        return True
    under = [int(b.group(1) or b.group(2)) for b in bands if b.group(1) or b.group(2)]
    starts = [int(b.group(3)) for b in bands if b.group(3)]
    over = [int(b.group(5) or b.group(6)) for b in bands if b.group(5) or b.group(6)]
    youngest = min(under + starts)
    return 15 <= youngest <= 19 and bool(over) and 45 <= max(over) <= 85


def bands_have_a_range(levels: list[str]) -> bool:
    return any(BAND_RANGE.search(a) or BAND_RANGE.search(_numbers_as_digits(a)) for a in levels)


_OPEN_BELOW = re.compile(r"\b(" + "|".join((*_FEWER, "below", "unter", "bajo")) + r")\b|<")


def band_amount(answer: str) -> float | None:
    """The amount a band of money or counts stands for: its middle ('Rs. 1,000–2,500' ->
    1750), an open band below its bound halved ('Less than 1,000' -> 500), one above it its
    bound ('More than 10,000', '$150k+'), a plain number itself; None without a number."""
    text = _plain(answer)
    numbers = [v for v in (_band_number(n) for n in re.findall(BAND_NUMBER, text))
               if v is not None]
    if len(numbers) == 2 and numbers[0] <= numbers[1]:
        return (numbers[0] + numbers[1]) / 2
    if len(numbers) == 1:
        return numbers[0] / 2 if _OPEN_BELOW.search(text) else numbers[0]
    return None


def _band_number(text: str) -> float | None:
    cleaned = re.sub(r"[$£€\s]", "", text).rstrip(".,")
    cleaned = re.sub(r"[.,](?=\d{3}(?:\D|$))", "", cleaned).replace(",", ".")
    scale = 1.0
    if cleaned[-1:].lower() == "k":
        cleaned, scale = cleaned[:-1], 1e3
    elif cleaned[-1:].lower() == "m":
        cleaned, scale = cleaned[:-1], 1e6
    try:
        return float(cleaned) * scale
    except ValueError:
        return None


# Studying for a degree ('Estudante de Mestrado', 'PhD student', 'Master's in progress') sits
# just below holding it.
STUDYING = re.compile(r"\b(student|estudante|estudiante|étudiant|candidate|cursando|em andamento|"
                      r"en curso|in progress|ongoing|incomplet[oa]?)\b")


def _education_rank(answer: str) -> float | None:
    text = answer.lower()
    for pattern, rank in EDUCATION:
        if re.search(pattern, text):
            return float(rank) + (0.5 if rank == 4 and "college" in text else 0.0) - (
                0.4 if STUDYING.search(text) else 0.0)
    return None


# --- graded answers: one stem, told apart by how much ---------------------------------------
# "Slightly able" ... "Extremely able", "None of it" ... "All of it", "Poco importante" ... "Muy
# importante": the answers share their words but for one grading phrase, which sets the order.
# Degrees run 0 (none at all) to 6; a bare stem ("Important") sits at BARE.
GRADES: dict[str, float] = {
    # English
    "not at all": 0, "not": 1, "somewhat not": 1.25, "slightly not": 1.25, "not very": 1.5,
    "not so": 1.5, "not too": 1.5, "hardly": 0.5,
    "barely": 0.5, "little or no": 0.5, "no": 0, "none": 0, "little": 1,
    "a little": 1.5, "few": 1, "a few": 1.5, "slightly": 1.5, "a bit": 1.5, "somewhat": 2,
    "some": 2, "partly": 2, "partially": 2, "fairly": 2.5, "rather": 2.5, "reasonably": 2.5,
    "moderately": 3, "moderate": 3, "about half": 3, "half": 3, "quite": 3, "mostly": 3.5,
    "mainly": 3.5, "largely": 3.5,
    "many": 3.5, "much": 4.5, "very": 4, "highly": 4, "strongly": 4, "really": 4, "most": 4,
    "a lot": 4, "heavy": 4, "extensive": 4.5, "almost all": 4.5,
    "nearly all": 4.5, "a great deal": 4.5, "extremely": 5, "completely": 5, "totally": 5,
    "fully": 5, "absolutely": 5, "entirely": 5, "incredibly": 5, "all": 5, "perfectly": 5,
    "always": 5,
    "far": 5,
    # Deutsch
    "überhaupt nicht": 0, "gar nicht": 0, "nicht": 1, "eher nicht": 1.5, "kaum": 0.5,
    "wenig": 1, "etwas": 1.5, "teilweise": 2, "eher": 2.5, "ziemlich": 3, "sehr": 4,
    "äußerst": 5, "voll und ganz": 5, "völlig": 5, "absolut": 5, "vollständig": 5,
    "garnicht": 0, "komplett": 5,
    # español / português
    "nada": 0, "para nada": 0, "nem um pouco": 0, "poco": 1, "pouco": 1, "um pouco": 1.5,
    "algo": 2, "razoavelmente": 2.5, "bastante": 3, "muy": 4, "muito": 4, "totalmente": 5,
    "extremadamente": 5, "extremamente": 5, "completamente": 5,
    # français
    "pas du tout": 0, "pas": 1, "peu": 1, "un peu": 1.5, "assez": 2.5, "plutôt": 2.5,
    "très": 4, "tout à fait": 5, "extrêmement": 5,
    # Nederlands
    "helemaal niet": 0, "niet": 1, "weinig": 1, "een beetje": 1.5, "enigszins": 2,
    "redelijk": 2.5, "tamelijk": 2.5, "vrij": 3, "erg": 4, "zeer": 4, "heel": 4,
    "helemaal": 5, "volledig": 5, "uiterst": 5,
    # italiano
    "per niente": 0, "per nulla": 0, "affatto": 0, "non": 1, "un po'": 1.5, "abbastanza": 2.5,
    "piuttosto": 2.5, "molto": 4, "fortemente": 4.5, "estremamente": 5, "del tutto": 5,
    "moderadamente": 3, "moderatamente": 3,
    # bahasa Indonesia / Melayu
    "kurang": 1.5, "agak": 2, "cukup": 2.5, "sangat": 4, "amat": 4,
    # polski
    "zupełnie nie": 0, "wcale nie": 0, "raczej nie": 1.5, "raczej": 2.5, "bardzo": 4,
    "zdecydowanie": 5, "całkowicie": 5,
}
# How far something moved ('Substantially increased'): the grades, and words said of a change.
HOW_FAR: dict[str, float] = {**GRADES, "substantially": 4, "significantly": 4,
                             "considerably": 4, "greatly": 4.5, "dramatically": 5}
# "Much more motivated" ... "Less motivated": change against before, 0 for no change.
CHANGES: dict[str, float] = {
    "much less": -3, "far less": -3, "a lot less": -3, "less": -2, "slightly less": -1,
    "a little less": -1, "a bit less": -1, "somewhat less": -1, "slightly more": 1,
    "a little more": 1, "a bit more": 1, "somewhat more": 1, "more": 2, "much more": 3,
    "far more": 3, "a lot more": 3, "much fewer": -3, "far fewer": -3, "fewer": -2,
    "slightly fewer": -1, "viel weniger": -3, "weniger": -2, "etwas weniger": -1,
    "etwas mehr": 1, "mehr": 2, "viel mehr": 3, "mucho menos": -3, "menos": -2, "más": 2,
    "mucho más": 3, "beaucoup moins": -3, "moins": -2, "plus": 2, "beaucoup plus": 3,
    "muito menos": -3, "mais": 2, "muito mais": 3, "veel minder": -3, "minder": -2,
    "meer": 2, "veel meer": 3,
    # better or worse than before
    "much worse": -3, "far worse": -3, "a lot worse": -3, "worse": -2, "slightly worse": -1,
    "a little worse": -1, "somewhat worse": -1, "slightly better": 1, "a little better": 1,
    "somewhat better": 1, "better": 2, "much better": 3, "far better": 3, "a lot better": 3,
    "muito pior": -3, "pior": -2, "um pouco pior": -1, "um pouco melhor": 1, "melhor": 2,
    "muito melhor": 3, "mucho peor": -3, "peor": -2, "un poco peor": -1, "un poco mejor": 1,
    "mejor": 2, "mucho mejor": 3, "viel schlechter": -3, "schlechter": -2,
    "etwas schlechter": -1, "etwas besser": 1, "besser": 2, "viel besser": 3,
    "beaucoup moins bien": -3, "moins bien": -2, "mieux": 2, "beaucoup mieux": 3,
    "veel slechter": -3, "slechter": -2, "beter": 2, "veel beter": 3,
}
# Too much on one side or the other: "Too slow", "Slightly too much lecture".
EXCESS: dict[str, float] = {
    "slightly": 1.5, "a little": 1.5, "a bit": 1.5, "somewhat": 2, "slightly too": 3,
    "slightly too much": 3, "a bit too": 3, "a bit too much": 3, "a little too": 3,
    "a little too much": 3, "too": 5, "too much": 5, "much too": 6, "far too": 6, "way too": 6,
    "very": 4, "extremely": 5,
}
MIDDLE = re.compile(
    r"^(neutral|neither\b.*|no change\b.*|unchanged|the same|about the same|same|no difference|"
    r"stay the same|remain the same|stays the same|no effect|no impact|"
    r"just right|about right|right|balanced|in between|mixed|indifferent|average|both equally|"
    r"(.*\s)?(about |roughly )?equally\b.*|"
    r"weder .*noch.*|teils[ /,]+teils|unverändert|gleich|ni .* ni .*|neutro|neutre|"
    r"igual|pareil|inchangé|nem .* nem .*|indiferente|neutraal|noch .* noch .*|"
    r"gelijk|hetzelfde|partly|partially|somewhat|"
    r"as expected|met (?:my )?expectations|meets (?:my )?expectations|"
    r"stayed the same|remained the same|might\b.*|(about |roughly )?as (much|many|often) as\b.*|"
    r"(about |roughly )?the same as (before|usual|previously|last \w+)|"
    r"(o|a|os|as) mesm[oa]s? (de|que|do que) antes|(\w+ )?mais ou menos (o|a|os|as) mesm[oa]s?|"
    r"(lo )?mismo que antes|igual que antes|(\w+ )?m[áa]s o menos (lo|los|las|el|la) mism[oa]s?|"
    r"kararsızım|kararsız|emin değilim|fikrim yok|ne .* ne .*|nötr|orta|"
    r"neutrale|né .* né .*|netral|biasa saja|neutralny|neutralna|ani .* ani .*|"
    r"nie mam zdania|trudno powiedzieć)$")
BARE = 3.5


_COMPILED: dict[int, re.Pattern[str]] = {}


def _phrases(lexicon: dict[str, float]) -> re.Pattern[str]:
    """One search for any of a lexicon's phrases, longest first where they start at one place;
    compiled once per lexicon (they are this module's constants)."""
    pattern = _COMPILED.get(id(lexicon))
    if pattern is None:
        ordered = sorted(lexicon, key=len, reverse=True)
        pattern = re.compile(r"(?:^|\s)(" + "|".join(map(re.escape, ordered)) + r")(?=\s|$)")
        _COMPILED[id(lexicon)] = pattern
    return pattern


def _grading(text: str, lexicon: dict[str, float]) -> tuple[float | None, str]:
    """The grading phrase's degree (None when there is none) and the answer without it."""
    split = re.fullmatch(r"not (\w+(?: \w+)?) at all", text)  # 'Not open at all'
    if split and "not at all" in lexicon:
        return float(lexicon["not at all"]), split.group(1)
    match = _phrases(lexicon).search(text)
    if match:
        rest = (text[:match.start()] + " " + text[match.end():]).strip()
        if rest:  # 'No' or 'All' alone is an answer, not a grade of one
            return float(lexicon[match.group(1)]), re.sub(r"\s+", " ", rest)
    return None, text


def _adjective(stem: str) -> str:
    """'Somewhat comfortably' grades the same thing as 'Very comfortable': a real export's
    slip between adjective and adverb."""
    return re.sub(r"(ab|ib)ly\b", r"\1le", stem)


def _graded_order(core: list[str], lexicon: dict[str, float] = GRADES,
                  middle: float | None = None) -> list[str]:
    """Answers that differ only by a grading phrase, in order of it; a neutral answer ('No
    change', 'Neutral') at `middle`, by default between the grades below 'somewhat' and those
    from it on ('Not very ...' < 'Neutral' < 'Somewhat ...'), or at 2.75 when all the grades
    are on one side. At least two answers must carry a phrase."""
    keys: dict[str, float] = {}
    neutral: list[str] = []
    stems: set[str] = set()
    graded = 0
    for answer in core:
        text = _without_notes(_plain(answer))
        if MIDDLE.match(text):
            neutral.append(answer)
            continue
        degree, stem = _grading(text, lexicon)
        graded += degree is not None
        keys[answer] = BARE if degree is None else degree
        stems.add(_adjective(stem))
    if len(stems) != 1 or graded < 2 or not next(iter(stems)) and graded < len(core):
        return []
    if middle is None:
        below = [k for k in keys.values() if k < 2]
        above = [k for k in keys.values() if k >= 2]
        middle = (max(below) + min(above)) / 2 if below and above else 2.75
    keys.update(dict.fromkeys(neutral, middle))
    if len(set(keys.values())) < len(core) or len(keys) < 3:
        return []
    return sorted(core, key=keys.__getitem__)


NEGATING_PREFIX = re.compile(r"^(un|in|im|ir|il|dis|des|non-?|on|niet |not |pas |peu |não |no |"
                             r"non |tidak |nie ?)")


def _opposite(a: str, b: str) -> bool:
    """'favorably' / 'unfavorably', 'tevreden' / 'ontevreden', or a known pair of poles."""
    for x, y in ((a, b), (b, a)):
        match = NEGATING_PREFIX.match(y)
        if match and y[match.end():] == x:
            return True
    return any({a, b} == {p, n} for p, n in POLES) or _yes_no(a, b)


YES_NO = [("yes", "no"), ("ja", "nein"), ("sí", "no"), ("si", "no"), ("oui", "non"),
          ("sim", "não"), ("ja", "nee"), ("evet", "hayır")]
# Yes and no as answers, casefolded, in the languages the loader knows; also how a checkbox's
# column per option says ticked or not ('Y' / 'N', 'TRUE' / 'FALSE', 'Checked').
YES_WORDS = frozenset({"yes", "y", "ja", "sí", "si", "oui", "sim", "tak", "evet", "ya", "true",
                       "checked", "selected"})
NO_WORDS = frozenset({"no", "n", "nein", "non", "não", "nee", "nie", "hayır", "tidak", "false",
                      "unchecked", "not selected"})


def _yes_no(a: str, b: str) -> bool:
    return any({a, b} == {y, n} for y, n in YES_NO)


def _two_sided_order(core: list[str]) -> list[str]:
    """A scale from one pole through a middle to the other: 'Very unfavorably' ... 'Very
    favorably', 'Too slow' ... 'Just right' ... 'Too fast', 'No' ... 'Neutral' ... 'Yes'.
    The poles must be opposites, or mirror each other around a middle answer."""
    sides: dict[str, dict[str, float]] = {}
    middle = []
    for answer in core:
        text = _without_notes(_plain(answer))
        if MIDDLE.match(text):
            middle.append(answer)
            continue
        degree, pole = _grading(text, EXCESS)
        if degree is None:
            degree, pole = _grading(text, GRADES)
        sides.setdefault(pole, {})[answer] = BARE if degree is None else degree
    if len(sides) != 2 or len(middle) > 1 or len(core) < 3 or "" in sides:
        return []
    a, b = sorted(sides)
    if _only_certainty_differs(a, b):
        return []  # 'Definitely would ...' / 'Probably would ...': one side, two grades of it
    # 'Always left' ... 'Both equally' ... 'Always right': which hand or foot, left first
    sided = {a, b} == {"left", "right"}
    negative, positive = ("left", "right") if sided else _negative_first(a, b)
    if _opposite(a, b):  # 'Nicht wichtig' beside 'Eher unwichtig' is on the unimportant side
        for answer, degree in list(sides[positive].items()):
            if degree < BARE and NEGATION.search(_plain(answer)):
                del sides[positive][answer]
                sides[negative][answer] = 5 - degree
        if not sides[positive]:
            return []
    yes_no = _yes_no(a, b)
    degrees = [sorted(side.values()) for side in sides.values()]
    mirrored = all(len(set(d)) >= 2 for d in degrees) and (bool(middle) or degrees[0] == degrees[1])
    if not ((_opposite(a, b) and (middle or not yes_no)) or mirrored or sided and middle):
        return []
    if any(len(set(side.values())) < len(side) for side in sides.values()):
        return []
    low = sorted(sides[negative], key=lambda x: -sides[negative][x])
    high = sorted(sides[positive], key=lambda x: sides[positive][x])
    return low + middle + high


NEGATION = re.compile(r"(?:^|\s)(?:not|nicht|garnicht|niet|pas|non|no|nie|nada|niente|nulla|"
                      r"affatto|tidak|değil)(?=\s|$)")
CERTAINTY = re.compile(r"\b(definitely|certainly|surely|probably|possibly|perhaps|maybe|"
                       r"kesinlikle|muhtemelen|belki)\b")


def _only_certainty_differs(a: str, b: str) -> bool:
    return " ".join(CERTAINTY.sub(" ", a).split()) == " ".join(CERTAINTY.sub(" ", b).split())


def _negative_first(a: str, b: str) -> tuple[str, str]:
    for yes, no in YES_NO:
        if {a, b} == {yes, no}:
            return no, yes
    for positive, negative in POLES:
        if {a, b} == {positive, negative}:
            return negative, positive
    match = NEGATING_PREFIX.match(b)
    if match and b[match.end():] == a:
        return b, a
    return a, b


# "Critical to me" / "Somewhat useful" / "Not relevant for me"; "(3) Major" / "Trivial".
MAGNITUDES: dict[str, float] = {
    "irrelevant": 0, "not relevant": 0, "not useful": 0, "useless": 0, "not important": 0,
    "unimportant": 0, "not a problem": 0, "no problem": 0, "negligible": 0.5, "trivial": 1,
    "minor": 2, "somewhat useful": 2.5, "somewhat important": 2.5, "somewhat relevant": 2.5,
    "useful": 3, "relevant": 3, "important": 3, "moderate": 3, "significant": 4,
    "very useful": 4, "very important": 4, "very relevant": 4, "major": 4, "serious": 4,
    "critical": 5, "essential": 5, "severe": 5, "vital": 5, "crucial": 5, "indispensable": 5,
}


def _magnitude_rank(answer: str) -> float | None:
    text = _without_notes(_plain(answer))
    text = re.sub(r"\s+(to|for) (me|us|my \w+|our \w+)$", "", text)
    return MAGNITUDES.get(text)


ORDINAL_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
                 "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "final": 99, "last": 99}


_RECENT = re.compile(r"^(?:in|within|during|over)? ?(?:the )?(?:last|past) (?:(\d+) )?([a-z]+)$")


def _recency_order(core: list[str]) -> list[str]:
    """'In the last week' ... 'In the last 5 years', 'More than 5 years ago', 'Never': how long
    ago, the most recent first and 'Never' last."""
    rank: dict[str, float] = {}
    recent = False
    for answer in core:
        text = _numbers_as_digits(answer)  # ('... ago' loses its 'ago')
        within = _RECENT.match(_words_as_digits(_plain(answer)))
        if text == "never":
            rank[answer] = math.inf
        elif within:
            unit = _time_unit(within.group(2))
            if unit is None:
                return []
            rank[answer], recent = int(within.group(1) or 1) * unit - 1e-6, True
        else:
            bound = band_lower_bound(answer)
            if bound is None or all(_time_unit(word) is None for word in text.split()):
                return []
            rank[answer] = bound
    if not recent or len(set(rank.values())) < len(core):
        return []
    return sorted(core, key=rank.__getitem__)


# How much of it, or how often, after a yes: 'Yes, some' / 'Yes, all', 'Yes, sometimes' /
# 'Yes, often', 'Yes, a bit' / 'Yes'.
SHARES = {"a few": 1, "few": 1, "a little": 1, "a bit": 1, "slightly": 1, "rarely": 1,
          "some": 2, "partly": 2, "partially": 2, "in part": 2, "somewhat": 2, "sometimes": 2,
          "occasionally": 2, "half": 3, "many": 3.5, "a lot": 3.5, "often": 3.5,
          "frequently": 3.5, "most": 4, "mostly": 4, "usually": 4, "nearly all": 4.5,
          "almost all": 4.5, "almost always": 4.5, "all": 5, "fully": 5, "completely": 5,
          "entirely": 5, "always": 5, "definitely": 5, "absolutely": 5}
_YES_SHARE = re.compile(r"^yes(?:\s*[,;:(\-–—]\s*|\s+)(.+?)(?: of (?:them|it|the \w+))?\)?$")
# A yes on a condition ('Yes, if the impact is small'): less than a plain yes, more than a no.
_YES_IF = re.compile(r"^yes\W+(?:but |only )?(?:if|when|as long as|provided|unless)\b")


def _yes_share_order(core: list[str]) -> list[str]:
    """'No' / 'Yes, some' / 'Yes, all': a yes graded by how much or how often, below it a no;
    a plain 'Yes' beside graded ones is the most, one yes on a condition less than it."""
    rank: dict[str, float] = {}
    for answer in core:
        text = _plain(answer)
        if text in NO_WORDS or re.fullmatch(r"no\W+none", text):
            rank[answer] = 0
        elif text in YES_WORDS:
            rank[answer] = 6
        elif _YES_IF.match(text):
            rank[answer] = 0.5
        else:
            share = _YES_SHARE.match(text)
            if not share or share.group(1) not in SHARES:
                return []
            rank[answer] = SHARES[share.group(1)]
    graded = sum(0 < v < 6 for v in rank.values())
    if len(set(rank.values())) < len(core) or graded < 1 or \
            graded + (6 in rank.values()) < 2 or 0 not in rank.values():
        return []
    return sorted(core, key=rank.__getitem__)


QUANTITIES = {"none": 0, "no one": 0, "nobody": 0, "never": 0, "a few": 1, "few": 1, "some": 2,
              "sometimes": 2, "several": 2.5, "many": 3.5, "often": 3.5, "most": 4,
              "usually": 4, "all": 5, "always": 5, "every": 5}
_QUANTITY = re.compile(r"\b(" + "|".join(sorted(QUANTITIES, key=len, reverse=True)) + r")\b")
_NEGATED_ANY = re.compile(r"\b(?:not|n't|no)\b.*\bany\b")
_UNQUANTIFIED = YES_WORDS | NO_WORDS | {"not", "don't", "didn't", "any", "they", "them"}


def _quantity_order(core: list[str]) -> list[str]:
    """'No, none did' / 'Some did' / 'Yes, they all did'; 'No, I don't know any' / 'I know
    some' / 'Yes, I know several'; 'No' / 'Sometimes' / 'Yes, always': each answer says how
    many or how often with one word, whatever else it says, from none on."""
    rank: dict[str, float] = {}
    rests = []
    for answer in core:
        text = _without_notes(_plain(answer))
        words = {m.group(1) for m in _QUANTITY.finditer(text)}
        if text in NO_WORDS or not words and _NEGATED_ANY.search(text):
            rank[answer] = 0
        elif len(words) == 1:
            rank[answer] = QUANTITIES[words.pop()]
        else:
            return []
        rests.append(set(_QUANTITY.sub(" ", text).replace(",", " ").split()) - _UNQUANTIFIED
                     - FILLER)
    said = [rest for rest in rests if rest]  # the same thing counted: 'did', 'know'
    if not 3 <= len(core) <= 6 or len(set(rank.values())) < len(core) \
            or 0 not in rank.values() or said and not set.intersection(*said):
        return []
    return sorted(core, key=rank.__getitem__)


def _ordinal_word_order(core: list[str]) -> list[str]:
    """'First year' ... 'Fourth year', '1st year' ... '3rd year': one stem, counted."""
    keys, stems = {}, set()
    for answer in core:
        text = _plain(answer)
        match = re.search(r"\b(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|"
                          r"final|last|(\d{1,2})(st|nd|rd|th))\b", text)
        if not match:
            return []
        keys[answer] = float(match.group(2) or ORDINAL_WORDS[match.group(1)])
        stems.add((text[:match.start()] + text[match.end():]).strip())
    if len(stems) != 1 or len(set(keys.values())) < len(core):
        return []
    return sorted(core, key=keys.__getitem__)


# --- scales in mixed words: scored by what each answer says and how strongly ---------------
# "Absolutely essential" ... "Not important at all", "Horrible" ... "Excellent", "Strongly in
# favor" ... "Slightly against", "The biggest threat" ... "Not a threat at all". Each answer
# must carry a word below, and all must share what is left of them (or nothing).
POLARITY: dict[str, float] = {
    # good and bad, better and worse
    "excellent": 5, "outstanding": 5, "perfect": 5, "great": 4.5, "very good": 4.5,
    "good": 3.5, "fine": 1, "ok": 0, "okay": 0, "acceptable": 0.5, "fair": -0.5,
    "mediocre": -1, "poor": -3.5, "bad": -3.5, "terrible": -5, "horrible": -5, "awful": -5,
    "improve": 3.5, "better": 3.5, "worsen": -3.5, "worse": -3.5,
    # for and against
    "in favor": 3.5, "in favour": 3.5, "support": 3.5, "for": 3.5, "against": -3.5,
    "oppose": -3.5, "opposed": -3.5,
    # how much it matters
    "essential": 5, "critical": 5, "crucial": 5, "vital": 5, "important": 3.5, "useful": 3,
    "helpful": 3, "relevant": 3, "valuable": 3.5, "unimportant": -3.5, "irrelevant": -3.5,
    "useless": -3.5,
    # yes and no, with hedges
    "yes": 3.5, "definitely": 4.5, "probably": 2, "possibly": 1,
    "probably not": -2, "no": -3.5, "definitely not": -4.5,
    # how big
    "biggest": 6, "greatest": 6, "largest": 6, "huge": 5, "major": 4, "big": 4, "large": 4,
    "significant": 4, "moderate": 3, "some": 2, "minor": 2, "small": 1.5, "slight": 1.5,
    # how sure, how hopeful
    "confident": 3.5, "hopeful": 3, "concerned": -3, "worried": -3.5,
    # Turkish: yes and no, definitely and probably (its verbs say which way: `TURKISH_VERB`)
    "evet": 3.5, "hayır": -3.5, "kesinlikle": 4.5, "muhtemelen": 2, "belki": 1,
}
# How strongly: added to a positive score, taken from a negative one's size.
STRENGTH: dict[str, float] = {
    "absolutely": 1.5, "extremely": 1.5, "completely": 1.5, "totally": 1.5, "strongly": 1,
    "very": 1, "greatly": 1, "highly": 1, "much": 1, "a lot": 1, "really": 1, "quite": 0,
    "fairly": -0.5, "rather": -0.5, "moderately": -1, "somewhat": -1.5, "a bit": -2,
    "a little": -2, "slightly": -2, "little": -2,
}
NEGATIONS = ("not at all", "not", "no", "never", "none")
LITTLE = re.compile(r"(?<!\ba )\blittle\b")  # 'Little importance', not 'A little'
# A Turkish answer ends in its verb, which carries the negation: 'Kesinlikle sipariş ederim'
# (I definitely would order) and '... etmem' (would not), 'Katılıyorum' / 'Katılmıyorum'.
TURKISH_VERB = re.compile(
    r"(?:^|\s)(?:(?P<no>\w+?(?:m[ae]m|m[ae]z|m[ıiuü]yor(?:um|uz)|m[ae]y[ıi]z)|değil\w*)"
    r"|(?P<yes>\w+?(?:[aeıiuü]r[ıiuü]m|[ıiuü]yor(?:um|uz)|[aeıi]r[ıi]z|[ae]c[ae]ğ[ıi]m)))$")
TURKISH = re.compile(r"[ığş]|\b(evet|hayır|kesinlikle|muhtemelen|belki|kararsız\w*)\b")
FILLER = {"a", "an", "the", "at", "all", "to", "me", "for", "my", "it", "is", "of", "in", "this",
          "that", "be", "will", "would", "i", "am", "are", "we", "do", "does", "did"}


def _scored_answer(answer: str, turkish: bool = False) -> tuple[float, str] | None:
    """An answer's place on a scale (minus: bad, against, unimportant) and what is left of
    it once the scale's words are taken out; None when it has no such word. In `turkish`
    answers the closing verb says yes or no."""
    plain = _without_notes(_plain(answer))
    parts = re.split(r"\s*/\s*", plain)
    if len(parts) > 1:  # synonyms offered as one answer: 'Critical/Vital/Essential'
        scored = [_scored_answer(part, turkish) for part in parts]
        if all(s is not None and (s[0] > 0) == (scored[0][0] > 0) for s in scored):
            return scored[0][0], ""
    text = re.sub(r"[!,;]", " ", plain)
    text = re.sub(r"\s+", " ", text).strip()
    if text in ("somewhat", "partly", "partially"):
        return 2.0, ""  # above 'a little', below 'a lot', between 'no' and 'yes' alike
    if MIDDLE.match(text):
        return 0.0, ""
    # 'No, definitely not' / 'Yes, probably': the hedge says it all
    text = re.sub(r"^(?:yes|no) (?=(?:definitely|probably|certainly|possibly)\b)", "", text)
    negated = False
    verb = TURKISH_VERB.search(text) if turkish else None
    if verb:
        text, negated = text[:verb.start()].strip(), verb.group("no") is not None
    for phrase in NEGATIONS:
        pattern = rf"(?:^|\s){phrase}(?=\s|$)"
        if re.search(pattern, text) and re.sub(pattern, " ", text).strip():
            negated, text = True, re.sub(pattern, " ", text).strip()
            break
    score = None
    match = _phrases(POLARITY).search(text)
    if match:
        score = POLARITY[match.group(1)]
        text = text[:match.start()] + " " + text[match.end():]
    found = [STRENGTH[m.group(1)] for m in _phrases(STRENGTH).finditer(text)]
    text = _phrases(STRENGTH).sub(" ", text)
    up = sum(b for b in found if b > 0)
    down = sum(b for b in found if b < 0)
    # 'Very little' is less than 'Little'; 'Very small threat' less than 'Small threat'.
    bonus = down * (1 + 0.5 * up) if down else up
    if score is not None and 0 < score < 3 and up and not down:
        bonus = -up
    if score is None and verb:
        score = 3.5  # 'Katılıyorum' (I agree), 'Katılmıyorum' (I do not)
    if score is None:
        if not bonus and not negated:
            return None
        score = 3.5 if not negated else 0.0  # 'A lot', 'Little', 'Not a threat at all'
    size = max(abs(score) + bonus, 0.25) if score else 0.0
    value = math.copysign(size, score) if score else 0.0
    if negated:
        value = -value if score and value > 0 else (-0.01 if not score else value)
    rest = " ".join(w for w in text.split() if w not in FILLER)
    return value, rest


NO_VIEW = re.compile(r"^(no opinion|not sure|unsure|undecided)$")


def _yes_no_and_a_middle(core: list[str]) -> bool:
    """'No' / 'Maybe' / 'Yes' is a scale; 'No' / 'Yes' / "I'm not a developer" is a yes/no
    question with a way out, whatever words that third answer shares with a scale."""
    plain = [_plain(a) for a in core]
    for i, third in enumerate(plain):
        if _yes_no(*[p for j, p in enumerate(plain) if j != i]):
            return any(MIDDLE.match(part.strip()) or NO_VIEW.match(part.strip())
                       for part in third.split("/"))
    return True


def _worded_order(core: list[str]) -> list[str]:
    if len(core) < 3:
        return []
    turkish = any(TURKISH.search(_plain(a)) for a in core)
    scored = {a: _scored_answer(a, turkish) for a in core}
    if any(s is None for s in scored.values()):
        return []
    rests = {rest for _, rest in scored.values() if rest}
    values = [value for value, _ in scored.values()]
    if len(rests) > 1 or len(set(values)) < len(core):
        return []
    if len(core) == 3 and not _yes_no_and_a_middle(core):
        return []
    if 0.0 in values and (min(values) >= 0 or max(values) <= 0):
        return []  # a middle with everything on one side of it: 'Too small' / 'Too large'
    if 0.0 in values:  # beside a middle, 'Little importance' is on the low side of it
        scored = {a: (-v, r) if 0 < v < 3.5 and LITTLE.search(_plain(a)) else (v, r)
                  for a, (v, r) in scored.items()}
        if len({v for v, _ in scored.values()}) < len(core):
            return []
    return sorted(core, key=lambda a: scored[a][0])
