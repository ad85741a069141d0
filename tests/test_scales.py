"""The natural order of answers, family by family, with hand-checked orders."""

import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from persona_lib.scales import band_lower_bound, frequency_rate, ordinal_levels, scale_name


@pytest.mark.parametrize("levels", [
    ["Never", "Rarely", "A few times a month", "Once a week", "Most days"],
    ["Less than once a month", "About once a month", "2-3 times a month", "Once a week or more"],
    ["Less than once a week", "1-2 times a week", "3-4 times a week", "5 or more times a week"],
    ["Every 8 weeks", "Every 6 weeks", "Every 4 weeks", "Every 2 weeks"],
    ["Rarely", "Once or twice a week", "Most days"],
    ["seltener als einmal im Monat", "einmal im Monat", "alle zwei Wochen", "jede Woche"],
    ["Very dissatisfied", "Dissatisfied", "Neutral", "Satisfied", "Very satisfied"],
    ["Very hard", "Quite hard", "Neither easy nor hard", "Quite easy", "Very easy"],
    ["Not at all likely", "Not likely", "Likely", "Very likely"],
    ["Very unfavorable", "Unfavorable", "Indifferent", "Favorable", "Very favorable"],
    ["sehr unzufrieden", "eher unzufrieden", "teils/teils", "eher zufrieden", "sehr zufrieden"],
    ["Detractor", "Passive", "Promoter"],
    ["1 - Strongly disagree", "2", "3", "4", "5 - Strongly agree"],
    ["Under 18 years old", "18-24 years old", "25-34 years old", "65 years or older"],
    ["Less than 3 months", "3-6 months", "6-12 months", "1-2 years", "More than 2 years"],
    ["unter 1.500 €", "1.500 bis unter 2.500 €", "2.500 bis unter 3.500 €", "4.500 € und mehr"],
    ["Under $25k", "$25k-$50k", "$50k-$75k", "$150k+"],
    ["Secondary school", "Vocational training", "Bachelor's degree", "Master's degree",
     "Doctorate"],
])
def test_each_family_sorts_shuffled_answers_back_into_order(levels):
    shuffled = levels[1::2] + levels[0::2]
    assert ordinal_levels(shuffled + ["Prefer not to say"]) == levels + ["Prefer not to say"]


# Answer sets as real exports word them (Carpentries, Jupyter, Dask, LimeSurvey, Typeform
# surveys), plus the same families in German, Spanish, French, Portuguese and Dutch.
@pytest.mark.parametrize("levels", [
    ["Not at all able", "Slightly able", "Neutral", "Moderately able", "Extremely able"],
    ["Little or no knowledge of topic", "Some knowledge of topic", "Extensive knowledge of topic"],
    ["Less motivated", "Slightly less motivated", "No change in motivation", "More motivated",
     "Much more motivated"],
    ["None of it", "Some of it", "About half of it", "Most of it", "All of it"],
    ["Too fast", "Slightly fast", "Just right", "Slightly slow", "Too slow"],
    ["Very unfavorably", "Somewhat unfavorably", "Neither favorably nor unfavorably (neutral)",
     "Somewhat favorably", "Very favorably"],
    ["No.", "Neutral.", "Yes."],
    ["Not relevant for me", "Somewhat useful", "Critical to me"],
    ["(0) Not a problem for me.", "(1)\xa0Trivial.", "(2) Minor.", "(3) Major.", "(4) Critical."],
    ["\ufeff1 (None at all)", "2", "3", "4", "5", "6", "7", "8", "9", "10 (All my time)"],
    ["First year", "Second Year", "Third Year", "Fourth year"],
    ["None", "1-5", "5-10", "10-20"],
    ["1", "2", "3-5", "6-9", "10+"],
    ["Under ten", "Tens", "Hundreds", "Thousands", "Tens of thousands",
     "Hundreds of thousands or more"],
    ["Less than one year", "One year or more"],
    ["Less than 6 months.", "6 - 12 months.", "1-2 years.", "2+ years."],
    ["Less often than monthly", "Monthly", "Weekly", "Daily"],
    ["Never.", "Every few months.", "Monthly.", "Weekly.", "Daily."],
    ["Monthly.", "Weekly.", "Daily - moderate usage; less than 3 hours per day.",
     "Daily - heavy usage; 3+ hours per day."],
    ["Occasionally", "Every day", "I use it all the time, even when I sleep"],
    ["I'm already applying", "Within the next 6 months", "Within 7 to 12 months",
     "more than 12 months from now"],
    ["Less than high school degree", "High school degree", "Some college or Associate degree",
     "Bachelor degree", "Graduate degree"],
    ["stimme überhaupt nicht zu", "stimme eher nicht zu", "stimme eher zu", "stimme voll und ganz zu"],
    ["muy insatisfecho", "insatisfecho", "neutral", "satisfecho", "muy satisfecho"],
    ["Pas du tout important", "Peu important", "Assez important", "Très important"],
    ["nunca", "raramente", "às vezes", "frequentemente", "sempre"],
    ["Zeer ontevreden", "Ontevreden", "Neutraal", "Tevreden", "Zeer tevreden"],
    ["Not Important", "Slightly Important", "Somewhat important", "Very Important", "Critical"],
    ["Horrible", "Bad", "OK", "Good", "Excellent"],
    ["Not important at all", "Slightly important", "Moderately important", "Very important",
     "Absolutely essential"],
    ["Not at all", "Very little", "Little", "Moderately", "A lot", "Extremely"],
    ["Strongly against", "Against", "Slightly against", "Slightly in favor", "In favor",
     "Strongly in favor"],
    ["Not a threat at all", "Very small threat", "Small threat", "Moderate threat", "Big threat",
     "Very big threat", "The biggest threat"],
    ["Greatly worsen", "Somewhat worsen", "Stay the same", "Somewhat improve", "Greatly improve"],
    ["No", "Probably not", "Probably", "Yes, definitely!"],
    ["Espero que disminuya", "Espero que siga igual", "Espero que aumente"],
    ["Días", "Semanas", "Meses", "Años"],
    ["Sin experiencia", "Inicial", "Intermedio", "Experto"],
    ["Nein", "Eher nein", "Eher ja", "Ja"],
    ["Gar nicht erfolgreich (1)", "2", "3", "4", "5", "Sehr erfolgreich (6)"],
    ["Nunca", "Raramente", "De vez en cuando", "Generalmente"],
    ["Never", "Rarely, a couple of times per year", "Sometimes, once or twice a month",
     "Often, every week", "Always, almost every day"],
    ["Up to 15 minutes", "15-30 minutes", "30 minutes to one hour", "More than one hour"],
    ["up to 1 year", "up to 5 years", "more than 5 years"],
    ["Very unlikely to switch", "Somewhat unlikely to switch",
     "Neither likely nor unlikely to switch", "Somewhat likely to switch",
     "Very likely to switch"],
    ["Stimme gar nicht zu", "Stimme eher nicht zu", "Teils/teils", "Stimme eher zu",
     "Stimme voll zu"],
    ["Mangelhaft", "Ausreichend", "Befriedigend", "Gut", "Sehr gut"],
    ["Muy malo", "Malo", "Regular", "Bueno", "Excelente"],
    ["Pas du tout d'accord", "Plutôt pas d'accord", "Plutôt d'accord", "Tout à fait d'accord"],
    ["Très mauvais", "Mauvais", "Moyen", "Bien", "Très bien"],
    ["Discordo totalmente", "Discordo", "Não concordo nem discordo", "Concordo",
     "Concordo totalmente"],
    ["Muito ruim", "Ruim", "Regular", "Bom", "Ótimo"],
    ["Helemaal mee oneens", "Mee oneens", "Neutraal", "Mee eens", "Helemaal mee eens"],
    ["Zeer slecht", "Slecht", "Matig", "Goed", "Zeer goed"],
    ["Nada interesado", "Poco interesado", "Algo interesado", "Muy interesado"],
    ["None yet", "1", "2", "3-5", "6-10", "More than 10"],
    ["Less", "About as much as I expected for this role", "More"],
    ["Fewer", "About the same", "More"],
    ["Less than once per month", "Once every few weeks", "Once every few days",
     "One or more emails per day"],
    ["Yes, it has substantially decreased", "Yes, it has somewhat decreased",
     "No, it has stayed about the same", "Yes, it has somewhat increased",
     "Yes, it has substantially increased"],
    ["Decreased a lot", "Decreased a little", "Stayed the same", "Increased a little",
     "Increased a lot"],
])
def test_scales_as_real_surveys_word_them_are_found_in_any_order(levels):
    shuffled = levels[1::2] + levels[0::2]
    assert ordinal_levels(shuffled + ["Prefer not to say"]) == levels + ["Prefer not to say"]


