"""Table of strings -> typed Survey: decide what each column is, apply the user's mapping, type it.

Rules run from the most specific (what the export format said, personal data, ids, dates)
to the most general (single choice, free text), so a column of emails is never charted as a
choice. Decisions look at each column's distinct answers with their counts, so they cost
the same for 1,000 or 1,000,000 respondents answering from the same options.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from typing import NamedTuple

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from persona_lib.cells import answer_counts, distinct_codes, level_index, with_levels
from persona_lib.formats import ColumnHint, Table, Tool
from persona_lib.mapping import (
    ColumnOverride, SurveyMapping, exclusion_masks, recode, survey_weights,
)
from persona_lib.models import Column, Kind, Role, System, Topic
from persona_lib.places import names_countries
from persona_lib.scales import (DIVERGING_SCALES, NO_WORDS, YES_WORDS, age_bands,
                                band_lower_bound, is_opt_out, ordinal_levels, oriented_to,
                                scale_family, scale_name)
from persona_lib.survey import Survey
from persona_lib.values import EXCEL_DAYS, date_format, parse_datetimes, parse_numbers
from persona_lib.text import (
    EMAIL_IN_TEXT, SUBQUESTION_CODE, clipped, item_stem, shortened, shown_answer, spoken, wording,
)

# (topic, header pattern, role); the first match wins, so the order matters.
TOPIC_RULES: list[tuple[Topic, str, Role]] = [
    # English first, then the same in Spanish, Portuguese, French, German, Dutch and Italian,
    # then Turkish, Indonesian, Polish and Vietnamese
    (Topic.frequency, r"how often|frequency|how frequently|frecuencia|frequ[êe]ncia|"
     r"fr[ée]quence|wie oft|wie h[äa]ufig|h[äa]ufigkeit|hoe vaak|frequenza|ogni quanto|sıklık|"
     r"seberapa sering|frekuensi|jak często|częstotliwoś|tần suất|thường xuyên|얼마나 자주|빈도|"
     r"頻度|频率|頻率|บ่อยแค่ไหน|ความถี่|how many\b.*\b(buy|purchase|order)\b.*\b(per|a|each|every) "
     r"(year|month|week|day)\b",
     Role.behaviour),
    (Topic.gender, r"\bgender\b|\bsex\b|\bsexo\b|^\W*g[ée]nero\W*$|\bsexe\b|\bgeschlecht\b|"
     r"\bgeslacht\b|\bsesso\b|cinsiyet|jenis kelamin|\bpłeć\b|giới tính|성별|性別|性别|เพศ",
     Role.demographic),
    (Topic.age, r"\bage\b|how old|year of birth|age group|^age\d*$|\bedad\b|\bidade\b|\bâge\b|"
     r"\balter\b|\bleeftijd\b|\betà\b|cu[áa]ntos años|quel âge|wie alt|quantos anos|"
     r"\byaş(ınız|ın)?\b|\busia\b|\bumur\b|\bwiek\b|tuổi|나이|연령|年齢|年龄|年齡|"
     r"^\W*อายุ\W*$|อายุของคุณ|คุณอายุ|ช่วงอายุ",
     Role.demographic),
    (Topic.income, r"income|salary|comp ?total|compensation|\b(money|much)\b[^?]*\bearn|"
     r"ingresos?\b|salario|sueldo|\brenda\b|"
     r"\brevenus?\b|salaire|einkommen|\bgehalt|inkomen|reddito|\bgelir|pendapatan|penghasilan|"
     r"\bgaji\b|doch[óo]d|zarobk|thu nhập|소득|연봉|월급|年収|所得|收入|รายได้|เงินเดือน(?!ที่คาดหวัง)",
     Role.demographic),
    (Topic.household, r"household[ _]?(size|composition|members?|type|structure)|^\W*household\W*$|"
     r"(people|persons|members|adults|residents)\b[^?]*\b(your|the|this) household|"
     r"head of (the |your )?household|live with you|marital|family status|relationship status|"
     r"describes? (\w+ )?your household|(type|kind) of household|household (situation|type)|"
     r"\b(have|has|how many|number of|any|own)\b(\s+\w+){0,2}\s+children\b|"
     r"\bchildren\s+(under|at home|living|in (your|the) household)\b|^\W*children\W*$|"
     r"estado civil|\bhijos\b|\bhogar\b|\bfilhos\b|situation familiale|\benfants\b|"
     r"familienstand|haushalt|wie viele kinder|\bkinderen\b|huishouden|burgerlijke staat|stato civile|"
     r"medeni durum|çocuk|status (pernikahan|perkawinan)|\banak\b|stan cywilny|\bdzieci\b|"
     r"결혼|혼인|자녀|婚姻|既婚|子供|子女|สถานภาพ|บุตร",
     Role.demographic),
    (Topic.education, r"\beducation\b(?! (materials?|on|about)\b)|educational (level|attainment|"
     r"background|qualification)|^(?!.*\bto (what|which|some|a \w+|the|this|that) degree)"
     r".*\bdegree(?!(\(s\)|s)?\s+of\b)|qualification|edlevel|(?<![a-z])school(?![a-z])|"
     r"\bstudy program|"
     r"fields? of stud(y|ies)|\b(your|current) major\b|\bmajor(ed)? in\b|\bundergraduate\b|"
     r"educaci[óo]n|nivel de estudios|\bestudios\b|escolaridad|escolaridade|\bensino\b|[ée]tudes|"
     r"dipl[ôo]me|\bbildung|abschluss|opleiding|istruzione|titolo di studio|eğitim|öğrenim|"
     r"pendidikan|wykształcenie|học vấn|trình độ|학력|学歴|学历|學歷|การศึกษา", Role.demographic),
    (Topic.occupation, r"occupation|\bjob\b(?! boards?)|employment|\baffiliation\b|"
     r"\bprofessions?\b|professional (background|field|area|status|position|role|experience|"
     r"level)|\bindustry\b(?![- ]specific)|"
     r"\b(your|this|current) (\w+ )?roles?\b|^\W*roles?\W*$|"
     r"\b(what is|what's) your (current )?position\b(?! on\b)|^\W*(current )?position\W*$|"
     r"^(?!.*\b(impacts?|affects?|influences?|helps?|improves?|change|disrupts?|"
     r"interferes? with)( on)? (your|my|their|our) work\b).*(\b(you|your|i|we|of|where)\s+"
     r"(\w+\s+)?work|\bwork (you do|status|situation|experience|in|at|for|as)\b|"
     r"^\W*work\W*$)\b(?! with\b)|"
     r"ocupaci[óo]n|profesi[óo]n|\bempleo\b|ocupa[çc][ãa]o|profiss[ãa]o|\bemprego\b|"
     r"\bm[ée]tier\b|\bemploi\b|\bberuf\b|besch[äa]ftigung|\bberoep\b|professione|\bmeslek|"
     r"pekerjaan|\bprofesi\b|\bzawód|zatrudnieni|nghề nghiệp|직업|職業|职业|(?<!สาย)อาชีพ|ตำแหน่งงาน",
     Role.demographic),
    (Topic.location, r"where do you live|(your|current|home|primary) location|^\W*location\b|"
     r"country|\bcity\b|region|postcode|"
     r"zip code|(?<!please )\bstate\b(?!-| (the|whether|your|how|why|what|which|if|any)\b)|"
     r"province|which town|\bbarrio\b|\bciudad\b|\bpa[íi]s\b|provincia|"
     r"d[óo]nde viv|c[óo]digo postal|\bbairro\b|\bcidade\b|onde (voc[êe] )?mora|\bville\b|"
     r"quel pays|^\W*pays\b|code postal|o[ùu] habitez|wohnort|\bstadt\b|postleitzahl|woonplaats|"
     r"\bcitt[àa]\b|\bpaese\b|şehir|\bkota\b|domisili|provinsi|\bmiasto\b|"
     r"miejsce zamieszkania|województw|거주|사는 곳|居住|お住まい|都道府県|จังหวัด|ภูมิภาค", Role.demographic),
    (Topic.found_us, r"first hear|how did you (hear|find|discover|learn)|found us|"
     r"hear about us|\breferr", Role.behaviour),
    (Topic.channels, r"hear about new|channel|where do you (like|prefer)|"
     r"social media (platforms?|sites?|apps?|networks?|channels?)\b(?! data)|"
     r"which social media|social media (do|did|have) you|"
     r"contacted|reach you|apps? do you use", Role.behaviour),
    (Topic.willingness_to_pay, r"would (you )?pay|willing(ness)? to pay|most you would",
     Role.behaviour),
    (Topic.spend, r"^(?!.*\b(time|hours?|minutes?|days?|weeks?|evenings?|how long)\b)"
     r".*\b(spend|spent)\b",
     Role.behaviour),
    (Topic.switching, r"\bswitch(ing)?\s+(to\s+|from\s+|away\s+)?"
     r"((a|an|another|your|the|other)\s+)?(\w+\s+){0,2}(suppliers?|providers?|brands?|banks?|compan(y|ies)|services?|products?|plans?|"
     r"stores?|shops?|operators?|carriers?|vendors?|tools?)\b|ease of switching|"
     r"change (to|suppliers?|providers?)\b", Role.behaviour),
    (Topic.loyalty, r"another .*brand|other brands?\b|competitor|loyal", Role.behaviour),
    (Topic.frustrations, r"frustrat|annoy|\bpain points?\b|\bdislike|biggest (problem|challenge)|"
     r"what (problems|challenges|difficulties)|hardest part|frustra|\bmolest|inconvenien|"
     r"dificultad|dificuldade|problème|(?<!tienes )(?<!tengas )\bproblemas?\b|schwierigkeit|"
     r"\bärger|ergernis", Role.attitude),
    (Topic.goals, r"\bgoals?\b|\baims?\b|what (do|would) you (most )?(want|hope|like) to "
     r"(achieve|get|accomplish|gain)|what do you (most )?(want|need|look for) (from|in|out of)|"
     r"hoping to|looking for in|what matters most", Role.attitude),
    (Topic.why_buy, r"why do you (buy|choose|use)|reason|\bmotivos?\b|\bmotivates?\b|"
     r"\bmotivan?\b|\braz[óo]n|\bpor qu[ée]\b|"
     r"\braison|pourquoi|\bgrund\b|warum|waarom|\breden\b|perch[ée]|\bneden\b|\balasan\b|"
     r"mengapa|kenapa|dlaczego|\bpowód|powody", Role.other),
    (Topic.expectations, r"expect|expectativ|\besper(a|as|an|ás)\b|\battentes?\b|erwart|verwacht|"
     r"aspettativ|beklenti|harapan|oczekiwa", Role.other),
    (Topic.recommend, r"recommend(?!ations?\b)|recomend|recommand|empfehl|aanbevel|raccomand|"
     r"tavsiye|"
     r"merekomendasikan|rekomendasi|\bpolec|추천|推薦|推荐|勧め", Role.attitude),
]
TEXT_TOPICS = (Topic.why_buy, Topic.expectations, Topic.goals, Topic.frustrations)
TOPIC_PATTERNS = {topic: pattern for topic, pattern, _ in TOPIC_RULES}
_TOPIC_REGEXES = [(topic, re.compile(pattern, re.IGNORECASE), role)
                  for topic, pattern, role in TOPIC_RULES]
TOPIC_LABELS = {  # the card sections and worth-it questions a topic feeds, as the Data page names them
    Topic.gender: "Gender", Topic.age: "Age", Topic.location: "Location",
    Topic.household: "Household", Topic.income: "Income", Topic.education: "Education",
    Topic.occupation: "Occupation", Topic.found_us: "How they found us",
    Topic.frequency: "How often", Topic.spend: "Spend",
    Topic.willingness_to_pay: "Willingness to pay", Topic.loyalty: "Loyalty to other brands",
    Topic.switching: "Ease of switching", Topic.channels: "Channels", Topic.goals: "Goals",
    Topic.frustrations: "Frustrations", Topic.why_buy: "Why they buy",
    Topic.expectations: "Expectations", Topic.recommend: "Likelihood to recommend",
}

# Who someone is, with no section of its own on the card: charted with the demographics.
OTHER_DEMOGRAPHICS = re.compile(
    r"ethnic|\brace\b|racial|religio|nationalit|citizenship|sexual orientation|disabilit|"
    r"\betnia\b|\braza\b|nacionalidad|ethnie|nationalité|staatsangehörigkeit|herkunft|"
    r"etniciteit|nationaliteit|etnisit|suku\b|agama\b|\bdin\b|uyruk|narodowoś|wyznanie|"
    r"dân tộc|tôn giáo|국적|国籍", re.IGNORECASE)
GENDER_ANSWER = re.compile(
    r"^(male|female|man|woman|men|women|boy|girl|trans(gender)?( (man|woman|male|female))?|"
    r"non[- ]?binary.*|genderqueer.*|agender|gender ?fluid|hombre|mujer|masculino|femenino|"
    r"m[äa]nnlich|weiblich|divers|homme|femme|masculin|féminin|maschio|femmina|uomo|donna|"
    r"erkek|kadın|laki-laki|perempuan|pria|wanita|mężczyzna|kobieta|nam|nữ|남|여|남성|여성|"
    r"남자|여자|男|女|男性|女性)$", re.IGNORECASE)
OTHER_ANSWER = re.compile(r"^(other|others|otro|outro|autre|andere|altro|diğer|lainnya|inne|"
                          r"khác|(i )?prefer to (self[- ]?)?describe|self[- ]?describe)\b",
                          re.IGNORECASE)
EMAIL = re.compile(r"^[\w.+'-]+@[\w-]+(\.[\w-]+)+$")
IPV4 = re.compile(r"^(\d{1,3}\.){3}\d{1,3}$")
IPV6 = re.compile(r"^(?=.*::|(?:[^:]*:){3})[0-9a-f]{0,4}(:[0-9a-f]{0,4}){2,7}$", re.IGNORECASE)
PHONE = re.compile(r"^\+?[\d\s().-]{7,20}$")
STREET = re.compile(
    r"^\d+[a-z]?,?\s+(\w+\s+){0,4}(street|st|road|rd|avenue|ave|lane|ln|drive|dr|boulevard|"
    r"blvd|way|court|ct|place|pl|close|crescent|terrace|strasse|straße|rue|via|calle)\b",
    re.IGNORECASE)
DATE_LIKE = re.compile(r"^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|^\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}")
PII_HEADER = re.compile(
    # (not inside a word: 'automobile', 'smartphone', 'headphones' name no contact details)
    r"(?<![a-z])e-?mail|(?<![a-z])phone|\bmobile\b|telephone|\bip ?address|street|"
    r"postal address|home address|"
    r"^address|latitude|longitude|\bgps\b|^(your |full |first |last |sur|given |family )?name\b|"
    r"\b(first|last|full|given|family|sur) ?name\b|\byour name\b|^name of|contact details",
    re.IGNORECASE,
)
NAME_HEADER = re.compile(r"name\b|\bnom\b|nombre|\bnaam\b", re.IGNORECASE)
# ('respondent' alone or as a number, not 'respondent_roof_type' or 'respondent/age')
ID_HEADER = re.compile(r"(?<![a-z])id\b|\buuid\b|\bguid\b|\btoken\b|"
                       r"respondent(?:[\s_]*(?:no\.?|number|code|key))?$|"
                       r"response ?id|record ?id|^#$|_id$|"
                       r"\bno\.?$|\bnumber$|\bnr\.?$|\bref(erence)?$|^case$", re.IGNORECASE)
# A tool's own time stamps in a file we don't recognise: when it was submitted, not asked.
SUBMISSION_HEADER = re.compile(r"^(date |time )?(submitted|submission|completed|completion|"
                               r"started|start|end|ended|finished|recorded|created|timestamp)"
                               r"( at| on| date| time| date/time)?( \(utc\))?$|^submitted_at$|"
                               r"^(survey|response) (completed|submitted|started)", re.IGNORECASE)
TEXT_HEADER = re.compile(r"\bother\b|please specify|comment|notes?\b|feedback|anything else|"
                         r"\bwhy\b|describe|explain|suggest|tell us|in your own words|"
                         r"\bwhat do you (mainly )?use|"
                         # 'Other, specify' in the languages the loader knows
                         r"\b(otro|otra|outro|outra|autre|andere|sonstige[sn]?|altro|altra|"
                         r"diğer|lainnya|inne|khác|אחר|אחרת)\b.{0,3}(especifi|précis|"
                         r"angeben|specific|belirt|sebutkan|jakie|פרט|ghi rõ)|"
                         r"\b(especifique|précisez|bitte angeben|specificare|belirtiniz|"
                         r"sebutkan|פרט/י|namelijk)\b|"
                         # a checkbox's 'Other' box as LimeSurvey heads it, 'Q [Otro]'
                         r"\[(otro|otra|otros|outro|outra|autre|autres|andere|sonstige[sn]?|"
                         r"altro|altra|diğer|lainnya|inne|khác|overig|anders)\]\s*$",
                         re.IGNORECASE)
POSTCODE = re.compile(r"^(?:\d{4,6}(?:[- ]\d{3,4})?|[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}|"
                      r"[A-Z]\d[A-Z] ?\d[A-Z]\d)$", re.IGNORECASE)  # 90210, 1011 AB, SW1A 1AA, K1A 0B1
POSTCODE_HEADER = re.compile(r"post ?code|postal ?code|zip ?code|(?:^|[\W_])zip(?:$|[\W_])|^plz$|"
                             r"postleitzahl", re.IGNORECASE)
TEXT_CODE = re.compile(r"_text$|_other$|\[other\]$|\bother\b.*\s-\s*text$", re.IGNORECASE)
JSON_BLOB = re.compile(r"^\s*(\{.*\}|\[\s*[\[{\"].*\])\s*$", re.DOTALL)
GEOPOINT = re.compile(r"^-?\d{1,3}\.\d{3,} -?\d{1,3}\.\d{3,}( -?[\d.]+){0,2}$")
WEIGHT_HEADER = re.compile(r"^(weight|wt|wgt|weighting|survey weight|design weight|.*_weight|"
                           r"weight_.*|gewicht)$", re.IGNORECASE)
RATING_HEADER = re.compile(r"^how (?!many|much|old|long|often|far|soon)[a-z]+\b", re.IGNORECASE)
_NAME = r"[A-ZÀ-Ý][a-zà-ÿ'’-]+(?: (?:[a-zà-ÿ]{1,3} )?[A-ZÀ-Ý][a-zà-ÿ'’-]+){1,2}"
PERSON_NAME = re.compile(rf"^{_NAME}(?:\s*(?:\n|; )\s*{_NAME}){{0,5}}$")  # one a line, or a few
TIME_HEADER = re.compile(r"time|date|submitted|started|completed|created|^start$|^end$|^today$",
                         re.IGNORECASE)
# What survey tools add about the answering itself, in the languages the app reads; only
# short headers, never a question.
BOOKKEEPING_HEADER = re.compile(
    r"^(duration|dauer|duración|durée|duração|duur|laufzeit|bearbeitungszeit|"
    r"beantwortungsdauer|response time|time taken|completion time)\b|\(in (s|sec|seconds|"
    r"sekunden|segundos|secondes)\)$|^(abgeschlossen|beendet|completed|finished|terminado|"
    r"completado|terminé|concluído|voltooid|ist anonym|anonymous|anonym|antwort-quote|"
    r"response rate|completion rate|progress|fortschritt|user agent|browser|referer|"
    r"referrer)$", re.IGNORECASE)
# A field the survey computes from an expression (LimeSurvey's '{sum(...)}'): not an answer.
EXPRESSION_HEADER = re.compile(r"^\{.*\}$|^\{[a-z_]+\(")
# A LimeSurvey expression left unrendered in a question's text ('{if(G5Q3.NAOK=="1", "", "For
# the next questions ...")}  How many hours ...?'): only the words after it are the question.
INLINE_EXPRESSION = re.compile(r"^\s*\{\s*[a-z_]+\(.*\)\s*\}\s*", re.IGNORECASE | re.DOTALL)


# A survey variable the tool left unfilled in the question's text: 'tu {postgrado}'
PLACEHOLDER = re.compile(r"\{([^\W\d_]+)\}")  # a word, not a code ('{factors_SQ001}')


def _words_after_expression(header: str) -> bool:
    match = INLINE_EXPRESSION.match(header)
    return bool(match) and len(header[match.end():].split()) >= 2


# 'Language' is the tool's record of the interface language when it holds codes ('de', 'EN');
# a question about the language people speak has words for answers.
LANGUAGE_HEADER = re.compile(r"^(language|sprache|idioma|langue|taal|user ?language)$",
                             re.IGNORECASE)
LANGUAGE_CODE = re.compile(r"^[a-z]{2}([-_][a-z]{2})?$", re.IGNORECASE)
METADATA_HEADERS = {
    "status", "progress", "duration (in seconds)", "finished", "recordeddate", "recorded date",
    "distributionchannel", "userlanguage", "startdate", "enddate", "start date", "end date",
    "locationaccuracy", "externalreference", "network id", "user agent", "browser", "platform",
    "collector id", "last page", "start language", "seed", "__version__", "_uuid", "_index",
    "_validation_status", "_notes", "_status", "_tags", "_submission_time", "deviceid",
    # LimeSurvey's own codes
    "lastpage", "startlanguage", "interviewtime", "refurl", "datestamp", "submitdate",
    # Qualtrics' own fields, where the export kept only the question-text row
    "q_recaptchascore", "q_relevantidduplicate", "q_relevantidduplicatescore",
    "q_relevantidfraudscore", "q_relevantidlaststartdate", "q_totalduration", "q_url",
    "q_ballotboxstuffing", "q_language", "q_r_del",
    # SoSci Survey's own variables
    "questnnr", "mode", "mailsent", "lastdata", "q_viewer", "maxpage", "missing", "missrel",
    "time_sum", "time_rsi", "deg_time",
}
SOSCI_PAGE_TIME = re.compile(r"^time\d{3}$")  # SoSci Survey's seconds spent on page 1, 2...
# KoboToolbox and ODK name their own fields with a leading underscore ('_parent_index',
# '_duration'); the questions of a form never start that way but for a number ('_1_Are_...').
KOBO_FIELD = re.compile(r"^_[a-z][a-z_]*$")
MULTI_SEPARATORS = (";", "|", "\n", ", ", ",")  # Jotform joins picks a line each
SELECT_ALL = re.compile(
    r"\w\(s\)|select all|check all|all that apply|choose all|tick all|mark all|select (one or )?more|"
    r"selecciona todas|marca todas|marque todas|seleccione todas|todas las que|"
    r"alle zutreffenden|mehrfachauswahl|mehrere antworten|toutes les réponses|plusieurs réponses|"
    r"todas as que|todas que se aplicam|meerdere antwoorden|alles wat van toepassing",
    re.IGNORECASE)
YES_NO_QUESTION = re.compile(r"^\W*(are|is|do|does|did|have|has|had|were|was|will|would|can|"
                             r"could|should|shall|may)\b", re.IGNORECASE)
RATED_POINT = re.compile(r"\d{1,2}(\s*[(:=.-]\s*\D.*)?")
YES_NO_WORDS = YES_WORDS | NO_WORDS | {"1", "0", "maybe"}
SAMPLE = 2_000  # distinct answers looked at to decide a kind; all of them are typed
JUDGED_ROWS = 20_000  # rows of a long plain-text column its kind is first judged on
PATTERN_SAMPLE = 500  # of those, the most common, matched against patterns (emails, dates...)
# Whole numbers from 0 to 10 answer a rating or a ranking unless the question counts something.
COUNT_HEADER = re.compile(
    r"how many|number of|\bcount\b|\bage\b|how old|\byears?\b|\bmonths?\b|\bweeks?\b|\bdays?\b|"
    r"\bhours?\b|\bminutes?\b|\btimes\b|children|kids|people|persons|employees|size|amount|"
    r"cu[aá]nt[oa]s|wie viele|anzahl|combien|nombre de|quant[oa]s|hoeveel|aantal|\balter\b|"
    r"\bedad\b|\bidade\b|leeftijd|jahre|años|anos|ans\b|jaren|mitarbeit|teilnehm|personen|"
    r"personas|participant|deelnemer|medewerker|empleados|funcion[aá]rios|salari|\btotal\b|"
    r"\bnumber\b", re.IGNORECASE)
# An amount of money asked for ('How high would a deposit need to be?', 'Price in CHF'): 0 to
# 10 typed there is francs, not a rating (unless the question asks how they rate or like it)
MONEY_HEADER = re.compile(r"\b(price|cost|fee|deposit|charge|budget|wage)s?\b|[$€£¥]|"
                          r"\b(chf|eur|usd|gbp)\b|\bfr\.", re.IGNORECASE)
HOW_MANY = re.compile(r"how many|number of|wie viele|anzahl|cu[aá]nt[oa]s|combien|quant[oa]s|"
                      r"hoeveel|aantal", re.IGNORECASE)
RANK_HEADER = re.compile(r"\brank|\border of (preference|importance)|(desired|preferred) order|"
                         r"\bdrag\b[^.?]{0,80}\border\b|\b1 \(most \w+\) to \d+ \(least|"
                         r"rangfolge|reihenfolge|classe[rz]\b|classement|rangschik", re.IGNORECASE)
SCALE_HEADER = re.compile(r"recommend|likely|scale|rate|rating|agree|satisf|score|\bnps\b|likert|"
                          r"escala|échelle|skala|schaal|calific|puntu|valor[ae]|bewert|"
                          r"probab|wahrscheinlich|waarschijnlijk|recomend|recommand|empfehl|"
                          r"aanbevel|zufrieden|tevreden|satisfait|satisfeit|"
                          r"how (much|well|happy|easy|important)|\(\s*[01]\s*[-–]\s*(5|7|10)\s*\)|"
                          r"\b[01] to (5|7|10)\b|weiterempfehl|zufrieden", re.IGNORECASE)
# A scale asking what someone thinks of something (not what they do): its answers go to the
# card's thinks / feels, whatever its points are called (1-5, stars, words).
OPINION_HEADER = re.compile(r"satisf|\bagree|\brate\b|\brating|how (important|happy|likely|easy|"
                            r"useful|valuable|good)|importance|importancia|wie wichtig|opinion|"
                            r"zufrieden|tevreden|satisfait|satisfeit|satisfech|soddisf|de acuerdo|"
                            r"d'accord|einverstanden|bewert|calific|hài lòng|puas", re.IGNORECASE)
# A job, pay or schooling someone would prefer, want or expect, not the one they have.
WISHED = re.compile(r"\b(prefer|willing|expect|would like|want|hope|hoping|plan(ning)? to|"
                    r"dream|ideal)\b", re.IGNORECASE)
# Getting to work or school, and the hours or days spent: what they do, not who they are.
COMMUTE = re.compile(r"\b(to|from) (work|school)\b|home-to-(work|school)|work(ed)? from home|"
                     r"work ?weeks?\b|"
                     r"\bhours?\b|\bdays?\b", re.IGNORECASE)
# A country, state or region named beside work: where they work, a place, not a job.
WORK_PLACE = re.compile(r"\b(country|countries|state|city|region|province|territory)\b",
                        re.IGNORECASE)
# A statement to rate, not a question: said in the first person, or a sentence with a full stop
STATEMENT = re.compile(r"^(i|i'm|i am|my|we|our)\b|\w\.\s*$")
MAX_DISTINCT_CHOICES = 60
TYPED_OTHER_SHARE = 0.03  # at most this share of a scale's answers typed in an 'Other' box
TYPED_OTHER_ANSWERS = 0.1  # at most this share of a choice's answers typed in its 'Other' box
MAX_LISTED_CHOICES = 300  # a choice list that long is a country or event list, answered often


def build_survey(table: Table, source: str = "upload", mapping: SurveyMapping | None = None
                 ) -> Survey:
    """Infer every column, apply the user's corrections and exclusions, return the Survey."""
    mapping = mapping or SurveyMapping(fingerprint=table.fingerprint)
    warnings = list(table.warnings)
    detected, columns, answers, split_by = [], [], {}, {}
    judged = {name: _judged(table, name, warnings) for name in table.cells}
    judged = _with_other_boxes(_with_grid_scales(_with_shared_choices(judged, table)), table)
    judged = _with_grid_picks(judged, table)
    judged = _with_option_columns(judged)
    for name, (column, raw) in judged.items():
        override = mapping.override(name)
        detected.append(column)
        if override.merge and (override.kind or column.kind) != Kind.multi_choice:
            raw = recode(raw, override.merge)
        final, exported_options = _apply_override(column, raw, override, table)
        shown = _shown_as(final, raw, override.merge,
                          typed_here=table.tool not in OTHER_TYPED_APART
                          and not _other_box_beside(name, table.cells))
        before = raw
        if shown:
            final = final.model_copy(update={"shown": shown, "levels": list(dict.fromkeys(
                shown.get(lv, lv) for lv in final.levels))})
            if final.kind != Kind.multi_choice:
                raw = recode(raw, shown)
        answers[name] = raw
        columns.append(final)
        if final.kind == Kind.multi_choice:
            merge = {o: override.merge.get(o, o) for o in exported_options}
            split_by[name] = (exported_options, {o: shown.get(m, m) for o, m in merge.items()})
        typed = _typed_in_other(final, before, shown, exported_options)
        extra = typed_other_name(name)
        if typed is not None and extra not in judged:
            written = Column(name=extra, label=extra, kind=Kind.text, role=Role.other,
                             other_of=name)
            detected.append(written)
            written, _ = _apply_override(written, typed, mapping.override(extra), table)
            answers[extra] = typed
            columns.append(written)
    detected = _typed_other_labels(label_columns(detected))
    columns = _typed_other_labels(label_columns(
        columns, {n: o.label for n, o in mapping.columns.items() if o.label}), mapping)
    data, options = typed_data(answers, columns, table.decimal_comma, split_by)
    rules = mapping.exclude
    masks = exclusion_masks(pd.DataFrame(answers), columns, rules, answers) if (
        rules.incomplete or rules.tests or rules.min_seconds or rules.answers) else {}
    keep = pd.Series(True, index=data.index)
    for mask in masks.values():
        keep &= ~mask
    excluded = {reason: int(mask.sum()) for reason, mask in masks.items()}
    if not keep.any():
        warnings.append("Your exclusion rules leave out every respondent; they are ignored "
                        "until you change them on the Data page.")
        keep[:] = True
    weights = survey_weights(table.data, mapping.weight, warnings)
    if not keep.all():
        data = data[keep]
        options = {k: v[keep] for k, v in options.items()}
        weights = None if weights is None else weights[keep]
    return Survey(
        data=data, columns=tuple(columns), options=options, source=source,
        fingerprint=table.fingerprint, digest=table.digest, warnings=tuple(warnings),
        tool=table.tool.value,
        sheet=table.sheet, sheets=table.sheets, detected=tuple(detected),
        excluded=excluded, rows_in_file=table.n, mapping=mapping, weights=weights,
    )


