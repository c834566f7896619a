"""Word lists of quotation finding: cue verbs, the words around a speaker's name, and the nouns
that describe a person or an organisation."""

from __future__ import annotations


def words(text: str) -> frozenset[str]:
    """The set of the whitespace-separated words of `text`."""
    return frozenset(text.split())


# verbs that introduce a quotation, next to it ("..., she said"; "He added: ...")
SPEECH = words("""
say says said saying tell tells told telling add adds added adding write writes wrote writing ask
asks asked asking tweets tweeted tweeting continue continues continued continuing explain explains
explained explaining notes noted noting stated stating respond responds responded responding
reply replies replied replying declare declares declared argue argues argued arguing insist insists
insisted insisting conclude concludes concluded recall recalls recalled recalling warn warns warned
warning acknowledge acknowledges acknowledged admit admits admitted claims claimed claiming
announce announces announced suggest suggests suggested complain complains complained concede
concedes conceded confirm confirms confirmed cautioned counters countered quips quipped jokes joked
remarked observe observes observed predict predicts predicted promises promised pledged
vows vowed stresses stressed emphasize emphasized emphasised mused shouted yell yelled exclaim
exclaimed boast boasted brag bragged lament lamented posted texted emailed e-mailed testify
testified charged allege alleged maintain maintains maintained contend contends contended assert
asserts asserted reiterate reiterated urge urges urged demands demanded agree agreed deny denies
denied reads recount recounted reported inform informed assure assured reflect reflected
wonder wondered ponder pondered elaborate elaborated chime chimed interject interjected snapped
retort retorted scoff scoffed sighed laughed whispered tout touted concur concurred offered
proclaim proclaimed puts
""")
# verbs that take a short quotation as their object ("called it “a disaster”")
NAMING = words("""
accuse accuses accused accusing
call calls called calling dub dubs dubbed describe describes described describing label labels
labeled labelled labeling brand branded term termed deride derided slam slammed blast blasted
""")
# verbs whose "that"-clause (or bare clause) is reported speech or a stated belief
REPORTING = words("""
say says said saying tell tells told telling add adds added adding write writes wrote argue
argues argued arguing insist insists insisted claim claims claimed claiming warn warns warned
warning note notes noted noting explain explains explained announce announces announced
acknowledge acknowledges acknowledged admit admits admitted suggest suggests suggested
suggesting predict predicts predicted promise promises promised pledge pledged vow vowed vows
stress stressed confirm confirms confirmed concede concedes conceded contend contends contended
maintain maintains maintained assert asserts asserted state stated declare declares
declared believe believes believed think thinks thought reiterate reiterated allege alleged
alleges recall recalled recalls tweet tweeted report reported testify testified
complain complained complains deny denies denied hint hinted indicate indicated indicates
estimate estimated estimates conclude concluded concludes point pointed
""")
# between a source and its cue: "Smith also said", "she has said"
BETWEEN = words("""
also has have had later then would will again previously once repeatedly recently reportedly
always never just already publicly privately famously ultimately finally simply quickly
further flatly even often has had 's 've 'd ’s ’ve ’d is was were are be been being did does do
""")
# words that open a clause before a source ("But he said"): not part of the source
CLAUSE_OPENERS = words("""
but and yet so then later still however meanwhile now also when as while because if since
though although where after before or nor thus hence instead indeed
""")
# after a cue that follows its quotation, these end the source ("said Smith in a statement")
AFTER_SOURCE_STOP = words("""
in on at during after before when while as via through about of to from last this yesterday
today tonight earlier recently later told adding noting who which that in, saying citing
referring speaking writing
""") - {"of"}
PRONOUNS = {
    "he": "m", "him": "m", "she": "f", "her": "f", "it": "o", "they": "p", "we": "p", "i": "p",
    "you": "p", "who": "r", "which": "r", "one": "p",
}
DETERMINERS = words("the a an his her their its this that these those our my one another "
                        "some many several two three")
ORG_NOUNS = words("""
company firm ministry department agency group party campaign committee organization
organisation bank council government administration court police union board network
newspaper paper magazine station broadcaster channel office commission army military
authority authorities institute foundation team club league association federation corporation
regulator watchdog charity embassy center centre service bureau council
""")
PERSON_NOUNS = words("""
president senator candidate spokesman spokeswoman spokesperson minister chairman chairwoman
governor mayor congressman congresswoman lawmaker leader chief executive billionaire
businessman businesswoman actor actress star singer player coach manager founder ceo father
mother man woman boy girl democrat republican nominee frontrunner front-runner secretary
speaker director judge representative reporter author writer economist analyst professor
doctor officer commander general premier king queen prince princess pope host anchor veteran
strategist adviser advisor aide mogul tycoon politician senior former lawyer attorney
businessman chancellor prosecutor investor entrepreneur rapper comedian wife husband son
daughter sister brother grandmother grandfather widow student teacher pastor bishop priest
""")
FEMALE_NOUNS = words("spokeswoman chairwoman congresswoman businesswoman actress mother "
                         "woman girl queen princess wife daughter sister grandmother widow "
                         "mrs ms miss lady dame madam")
MALE_NOUNS = words("spokesman congressman businessman father man boy king "
                       "prince husband son brother grandfather mr sir lord mister")
# inside a source they make it a clause ("her main worry is", "the report has no")
CLAUSE_WORDS = words("""
is was are were has have had will would can could should may might must does did do 's ’s
also never not n't n’t there here
""") - {"'s", "’s"}
# a tail that opens with these ("..., where Lee promised to sign it") attributes nothing
SUBORDINATORS = words("where which who when while because after before if though although "
                          "since until and but whom whose")