@pytest.mark.parametrize("answers", [
    ["Red", "Green", "Blue"], ["2026-01-02", "2026-02-03"], ["1", "2", "3"],
    ["Instagram", "Other"], ["Yes", "No"], ["Satisfied", "Somewhat satisfied", "Very good"],
    ["Small team", "Large team", "Solo"], ["Very red", "Slightly red", "Very blue"],
    ["Critical", "Python", "Minor"], ["First name", "Last name", "Nickname"],
    ["Good food", "Bad service", "Great location"], ["Ja", "Nein"], ["Sí", "No"],
    ["Yes", "Maybe", "No"], ["Yes!", "I'm not sure", "No!"],
    ["Yes", "I am not aware of it", "No"], ["Red car", "Blue car", "Green car"],
    ["Buy online", "Buy in store"], ["Yes", "No", "I don't know what it is"],
    ["Never heard of it", "Heard of it", "Use it"],
    ["No", "Yes", "I'm not a developer"], ["Yes", "No", "I have not graduated high school"],
    ["More", "Less"], ["More", "Less", "Cheaper"],
])
def test_unordered_answers_have_no_order(answers):
    assert ordinal_levels(answers) == []


def test_frequency_rates_are_times_a_year():
    assert frequency_rate("2-3 times a week") == 2.5 * 52
    assert frequency_rate("Every 4 weeks") == 13
    assert frequency_rate("Daily") == 365
    assert frequency_rate("Whenever I feel like it") is None
    assert frequency_rate("Every few months") == 4
    assert frequency_rate("Daily - heavy usage") > frequency_rate("Daily - moderate usage") > 364


@pytest.mark.parametrize(("said", "rate"), [
    ("2 emails per day", 730), ("One or more emails per day", 365 * 1.1),
    ("One or more times per day", 365 * 1.1), ("3 or more visits a month", 36 * 1.1),
    ("Several orders a week", 4 * 52),
])
def test_a_count_of_something_per_period_is_a_frequency(said, rate):
    assert frequency_rate(said) == pytest.approx(rate)


def test_band_bounds_and_scale_names():
    assert band_lower_bound("$50k-$75k") == 50_000
    assert band_lower_bound("1-2 years") == 12
    assert scale_name(["Strongly disagree", "Agree"]) == "agree"
    assert scale_name(["Very hard", "Quite easy", "Neutral"]) == "bipolar"


@given(st.lists(st.integers(0, 200), min_size=2, max_size=8, unique=True))
def test_numeric_bands_sort_by_their_lower_bound(lows):
    bands = [f"{low}-{low + 9}" for low in lows]
    assert ordinal_levels(list(reversed(bands))) == [f"{low}-{low + 9}" for low in sorted(lows)]


def test_a_scale_between_two_poles_runs_the_way_the_question_asks():
    from persona_lib.scales import oriented_to

    levels = ["Very hard", "Quite hard", "Quite easy", "Very easy", "Not sure"]
    assert oriented_to(levels, "How easy was it?") == levels
    assert oriented_to(levels, "How difficult was it?") == [
        "Very easy", "Quite easy", "Quite hard", "Very hard", "Not sure"]
    assert oriented_to(["Poor", "Good"], "How hard was it?") == ["Poor", "Good"]