TYPED_OTHER_MIN = 3  # respondents who typed in a choice's 'Other' box before it is a question


def typed_other_name(question: str) -> str:
    """The name of the text question made of what people typed in `question`'s 'Other' box."""
    return f"{question} (typed in Other)"


def _typed_in_other(column: Column, raw: pd.Series, shown: Mapping[str, str],
                    options: list[str]) -> pd.Series | None:
    """What respondents typed in a choice's 'Other' box, which its chart counts as one 'Other'
    bar: their own words, kept as a text question so that What they say can theme and quote
    them. None when fewer than `TYPED_OTHER_MIN` typed anything."""
    if column.kind == Kind.single_choice:
        typed = {a for a, s in shown.items() if s == "Other"}
        found = {a: a for a in typed}
    elif column.kind == Kind.multi_choice and "Other" in options and column.separator != "\n":
        distinct, _ = distinct_codes(raw)
        known = sorted((o for o in options if o != "Other"), key=len, reverse=True)
        found = {a: t for a in distinct.dropna().astype(str)
                 if (t := _typed_beside(a, known, column.separator or ";"))}
    else:
        return None
    if not found:
        return None
    text = raw.astype("str").map(found)
    return text if int(text.notna().sum()) >= TYPED_OTHER_MIN else None


def _typed_beside(answer: str, options: list[str], sep: str) -> str | None:
    """The words in a multi-select's answer that are none of its options (Google Forms
    appends what was typed in 'Other' to the options ticked), longest options taken first."""
    split_on = sep.strip() or sep
    edge = re.escape(split_on)
    rest = answer
    for option in options:
        rest = re.sub(rf"(?:^|(?<={edge}))\s*{re.escape(option)}\s*(?={edge}|$)", "", rest)
    words = [t.strip() for t in rest.split(split_on)
             if t.strip() and not OTHER_ANSWER.match(t.strip())]  # 'Other' ticked, typed apart
    return f"{split_on} ".join(words) if words else None


