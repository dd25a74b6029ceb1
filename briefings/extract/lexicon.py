"""Word lists the extraction rules share (all lower-case unless noted)."""

from __future__ import annotations

# Honorifics that precede a name and are not part of it ("Mr Brown" -> "Brown").
HONORIFICS = frozenset(
    "mr mr. mrs mrs. ms ms. miss dr dr. sir dame lord lady gen gen. general prof prof. "
    "rev rev. sen sen. rep rep. gov gov. lt col col. capt adm ambassador president "
    "premier chancellor minister secretary king queen prince princess sheikh emir "
    "rabbi pope cardinal judge justice mayor senator governor vice-president".split()
)

# Heads of a title phrase that make a person an official ("senior official", "chairman").
ROLE_HEADS = frozenset(
    """president minister secretary chancellor premier leader envoy ambassador diplomat
    official spokesman spokeswoman spokesperson commissioner chief chairman chairwoman
    chair chairperson director king queen prince emir sheikh monarch governor senator mp
    mep mayor general negotiator counterpart head representative delegate deputy
    under-secretary undersecretary commander lawmaker congressman congresswoman
    secretary-general president-elect vice-president premier-elect ruler sultan
    ministers presidents chiefs mediator administrator commissioner-general
    attorney-general prosecutor speaker whip""".split()
)

# Title words that may appear inside a name entity by mistake ("Foreign Minister X").
TITLE_WORDS = ROLE_HEADS | frozenset(
    """foreign prime vice deputy assistant interior defence defense finance trade state
    home cabinet shadow former acting interim chief senior first the u.s. us uk
    ex""".split()
)

# Titles of people who report or comment rather than act: never officials.
NON_OFFICIAL = frozenset(
    """correspondent journalist reporter editor presenter analyst columnist commentator
    author writer professor researcher economist scholar fellow student lawyer actor
    singer artist son daughter wife husband mother father brother sister man woman
    adviser advisor executive ceo""".split()
)

# Nouns for an encounter between people.
MEETING_NOUNS = frozenset(
    """meeting meetings talks talk discussion discussions summit summits conversation
    conversations negotiations consultations call calls session sessions encounter
    meet""".split()
)
# Verbs whose subject and object meet.
MEET_VERBS = frozenset("meet host receive visit phone telephone call confer".split())
TALK_VERBS = frozenset("talk speak negotiate".split())
HOLD_VERBS = frozenset("hold have chair host conduct attend convene open begin resume".split())

# Groups that can stand as a meeting side when no person is named.
GROUP_HEADS = frozenset(
    """union unions committee commission delegation delegations ministers leaders
    officials representatives delegates negotiators envoys council cabinet figures
    counterparts diplomats""".split()
)
GENERIC_PEOPLE = frozenset("leader leaders official officials minister ministers".split())

# Agreements.
DEAL_NOUNS = frozenset(
    """deal deals agreement agreements accord accords treaty treaties protocol protocols
    memorandum pact pacts declaration communique communiqué statement contract contracts
    truce ceasefire cease-fire settlement compact charter convention plan""".split()
)
SIGN_VERBS = frozenset("sign seal ink conclude clinch strike reach finalise finalize".split())
ENDORSE_VERBS = frozenset("approve adopt endorse extend renew formalise formalize".split())
JOINT_PLEDGE_VERBS = frozenset("pledge commit vow promise".split())
DISAGREE_ADJ = frozenset("divided split".split())

# Travel.
VISIT_VERBS = frozenset("visit tour".split())
MOTION_VERBS = frozenset(
    """travel go head fly return come move proceed continue leave depart journey
    arrive stop""".split()
)
TRAVEL_NOUNS = frozenset("stop stops visit visits trip trips tour tours journey".split())

# Cues that the clause is about the future.
FUTURE_AUX = frozenset("will shall 'll wo".split())
FUTURE_GOVERNORS = frozenset(
    """plan expect due set schedule intend hope aim prepare want seek agree arrange
    propose invite likely going""".split()
)
FUTURE_WORDS = frozenset(
    "next upcoming forthcoming coming planned proposed scheduled tomorrow later future".split()
)

SAY_VERBS = frozenset(
    """say tell add state announce insist warn declare explain confirm stress argue note
    claim write""".split()
)

# Pronouns that refer to a person.
PERSON_PRONOUNS = frozenset("he him his she her hers himself herself".split())
GROUP_ANAPHORS = frozenset("both sides two they them their".split())