@pytest.mark.parametrize("answers", [
    ["Never", "Once in a while", "About half the time", "Usually", "Always"],
    ["Complete novice (no experience)", "Novice (~1 semester of experience)",
     "Intermediate (a year of experience)", "Advanced (2-3 years of experience)"],
    ["Not at all", "Not much", "Some", "A lot"],
    ["ต่ำกว่า 18 ปี", "18 - 20 ปี", "21 - 25 ปี", "มากกว่า 50 ปี"],
    ["Not at all comfortable", "Not so comfortable", "Somewhat comfortably", "Very comfortable",
     "Extremely comfortable", "I don't do this"],
    ["Never", "Once a year or less", "Once a month or less", "A few times per month",
     "A few times per week", "Every night", "Not applicable to my religious beliefs"],
    ["Never -- I don't use Shiny.", "Rarely -- I know how, but it's not part of my work",
     "Sometimes -- I use it occasionally", "Frequently -- I use it most days",
     "I don't know what Shiny is."],
    # holdout 7: level words, band ends in words, 'X or Y' frequencies, a shared tail
    ["Very Low", "Low", "Moderate", "High", "Very High"],
    ["Before 1980", "1980 - 1989", "1990 - 1999", "2010 - 2019", "After 2019"],
    ["Rarely or never", "Occasionally", "Several times a week", "Once a day",
     "Multiple times a day"],
    ["Never verify before buying", "Rarely verify before buying",
     "Often verify before buying", "Always verify before buying"],
    ["Do not influence", "Slightly influence", "Moderately influence", "Strongly influence"],
    ["Not at all informed", "Not very informed", "Neutral", "Somewhat informed",
     "Very informed"],
    # holdout 8: band ends in Spanish ('Menor de' / 'Mayor de'), ranges with 'a'
    ["Menor de 18 años", "18 a 25 años", "26 a 35 años", "65 a 75 años", "Mayor de 76 años"],
    ["Moins de 25 ans", "25 à 34 ans", "Plus de 65 ans"],
    ["Tot 20 jaar", "20 tot 40 jaar", "Ouder dan 40 jaar"],
    # ... frequencies in Spanish, Portuguese and French, and a first visit
    ["Es mi primera visita", "Ocasionalmente", "Varias veces al año", "Una vez al mes o más",
     "Semanalmente"],
    ["Nunca", "Uma vez por mês", "Uma vez por semana", "Várias vezes por semana",
     "Todos os dias"],
    ["Jamais", "Deux fois par mois", "Une fois par semaine", "Tous les jours"],
    # ... and rated options with a note after a colon
    ["Insatisfactorio: no me gustó", "Aceptable: cumple", "Bueno: en general estoy satisfecho",
     "Excepcional: superó mis expectativas"],
    ["Poor: it broke", "Fair: it works", "Good: no complaints", "Excellent: I love it"],
    # a brand or product funnel (holdout 6's awareness ladders)
    ["Never heard of it", "Heard of it but never used it", "Used it in the past",
     "Use it regularly"],
    ["No and I don't know what it is", "No but I know what it is", "Yes"],
    # how sure: 'Definitely' used to sort below 'Definitely not'
    ["Definitely not", "Probably not", "Probably", "Definitely", "Not sure"],
    ["Probably", "Yes absolutely"],
    # purchase intent: 'Definitely would order' sorted first, above 'Definitely would not'
    ["Definitely would not order", "Probably would not order", "Probably would order",
     "Definitely would order", "Not sure"],
    ["Definitely will not buy", "Probably will not buy", "Probably will buy",
     "Definitely will buy"],
    # Turkish (holdout 9): the closing verb says which way, 'Kararsızım' (undecided) between
    ["Kesinlikle sipariş etmem", "Muhtemelen sipariş etmem", "Kararsızım",
     "Muhtemelen sipariş ederim", "Kesinlikle sipariş ederim"],
    ["Kesinlikle katılmıyorum", "Katılmıyorum", "Kararsızım", "Katılıyorum",
     "Kesinlikle katılıyorum"],
    ["Hiç memnun değilim", "Memnun değilim", "Kararsızım", "Memnunum", "Çok memnunum"],
    ["Hayır", "Kararsızım", "Evet"],
    ["Hiçbir zaman", "Nadiren", "Bazen", "Sık sık", "Her zaman"],
])
def test_more_ordered_families_from_real_exports(answers):
    assert ordinal_levels(list(reversed(answers))) == answers


@pytest.mark.parametrize("answers", [
    ["Serum", "Interim", "Forum"],  # English words that end like a Turkish verb
    ["Kesinlikle", "Salata", "Pilav"],
])
def test_words_that_only_look_like_a_scale_stay_unordered(answers):
    assert ordinal_levels(answers) == []


# The answer scales survey tools offer as templates (Qualtrics, SurveyMonkey, Google Forms
# and Microsoft Forms libraries) and the bands people build from them; each must come out in
# its order (or reversed), whatever order the answers were given in.
TEMPLATE_SCALES = [
 ["Strongly disagree","Disagree","Somewhat disagree","Neither agree nor disagree","Somewhat agree","Agree","Strongly agree"],
 ["Extremely dissatisfied","Somewhat dissatisfied","Neither satisfied nor dissatisfied","Somewhat satisfied","Extremely satisfied"],
 ["Very dissatisfied","Dissatisfied","Neutral","Satisfied","Very satisfied"],
 ["Extremely unlikely","Somewhat unlikely","Neither likely nor unlikely","Somewhat likely","Extremely likely"],
 ["Not at all important","Slightly important","Moderately important","Very important","Extremely important"],
 ["Never","Rarely","Sometimes","Often","Always"],
 ["Never","Sometimes","About half the time","Most of the time","Always"],
 ["Very poor","Poor","Fair","Good","Excellent"],
 ["Terrible","Poor","Average","Good","Excellent"],
 ["Extremely difficult","Somewhat difficult","Neither easy nor difficult","Somewhat easy","Extremely easy"],
 ["Not at all aware","Slightly aware","Somewhat aware","Moderately aware","Extremely aware"],
 ["Not at all familiar","Slightly familiar","Somewhat familiar","Moderately familiar","Extremely familiar"],
 ["Not at all useful","Slightly useful","Moderately useful","Very useful","Extremely useful"],
 ["Far below average","Somewhat below average","Average","Somewhat above average","Far above average"],
 ["Much worse than expected","Somewhat worse than expected","As expected","Somewhat better than expected","Much better than expected"],
 ["Much worse","Somewhat worse","About the same","Somewhat better","Much better"],
 ["Very inexpensive","Inexpensive","Neither inexpensive nor expensive","Expensive","Very expensive"],
 ["Very poor value","Poor value","Fair value","Good value","Excellent value"],
 ["Definitely will not","Probably will not","Might or might not","Probably will","Definitely will"],
 ["Not at all confident","Slightly confident","Somewhat confident","Very confident","Completely confident"],
 ["None at all","A little","A moderate amount","A lot","A great deal"],
 ["Tend to disagree","Tend to agree"],
 ["Totally unacceptable","Unacceptable","Slightly unacceptable","Neutral","Slightly acceptable","Acceptable","Perfectly acceptable"],
 ["Very untrue of me","Untrue of me","Somewhat untrue of me","Neutral","Somewhat true of me","True of me","Very true of me"],
 ["Not a priority","Low priority","Medium priority","High priority","Essential"],
 ["Not at all concerned","Slightly concerned","Somewhat concerned","Moderately concerned","Extremely concerned"],
 ["Much too slow","Too slow","About right","Too fast","Much too fast"],
 ["Very low effort","Low effort","Neither low nor high effort","High effort","Very high effort"],
 ["Not at all interested","Not very interested","Somewhat interested","Very interested","Extremely interested"],
 ["Very unhappy","Unhappy","Neutral","Happy","Very happy"],
 ["Decreased a lot","Decreased a little","Stayed the same","Increased a little","Increased a lot"],
 ["Less than 1 hour","1-2 hours","3-5 hours","More than 5 hours"],
 ["Less than 6 months","6 months to 1 year","1-2 years","3-5 years","More than 5 years"],
 ["Under 18","18-24","25-34","35-44","45-54","55-64","65 or older"],
 ["Less than $25,000","$25,000 to $49,999","$50,000 to $74,999","$75,000 to $99,999","$100,000 to $149,999","$150,000 or more"],
 ["Less than high school","High school graduate","Some college","Associate degree","Bachelor's degree","Master's degree","Doctorate"],
 ["Very unimportant","Unimportant","Neither important nor unimportant","Important","Very important"],
 ["Very unsatisfied","Unsatisfied","Neutral","Satisfied","Very satisfied"],
 ["Strongly oppose","Somewhat oppose","Neither support nor oppose","Somewhat support","Strongly support"],
 ["Very unfavorable","Somewhat unfavorable","Somewhat favorable","Very favorable"],
 ["Not at all likely","Slightly likely","Moderately likely","Very likely","Extremely likely"],
 ["Very bad","Bad","Neither good nor bad","Good","Very good"],
 ["Poor","Fair","Good","Very good","Excellent"],
 ["Not at all satisfied","Slightly satisfied","Moderately satisfied","Very satisfied","Completely satisfied"],
 ["Much less","Somewhat less","About the same","Somewhat more","Much more"],
 ["Far too expensive","Somewhat expensive","About right","Somewhat cheap","Far too cheap"],
 ["Not at all","Slightly","Moderately","Very","Extremely"],
 ["Not at all","A little","Somewhat","Quite a bit","Very much"],
 ["Very unclear","Unclear","Neutral","Clear","Very clear"],
 ["Very slow","Slow","Average","Fast","Very fast"],
 ["Never","Less than once a month","Once a month","2-3 times a month","Once a week","2-3 times a week","Daily"],
 ["Not at all satisfied","Not very satisfied","Fairly satisfied","Very satisfied"],
 ["Very unreliable","Unreliable","Neutral","Reliable","Very reliable"],
 ["Not helpful at all","Slightly helpful","Somewhat helpful","Very helpful","Extremely helpful"],
 ["Not at all easy","Slightly easy","Moderately easy","Very easy","Extremely easy"],
 ["Very negative","Negative","Neutral","Positive","Very positive"],
 ["Much lower","Lower","About the same","Higher","Much higher"],
 ["Completely disagree","Mostly disagree","Slightly disagree","Slightly agree","Mostly agree","Completely agree"],
 ["Definitely not","Probably not","Possibly","Probably","Definitely"],
 ["No, definitely not","No, probably not","Yes, probably","Yes, definitely"],
 ["Very unlikely","Unlikely","Neutral","Likely","Very likely"],
 ["Not likely at all","Somewhat likely","Very likely"],
 ["Extremely unsatisfied","Unsatisfied","Neutral","Satisfied","Extremely satisfied"],
 ["1 - Very dissatisfied","2","3","4","5 - Very satisfied"],
 ["0 - Not at all likely","1","2","3","4","5","6","7","8","9","10 - Extremely likely"],
 ["1 (Poor)","2 (Fair)","3 (Good)","4 (Very good)","5 (Excellent)"],
 ["Worse","Same","Better"],
 ["Below expectations","Met expectations","Exceeded expectations"],
 ["Did not meet expectations","Met expectations","Exceeded expectations"],
 ["Too small","Just right","Too large"],
 ["Too little","About right","Too much"],
 ["Very low","Low","Medium","High","Very high"],
 ["Not important","Somewhat important","Important","Very important"],
 ["Very easy","Easy","Neither easy nor difficult","Difficult","Very difficult"][::-1],
 ["Very dissatisfied","Somewhat dissatisfied","Somewhat satisfied","Very satisfied"],
 ["Never","Once or twice","3-5 times","6-10 times","More than 10 times"],
 ["First time","2-5 times","6-10 times","More than 10 times"],
 ["Less than a year","1-2 years","2-5 years","5-10 years","More than 10 years"],
 ["$0","$1-$10","$11-$25","$26-$50","$51-$100","Over $100"],
 ["Under $10","$10-$19","$20-$29","$30-$49","$50 or more"],
 ["Not at all price sensitive","Somewhat price sensitive","Very price sensitive"],
 ["Very unlikely to switch","Unlikely to switch","Might switch","Likely to switch","Very likely to switch"],
 ["Would not switch","Might switch","Would definitely switch"],
 ["Not at all loyal","Somewhat loyal","Very loyal"],
 ["Very hard","Hard","Neither","Easy","Very easy"],
 ["Not at all","Once","2-3 times","4 or more times"],
]