def _typed_other_labels(columns: list[Column], mapping: SurveyMapping | None = None
                        ) -> list[Column]:
    """'Typed in Other: <the question's label>' unless the user named it."""
    labels = {c.name: c.label for c in columns}
    named = {n for n, o in mapping.columns.items() if o.label} if mapping else set()
    return [c.model_copy(update={"label": f"Typed in Other: {labels[c.other_of]}"})
            if c.other_of in labels and c.name not in named else c for c in columns]


# Tools that write what was typed in a choice's 'Other' box in a column of its own ('Q - Other
# - Text', 'Q_TEXT', 'Q [other]'): the choice's own answers are all options, however few chose
# one ('Division of the Arts', picked once, is no typed sentence).
OTHER_TYPED_APART = {Tool.qualtrics, Tool.qualtrics_legacy, Tool.surveymonkey, Tool.limesurvey,
                     Tool.kobo, Tool.typeform}
_OTHER_BOX = re.compile(r"other|specify|_text$", re.IGNORECASE)


def _other_box_beside(name: str, names: Iterable[str]) -> bool:
    """Whether the file has the question's 'Other' box as a column of its own."""
    return any(n != name and n.startswith(name) and _OTHER_BOX.search(n[len(name):])
               for n in names)


def _shown_as(column: Column, raw: pd.Series, merged: Mapping[str, str],
              typed_here: bool = True) -> dict[str, str]:
    """Answers the app shows as another, unless the user merged them: an e-mail typed into a
    choice hidden, and (where the export writes them there, `typed_here`) the one-off sentences
    typed into a single choice's 'Other' box (Google Forms writes them as the answer: 'It's
    needed, but likely more of these needed...') as 'Other', where a bar each made a chart of
    0% bars as tall as a page; an answer typed in another spelling as most people spelt it;
    and a yes-or-no question's 1 and 0 as Yes and No."""
    shown = {lv: shown_answer(lv) for lv in column.levels if EMAIL_IN_TEXT.search(lv)}
    if column.kind == Kind.single_choice and _yes_no_as_1_0(column):
        shown.update({"1": "Yes", "0": "No"})
    if column.kind == Kind.single_choice and len(column.levels) >= 6:
        counts = answer_counts(raw)
        total = int(counts.sum())
        typed = [str(a) for a, n in counts.items() if n == 1 and _looks_typed(str(a))]
        if typed_here and len(typed) >= 3 and len(typed) <= TYPED_OTHER_ANSWERS * total \
                and int((counts >= 5).sum()) >= 2:
            shown.update({a: "Other" for a in typed})
        shown.update({a: shown.get(most, most) for a, most in _spelt_as_most_do(counts).items()})
    return {a: s for a, s in shown.items() if a not in merged}


def _yes_no_as_1_0(column: Column) -> bool:
    """A yes-or-no question ('Are you self-employed?') whose export writes 1 and 0, as
    Typeform's does: shown as Yes and No, which a chart or a card can be read by."""
    core = {lv for lv in column.levels if not is_opt_out(lv)}
    return core == {"0", "1"} and YES_NO_QUESTION.match(wording(column.name)) is not None \
        and not COUNT_HEADER.search(column.name)


def _spelt_as_most_do(counts: pd.Series) -> dict[str, str]:
    """Typed answers spelt another way ('Usa', 'U.S.A.', 'italy') shown as most people spelt
    them ('USA', 'Italy'), so one country is one bar. Answers with digits are never merged:
    '1-2' and '12' differ."""
    if counts.empty:
        return {}
    keys = _spelling_keys(pd.Series(counts.index.astype(str), index=counts.index))
    first: dict[str, str] = {}
    shown: dict[str, str] = {}
    for answer, key in zip(counts.index.astype(str), keys):  # most given first
        if not key or any(ch.isdigit() for ch in key):
            continue
        if key in first:
            shown[answer] = first[key]
        else:
            first[key] = answer
    return shown


def _judged(table: Table, name: str, warnings: list[str]) -> tuple[Column, pd.Series]:
    """One column inferred, and its answers to type. A plain column (long, its answers mostly
    different) is judged on JUDGED_ROWS of its rows spread over it; only if that finds levels
    or numbers, which need every answer, is it judged again on all of them, and its answers
    encoded so that typing reads each distinct answer once."""
    cells, hint, raw = table.cells[name], table.hint(name), table.data[name]
    if cells.plain:
        said: list[str] = []
        guess = _infer_or_text(name, raw, hint, table.decimal_comma, said,
                               cells.answer_counts(rows=JUDGED_ROWS))
        if guess.kind in (Kind.text, Kind.id, Kind.pii, Kind.metadata, Kind.timestamp):
            warnings.extend(said)
            return guess, raw
        raw = cells.encoded().series(raw.index)
    return _infer_or_text(name, raw, hint, table.decimal_comma, warnings,
                          table.answer_counts(name)), raw


