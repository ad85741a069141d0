"""Common words of six languages, to tell an answer's language and to leave out of its themes.

Written for this app (no download): articles, pronouns, prepositions, conjunctions, auxiliary
and modal verbs, and the filler words people use in open answers ("honestly", "really",
"mostly"). A word is matched after lower-casing; apostrophes are kept ("don't").
"""

from __future__ import annotations

EN = """
a about above after again against all almost also although always am among an and another any
anyone anything anyway are aren't around as at away back be because been before being below
between both but by can can't cannot could couldn't did didn't do does doesn't doing don't done
down during each either else enough etc even ever every everything few for from further get gets
getting got had hadn't has hasn't have haven't having he her here hers herself him himself his
how however i i'd i'll i'm i've if in instead into is isn't it it's its itself just least less
let let's like likely lot lots made make many may maybe me might mine more most mostly much must
my myself need neither never no nor not nothing now of off often ok okay on once one only or
other others our ours ourselves out over own per perhaps please quite rather really same she
should shouldn't since so some someone something sometimes still such than that that's the their
theirs them themselves then there there's these they they'd they're this those though through
thus to too toward towards under until up upon us usually very via was wasn't we we'd we're
we've well were weren't what what's whatever when where whether which while who whom whose why
will with within without won't would wouldn't yes yet you you'd you'll you're you've your yours
yourself actually basically honestly guess think thing things stuff kind sort simply simple
ideally mainly probably definitely generally pretty sure want wanted wants expect expecting
would've also's because's lol yeah yep nope cause bit none nobody nowhere
"""

DE = """
aber alle allem allen aller alles als also am an ander andere anderen anderer anderes auch auf
aus bei beim bin bis bist da dabei dadurch dafür dagegen daher damit dann daran darauf darum
das dass davon dazu dein deine dem den denn der des deshalb dich die dies diese diesem diesen
dieser dieses dir doch dort du durch eben ein eine einem einen einer eines einfach einige etwa
etwas euch euer eure für gab gar gegen gehabt gewesen gibt ging habe haben hast hat hatte hätte
hier hin hinter ich ihm ihn ihnen ihr ihre ihrem ihren ihrer im immer in ins ist ja jede jedem
jeden jeder jedes jedoch jetzt kann kannst kaum kein keine keinem keinen keiner konnte könnte
lassen man manche manchmal mehr mein meine meinem meinen meiner meist meistens mich mir mit
möchte muss musste müssen nach nicht nichts noch nun nur ob oder ohne schon sehr sei sein seine
seinem seinen seiner seit selbst sich sie sind so sodass solche soll sollte sondern sonst sowie
über um und uns unser unsere unter viel viele vom von vor wann war waren warum was weil weiter
welche welchem welchen welcher wenig wenn wer werde werden wie wieder will wir wird wirklich wo
wollen würde würden zu zum zur zwar zwischen eigentlich ehrlich gesagt halt mal gern gerne
meistens vielleicht wahrscheinlich natürlich also eher ganz bitte okay genau denke finde
nein nie niemand
"""

ES = """
a al algo algún alguna algunas alguno algunos ante antes aquel aquella aquello aquí así aunque
bien cada casi como con contra cual cuales cuando cuanto de del desde donde dos durante e el él
ella ellas ello ellos en entonces entre era eran es esa esas ese eso esos esta está estaba
estamos están estar estas este esto estos estoy fue fueron ha había han has hasta hay he hemos
la las le les lo los más me mi mis mucha muchas mucho muchos muy nada ni ningún ninguna no nos nosotros nuestra
nuestro o otra otras otro otros para pero poco por porque pues que qué quien quienes se sea ser
si sí sido siempre sin sino sobre solo sólo son su sus también tampoco tan tanto te tener tengo
tiene tienen todo todos tu tú tus un una uno unos unas usted ustedes ya yo sinceramente
realmente básicamente principalmente quizás tal vez creo bueno pues vale claro normalmente
simplemente mayormente gusta quiero espero sería podría ninguno ningunos ningunas nunca
nadie jamás tuve tuvo tuvimos tenía
"""

FR = """
à afin ai aie ainsi alors as au aucun aucune aussi autre autres aux avais avait avant avec avez
avoir avons bien c ça car ce ceci cela celle celles celui cependant certains ces cet cette ceux
chaque chez comme comment d dans de des deux doit donc dont du elle elles en encore est et été
étais était être eu eux fait faire fois font hors il ils j je jamais juste l la là le les leur
leurs lui m ma mais me même mes moi moins mon n ne ni non nos notre nous on ont ou où par parce
pas peu peut plus plutôt pour pourquoi puis qu quand que quel quelle quelles quels qui quoi s sa
sans se ses si son sont sous souvent suis sur t ta te tes toi ton toujours tous tout toute toutes
très tu un une vos votre vous y franchement vraiment surtout simplement principalement peut-être
bref bon ben enfin voilà je pense trouve veux voudrais aimerais j'aime c'est n'est qu'il d'un
d'une l'on j'ai rien
"""

PT = """
a à ao aos aquela aquele aquilo as às até com como contra da das de dela dele deles demais depois
do dos e é ela elas ele eles em entre era eram essa essas esse esses esta está estamos estão
estar estas este estes estou eu foi fomos for foram há isso isto já la lá lhe lhes lo mais mas me
mesmo meu meus minha minhas muito muitos na não nas nem no nos nós nossa nosso num numa o os ou
para pela pelas pelo pelos per pode porque porquê por quais qual quando que quem se sem ser seu
seus só sobre sua suas também te tem têm tenho ter teu tu tua um uma umas uns você vocês vos
sempre nunca ainda bem muito pouco tudo nada algo alguém cada outro outra outros outras
sinceramente realmente basicamente principalmente talvez acho bom então tipo normalmente
simplesmente quero gostaria espero seria poderia gosto nenhum nenhuma ninguém
"""

NL = """
aan al alle alleen als altijd ander andere anders ben bij dan dat de deze die dit doch doen door
dus een eens en er erg geen geweest haar had heb hebben heeft hem het hier hij hoe hun iemand iets
ik in is ja je jij jou jouw kan kon kunnen maar me meer men met mij mijn moet na naar niet niets
nog nu of om omdat ons onze ook op over reeds toch toen tot u uit uw van veel voor want waren was
wat we wel werd wezen wie wil worden wordt zal ze zelf zich zij zijn zo zonder zou zouden eigenlijk
eerlijk gezegd gewoon vooral meestal misschien denk vind graag echt heel best wil willen zou
verwacht hoop even soms vaak nooit steeds daar waar waarom welke wanneer tegen onder tussen
nee niks niemand
"""

STOP_WORDS: dict[str, frozenset[str]] = {
    lang: frozenset(words.split())
    for lang, words in (("en", EN), ("de", DE), ("es", ES), ("fr", FR), ("pt", PT), ("nl", NL))
}
LANGUAGE_NAMES = {"en": "English", "de": "German", "es": "Spanish", "fr": "French",
                  "pt": "Portuguese", "nl": "Dutch"}
ALL_STOP_WORDS: frozenset[str] = frozenset().union(*STOP_WORDS.values())