@pytest.mark.parametrize("scale", TEMPLATE_SCALES, ids=lambda s: " / ".join(s)[:60])
def test_the_survey_tools_template_scales_are_ordered(scale):
    given = list(scale)
    random.Random(len(scale)).shuffle(given)
    assert ordinal_levels(given) in (scale, scale[::-1])


@pytest.mark.parametrize("given, expected", [
    # ODK / Kobo / Ona write a choice's XML name: numbered, with underscores (holdout 10)
    (["4___mostly_yes", "1___not_at_all", "don_t_know", "3___neutral", "2___very_little",
      "refused", "5___completely_yes"],
     ["1___not_at_all", "2___very_little", "3___neutral", "4___mostly_yes", "5___completely_yes",
      "don_t_know", "refused"]),
    # numbered from the other end, and one point numbered twice: the words decide
    (["2_somewhat_yes", "5_not_at_all", "1_completely_yes", "4_not_very_much", "3_neutral",
      "5_completely_yes"],
     ["5_not_at_all", "4_not_very_much", "3_neutral", "2_somewhat_yes", "1_completely_yes",
      "5_completely_yes"]),
    (["25_39", "40_54", "55", "15_24", "25-39", "don´t_know"],
     ["15_24", "25-39", "25_39", "40_54", "55", "don´t_know"]),
    (["yes__some_difficulty", "cannot_do_at_all", "no_difficulty", "yes__a_lot_of_difficulty"],
     ["no_difficulty", "yes__some_difficulty", "yes__a_lot_of_difficulty", "cannot_do_at_all"]),
])
def test_scales_written_as_a_forms_choice_names_are_ordered(given, expected):
    assert ordinal_levels(given) == expected


def test_numbers_still_order_what_their_words_cannot():
    assert ordinal_levels(["3 stars", "1 star", "5 stars", "2 stars", "4 stars"]) == \
        ["1 star", "2 stars", "3 stars", "4 stars", "5 stars"]
    assert ordinal_levels(["2 - Good", "1 - Poor", "3", "4 - Excellent"]) == \
        ["1 - Poor", "2 - Good", "3", "4 - Excellent"]