def _with_shared_choices(judged: dict[str, tuple[Column, pd.Series]], table: Table
                         ) -> dict[str, tuple[Column, pd.Series]]:
    """A question few people answered, in a few different sentences, reads like free text.
    When most of those answers are word for word the options of another question in the file
    (the same 'why not?' asked after each item), it is a choice question too."""
    options = {level for column, _ in judged.values()
               if column.kind in (Kind.single_choice, Kind.ordinal) for level in column.levels}
    if not options:
        return judged
    for name, (column, raw) in judged.items():
        header = _header_words(name)
        if column.kind != Kind.text or _asks_for_text(header):
            continue
        cells = table.cells[name]  # a long plain column is judged on a spread sample of rows
        counts = cells.answer_counts(rows=JUDGED_ROWS) if cells.plain else \
            table.answer_counts(name)
        if not 2 <= len(counts) <= MAX_DISTINCT_CHOICES:
            continue
        shared = counts[counts.index.isin(options)]
        if len(shared) >= 2 and shared.sum() >= 0.6 * counts.sum():
            topic, role = _topic_and_role(header, Kind.single_choice, [])
            judged[name] = (column.model_copy(update=dict(
                kind=Kind.single_choice, levels=[str(a) for a in counts.index], topic=topic,
                role=role)), raw)
    return judged


def _with_grid_scales(judged: dict[str, tuple[Column, pd.Series]]
                      ) -> dict[str, tuple[Column, pd.Series]]:
    """A row of a grid answered with one or two points of a scale ('Eher wichtig', 'Sehr
    wichtig') is on the scale its sibling rows use; with two points or more, also on a scale
    another question of the file uses with the same words (case aside)."""
    scales = [(item_stem(name), column.levels) for name, (column, _) in judged.items()
              if column.kind == Kind.ordinal and not any(lv.isdigit() for lv in column.levels)]
    if not scales:
        return judged
    for name, (column, raw) in judged.items():
        answers = {lv.casefold() for lv in column.levels}
        if column.kind != Kind.single_choice or not answers or len(answers) > 3 \
                or _flags_only(column.levels):
            continue
        stem = item_stem(name)
        for levels in [lv for s, lv in scales if s is not None and s == stem] + \
                ([lv for _, lv in scales] if len(answers) >= 2 else []):
            if answers <= {lv.casefold() for lv in levels}:
                own = {lv.casefold(): lv for lv in column.levels}
                levels = [own.get(lv.casefold(), lv) for lv in levels]
                topic, role = _topic_and_role(_header_words(name), Kind.ordinal, levels)
                judged[name] = (column.model_copy(update=dict(
                    kind=Kind.ordinal, levels=levels, topic=topic, role=role)), raw)
                break
    return judged


def _with_grid_picks(judged: dict[str, tuple[Column, pd.Series]], table: Table
                     ) -> dict[str, tuple[Column, pd.Series]]:
    """A row of a checkbox grid ('Q [Other]', or one few answered) read alone looks like
    text or a choice; when every answer is made of the options its sibling rows are ticked
    with, it is ticked the same way."""
    grids: dict[str, tuple[str, set[str]]] = {}
    rows: dict[str, int] = {}
    like: dict[str, Column] = {}
    for name, (column, _) in judged.items():
        stem = item_stem(name)
        if stem and column.kind == Kind.multi_choice and column.separator:
            sep, options = grids.get(stem, (column.separator, set()))
            if sep == column.separator:
                grids[stem] = (sep, options | set(column.levels))
                rows[stem] = rows.get(stem, 0) + 1
                like.setdefault(stem, column)
    for name, (column, raw) in judged.items():
        stem = item_stem(name)
        if column.kind not in (Kind.text, Kind.single_choice) or rows.get(stem or "", 0) < 2:
            continue
        sep, options = grids[stem]
        counts = table.answer_counts(name)
        picks = [_tokens(str(a), sep) for a in counts.index]
        if len(counts) and all(p and set(p) <= options for p in picks):
            levels = list(dict.fromkeys(t for p in picks for t in p))
            judged[name] = (column.model_copy(update=dict(
                kind=Kind.multi_choice, levels=levels, separator=sep, topic=like[stem].topic,
                role=like[stem].role)), raw)
    return judged


def _with_other_boxes(judged: dict[str, tuple[Column, pd.Series]], table: Table
                      ) -> dict[str, tuple[Column, pd.Series]]:
    """A checkbox question exported as a yes/no column per option ('Q [Option]': Ja / Nein /
    N/A, LimeSurvey) ends with its 'Other' box: among those flags, a column of words that
    mostly differ ('Q [Sonstiges]': 'Physik', 'Siemens NX') is typed text, not a choice."""
    flags: dict[str, int] = {}
    for name, (column, _) in judged.items():
        stem = item_stem(name)
        if stem and column.levels and _flags_only(column.levels):
            flags[stem] = flags.get(stem, 0) + 1
    for name, (column, raw) in judged.items():
        stem = item_stem(name)
        if column.kind != Kind.single_choice or flags.get(stem or "", 0) < 2 \
                or _flags_only(column.levels):
            continue
        counts = table.answer_counts(name)
        if len(counts) >= 0.5 * counts.sum():
            judged[name] = (column.model_copy(update=dict(kind=Kind.text, levels=[], topic=None,
                                                          role=Role.other)), raw)
    return judged


def _with_option_columns(judged: dict[str, tuple[Column, pd.Series]]
                         ) -> dict[str, tuple[Column, pd.Series]]:
    """KoboToolbox follows a multi-select 'Q' with a TRUE/FALSE column per option ('Q.Handpump',
    'Q/Handpump'): 'Q' holds the picks joined by spaces, even when most people picked one."""
    options: dict[str, list[str]] = {}
    for name, (column, _) in judged.items():
        parent, sep, option = name.rpartition("/" if "/" in name else ".")
        if sep and parent in judged and column.levels and _flags_only(column.levels):
            options.setdefault(parent, []).append(option)
    for name, found in options.items():
        column, raw = judged[name]
        if column.kind in (Kind.single_choice, Kind.text) and len(found) >= 2:
            judged[name] = (column.model_copy(update=dict(
                kind=Kind.multi_choice, levels=found, separator=" ")), raw)
    return judged


def _flags_only(levels: list[str]) -> bool:
    """Yes / no / not applicable, in any of the languages the loader knows."""
    return all(lv.casefold() in YES_NO_WORDS or is_opt_out(lv) for lv in levels)


def _infer_or_text(name: str, values: pd.Series, hint: ColumnHint, decimal_comma: bool,
                   warnings: list[str], counts: pd.Series) -> Column:
    """A column the rules cannot make sense of is kept as free text, never a crash."""
    try:
        return infer_column(name, values, hint, decimal_comma, warnings, counts)
    except Exception as exc:  # noqa: BLE001 - survey answers are untrusted input
        warnings.append(f"Column '{name}' could not be analysed ({type(exc).__name__}); "
                        "it is kept as free text.")
        return Column(name=name, label=name, kind=Kind.text)


def _apply_override(column: Column, raw: pd.Series, override: ColumnOverride, table: Table
                    ) -> tuple[Column, list[str]]:
    """The column as the user corrected it, and (for a multi-select) its options as exported,
    which splitting needs when the user merged some of them."""
    if override.is_empty:
        return column, list(column.levels)
    kind = override.kind or column.kind
    update: dict[str, object] = {}
    exported = list(column.levels)
    if kind != column.kind or (override.merge and kind != Kind.multi_choice):
        forced = _forced_kind(column.name, raw, kind, table.hint(column.name))
        exported = list(forced.levels)
        update.update(kind=kind, levels=forced.levels, separator=forced.separator)
        if override.role is None:
            topic, role = _topic_and_role(column.name.lower(), kind, forced.levels)
            update.update(topic=topic, role=role)
    if kind == Kind.multi_choice and override.merge:
        update["levels"] = list(dict.fromkeys(override.merge.get(o, o) for o in exported))
    if override.role is not None:
        update["role"] = override.role
    if override.topic is not None:
        update["topic"] = None if override.topic == "none" else override.topic
    if override.levels:
        current = list(update.get("levels", column.levels))
        ordered = [lv for lv in override.levels if lv in current]
        update["levels"] = ordered + [lv for lv in current if lv not in ordered]
    return column.model_copy(update=update), exported


def _forced_kind(name: str, raw: pd.Series, kind: Kind, hint: ColumnHint) -> Column:
    """The column read as the kind the user chose, whatever inference said."""
    counts = _counts(raw)
    levels: list[str] = []
    separator = None
    if kind == Kind.multi_choice:
        separator = hint.separator or _best_separator(counts)
        found = discover_options(counts, separator)
        levels = list(hint.options) or (found.options if found else [])
    elif kind == Kind.ordinal:
        levels = ordinal_levels(list(counts.index)) or _numbered_or_frequency(counts)
    elif kind == Kind.single_choice:
        levels = [str(v) for v in counts.index]
    return Column(name=name, label=name, kind=kind, levels=levels, separator=separator)


def _numbered_or_frequency(counts: pd.Series) -> list[str]:
    values = [str(v) for v in counts.index]
    numbers = pd.to_numeric(pd.Series(values), errors="coerce")
    if numbers.notna().all():
        return [v for _, v in sorted(zip(numbers, values))]
    return values


def infer_column(name: str, values: pd.Series, hint: ColumnHint | None = None,
                 decimal_comma: bool = False, warnings: list[str] | None = None,
                 counts: pd.Series | None = None) -> Column:
    """Decide one column's kind, role, topic and level order from its header and answers
    (`counts`: each distinct answer with how many gave it, when the caller has them)."""
    hint = hint or ColumnHint()
    counts = _counts(values) if counts is None else counts
    header = _header_words(name)
    kind, levels, sep = _infer_kind(header, counts, hint, decimal_comma)
    if warnings is not None:
        warnings.extend(_kind_warnings(name, kind, counts, decimal_comma, levels))
    topic, role = _topic_and_role(header, kind, levels)
    system = hint.system or (System.weight if kind == Kind.metadata and WEIGHT_HEADER.search(header)
                             else None)
    return Column(name=name, label=name, kind=kind, role=role, topic=topic, levels=levels,
                  separator=sep, code=hint.code, system=system, sources=list(hint.sources))


ONE_PICK_MIN = 30  # respondents who each ticked one option before a checkbox is read as a choice


def _one_pick_each(header: str, counts: pd.Series, hint: ColumnHint) -> bool:
    """A question exported as a column per option where many ticked one and nobody two, and
    whose wording does not invite several ('Age', 'Household Income' in SurveyMonkey's
    expanded export): a choice, which may be a scale, not a checkbox."""
    joint = (hint.separator or ";").strip() or hint.separator
    return len(hint.sources) >= 2 and int(counts.sum()) >= ONE_PICK_MIN \
        and not SELECT_ALL.search(header) \
        and not any(joint in str(answer) for answer in counts.index)


def _header_words(name: str) -> str:
    """The header in lower case, with short coded headers read as words: 'UniqueID' ->
    'unique id', 'tokenGuid' -> 'token guid', 'MemberSite' -> 'member site'."""
    text = wording(name)
    if " " not in text and len(text) <= 40:
        text = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", text)
    return text.lower()


def _counts(values: pd.Series) -> pd.Series:
    """Each distinct answer with how many respondents gave it, most common first."""
    return answer_counts(values)