# Demonyms to the country they stand for ("the Japanese side" -> Japan).
NORP_COUNTRY = {
    "american": "United States", "british": "United Kingdom", "chinese": "China",
    "japanese": "Japan", "french": "France", "german": "Germany", "russian": "Russia",
    "indian": "India", "iranian": "Iran", "iraqi": "Iraq", "israeli": "Israel",
    "palestinian": "Palestine", "egyptian": "Egypt", "syrian": "Syria", "turkish": "Turkey",
    "italian": "Italy", "spanish": "Spain", "korean": "Korea", "north korean": "North Korea",
    "south korean": "South Korea", "pakistani": "Pakistan", "afghan": "Afghanistan",
    "ukrainian": "Ukraine", "georgian": "Georgia", "venezuelan": "Venezuela",
    "argentine": "Argentina", "brazilian": "Brazil", "mexican": "Mexico",
    "canadian": "Canada", "australian": "Australia", "saudi": "Saudi Arabia",
    "kenyan": "Kenya", "nigerian": "Nigeria", "colombian": "Colombia",
    "ecuadorian": "Ecuador", "cuban": "Cuba", "greek": "Greece", "polish": "Poland",
    "dutch": "Netherlands", "belgian": "Belgium", "swedish": "Sweden",
    "norwegian": "Norway", "danish": "Denmark", "irish": "Ireland", "libyan": "Libya",
    "lebanese": "Lebanon", "jordanian": "Jordan", "yemeni": "Yemen", "sudanese": "Sudan",
    "indonesian": "Indonesia", "thai": "Thailand", "vietnamese": "Vietnam",
    "filipino": "Philippines", "malaysian": "Malaysia", "taiwanese": "Taiwan",
    "serbian": "Serbia", "croatian": "Croatia", "cypriot": "Cyprus", "austrian": "Austria",
    "swiss": "Switzerland", "portuguese": "Portugal", "hungarian": "Hungary",
    "czech": "Czech Republic", "romanian": "Romania", "bulgarian": "Bulgaria",
    "south african": "South Africa", "ethiopian": "Ethiopia", "somali": "Somalia",
    "european": "European Union", "kurdish": "Kurdistan", "chilean": "Chile",
    "peruvian": "Peru", "bolivian": "Bolivia", "nicaraguan": "Nicaragua",
    "dominican": "Dominican Republic", "sri lankan": "Sri Lanka",
}

# Countries and capitals, so the entity ruler labels them GPE before the statistical NER.
COUNTRIES = """Afghanistan Albania Algeria Angola Argentina Armenia Australia Austria Azerbaijan
Bahrain Bangladesh Belarus Belgium Bolivia Bosnia Botswana Brazil Britain Bulgaria Burma
Cambodia Cameroon Canada Chad Chile China Colombia Congo Croatia Cuba Cyprus Denmark Ecuador
Egypt Eritrea Estonia Ethiopia Finland France Gabon Gambia Georgia Germany Ghana Greece
Guatemala Guinea Haiti Honduras Hungary Iceland India Indonesia Iran Iraq Ireland Israel Italy
Jamaica Japan Jordan Kazakhstan Kenya Kosovo Kuwait Kyrgyzstan Laos Latvia Lebanon Liberia
Libya Lithuania Luxembourg Macedonia Madagascar Malawi Malaysia Mali Malta Mauritania Mexico
Moldova Mongolia Montenegro Morocco Mozambique Myanmar Namibia Nepal Netherlands Nicaragua
Niger Nigeria Norway Oman Pakistan Palestine Panama Paraguay Peru Philippines Poland Portugal
Qatar Romania Russia Rwanda Senegal Serbia Singapore Slovakia Slovenia Somalia Spain Sudan
Sweden Switzerland Syria Taiwan Tajikistan Tanzania Thailand Togo Tunisia Turkey Turkmenistan
Uganda Ukraine Uruguay Uzbekistan Venezuela Vietnam Yemen Zambia Zimbabwe""".split()
MULTIWORD_COUNTRIES = [
    "United States", "United Kingdom", "North Korea", "South Korea", "South Africa",
    "Saudi Arabia", "Sri Lanka", "New Zealand", "Czech Republic", "Ivory Coast",
    "United Arab Emirates", "Dominican Republic", "Costa Rica", "El Salvador",
    "Sierra Leone", "Burkina Faso", "East Timor", "South Sudan",
]
CAPITALS = """Washington Beijing Tokyo Moscow Seoul Pyongyang London Paris Berlin Brussels Tehran
Kabul Baghdad Damascus Ankara Kiev Kyiv Islamabad Jerusalem Cairo Canberra Ottawa Havana
Caracas Tbilisi Madrid Rome Athens Lisbon Dublin Vienna Warsaw Prague Budapest Bucharest Sofia
Belgrade Zagreb Riyadh Amman Beirut Baku Yerevan Minsk Kinshasa Nairobi Khartoum Tripoli Tunis
Algiers Rabat Dakar Abuja Accra Pretoria Harare Lusaka Jakarta Manila Bangkok Hanoi Delhi
Dhaka Kathmandu Colombo Tashkent Astana Doha Muscat Sanaa Ramallah Gaza Geneva Strasbourg
Annapolis Lima Bogota Quito Brasilia Santiago Montevideo Managua""".split()
MULTIWORD_CAPITALS = ["New Delhi", "Buenos Aires", "Abu Dhabi", "Cape Town", "Hong Kong",
                      "Kuala Lumpur", "Mexico City", "Tel Aviv", "La Paz", "Addis Ababa"]