# The same templates as people answer them in Spanish, Portuguese, French, German, Italian,
# Dutch, Indonesian and Polish.
TEMPLATE_SCALES_IN_OTHER_LANGUAGES = [
 # Spanish
 ["Muy insatisfecho","Insatisfecho","Neutral","Satisfecho","Muy satisfecho"],
 ["Muy improbable","Improbable","Ni probable ni improbable","Probable","Muy probable"],
 ["Nada importante","Poco importante","Moderadamente importante","Importante","Muy importante"],
 ["Nunca","Casi nunca","A veces","Casi siempre","Siempre"],
 ["Muy en desacuerdo","En desacuerdo","Ni de acuerdo ni en desacuerdo","De acuerdo","Muy de acuerdo"],
 ["Muy malo","Malo","Regular","Bueno","Muy bueno"],
 ["Muy difícil","Difícil","Neutral","Fácil","Muy fácil"],
 ["Nada satisfecho","Poco satisfecho","Satisfecho","Muy satisfecho"],
 ["Definitivamente no","Probablemente no","No estoy seguro","Probablemente sí","Definitivamente sí"],
 # Portuguese
 ["Muito insatisfeito","Insatisfeito","Neutro","Satisfeito","Muito satisfeito"],
 ["Nada provável","Pouco provável","Provável","Muito provável"],
 ["Nunca","Raramente","Às vezes","Frequentemente","Sempre"],
 ["Discordo totalmente","Discordo","Neutro","Concordo","Concordo totalmente"],
 ["Nada importante","Pouco importante","Importante","Muito importante"],
 ["Muito ruim","Ruim","Regular","Bom","Muito bom","Excelente"],
 ["Muito difícil","Difícil","Fácil","Muito fácil"],
 # French
 ["Très insatisfait","Insatisfait","Neutre","Satisfait","Très satisfait"],
 ["Pas du tout satisfait","Peu satisfait","Assez satisfait","Très satisfait"],
 ["Pas du tout probable","Peu probable","Probable","Très probable"],
 ["Jamais","Rarement","Parfois","Souvent","Toujours"],
 ["Pas du tout important","Peu important","Important","Très important"],
 ["Pas du tout d'accord","Plutôt pas d'accord","Plutôt d'accord","Tout à fait d'accord"],
 ["Très difficile","Difficile","Facile","Très facile"],
 # German
 ["Sehr unzufrieden","Unzufrieden","Neutral","Zufrieden","Sehr zufrieden"],
 ["Sehr unwahrscheinlich","Unwahrscheinlich","Wahrscheinlich","Sehr wahrscheinlich"],
 ["Nie","Selten","Manchmal","Oft","Immer"],
 ["Überhaupt nicht wichtig","Wenig wichtig","Eher wichtig","Wichtig","Sehr wichtig"],
 ["Sehr schlecht","Schlecht","Mittel","Gut","Sehr gut"],
 ["Sehr schwer","Schwer","Leicht","Sehr leicht"],
 ["Stimme überhaupt nicht zu","Stimme eher nicht zu","Stimme eher zu","Stimme voll und ganz zu"],
 # Italian
 ["Per niente soddisfatto","Poco soddisfatto","Abbastanza soddisfatto","Molto soddisfatto"],
 ["Molto insoddisfatto","Insoddisfatto","Neutrale","Soddisfatto","Molto soddisfatto"],
 ["Fortemente in disaccordo","In disaccordo","Né d'accordo né in disaccordo","D'accordo","Fortemente d'accordo"],
 ["Per niente d'accordo","Poco d'accordo","Abbastanza d'accordo","Molto d'accordo"],
 ["Mai","Raramente","A volte","Spesso","Sempre"],
 ["Per niente importante","Poco importante","Abbastanza importante","Molto importante"],
 ["Molto improbabile","Improbabile","Probabile","Molto probabile"],
 ["Pessimo","Scarso","Sufficiente","Buono","Ottimo"],
 # Dutch
 ["Zeer ontevreden","Ontevreden","Neutraal","Tevreden","Zeer tevreden"],
 ["Nooit","Zelden","Soms","Vaak","Altijd"],
 ["Helemaal niet belangrijk","Niet belangrijk","Neutraal","Belangrijk","Zeer belangrijk"],
 ["Zeer onwaarschijnlijk","Onwaarschijnlijk","Waarschijnlijk","Zeer waarschijnlijk"],
 # Indonesian
 ["Sangat tidak setuju","Tidak setuju","Netral","Setuju","Sangat setuju"],
 ["Sangat tidak puas","Tidak puas","Cukup puas","Puas","Sangat puas"],
 ["Tidak pernah","Jarang","Kadang-kadang","Sering","Selalu"],
 ["Sangat tidak penting","Tidak penting","Cukup penting","Penting","Sangat penting"],
 # Polish
 ["Zdecydowanie się nie zgadzam","Raczej się nie zgadzam","Ani się zgadzam, ani nie zgadzam","Raczej się zgadzam","Zdecydowanie się zgadzam"],
 ["Bardzo niezadowolony","Niezadowolony","Neutralny","Zadowolony","Bardzo zadowolony"],
 ["Nigdy","Rzadko","Czasami","Często","Zawsze"],
]


@pytest.mark.parametrize("scale", TEMPLATE_SCALES_IN_OTHER_LANGUAGES,
                         ids=lambda s: " / ".join(s)[:60])
def test_template_scales_in_other_languages_are_ordered(scale):
    given = list(scale)
    random.Random(len(scale)).shuffle(given)
    assert ordinal_levels(given) in (scale, scale[::-1])


@pytest.mark.parametrize("answers", [
    ["Non so", "Sì", "No"], ["Tidak tahu", "Ya", "Tidak"], ["Nie wiem", "Tak", "Nie"],
])
def test_dont_know_in_other_languages_is_an_opt_out(answers):
    from persona_lib.scales import is_opt_out

    assert is_opt_out(answers[0]) and not is_opt_out(answers[1])


def test_yes_and_no_beside_an_offer_to_opt_out_are_no_scale():
    """'Prefer not to say / don't know' is one answer made of two opt-outs (holdout 11): with
    only Yes and No left there is no order to keep."""
    from persona_lib.scales import is_opt_out

    assert is_opt_out("Prefer not to say / don't know") and is_opt_out("Other (please specify):")
    assert not is_opt_out("Yes / No") and not is_opt_out("Cash / card")
    assert ordinal_levels(["Yes", "No", "Prefer not to say / don't know"]) == []
    assert ordinal_levels(["Every day", "Once a week", "Bi-weekly /twice a week",
                           "Other (please specify):"]) == \
        ["Once a week", "Bi-weekly /twice a week", "Every day", "Other (please specify):"]


@pytest.mark.parametrize("scale", [
    # LimeSurvey in German (holdout 12)
    ["Stimme gar nicht zu", "Stimme eher nicht zu", "Stimme eher zu", "Stimme vollständig zu"],
    # a negated point sits below a graded opposite: 'Nicht wichtig' was above 'Eher unwichtig'
    ["Nicht wichtig", "Eher unwichtig", "Eher wichtig", "Sehr wichtig"],
    ["garnicht wichtig", "eher unwichtig", "eher wichtig", "sehr wichtig"],
    ["Not at all satisfied", "Dissatisfied", "Satisfied", "Very satisfied"],
])
def test_a_negated_point_sits_with_its_opposite_pole(scale):
    assert ordinal_levels(list(reversed(scale))) == scale