def _infer_kind(header: str, counts: pd.Series, hint: ColumnHint, decimal_comma: bool
                ) -> tuple[Kind, list[str], str | None]:
    """Patterns are checked on the most common distinct answers (SAMPLE of them, weighted by
    how many gave each); sizes and uniqueness on all of them."""
    if hint.kind == Kind.multi_choice:
        if not _one_pick_each(header, counts, hint):
            return Kind.multi_choice, list(hint.options), hint.separator
        hint = ColumnHint(code=hint.code, sources=hint.sources)
    if hint.kind is not None and hint.kind != Kind.text:
        return hint.kind, [], None
    total = int(counts.sum())
    if total == 0 or header in METADATA_HEADERS or header.replace(" ", "") in METADATA_HEADERS \
            or SOSCI_PAGE_TIME.match(header) \
            or KOBO_FIELD.match(header) \
            or (len(header) <= 40 and "?" not in header and BOOKKEEPING_HEADER.search(header)) \
            or (EXPRESSION_HEADER.search(header) and not _words_after_expression(header)):
        return Kind.metadata, [], None
    sample = counts.head(SAMPLE) if len(counts) > SAMPLE else counts
    distinct = sample.index.to_series(index=sample.index).astype("str")
    common = distinct.tolist()[:PATTERN_SAMPLE]
    share = _sharer(common, sample)
    if LANGUAGE_HEADER.search(header) and share(LANGUAGE_CODE) > 0.9:
        return Kind.metadata, [], None
    if len(counts) == 1 and total >= 10 and re.fullmatch(r"[a-z][a-z0-9]*(_[a-z0-9]+)+", header) \
            and re.fullmatch(r"[a-z0-9_-]+", common[0]) and common[0] not in YES_NO_WORDS:
        return Kind.metadata, [], None  # a tool's field ('collector_type_source') set to one code
    # Emails, addresses, dates, phones and numbers all need a digit, an @ or a colon: answers
    # with none of them (most choice and scale questions) skip those patterns.
    seen = "".join(common)
    digits = bool(re.search(r"\d", seen))
    if (digits or "@" in seen or ":" in seen) and any(
            share(pattern) > 0.5 for pattern in (
                EMAIL, IPV4, IPV6, STREET, GEOPOINT)):
        return Kind.pii, [], None
    if (PII_HEADER.search(header) or POSTCODE_HEADER.search(header)) \
            and _identifier_like(distinct, counts, total, NAME_HEADER.search(header) is not None):
        return Kind.pii, [], None
    if POSTCODE_HEADER.search(header) and share(POSTCODE) > 0.8:
        return Kind.single_choice, list(distinct), None  # a place many share: never an amount
    unique = len(counts) == total
    if ID_HEADER.search(header) and _codes(distinct):
        if len(counts) >= 0.9 * total:  # a respondent's own code, the odd one typed twice
            return Kind.id, [], None
        if len(counts) < 0.5 * total and len(header) <= 40 and not header.endswith("?"):
            return Kind.metadata, [], None  # a batch, wave or workshop they were filed under
    if digits and (TIME_HEADER.search(header) or share(DATE_LIKE) > 0.9) \
            and date_format(distinct.head(300)) is not None or _excel_day_numbers(
                header, distinct, sample, decimal_comma):
        return (Kind.metadata if SUBMISSION_HEADER.search(header) else Kind.timestamp), [], None
    if digits:
        numbers = parse_numbers(distinct, default_comma=decimal_comma)
        offered = _counts_up_to_a_top_band(numbers, distinct)
        if offered:
            return Kind.ordinal, offered, None
        if _weighted(numbers.notna(), sample) >= 0.95:
            if hint.coded and _choice_codes(numbers):
                return _coded_kind(header, hint, numbers, sample)
            picked = _picked_by_code(header, numbers) if hint.choice_names else None
            if picked is not None:
                return _coded_kind(header, hint, numbers, sample) if picked else \
                    (Kind.numeric, [], None)
            return _numeric_kind(header, numbers, sample, unique)
        opted = distinct.map(is_opt_out)
        if opted.any() and _weighted(numbers.notna() | opted, sample) >= 0.95 \
                and _weighted(numbers.notna(), sample) > 0:
            return _numbers_beside_opt_outs(header, numbers, sample, unique, distinct[opted])
        if HOW_MANY.search(header) and _weighted(numbers.notna(), sample) >= 0.85 and not any(
                band_lower_bound(a) for a in distinct[numbers.isna()] if re.search(r"\d", a)):
            # a count most typed as a number; the few who typed 'No' or 'Full time' are left
            # out, and the Data page names them (a band such as '5 or more' is kept: a scale)
            return _numeric_kind(header, numbers, sample, unique)
        if share(PHONE) > 0.8 and distinct.str.count(r"\d").min() >= 7:
            return Kind.pii, [], None
    if total >= 10 and len(counts) >= 0.8 * total and share(PERSON_NAME) > 0.8:
        return Kind.pii, [], None
    if hint.kind == Kind.text or TEXT_CODE.search(header):  # a text box, and no numbers in it
        return Kind.text, [], None
    if share(JSON_BLOB) > 0.9:  # a survey script's own record
        return Kind.metadata, [], None
    if len(counts) <= MAX_DISTINCT_CHOICES:
        levels = ordinal_levels(list(distinct)) or scale_beside_typed_answers(sample)
        if levels:
            return Kind.ordinal, oriented_to(levels, header), None
    # a list of picks re-joined after an empty one (', Option'): no second spelling of 'Option'
    keys = _spelling_keys(distinct).mask(distinct.str.match(r"\s*[,;|]\s"), "")
    typed = _typed(keys) and not _same_few_words(sample, total)
    if _typed_main(keys, sample):
        return Kind.text, [], None
    sep, found = _separator_and_options(sample, lenient=SELECT_ALL.search(header) is not None)
    if typed and not _concentrated(sample, total) and not (
            sep and found is not None and found.covered >= 0.8 and found.several >= 0.1):
        return Kind.text, [], None  # typed, unless picks of a list explain most answers
    if sep:
        if sample is not counts or typed:  # options are found on every answer, not the sample's
            found = discover_options(counts, sep, typed)
        if found is not None and found.options:
            return Kind.multi_choice, found.options, sep
    spaced = space_joined_options(sample)
    if spaced:
        return Kind.multi_choice, spaced, " "
    return _choice_or_text(header, distinct, sample, len(counts), total, typed)


def scale_beside_typed_answers(counts: pd.Series) -> list[str]:
    """A scale with an 'Other' box: a ladder of numbers picked by nearly everyone ('0-3 years'
    ... '11+ years') beside a few answers typed by one or two people each ('20 years',
    'Software Developer'). The ladder's levels, with any rare answer that fits on it; the
    rest are off the scale, for the user to merge on the Data page. [] when there is none."""
    given = counts.to_numpy()
    total = int(given.sum())
    rare = given <= max(2, TYPED_OTHER_SHARE / 5 * total)
    if total < 30 or not rare.any() or given[rare].sum() > TYPED_OTHER_SHARE * total:
        return []
    answers = [str(a) for a in counts.index]
    picked = [a for a, r in zip(answers, rare) if not r]
    # only ladders of numbers: beside worded levels a rare answer is as likely a real option
    order = ordinal_levels(picked) if len(picked) >= 4 and all(
        re.search(r"\d", a) for a in picked) else []
    if not order:
        return []
    words = {w for a in picked for w in re.findall(r"[^\W\d_]+", a.lower())}
    fitting = [a for a, r in zip(answers, rare) if r and _fits(a, order, words)]
    return ordinal_levels(picked + fitting)


def _fits(answer: str, order: list[str], words: set[str]) -> bool:
    """A rare answer is one of the scale's levels if the scale takes it without reordering,
    and it either has no number or shares a word with the levels: '20 years' beside '11+
    years' does, a bare '18+' beside years (or months?) does not."""
    placed = [a for a in ordinal_levels(order + [answer]) if a != answer]
    if placed != order:
        return False
    own = set(re.findall(r"[^\W\d_]+", answer.lower()))
    return not re.search(r"\d", answer) or bool(own & words)


def _codes(distinct: pd.Series) -> bool:
    """Short tokens with no spaces: 'R_3kX9', '1dalym', '2018-03-22-ttt-online'."""
    sample = distinct.head(PATTERN_SAMPLE)
    return bool(len(sample)) and bool((~sample.str.contains(r"\s", regex=True)).mean() > 0.9
                                      and sample.str.len().max() <= 64
                                      and not sample.str.lower().isin(YES_NO_WORDS).any())


def _identifier_like(distinct: pd.Series, counts: pd.Series, total: int, names: bool) -> bool:
    """Answers that could name one person: mostly different from each other. A question that
    mentions a phone or an address but is answered from a few repeated choices is not, and
    under a 'name' header, lists and sentences are not names."""
    if len(counts) <= 0.5 * total:
        return False
    words = distinct.str.strip().str.lower()
    if words.isin(YES_NO_WORDS).all():
        return False
    if names:
        sample = distinct.head(PATTERN_SAMPLE)
        return bool((sample.str.count(r"\s+") <= 4).mean() > 0.8
                    and (~sample.str.contains(r",\s|[.!?]$|\d", regex=True)).mean() > 0.8)
    return True


def _choice_or_text(header: str, distinct: pd.Series, sample: pd.Series, n_distinct: int,
                    total: int, typed: bool = False) -> tuple[Kind, list[str], str | None]:
    """Choices repeat a few short answers; free text is long, varied, or asked for as such."""
    unique = n_distinct == total
    counted = int(sample.sum())
    text = pa.array(distinct.array, type=pa.string())
    lengths = pd.Series(pc.utf8_length(text).to_numpy(zero_copy_only=False), index=distinct.index)
    words = _whitespace_runs(text) + 1
    mean_len = float((lengths * sample.values).sum() / counted)
    mean_words = float((words * sample.values).sum() / counted)
    varied = n_distinct > 0.5 * total
    if n_distinct <= 12 and total >= 5 * n_distinct and mean_len <= 200:
        return Kind.single_choice, list(distinct), None  # a few answers, given again and again
    if _concentrated(sample, total) and n_distinct <= MAX_LISTED_CHOICES and mean_words <= 6 \
            and not _asks_for_text(header):
        return Kind.single_choice, list(distinct), None
    sentences = _weighted(pc.match_substring_regex(text, r"[.!?]$|\n").to_numpy(
        zero_copy_only=False), sample)
    once = sample.values == 1  # a few people's own sentences, beside a repeated 'No'
    if (n_distinct == total > 1 and mean_len > 30) or (mean_words > 6 and varied) \
            or (_asks_for_text(header) and varied and n_distinct > 1) \
            or (mean_words > 3 and sentences > 0.5 and n_distinct > 1) or typed \
            or (total < 50 and once.sum() >= max(3, 0.4 * total)
                and float(words[once].mean()) >= 5):
        return Kind.text, [], None
    short = mean_words <= 4 and lengths.max() <= 60
    if n_distinct <= MAX_DISTINCT_CHOICES and mean_len <= 80 and (
            n_distinct <= 12 or n_distinct <= 0.2 * total or (short and n_distinct <= 0.8 * total)):
        return Kind.single_choice, list(distinct), None
    if n_distinct <= MAX_LISTED_CHOICES and mean_words <= 6 and lengths.max() <= 80 \
            and n_distinct <= 0.25 * total:
        return Kind.single_choice, list(distinct), None  # a long list: countries, events
    if unique and lengths.max() <= 40 and not distinct.str.contains(" ").any() and total > 1:
        return Kind.id, [], None
    return Kind.text, [], None


def _asks_for_text(header: str) -> bool:
    """The wording asks for their own words ('If other, please specify', also written
    'If__other__specify' as a form's field name)."""
    return TEXT_HEADER.search(_field_words(header)) is not None


def _field_words(header: str) -> str:
    """A form's field name as words for the header patterns: 'If__other__specify',
    'q7_3_number_rooms' (a '.' between a group and a field is a word boundary already)."""
    return re.sub(r"_+", " ", header)


def _same_few_words(counts: pd.Series, total: int) -> bool:
    """Typed, but in the same word or two by most (a country, a city, a job title): each
    answer given ten times on average, none longer than a name."""
    words = counts.index.str.count(r"\s+") + 1
    return (total >= 50 and len(counts) <= 0.1 * total
            and float((words * counts).sum()) <= 2.5 * total
            and int(counts.index.str.len().max()) <= 40)


def _concentrated(counts: pd.Series, total: int) -> bool:
    """A dozen answers cover nearly everyone: options, with a few typed 'Other' answers."""
    return total >= 20 and float(counts.head(12).sum()) >= 0.85 * total


def space_joined_options(counts: pd.Series) -> list[str]:
    """Options of a multi-select joined by spaces (KoboToolbox, ODK): the answers given alone
    are the vocabulary, and every other answer must be a run of them ('Montag Donnerstag').
    Empty when the answers are not such lists."""
    total = int(counts.sum())
    if len(counts) < 3 or len(counts) > 0.5 * total:
        return []
    texts = [str(t) for t in counts.index]
    if not any(" " in t for t in texts) or sum(" " not in t for t in texts) < 2:
        return []
    counts = dict(zip(texts, counts.tolist()))
    base = {t for t in texts if " " not in t}
    ordered = sorted(base, key=len, reverse=True)
    spaced = {t for t in texts if " " in t and counts[t] >= 2 and _segment(t, ordered) is None}
    vocabulary = sorted(base | spaced, key=len, reverse=True)
    several, explained, picks = 0, 0, {}
    for text, n in counts.items():
        found = _segment(str(text), vocabulary)
        if found is None:
            continue
        explained += int(n)
        several += int(n) if len(found) >= 2 else 0
        for option in found:
            picks[option] = picks.get(option, 0) + int(n)
    if explained < 0.9 * total or several < max(2, 0.1 * total) or len(picks) > 40:
        return []
    return sorted(picks, key=picks.get, reverse=True)


def _segment(text: str, vocabulary: list[str]) -> list[str] | None:
    """`text` as a run of vocabulary entries, longest first, or None."""
    out, rest = [], text.strip()
    while rest:
        match = next((v for v in vocabulary if rest == v or rest.startswith(v + " ")), None)
        if match is None:
            return None
        out.append(match)
        rest = rest[len(match):].strip()
    return out if len(set(out)) == len(out) else None


def _spelling_keys(distinct: pd.Series) -> pd.Series:
    """Each answer in lower case with its letters, digits, '+', '#' and comparisons kept ('C'
    and 'C++', '3' and '>=3' differ): other ASCII punctuation and spaces dropped, on the UTF-8
    bytes. Every byte of a character beyond ASCII is kept, so answers in Thai or Cyrillic keep
    their letters."""
    lowered = pc.utf8_lower(pa.array(distinct.array, type=pa.string()))
    data, offsets = _utf8_bytes(lowered)
    keep = _KEY_BYTES[data]
    before = np.concatenate([[0], np.cumsum(keep, dtype=np.int64)])
    keys = pa.StringArray.from_buffers(
        len(lowered), pa.py_buffer(before[offsets].astype(np.int32)),
        pa.py_buffer(data[keep].tobytes()))
    return pd.Series(keys.to_pylist(), index=distinct.index, dtype=object)


_KEY_BYTES = np.isin(np.arange(256), list(b"0123456789abcdefghijklmnopqrstuvwxyz+#<>=%")) | (
    np.arange(256) >= 0x80)
_SPACE_BYTES = np.isin(np.arange(256), list(b"\t\n\f\r "))  # RE2's \s


def _utf8_bytes(text: pa.Array) -> tuple[np.ndarray, np.ndarray]:
    """A string array's UTF-8 bytes and each value's offsets into them (from 0), no copy."""
    if isinstance(text, pa.ChunkedArray):
        text = text.combine_chunks()
    if text.null_count:
        text = text.fill_null("")
    start = text.offset
    offsets = np.frombuffer(text.buffers()[1], dtype=np.int32)[start:start + len(text) + 1]
    if not len(text) or text.buffers()[2] is None:
        return np.zeros(0, dtype=np.uint8), np.zeros(len(text) + 1, dtype=np.int64)
    data = np.frombuffer(text.buffers()[2], dtype=np.uint8)[offsets[0]:offsets[-1]]
    return data, offsets.astype(np.int64) - offsets[0]


def _whitespace_runs(text: pa.Array) -> np.ndarray:
    r"""How many runs of whitespace each value holds (what RE2 counts for `\s+`), on the
    UTF-8 bytes: a regex call per column cost a millisecond per 2,000 answers."""
    data, offsets = _utf8_bytes(text)
    space = _SPACE_BYTES[data]
    starts = space.copy()
    starts[1:] &= ~space[:-1]
    firsts = offsets[:-1][offsets[:-1] < offsets[1:]]
    starts[firsts] = space[firsts]  # a run never continues from the value before
    before = np.concatenate([[0], np.cumsum(starts, dtype=np.int64)])
    return before[offsets[1:]] - before[offsets[:-1]]


def _typed(keys: pd.Series) -> bool:
    """Answers typed by hand: the same answer spelt in several ways ('Computer science' and
    'Computer Science', 'virginia' and 'Virginia'), which options picked from a list never are.
    `keys`: each distinct answer's spelling key (`_spelling_keys`)."""
    seen = Counter(keys.tolist())  # plain Python: a few hundred keys, no pandas per call
    variants = sum(1 for key, n in seen.items() if n >= 2 and key != "")
    return variants >= 2 and variants >= 0.02 * len(keys)


def _typed_main(keys: pd.Series, counts: pd.Series) -> bool:
    """Even the most common answers come in several spellings ('Masculino', 'masculino'):
    typed, however few words people used. Variants among rare answers are 'Other' boxes."""
    given = counts.to_numpy()
    main = int(min(5, (given >= 0.05 * given.sum()).sum()))
    if main == 0 or len(given) <= 3:
        return False  # two or three answers, each given again and again, were picked, not typed
    spelt = keys.tolist()
    top = [key for key in spelt[:main] if key != ""]
    if len(set(top)) < len(top):
        return True
    big = float(given[main - 1])
    return any(key in top and n >= 0.2 * big for key, n in zip(spelt[main:], given[main:]))


def _choice_codes(numbers: pd.Series) -> bool:
    values = numbers.dropna()
    return bool(len(values)) and bool((values == values.round()).all()) and values.nunique() <= 30


# 'Other', 'Don't know', 'Refused' as survey codebooks number them, beside choices 1, 2, 3...
SPECIAL_CODES = {66, 77, 88, 96, 97, 98, 99, 666, 777, 888, 999}


def _picked_by_code(header: str, numbers: pd.Series) -> bool | None:
    """In a Kobo / ODK export, whether whole numbers are picks written as their choices' codes
    (True: 1, 2, 3 ... and 88 for 'Other', from a list) or a number typed in (False: a count
    that can be 0); None when the numbers do not say. A scale's codes are picks too, which
    `_coded_kind` tells apart by the question's wording."""
    values = numbers.dropna()
    if not len(values) or not (values == values.round()).all():
        return None
    if (values == 0).any():
        return False if values.nunique() >= 3 and not SCALE_HEADER.search(header) else None
    core = values[~values.abs().isin(SPECIAL_CODES)]
    if not len(core) or core.min() < 1 or core.max() > 20 or COUNT_HEADER.search(_field_words(header)):
        return None
    return core.nunique() >= 0.6 * core.max()


def _beside_special_codes(header: str, numbers: pd.Series, counts: pd.Series, unique: bool
                          ) -> tuple[Kind, list[str], str | None] | None:
    """Codes 0/1 or 1-5 beside a codebook's 'Don't know' (-99, 99, 999...), which is no
    amount: the choice or scale the other codes make. A choice keeps the special code as its
    last answer; a scale leaves it off (and a warning names it). None when there is no such
    code, or the rest is no choice."""
    values = numbers.dropna()
    special = values.abs().isin(SPECIAL_CODES)
    rest = values[~special]
    if not special.any() or rest.empty or not (rest == rest.round()).all() \
            or rest.min() < 0 or rest.max() > 10 or values.abs().max() < 10 * max(rest.max(), 1):
        return None
    keep = (~numbers.abs().isin(SPECIAL_CODES)).to_numpy()
    kind, levels, sep = _numeric_kind(header, numbers[keep], counts[keep], unique)
    if kind == Kind.single_choice:  # a choice keeps its 'Don't know' as a bar of its own
        return kind, levels + [str(a) for a in counts.index[~keep]], sep
    return (kind, levels, sep) if kind == Kind.ordinal else None


TOP_BAND = re.compile(r"^(\d{1,2})\s*(?:\+|or more|and more|and over|and above|o más|y más|"
                      r"ou mais|e mais|ou plus|et plus|oder mehr|und mehr|of meer|en meer|"
                      r"o più|e più)$", re.IGNORECASE)


def _excel_day_numbers(header: str, distinct: pd.Series, counts: pd.Series,
                       decimal_comma: bool) -> bool:
    """A date column saved by a spreadsheet as its day numbers ('45026' is 2023-04-10), which
    the owners of an export often do when they re-save it: a question about a date whose
    answers are all such numbers."""
    if not TIME_HEADER.search(_field_words(header)) or not distinct.str.match(r"^\d{5}").all():
        return False
    numbers = parse_numbers(distinct, default_comma=decimal_comma)
    return bool(numbers.notna().all() and numbers.between(*EXCEL_DAYS).all())


def _counts_up_to_a_top_band(numbers: pd.Series, distinct: pd.Series) -> list[str]:
    """'1', '2', '3', '4', '5 or more': a list of counts offered to pick from, however few
    picked the top one, is a scale (a number typed in has no '5 or more'). The counts as
    written, smallest first, then the top band; other answers are off the scale."""
    tops = [(int(m.group(1)), a) for a in distinct[numbers.isna()].astype(str)
            if (m := TOP_BAND.match(a.strip()))]
    values = numbers.dropna()
    if len(tops) != 1 or values.empty or not (values == values.round()).all():
        return []
    top, band = tops[0]
    if values.min() < 0 or values.max() >= top or values.nunique() > 12 \
            or values.nunique() < min(3, top):
        return []
    return _by_number(numbers, distinct) + [band]


def _by_number(numbers: pd.Series, counts: pd.Series) -> list[str]:
    """The answers that are numbers, as written, smallest first."""
    return [str(a) for n, a in sorted(zip(numbers, counts.index)) if n == n]


def _coded_kind(header: str, hint: ColumnHint, numbers: pd.Series, counts: pd.Series
                ) -> tuple[Kind, list[str], str | None]:
    """A closed question exported as choice codes: the codes are choices, not amounts. A row
    of a matrix with three or more codes is a rating scale, and so is a question that says
    it is one; the codes' own order is the scale's. So is a run of codes from 0 to 10 or
    less: a choice list's codes start at 1, a 0-10 slider or NPS question's points at 0."""
    levels = _by_number(numbers, counts)
    scale = hint.matrix_row or SCALE_HEADER.search(header) or re.search(
        TOPIC_PATTERNS[Topic.education], header, re.IGNORECASE) or (
        numbers.min() == 0 and 5 <= numbers.max() <= 10)
    if scale and len(levels) >= 3:
        return Kind.ordinal, levels, None
    return Kind.single_choice, levels, None


def _numeric_kind(header: str, numbers: pd.Series, counts: pd.Series, unique: bool
                  ) -> tuple[Kind, list[str], str | None]:
    coded = _beside_special_codes(header, numbers, counts, unique)
    if coded is not None:
        return coded
    values = numbers.dropna()
    whole = bool((values == values.round()).all())
    lo, hi = values.min(), values.max()
    if whole and unique and len(values) > 20 and (values.sort_values().diff().dropna() == 1).all():
        return Kind.id, [], None
    if whole and ID_HEADER.search(header) and values.nunique() >= 0.9 * len(values) > 1:
        return Kind.id, [], None
    if whole and values.nunique() == 2 and int(counts.sum()) >= 10:  # yes/no as 1/0, 'Python 2 or 3'
        return Kind.single_choice, [str(v) for v in counts.index], None
    if re.search(r"\bversion\b", header) and values.nunique() <= 20 and not (
            whole and SCALE_HEADER.search(header)):  # '3.7', '3.8' are names; '1'...'5' a rating
        return Kind.single_choice, [str(v) for v in counts.index], None
    if whole and RANK_HEADER.search(header) and 0 <= lo and hi <= 20 and values.nunique() >= 3:
        return Kind.ordinal, _by_number(numbers, counts), None
    if WEIGHT_HEADER.search(header) and lo > 0:
        return Kind.metadata, [], None
    money = MONEY_HEADER.search(header) and not OPINION_HEADER.search(header)
    rating = RATING_HEADER.search(header) and len(values.unique()) >= 3 and not money
    # none is the commonest count: 'new_born_male' 0, 1, 2 is how many, not a rating
    counted = lo == 0 and float(numbers.iloc[0]) == 0  # (answers come most common first)
    small = hi <= 10 and values.nunique() >= 3 and not COUNT_HEADER.search(_field_words(header)) \
        and not TEXT_CODE.search(header) and not counted and not money
    if whole and (SCALE_HEADER.search(header) or rating or small) and lo >= 0 and not re.search(
            r"\bhow (much|many) (?!time\b).*(spend|pay)", header):
        if 7 < hi <= 10:
            return Kind.ordinal, [str(v) for v in range(_bottom_of_ten(header, lo), 11)], None
        if hi <= 7:
            top = 5 if hi <= 5 else 7
            return Kind.ordinal, [str(v) for v in range(int(min(lo, 1)), top + 1)], None
    return Kind.numeric, [], None


# "(1-10)", "1 to 10", "from 1 - 10", "1 = poor ... 10 = excellent": the scale the question states
_STATED_BOTTOM = re.compile(r"(?<![\d.,])([01])\s*(?:=[^\d]{0,40}?)?"
                            r"(?:-|–|—|to|bis|a|à|tot|through|and)\s*10(?:\s*=|\b)(?![.,]\d)",
                            re.IGNORECASE)


def _bottom_of_ten(header: str, lo: float) -> int:
    """Where a scale up to 10 starts: as the question states it, else at 0 for "how likely to
    recommend" (the 0-10 of a Net Promoter Score) or where someone answered 0, else at 1."""
    stated = _STATED_BOTTOM.search(header)
    if stated:
        return min(int(stated.group(1)), int(lo))
    return 0 if lo == 0 or re.search(r"recommend|recomi?end|recommand|empfehl|aanbevel|\bnps\b",
                                     header, re.IGNORECASE) else 1


def _numbers_beside_opt_outs(header: str, numbers: pd.Series, counts: pd.Series, unique: bool,
                             opt_outs: pd.Series) -> tuple[Kind, list[str], str | None]:
    """A rating or count with "N/A" or "Don't know" beside it, however many chose those: read
    as the numbers say, the opt-outs kept after a scale's levels (a number has none)."""
    kind, levels, sep = _numeric_kind(header, numbers, counts, unique)
    return kind, levels + opt_outs.tolist() if kind == Kind.ordinal else levels, sep