@pytest.mark.parametrize("scale", [
    # holdout 13 (Vietnamese and Polish Google Forms): bands read by their numbers, whatever
    # the words around them; an answer with one number is the open band at an end
    ["18-22", "23-29", "30-39", "40-49", ">=50"],
    ["Dưới 25 triệu", "Từ 25 đến dưới 85 triệu", "Trên 85 triệu"],
    ["18 - 25", "25 - 30", "30 - 40", "Trên 40"],
    ["Dưới 5 triệu", "5 - 10 triệu", "10 - 20 triệu", "20 - 30 triệu", "trên 30 triệu"],
    ["Miasto do 19 999 mieszkańców", "Miasto 20 000–99 999 mieszkańców",
     "Miasto 500 000 i więcej mieszkańców"],
    ["1", "2", "3", ">=3"],
    ["Wcale", "W małym stopniu", "W umiarkowanym stopniu", "W dużym stopniu",
     "W bardzo dużym stopniu"],
    ["Ít hơn 1 lần trong 1 tuần", "1 lần trong 1 tuần", "Từ 2 đến 6 lần trong 1 tuần",
     "Hàng ngày"],
    # education ladders
    ["Podstawowe (lub niższe) / gimnazjalne", "Średnie (liceum / technikum)",
     "Wyższe (licencjat / inżynier / magister)"],
    ["İlkokul", "Ortaokul", "Lise", "Ön lisans", "Lisans", "Yüksek lisans", "Doktora"],
    ["SD", "SMP", "SMA", "Diploma", "Sarjana (S1)", "Magister (S2)"],
])
def test_bands_frequencies_and_schooling_in_more_languages_are_ordered(scale):
    assert ordinal_levels(list(reversed(scale))) == scale


@pytest.mark.parametrize("answers", [
    ["Route 66", "Highway 1", "Exit 12"],  # numbers that name things, no range among them
])
def test_numbers_that_are_not_bands_stay_unordered(answers):
    assert ordinal_levels(answers) == []


def test_a_scale_built_from_several_word_families_is_ordered():
    """A Google Forms grid (holdout 10) whose points come from three families: how much, how
    often, how sure, two of them as synonyms joined by '/'."""
    scale = ["Not at all", "Low Priority", "Maybe/Sometimes", "High Priority",
             "Absolutely/Of course"]
    assert ordinal_levels(list(reversed(scale))) == scale
    assert ordinal_levels(["Low carb", "High protein", "Never mind", "Yes please"]) == []


@pytest.mark.parametrize("scale", [
    # KoboToolbox choice names (holdout 15): 'no ...' is below every band
    ["no_dept", "less_afs_2000", "between_2000_8000", "more_8000"],
    ["No_Stocks", "Less_than_a_week", "1_to_3_weeks", "Over_3_months"],
])
def test_bands_with_a_none_answer_in_choice_names_are_ordered(scale):
    assert ordinal_levels(list(reversed(scale))) == scale


def test_a_third_answer_between_yes_and_no_must_be_a_middle():
    """'No' / 'No opinion' / 'Yes' and 'No' / 'Neither' / 'Yes' are scales; a way out of the
    question ("I'm not a developer") is not a point between yes and no."""
    assert ordinal_levels(["Yes", "No opinion/Not sure", "No"]) == [
        "No", "No opinion/Not sure", "Yes"]
    assert ordinal_levels(["Yes", "Neither", "No"]) == ["No", "Neither", "Yes"]
    assert ordinal_levels(["Do not influence", "Strongly influence", "Slightly influence"]) == [
        "Do not influence", "Slightly influence", "Strongly influence"]


def test_hourly_is_more_often_than_daily_and_what_is_that_is_a_way_out():
    assert frequency_rate("Hourly") > frequency_rate("Several times a day") > 365
    assert frequency_rate("Once an hour") == 8760
    assert ordinal_levels(["Weekly", "Hourly", "Daily", "Monthly"]) == [
        "Monthly", "Weekly", "Daily", "Hourly"]
    assert ordinal_levels(["Against", "What is that?", "In favour", "Neither"]) == [
        "Against", "Neither", "In favour", "What is that?"]


@pytest.mark.parametrize("ladder", [
    ["Very liberal", "Slightly liberal", "Neutral/ Neither conservative or liberal",
     "Slightly conservative", "Very conservative"],
    ["Strongly disagree", "Disagree", "Neutral (neither agree nor disagree)", "Agree",
     "Strongly agree"],
    ["Highschool", "Vocational training", "Some college", "Associate's degree",
     "Bachelor's degree", "Master's degree or above"],
])
def test_scales_as_real_exports_word_them(ladder):
    """Holdout 17 (Qualtrics): a political scale between two poles, a middle point that says
    what it is in a note after a slash or in brackets, and 'Highschool' in one word."""
    shuffled = ladder[::-1][1:] + ladder[-1:]
    random.Random(7).shuffle(shuffled)
    levels = ordinal_levels(shuffled + ["Prefer not to say"])
    assert levels[-1] == "Prefer not to say"
    assert levels[:-1] in (ladder, ladder[::-1])


@pytest.mark.parametrize("unknown", ["Unknown", "Not tracked / Unknown", "We don't track it"])
def test_a_frequency_scale_keeps_its_order_beside_an_unknown(unknown):
    levels = ["Yearly", "Quarterly", "Monthly", "Weekly", "Daily", "Hourly"]
    assert ordinal_levels(levels[::-2] + [unknown] + levels[-2::-2]) == levels + [unknown]


@pytest.mark.parametrize("scale", [
    ["Never", "Rarely", "Some of the time", "Most of the time", "Always"],
    ["None of the time", "A little of the time", "Some of the time", "Most of the time",
     "All of the time"],
    ["Not at all", "Very little", "Somewhat", "To a great extent"],
    ["Not at all", "A little", "Somewhat", "A lot"],
    ["No", "Somewhat", "Yes"],
    ["No", "Yes, some", "Yes, all"],
    ["No", "Yes, a few", "Yes, most", "Yes, all"],
    ["No", "Yes, sometimes", "Yes, often"],
    ["No", "Yes, a bit", "Yes"],
    ["No", "Yes, if the impact is small", "Yes"],
])
def test_how_much_of_the_time_and_how_far_are_ordered(scale):
    """Holdout 27 (Qualtrics): 'Some of the time' / 'Most of the time' is a frequency, 'Somewhat'
    lies above 'Very little' on an extent scale, and 'Yes, some' below 'Yes, all'. Holdout 28
    (Google Forms): a yes graded by how often or how much, or on a condition, lies between
    'No' and a plain 'Yes'."""
    shuffled = scale[:]
    random.Random(7).shuffle(shuffled)
    assert ordinal_levels(shuffled + ["Did not attempt"]) == scale + ["Did not attempt"]


@pytest.mark.parametrize("scale", [
    ["$0 (none)", "$1 to less than $1,000", "$1,000 to less than $5,000",
     "$5,000 to less than $50K", "$50K to less than $100K", "$100K or more"],
    ["0 (never)", "1 to under 5", "5 to under 20", "20 or more"],
    ["Under $10", "$10 but less than $25", "$25 but less than $50", "$50 or more"],
])
def test_bands_up_to_the_next_ones_bound_are_ordered(scale):
    """Holdout 52: '$1 to less than $1,000' is a band, and '$0 (none)' its lowest, the
    number read past its note."""
    shuffled = scale[:]
    random.Random(5).shuffle(shuffled)
    assert ordinal_levels(shuffled + ["Not sure"]) == scale + ["Not sure"]