def _kind_warnings(name: str, kind: Kind, counts: pd.Series, decimal_comma: bool,
                   levels: list[str]) -> list[str]:
    if kind == Kind.ordinal:
        position = {lv: i for i, lv in enumerate(levels)}
        off = counts[[level_index(str(a), position) < 0 for a in counts.index]]
        off = off[[str(a).strip() != "" and not is_opt_out(str(a)) for a in off.index]]
        if off.empty:
            return []
        examples = ", ".join(f"'{clipped(v)}'" for v in off.index[:3])
        return [f"{int(off.sum())} answer(s) in '{name}' are not on its scale and are left out "
                f"({examples}). On the Data page, merge each into the level it means."]
    if kind != Kind.numeric:
        return []
    sample = counts.head(SAMPLE)
    distinct = sample.index.to_series(index=sample.index).astype("str")
    bad = sample[parse_numbers(distinct, default_comma=decimal_comma).isna().values]
    if bad.empty:
        return []
    examples = ", ".join(f"'{clipped(v)}'" for v in bad.index[:3])
    return [f"{int(bad.sum())} answer(s) in '{name}' are not numbers and are left blank "
            f"({examples}). Change the column's kind on the Data page if that is wrong."]


def _topic_and_role(header: str, kind: Kind, levels: list[str]) -> tuple[Topic | None, Role]:
    if kind in (Kind.id, Kind.timestamp, Kind.pii, Kind.metadata):
        return None, Role.other
    # A consent form ending in one box everyone ticks ('I consent') names age, gender and
    # education in its text: it is not about any of them.
    consent = len(header) > 300 and len(levels) <= 1 and kind != Kind.text
    # An agreement, importance or change scale is what they think, whatever it is about ('Principle
    # 4: Public Education ...' rated Strongly agree ... is not their education)
    # ('how satisfied are you with... [your salary]', rated 1 to 7, is not their income either)
    opinion = kind == Kind.ordinal and (scale_family(levels) in DIVERGING_SCALES + (
        "important", "change") or OPINION_HEADER.search(header) is not None)
    # A job or a place is no point of a numbered scale: 'Do you receive sufficient information
    # on the results of your work?' rated 8 of 10 is no occupation
    rated = kind == Kind.ordinal and _rated(levels) and not COUNT_HEADER.search(header)
    # one option's yes / no column of a checkbox ('Which fields? [Education / training]') is
    # about what the question asks, as its other options are, not about what the option names
    stem = item_stem(header)
    if stem and kind == Kind.single_choice and all(
            lv.casefold() in YES_WORDS | NO_WORDS or is_opt_out(lv) for lv in levels):
        header = stem
    for topic, pattern, role in [] if consent else _TOPIC_REGEXES:
        if topic in (Topic.occupation, Topic.education, Topic.income) and (
                WISHED.search(header) or COMMUTE.search(header)):
            continue  # the job or pay they would like, or the way to work, is not theirs
        if topic == Topic.occupation and WORK_PLACE.search(header):
            continue  # the country or state they work in is where they are
        if rated and topic in (Topic.occupation, Topic.location):
            continue
        if pattern.search(header) and not (opinion and role == Role.demographic):
            if kind == Kind.text:
                # what they say about why they buy, what they expect, want or struggle with is
                # themed on What they say, and its themes are the card's goals and frustrations
                # (what someone typed in a choice's 'Other' box is about that choice)
                if topic in TEXT_TOPICS and not _typed_other(header):
                    return topic, Role.other
                continue
            if topic == Topic.channels and kind == Kind.ordinal:
                continue  # how much or how often they use a channel, rated, names none
            # why they buy and what they expect, asked as choices, are charted as behaviour
            return topic, Role.behaviour if role == Role.other else role
    if kind == Kind.single_choice and _gender_answers(levels):
        return Topic.gender, Role.demographic
    # a question headed by a code ('Q1', 'Q22') is still about age or country by its answers
    if kind in (Kind.ordinal, Kind.single_choice) and age_bands(levels):
        return Topic.age, Role.demographic
    if kind in (Kind.single_choice, Kind.multi_choice) and names_countries(
            [lv for lv in levels if not is_opt_out(lv) and not OTHER_ANSWER.match(lv)]):
        return Topic.location, Role.demographic
    # (how comfortable they are praying aloud is not; nor is a grid's row '[Creepy Religious
    # comics]', rated JOY or DESPAIR)
    if kind in (Kind.single_choice, Kind.multi_choice) and not consent \
            and OTHER_DEMOGRAPHICS.search(re.sub(r"\[[^\]]*\]", "", header)):
        return None, Role.demographic
    if opinion or kind == Kind.ordinal and OPINION_HEADER.search(header):
        return None, Role.attitude
    if re.search(r"\[.+\]$| - .+$", header) and kind == Kind.ordinal:
        return None, Role.attitude
    if kind == Kind.ordinal and _statement(header):
        return None, Role.attitude  # 'I trust AI chatbots ...' rated 1 to 4: how they see it
    if kind == Kind.text:
        return None, Role.other
    return None, Role.behaviour


def _typed_other(header: str) -> bool:
    """A column of what was typed in a choice's 'Other' box: 'Q (typed in Other)', 'Q - Other
    (please specify)', 'Q [Other]'."""
    item = re.search(r"(?:\[([^\]]+)\]| - (.+))\s*$", header)
    return header.casefold().endswith(typed_other_name("").casefold()) or bool(
        item and OTHER_ANSWER.match((item.group(1) or item.group(2)).strip()))


def _rated(levels: list[str]) -> bool:
    """Answers that are points of a numbered scale: '1' ... '5', '1 (Not at all)', '5: everyday'
    (not bands such as '18-24' or '10 or younger')."""
    points = [lv for lv in levels if not is_opt_out(lv)]
    return len(points) >= 3 and all(RATED_POINT.fullmatch(lv.strip()) for lv in points)


def _statement(header: str) -> bool:
    return STATEMENT.search(header) is not None and not re.search(r"[?？¿]", header)


def _gender_answers(levels: list[str]) -> bool:
    """'How do you describe yourself?' answered Male / Female / Non-binary is gender, whatever
    the question's wording (holdout 17)."""
    core = [lv for lv in levels if not is_opt_out(lv) and not OTHER_ANSWER.match(lv)]
    genders = [lv for lv in core if GENDER_ANSWER.match(lv.strip())]
    return len(genders) >= 2 and len(genders) == len(core)


def label_columns(columns: list[Column], chosen: dict[str, str] | None = None) -> list[Column]:
    """Give each column a short, unique label for charts and cards (the user's own first)."""
    chosen = chosen or {}
    used: set[str] = set(chosen.values())
    stems = [item_stem(c.name) for c in columns]
    checkboxes = [c.name for c in columns if c.kind == Kind.multi_choice and c.sources]
    labelled, seen = [], set()
    for i, col in enumerate(columns):
        if col.name in chosen:
            labelled.append(col.model_copy(update={"label": chosen[col.name]}))
            continue
        in_battery = stems[i] is not None and (
            (i > 0 and stems[i - 1] == stems[i]) or (i + 1 < len(columns) and stems[i + 1] == stems[i]))
        # the question's own wording: a topic the app recognised never renames it, but a
        # code in place of wording ('Q1') says what its answers showed it is about
        coded = SUBQUESTION_CODE.match(col.name)  # an option's wording, not its code
        shown = col.name[coded.end():] if coded else col.name
        label = _item_label(shown) if in_battery or "[" in shown else _question_label(shown)
        typed_other = OTHER_ANSWER.match(coded.group(1)) if coded else stems[i] and \
            not OTHER_ANSWER.match(stems[i]) and OTHER_ANSWER.match(label)
        checkbox = None if typed_other or col.kind != Kind.text else _checkbox_of(col, checkboxes)
        if col.kind == Kind.text and (typed_other or checkbox):  # not a bare 'Otro'
            label = f"Typed in Other: {_question_label(stems[i] or checkbox or shown)}"
        if col.topic is not None and QUESTION_CODE.fullmatch(col.name.strip()) and not any(
                pattern.search(col.name) for _, pattern, _ in _TOPIC_REGEXES):
            label = f"{TOPIC_LABELS[col.topic]} ({col.name.strip()})"
        elif col.kind == Kind.multi_choice and BARE_CODE.fullmatch(col.name.strip()):
            label = _options_label(col)
        if label in used or label in seen:  # a grid's row named like another grid's
            label = _question_label(col.name)
        seen.add(label)
        labelled.append(col.model_copy(update={"label": label}))
    return _unique_labels(labelled, columns, chosen, used)


def _checkbox_of(col: Column, checkboxes: list[str]) -> str | None:
    """The checkbox question (of those read from option columns) a text column types the
    'Other' of, where the export heads it '<question> Other (please specify)' beside the
    question's option columns (holdout 52)."""
    if not checkboxes:
        return None
    worded = wording(col.name)
    return next((name for name in checkboxes if worded.startswith(name + " ")
                 and OTHER_ANSWER.match(worded[len(name):].strip())), None)


def _options_label(col: Column) -> str:
    """A checkbox named only by its number ('3.', SurveyMonkey's condensed export) labelled
    by its first options too: '3. (Python., R., Spark SQL., …)'."""
    shown = [shortened(o, 24) for o in col.levels[:3]]
    return f"{col.name.strip()} ({', '.join(shown)}{', …' if len(col.levels) > 3 else ''})"


def _unique_labels(labelled: list[Column], columns: list[Column], chosen: dict[str, str],
                   used: set[str]) -> list[Column]:
    """Labels that came out alike because they were cut before the words that tell the
    questions apart ('Please rate the cuisine of…' for Algeria, Argentina...) keep those
    words: 'Please rate the… Algeria'. Any still alike are numbered, on from a number they
    already end in (a repeated header the loader numbered)."""
    proposed = Counter(c.label for c in labelled if c.name not in chosen)
    alike: dict[str, list[int]] = {}
    for i, col in enumerate(labelled):
        if col.name not in chosen and proposed[col.label] > 1 and col.label.endswith("…"):
            alike.setdefault(col.label, []).append(i)
    for rows in alike.values():
        told = _told_apart([_question_label_whole(columns[i].name) for i in rows])
        for i, label in zip(rows, told or []):
            labelled[i] = labelled[i].model_copy(update={"label": label})
    out = []
    for col in labelled:
        label = col.label
        if col.name not in chosen:
            # 'Other (3)', not 'Other (2) (2)'
            numbered = re.fullmatch(r"(.+) \((\d{1,3})\)", label)
            base, k = (numbered.group(1), int(numbered.group(2)) + 1) if numbered else (label, 2)
            while label in used:
                label = f"{base} ({k})"
                k += 1
            used.add(label)
        out.append(col.model_copy(update={"label": label}))
    return out


def _told_apart(texts: list[str]) -> list[str] | None:
    """Each text as the start of the words they share, cut short, then its own words (cut
    short too); None unless they share at least three words and each has words of its own."""
    words = [t.split() for t in texts]
    shared = 0
    while all(len(w) > shared for w in words) and len({w[shared] for w in words}) == 1:
        shared += 1
    owns = [" ".join(w[shared:]).rstrip(".:;?!") for w in words]
    if shared < 3 or not all(owns):
        return None
    labels = []
    for w, own in zip(words, owns):
        own = shortened(own, LABEL_CHARS // 2)
        head = shortened(" ".join(w[:shared]), max(LABEL_CHARS - len(own) - 1, 12))
        labels.append(f"{head.rstrip('…')}… {own}")
    return labels


def _item_label(name: str) -> str:
    match = re.search(r"\[(.+)\]\s*$", name) or re.search(r" - (.+)$", name)
    return _question_label(match.group(1)) if match else _question_label(name)


LABEL_CHARS = 60
# A question code a tool or its owner heads a column with instead of the wording: 'Q1', 'Q22',
# 'v_14', 'AB07_03'.
BARE_CODE = re.compile(r"\d{1,3}[.)]|[A-Za-z]{1,4}[_.-]?\d+[a-z]?")  # a question named by its number
QUESTION_CODE = re.compile(r"[A-Za-z]{1,4}[_.-]?\d+(?:[_.-]?[A-Za-z]?[_.-]?\d+)*[a-z]?")


def _question_label(name: str) -> str:
    """The wording, shortened at a word where it is long (the whole of it is on the Data
    page and in each chart's tooltip)."""
    return shortened(_question_label_whole(name), LABEL_CHARS)


def _question_label_whole(name: str) -> str:
    if _words_after_expression(name):
        name = INLINE_EXPRESSION.sub("", name)
    label = spoken(name).replace(" - Selected Choice", "").strip()
    label = PLACEHOLDER.sub(r"\1", label)  # LimeSurvey's unfilled '{postgrado}': the word
    return label.rstrip("?:").strip()





# --- multi-select ---------------------------------------------------------------------------


class FoundOptions(NamedTuple):
    options: list[str]
    covered: float  # share of picks that are options (not one-off "Other" text)
    several: float  # share of respondents who picked two or more
    lowercase: float  # share of second-and-later picks starting in lower case


def multi_separator(counts: pd.Series, lenient: bool = False) -> str | None:
    """The separator of a multi-select column, or None when the answers are not option lists.

    Option lists reuse a small vocabulary of short options and some respondents pick several;
    free text that happens to contain commas does neither, and a comma followed by a lower-case
    word ("Developer, full-stack") continues an answer rather than starting a new one. When
    the question says "select all that apply" (`lenient`), one list of several is enough.
    """
    return _separator_and_options(counts, lenient)[0]


def _separator_and_options(counts: pd.Series, lenient: bool = False
                           ) -> tuple[str | None, FoundOptions | None]:
    """`multi_separator`, with the options it found with that separator."""
    total = int(counts.sum())
    answers = list(zip(counts.index.tolist(), counts.tolist()))  # out of pandas once

    def given_with(sep: str) -> int:
        return sum(n for answer, n in answers if sep in answer)

    given_alone = {answer for answer, _ in answers}
    for sep in MULTI_SEPARATORS:
        comma = sep.strip() == ","
        has_sep = given_with(sep)
        lenient_here = lenient
        if has_sep < (1 if lenient else 0.1 * total if comma else max(2, 0.03 * total)):
            if has_sep < 2 or not _joins_of_answers(answers, sep, given_alone):
                continue
            lenient_here = True
        if sep == "," and not any(re.search(r",\S", answer) for answer, _ in answers):
            continue  # every comma is followed by a space: ', ' has had its try
        found = discover_options(counts, sep)
        if found is None or not found.options or len(found.options) > min(len(counts), 300):
            continue
        lengths = [len(o) for o in found.options]
        # a few options, often together; or long ones ('pySHACL --- https://...'), each given
        # again and again: typed text does not repeat itself word for word
        # (or a handful of long options explaining every answer, a tenth of them together)
        reused = (found.several >= 0.2 or found.covered >= 0.98 and found.several >= 0.1
                  and len(found.options) <= 8) and (len(found.options) <= 12
                                                    or found.covered >= 0.9)
        if not reused and (max(lengths) > 100 or sum(lengths) / len(lengths) > 50):
            continue
        if not lenient_here and (found.several < 0.05 or found.several * total < 2):
            continue
        if comma and (found.covered < (0.5 if lenient_here else 0.8)
                      or found.lowercase > (0.6 if lenient_here else 0.3)):
            continue
        if sep == "\n" and (found.covered < 0.8 or found.several < 0.1):
            continue
        if found.covered >= 0.5:
            return sep, found
    return None, None


def _joins_of_answers(answers: list[tuple[str, int]], sep: str, given_alone: set[str]) -> bool:
    """Every answer with `sep` in it is two or more answers others gave alone ('Woman,
    Non-binary' beside 'Woman' and 'Non-binary'), in two ways or more: a checkbox question
    where most tick one box, whatever share ticked several. (Both ends of a two-point scale
    ticked together is a slip, not a way of answering.)"""
    joined = [(answer, n) for answer, n in answers if sep in answer]
    return len(joined) >= 2 and all(
        len(picks := _tokens(answer, sep)) >= 2 and all(p in given_alone for p in picks)
        for answer, _ in joined)


def _best_separator(counts: pd.Series) -> str:
    scores = {sep: int(counts[counts.index.str.contains(sep, regex=False)].sum())
              for sep in MULTI_SEPARATORS}
    return max(scores, key=scores.get) if max(scores.values()) else ";"


def _tokens(cell: str, sep: str) -> list[str]:
    """A cell's picks; a separator inside brackets ('Online course (e.g. Coursera, edX)')
    belongs to the option. Picks joined by a bare ',' (Qualtrics) keep the ', ' inside an
    option ('Yes, to discover papers,Yes, to summarise them')."""
    split_on = re.escape(sep.strip() or sep) + (r"(?=\S)" if sep == "," else "")
    parts = re.split(rf"{split_on}(?![^()\[\]]*[)\]])", cell)
    return [t.strip() for t in parts if t.strip()]


def _continues(token: str) -> bool:
    """'full-stack' continues an answer after a comma; 'iPhone' or 'eBay' is a name."""
    return token[:1].islower() and not any(ch.isupper() for ch in token[1:3])


def _looks_typed(token: str, comma: bool = True) -> bool:
    """A respondent's own words rather than an option label. Options joined by ';' or '|'
    can be long ('Not employed, but looking for work'): there only a sentence, a lower-case
    start or a paragraph gives typing away."""
    if not comma:
        return token[:1].islower() or token.endswith(("!", "?", ".")) or len(token) > 80
    return token[:1].islower() or len(token.split()) >= 4 or len(token) > 30


def discover_options(counts: pd.Series, sep: str, typed: bool = False) -> FoundOptions | None:
    """The options of a multi-select, and how well they explain the answers.

    Options that themselves contain the separator (Google Forms joins "Price, quality" and
    "Speed" as "Price, quality, Speed") are rebuilt from tokens that always appear together,
    the second starting in lower case. With commas, one-off typed words at the end of a cell
    are a respondent's own "Other" answer, as Google Forms appends it last; when the column is
    known to hold `typed` answers, any one-off word there is.
    """
    comma = sep.strip() == ","
    cells = [(_tokens(str(cell), sep), int(n)) for cell, n in counts.items()]
    if comma:
        cells = _rejoin_split_options(cells, sep.strip() + " ")
    freq: Counter[str] = Counter()
    for tokens, n in cells:
        for token in tokens:
            freq[token] += n
    if not freq:
        return None
    others: set[str] = set()
    for tokens, n in cells:
        tail = list(tokens)
        while n == 1 and tail and freq[tail[-1]] == 1 and (
                typed or _looks_typed(tail[-1], comma)):
            others.add(tail.pop())
    total = sum(freq.values())
    lines = sep == "\n"  # free text has paragraphs: only picks given again are options
    covered = sum(c for t, c in freq.items()
                  if t not in others and (c >= 2 or not (comma or lines)))
    later = [t for tokens, _ in cells for t in tokens[1:] if t not in others]
    options = [t for t, _ in freq.most_common() if t not in others]
    if others:
        options.append("Other")
    respondents = sum(n for _, n in cells)
    several = sum(n for tokens, n in cells if len(tokens) >= 2) / respondents if respondents else 0
    alone = {tokens[0] for tokens, _ in cells if len(tokens) == 1}  # given as a whole answer
    lowercase = sum(_continues(t) and t not in alone for t in later) / len(later) if later else 0.0
    return FoundOptions(options, covered / total, several, lowercase)


def _rejoin_split_options(cells: list[tuple[list[str], int]], joiner: str
                          ) -> list[tuple[list[str], int]]:
    for _ in range(5):
        freq: Counter[str] = Counter()
        pairs: Counter[tuple[str, str]] = Counter()
        for tokens, n in cells:
            for token in tokens:
                freq[token] += n
            for a, b in zip(tokens, tokens[1:]):
                pairs[(a, b)] += n
        glue = {(a, b) for (a, b), n in pairs.items()
                if n == freq[a] == freq[b] and b[:1].islower()}
        if not glue:
            return cells
        merged = []
        for tokens, n in cells:
            out: list[str] = []
            for token in tokens:
                if out and (out[-1].rsplit(joiner, 1)[-1], token) in glue:
                    out[-1] = out[-1] + joiner + token
                else:
                    out.append(token)
            merged.append((out, n))
        cells = merged
    return cells


def option_table(raw: pd.Series, levels: list[str], sep: str,
                 merge: dict[str, str] | None = None) -> pd.DataFrame:
    """Respondent x option booleans: who chose what (no answer: all False).

    Each distinct answer is split once (with pyarrow) and its row of the matrix is then
    copied to every respondent who gave it. A token that is not a known option counts as
    "Other" when the question has one.
    """
    merge = merge or {}
    shown = list(dict.fromkeys(merge.get(o, o) for o in levels))
    distinct, codes = distinct_codes(raw)
    matrix = np.vstack([_option_matrix(distinct, levels, sep, merge, shown),
                        np.zeros((1, len(shown)), dtype=bool)])
    return pd.DataFrame(matrix[np.where(codes < 0, len(distinct), codes)], index=raw.index,
                        columns=shown)


def _option_matrix(text: pd.Series, levels: list[str], sep: str, merge: dict[str, str],
                   shown: list[str]) -> np.ndarray:
    split_on = sep.strip() or sep
    protected = sorted((o for o in levels if split_on in o), key=len, reverse=True)
    vocabulary = list(levels)
    for i, option in enumerate(protected):
        marker = f"\ue000{i}\ue000"  # private use: never in answers, never trimmed
        pattern = rf"(?:(?<=^)|(?<={re.escape(split_on)})|(?<={re.escape(split_on)} )){re.escape(option)}(?=\s*{re.escape(split_on)}|$)"
        text = text.str.replace(pattern, marker, regex=True)
        vocabulary.append(marker)
    target = [shown.index(merge.get(o, o)) for o in levels] + \
        [shown.index(merge.get(o, o)) for o in protected]
    lists = pc.split_pattern(pa.array(text, type=pa.string(), from_pandas=True), split_on)
    flat = pc.utf8_trim_whitespace(pc.list_flatten(lists))
    parents = np.asarray(pc.list_parent_indices(lists))
    codes = pc.index_in(flat, value_set=pa.array(vocabulary, type=pa.string()))
    codes = np.asarray(pc.fill_null(codes, -1))
    other = shown.index("Other") if "Other" in shown else -1
    lookup = np.asarray(target + [other], dtype=np.int64)
    mapped = lookup[codes]  # -1 (unknown) indexes the last entry: Other, or -1 again
    empty = np.asarray(pc.equal(flat, "").fill_null(True))
    keep = (mapped >= 0) & ~empty
    matrix = np.zeros((len(text), len(shown)), dtype=bool)
    matrix[parents[keep], mapped[keep]] = True
    return matrix


def exported_answers(table: Table, column: Column) -> list[tuple[str, int]]:
    """Each answer as the file has it, with how many respondents gave it (for a multi-select:
    chose it), in the detected column's order. What the user's merges start from."""
    if column.kind == Kind.multi_choice:
        raw = table.data[column.name]
        chosen = option_table(raw, column.levels, column.separator or ";").sum()
        return [(str(o), int(n)) for o, n in chosen.items()]
    counts = table.answer_counts(column.name)
    order = {lv: i for i, lv in enumerate(column.levels)}
    places = {a: level_index(a, order) for a in counts.index}
    ranked = sorted(counts.items(), key=lambda kv: (places[kv[0]] if places[kv[0]] >= 0
                                                   else len(order), -kv[1]))
    return [(str(a), int(n)) for a, n in ranked]


# --- typing ---------------------------------------------------------------------------------


def typed_data(answers: dict[str, pd.Series], columns: list[Column], decimal_comma: bool = False,
               split_by: dict[str, tuple[list[str], dict[str, str]]] | None = None
               ) -> tuple[pd.DataFrame, dict[str, pd.DataFrame]]:
    """Convert each column to the pandas type its kind calls for. `split_by` gives each
    multi-select's options as exported and the user's merges (default: its levels, none)."""
    data: dict[str, pd.Series] = {}
    options: dict[str, pd.DataFrame] = {}
    index = next(iter(answers.values())).index if answers else pd.RangeIndex(0)
    for col in columns:
        raw = answers[col.name]
        if col.kind in (Kind.single_choice, Kind.ordinal):
            data[col.name] = with_levels(raw, col.levels, ordered=col.kind == Kind.ordinal)
        elif col.kind == Kind.numeric:
            data[col.name] = parse_numbers(raw, default_comma=decimal_comma)
        elif col.kind == Kind.timestamp:
            data[col.name] = parse_datetimes(raw)
        elif col.kind == Kind.multi_choice:
            data[col.name] = raw
            exported, merge = (split_by or {}).get(col.name, (list(col.levels), {}))
            table = option_table(raw, exported, col.separator or ";", merge)
            options[col.name] = table[[lv for lv in col.levels if lv in table.columns]]
        else:
            data[col.name] = raw
    return pd.DataFrame(data, index=index), options


def _sharer(values: list[str], counts: pd.Series) -> Callable[[re.Pattern[str]], float]:
    """The share of answers (weighted by how many gave each) that match a pattern, over the
    `values` given (the PATTERN_SAMPLE most common, in `counts` order): plain `re` on a few
    hundred strings beats a vectorised call, and the answers leave pandas once per column."""
    weights = counts.to_numpy(dtype=float)[:len(values)]
    total = weights.sum()

    def share(pattern: re.Pattern[str]) -> float:
        if not values or not total:
            return 0.0
        hits = [isinstance(v, str) and pattern.match(v) is not None for v in values]
        return float(weights[np.asarray(hits, dtype=bool)].sum() / total)

    return share


def _weighted(flags: pd.Series, counts: pd.Series) -> float:
    weights = counts.to_numpy(dtype=float)[: len(flags)]
    total = weights.sum()
    return float((np.asarray(flags, dtype=bool) * weights).sum() / total) if total else 0.0