@pytest.mark.parametrize("scale", [
    ["Hace menos de un mes", "Entre 1 y 3 meses", "Entre 4 y 6 meses", "Entre 10 y 12 meses",
     "Entre 1 y 2 años", "Más de 4 años"],
    ["Less than a month", "Between 1 and 3 months", "Between 4 and 6 months", "1-2 years",
     "More than 2 years"],
    ["Weniger als ein Jahr", "Zwischen 1 und 2 Jahren", "Mehr als 2 Jahre"],
])
def test_bands_between_two_numbers_in_words_are_ordered(scale):
    """Holdout 29: 'Entre 1 y 2 años' is the band 1-2 years, and 'Hace menos de un mes' (less
    than a month ago) comes first."""
    shuffled = scale[:]
    random.Random(3).shuffle(shuffled)
    assert ordinal_levels(shuffled) == scale


@pytest.mark.parametrize("scale", [
    ["In the last week", "In the last month", "In the last year", "In the last 5 years",
     "More than 5 years ago", "Never"],
    ["Within the past 3 months", "Within the past year", "Over a year ago", "Never"],
])
def test_how_long_ago_is_ordered_with_never_last(scale):
    """Holdout 33: 'When did you last ride a bicycle?' answered by how long ago."""
    shuffled = scale[:]
    random.Random(5).shuffle(shuffled)
    assert ordinal_levels(shuffled) == scale


@pytest.mark.parametrize("scale", [
    ["Irrelevant", "Little importance", "Neutral", "Valuable", "Critical/Vital/Essential"],
    ["I use it much less than the licensed software", "I use it about the same as the licensed "
     "software", "I use it much more than the licensed software"],
])
def test_synonyms_little_beside_a_middle_and_comparisons_in_a_sentence_are_ordered(scale):
    """Holdout 32 (Qualtrics): synonyms offered as one answer ('Critical/Vital/Essential'),
    'Little importance' below 'Neutral', and 'much more than' ... 'much less than' in the middle
    of one sentence."""
    shuffled = scale[:]
    random.Random(11).shuffle(shuffled)
    assert ordinal_levels(shuffled + ["N/A, I don't use either"]) == \
        scale + ["N/A, I don't use either"]


@pytest.mark.parametrize("scale", [
    ["Ensino superior", "Especialização", "Estudante de Mestrado", "Mestrado",
     "Estudante de Doutorado", "Doutorado"],
    ["Bachelor's degree", "Master's degree", "PhD student", "PhD"],
    ["Estagiário", "Júnior (até 5 anos)", "Pleno (6 a 9 anos)", "Sênior (10+ anos)"],
    ["Intern", "Junior", "Mid-level", "Senior", "Lead"],
    ["Muito baixa", "Abaixo da Média", "Média", "Acima da média", "Muito alto"],
    ["Very low", "Below average", "Average", "Above average", "Very high"],
    ["Não é uma prioridade", "Baixa prioridade", "Neutro", "Alta prioridade", "Essencial"],
    ["Nunca", "Menos de uma vez por mês",
     "Menos de uma vez por semana, mas pelo menos uma vez por mês",
     "Pelo menos uma vez por semana, mas não todos os dias", "Todos os dias"],
])
def test_portuguese_ladders_levels_priorities_and_frequencies_are_ordered(scale):
    """Holdout 35 (a Google Form in Portuguese): schooling with 'studying for' steps,
    seniority, a level around the average, a priority with a neutral middle, and 'at least
    once a week, but not every day'."""
    shuffled = scale[:]
    random.Random(13).shuffle(shuffled)
    assert ordinal_levels(shuffled + ["Não se aplica"]) == scale + ["Não se aplica"]


@pytest.mark.parametrize("scale", [
    ["Much worse than before", "Worse than before", "The same as before", "Better than before",
     "Much better than before"],
    ["Muito pior do que antes", "Pior do que antes", "O mesmo de antes", "Melhor do que antes",
     "Muito melhor do que antes"],
    ["Diminuiu", "Está mais ou menos a mesma", "Aumentou"],
    ["Graduação", "Mestrado", "Doutorado", "Pós-doutorado"],
    ["Less than one month", "Less than 6 months", "6 to 12 months", "1 to 2 years",
     "More than 2 years"],
])
def test_better_or_worse_than_before_and_postdocs_are_ordered(scale):
    """Holdouts 36 and 37: a change for better or worse, in English and Portuguese; a postdoc
    above a doctorate; and 'I have heard about it but have never used it' off the scale."""
    shuffled = scale[:]
    random.Random(17).shuffle(shuffled)
    off = "I have heard about OpenRefine but have never used it (yet)"
    assert ordinal_levels(shuffled + [off]) == scale + [off]


@given(st.lists(st.text(alphabet="²³¹⁴½0123 -abcevryk", min_size=1, max_size=6), min_size=2,
                max_size=6, unique=True))
def test_superscript_and_other_digits_never_break_ordering(answers):
    """A Korean file read in the wrong code page gave answers like '³²': str.isdigit() says
    yes, int() says no, and the whole column was 'could not be analysed'."""
    ordinal_levels(answers)
    [frequency_rate(a) for a in answers]


@pytest.mark.parametrize("given, ordered", [
    (["20대", "50대  이상", "30대", "10대", "40대"], ["10대", "20대", "30대", "40대", "50대  이상"]),
    (["30～39歳", "20歳未満", "50歳以上", "20～29歳", "40～49歳"],
     ["20歳未満", "20～29歳", "30～39歳", "40～49歳", "50歳以上"]),
    (["100만원 이하", "300만원 이상", "100~200만원", "200~300만원"],
     ["100만원 이하", "100~200만원", "200~300만원", "300만원 이상"]),
    # holdout 45 (a Japanese tourism survey): ages by decade, incomes 'from ... under ...',
    # nights from a day trip, visits from the first, spend from nothing, satisfaction
    (["50代", "40代", "60代", "30代", "70代", "20代"], ["20代", "30代", "40代", "50代", "60代", "70代"]),
    (["分からない/無回答", "300万円以上 400万円未満", "100万円未満", "1,000万円以上 1,200万円未満"],
     ["100万円未満", "300万円以上 400万円未満", "1,000万円以上 1,200万円未満", "分からない/無回答"]),
    (["1泊", "日帰り", "4泊以上", "2泊"], ["日帰り", "1泊", "2泊", "4泊以上"]),
    (["2～5回目", "初めて", "11回目以上", "6～10回目"], ["初めて", "2～5回目", "6～10回目", "11回目以上"]),
    (["1,000円未満", "使わない", "5,000円以上 10,000円未満"],
     ["使わない", "1,000円未満", "5,000円以上 10,000円未満"]),
    (["満足", "とても満足", "どちらでもない", "とても不満", "不満"],
     ["とても不満", "不満", "どちらでもない", "満足", "とても満足"]),
    (["만족", "매우 만족", "보통", "불만족"], ["불만족", "보통", "만족", "매우 만족"]),
])
def test_bands_in_korean_japanese_and_chinese_are_ordered(given, ordered):
    """A unit after the number ('20대', '30歳', '100만원') and the words that close a band
    ('이상' or more, '未満' under, '이하' up to), as Korean and Japanese surveys write them
    (holdout 40's age bands were a choice in the order answered)."""
    assert ordinal_levels(given) == ordered


@pytest.mark.parametrize("given, ordered", [
    # holdout 46 (cups at a Swiss campus): how much an option is wanted
    (["Absolutely", "Preferably", "Maybe", "Not at all", "I don't know"],
     ["Not at all", "Maybe", "Preferably", "Absolutely", "I don't know"]),
    # holdout 44 (OSMI 2016, Typeform): a graded pole and its mirror, 'not ... at all' split
    (["Somewhat open", "Very open", "Somewhat not open", "Neutral", "Not open at all"],
     ["Not open at all", "Somewhat not open", "Neutral", "Somewhat open", "Very open"]),
    # how many or how often, said with one word among others
    (["Some did", "No, none did", "I don't know", "Yes, they all did"],
     ["No, none did", "Some did", "Yes, they all did", "I don't know"]),
    (["I know some", "Yes, I know several", "No, I don't know any"],
     ["No, I don't know any", "I know some", "Yes, I know several"]),
    (["Yes, always", "Sometimes", "No", "I don't know"],
     ["No", "Sometimes", "Yes, always", "I don't know"]),
])
def test_scales_real_exports_worded_their_own_way_are_ordered(given, ordered):
    assert ordinal_levels(given) == ordered


@pytest.mark.parametrize("given", [
    ["All products", "Coffee", "None"],  # not every answer says how many
    ["Some college", "All the time", "Never married"],  # no 'none' among them: no ladder
])
def test_a_few_quantity_words_do_not_make_a_scale(given):
    assert ordinal_levels(given) == []


@pytest.mark.parametrize("given, ordered", [
    # holdout 48 (a German LimeSurvey): 'rather' sits nearer the middle than the bare word
    (["sehr häufig", "eher häufig", "selten", "eher selten", "gar nicht"],
     ["gar nicht", "selten", "eher selten", "eher häufig", "sehr häufig"]),
    (["Rarely", "Rather rarely", "Rather often", "Very often", "Never"],
     ["Never", "Rarely", "Rather rarely", "Rather often", "Very often"]),
])
def test_frequencies_graded_very_and_rather_are_ordered(given, ordered):
    assert ordinal_levels(given) == ordered


@pytest.mark.parametrize("given, ordered", [
    # holdout 49 (a Microsoft Forms survey of skaters): which foot or hand, left to right
    (["Always  Left", "Always Right", "Mostly Left", "I do not know", "Mostly Right",
      "Both Equally"],
     ["Always  Left", "Mostly Left", "Both Equally", "Mostly Right", "Always Right",
      "I do not know"]),
    (["Weekly", "Daily", "Seasonal (summer)", "Monthly", "Every other week", "Yearly", "Never"],
     ["Never", "Yearly", "Seasonal (summer)", "Monthly", "Every other week", "Weekly", "Daily"]),
    # a skill ladder topped by synonyms offered as one answer
    (["Advanced (lands complex tricks)", "Sponsored/Pro (free products)", "Novice (pushes)",
      "Beginner (cannot ride)", "Intermediate (lands simple tricks)", "Expert (consistently)"],
     ["Beginner (cannot ride)", "Novice (pushes)", "Intermediate (lands simple tricks)",
      "Advanced (lands complex tricks)", "Expert (consistently)",
      "Sponsored/Pro (free products)"]),
    # 'About right' is no side: a difficulty stays on its own scale
    (["A bit easy", "About right", "A bit hard", "Much too hard"],
     ["Much too hard", "A bit hard", "About right", "A bit easy"]),
])
def test_sides_and_seasons_are_ordered(given, ordered):
    assert ordinal_levels(given) == ordered


@pytest.mark.parametrize("given, ordered", [
    # holdout 54 (a Qualtrics climate survey): the IPCC's likelihood words, a reason stated
    # as no way to know is no point of the scale
    (["Very likely (90-100% probability)", "Likely (66-100% probability)",
      "About as likely as not (33 to 66% probability)", "Virtually certain (99-100% probability)",
      "Exceptionally unlikely (0-1% probability)",
      "There is no way to know based on the information conveyed in this graph"],
     ["Exceptionally unlikely (0-1% probability)", "About as likely as not (33 to 66% probability)",
      "Likely (66-100% probability)", "Very likely (90-100% probability)",
      "Virtually certain (99-100% probability)",
      "There is no way to know based on the information conveyed in this graph"]),
    (["A moderate amount", "Only a little", "A great deal", "I don't know", "None at all"],
     ["None at all", "Only a little", "A moderate amount", "A great deal", "I don't know"]),
    # some high school is below a diploma; an associate's degree, even a technical one, is
    # above some college
    (["Bachelor's degree", "Some high school or less", "High school diploma or GED",
      "Some college, but no degree", "Associates or technical degree",
      "Graduate or professional degree (MA, MS, MBA, PhD, JD, MD, DDS etc.)"],
     ["Some high school or less", "High school diploma or GED", "Some college, but no degree",
      "Associates or technical degree", "Bachelor's degree",
      "Graduate or professional degree (MA, MS, MBA, PhD, JD, MD, DDS etc.)"]),
    # one cause against another, through 'about equally'
    (["Caused mainly by human activity", "Caused entirely by natural processes",
      "Caused about equally by natural processes and human activity",
      "Caused mainly by natural processes", "Caused entirely by human activity"],
     ["Caused entirely by human activity", "Caused mainly by human activity",
      "Caused about equally by natural processes and human activity",
      "Caused mainly by natural processes", "Caused entirely by natural processes"]),
])
def test_likelihood_amount_education_and_cause_scales_are_ordered(given, ordered):
    assert ordinal_levels(given) == ordered


def test_amounts_in_one_unit_are_ordered_by_amount():
    """Holdout 54: rainfall given as '1.7 inches per year' ... '2.1 inches per year'."""
    given = ["1.9 inches per year", "2.0 inches per year", "2.1 inches per year",
             "1.8 inches per year", "1.7 inches per year"]
    assert ordinal_levels(given) == sorted(given)


@pytest.mark.parametrize("answer, amount", [
    ("Rs. 1,000–2,500", 1750), ("Less than Rs. 1,000", 500), ("More than Rs. 10,000", 10000),
    ("$150k+", 150000), ("Under $25k", 12500), ("1.500 bis unter 2.500 €", 2000), ("40", 40),
    ("None", None), ("Prefer not to say", None),
])
def test_a_band_stands_for_its_middle_and_an_open_band_for_its_bound(answer, amount):
    from persona_lib.scales import band_amount

    assert band_amount(answer) == amount
