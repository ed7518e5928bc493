//! Word lists shared by the stages: attribution verbs, titles, role nouns, anonymous-source heads.
//! Lists are lowercase unless they say otherwise; lookups are by exact word.

/// How an attribution verb behaves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CueKind {
    /// A neutral speech verb: said, says, told, added.
    Neutral,
    /// A verb that passes judgement on the speaker: admitted, claimed, slammed.
    Loaded,
    /// A verb that does not carry speech: smiled, laughed.
    NonSpeech,
    /// A participle that attributes to the main clause's subject: saying, calling, adding.
    Participle,
}

/// Speech verbs that attribute words to a speaker, in the forms news copy uses.
pub const NEUTRAL_CUES: &[&str] = &[
    "said", "says", "say", "told", "tells", "tell", "added", "adds", "asked", "asks", "replied", "replies", "wrote",
    "writes", "posted", "posts", "tweeted", "tweets", "stated", "states", "declared", "explained", "explains", "noted",
    "notes", "continued", "continues", "recalled", "recalls", "argued", "argues", "warned", "warns", "acknowledged",
    "acknowledges", "announced", "announces", "described", "describes", "called", "calls", "suggested", "suggests",
    "testified", "remarked", "responded", "responds", "answered", "shouted", "yelled", "whispered", "cautioned",
    "predicted", "complained", "complains", "countered", "lamented", "joked", "quipped", "observed", "emphasized",
    "stressed", "maintained", "contended", "asserted", "promised", "vowed", "pledged", "agreed", "echoed", "texted",
    "emailed", "messaged", "recounted", "reiterated", "urged", "thinks", "believes", "cried", "screamed", "mused",
    "wondered", "reflected", "reasoned", "objected", "protested", "demanded", "announced", "testifies", "writes",
    "disputed", "denied", "denies", "affirmed", "confirmed", "confirms", "estimated", "estimates", "concluded",
    "boasted", "bragged", "griped", "grumbled", "muttered", "murmured", "repeated", "recalled", "advised", "ordered",
];

/// Attribution verbs that pass judgement (AP; Wikipedia MOS:SAID).
pub const LOADED_CUES: &[&str] = &[
    "admitted", "admits", "claimed", "claims", "conceded", "concedes", "confessed", "confesses", "insisted", "insists",
    "slammed", "slams", "blasted", "blasts", "charged", "revealed", "reveals", "disclosed", "discloses", "lashed",
    "ranted", "whined", "alleged", "alleges", "scoffed", "sneered", "bragged", "boasted", "griped",
];

/// Verbs that cannot carry words (“Great movie,” she smiled).
pub const NONSPEECH_CUES: &[&str] = &[
    "smiled", "laughed", "grinned", "sighed", "shrugged", "nodded", "chuckled", "beamed", "frowned", "winced", "giggled",
    "snorted", "smirked", "sniffed", "gushed",
];

/// Participles that hang attribution on the sentence's subject: “…,” calling it “a disgrace.”
pub const PARTICIPLE_CUES: &[&str] = &[
    "saying", "adding", "telling", "noting", "calling", "describing", "writing", "arguing", "warning", "insisting",
    "claiming", "explaining", "asking", "declaring", "posting", "tweeting", "stating", "urging", "answering",
    "replying", "acknowledging", "admitting", "recalling", "predicting", "promising", "vowing", "complaining",
];

pub fn cue_kind(word: &str) -> Option<CueKind> {
    if LOADED_CUES.contains(&word) {
        Some(CueKind::Loaded)
    } else if NEUTRAL_CUES.contains(&word) {
        Some(CueKind::Neutral)
    } else if NONSPEECH_CUES.contains(&word) {
        Some(CueKind::NonSpeech)
    } else if PARTICIPLE_CUES.contains(&word) {
        Some(CueKind::Participle)
    } else {
        None
    }
}

/// Verbs that only attribute speech when the quote is right beside them (a trailing or leading
/// quote), not when they report an action: "called the meeting", "described the scene".
pub const WEAK_CUES: &[&str] = &[
    "called", "calls", "calling", "described", "describes", "describing", "urged", "urging", "ordered", "advised",
    "agreed", "denied", "denies", "confirmed", "confirms", "estimated", "estimates", "disputed", "promised",
    "promising", "vowed", "vowing", "pledged", "thinks", "believes", "posted", "posts", "charged", "reveals",
    "revealed", "concluded", "repeated", "objected", "demanded", "observed", "maintained",
];

/// Capitalised title words that can stand before a name: "Council President Maria Delgado".
/// A run of capitalised words is split after its last title word.
pub const TITLE_HEADS: &[&str] = &[
    "President", "President-elect", "Vice", "Director", "Chair", "Chairman", "Chairwoman", "Chairperson", "Commissioner",
    "Manager", "Secretary", "Minister", "Senator", "Sen.", "Rep.", "Representative", "Gov.", "Governor", "Lt.", "Mayor",
    "Judge", "Justice", "Chief", "Officer", "Sheriff", "Superintendent", "Principal", "Coach", "Dr.", "Prof.",
    "Professor", "Gen.", "General", "Col.", "Colonel", "Sgt.", "Sergeant", "Capt.", "Captain", "Adm.", "Admiral",
    "Maj.", "Major", "Cmdr.", "Ambassador", "Councilwoman", "Councilman", "Councilmember", "Councillor", "Councilor",
    "Alderman", "Alderwoman", "Trustee", "Treasurer", "Clerk", "Attorney", "Prosecutor", "Speaker", "Leader", "Pope",
    "King", "Queen", "Prince", "Princess", "Rev.", "Reverend", "Bishop", "Archbishop", "Cardinal", "Rabbi", "Imam",
    "Deputy", "Assistant", "Executive", "CEO", "Spokesperson", "Spokeswoman", "Spokesman", "Inspector", "Detective",
    "Chancellor", "Provost", "Dean", "Premier", "Chancellor", "Envoy", "Auditor", "Comptroller", "Controller",
    "Assemblyman", "Assemblywoman", "Assemblymember", "Delegate", "Supervisor", "Administrator", "Coordinator",
    "Commander", "Marshal", "Constable", "Lieutenant", "Corporal", "Private", "Warden", "Founder", "Chairs", "Emir",
    "Sheikh", "Sultan", "Lord", "Lady", "Sir", "Dame", "Father", "Sister", "Brother", "Pastor", "Elder", "Magistrate",
    "Registrar", "Recorder", "Solicitor", "Counsel", "Editor", "Publisher", "Producer", "Analyst", "Economist",
    "Historian", "Officer", "Member", "Fellow", "Head", "Owner", "Partner", "Physician", "Nurse", "Surgeon",
];

/// Honorifics: part of how a name is written, not a role.
pub const HONORIFICS: &[&str] = &["Mr.", "Mrs.", "Ms.", "Miss", "Mx.", "Messrs."];

/// Lowercase nouns that name a role; they make "his special envoy Steve Witkoff" a role and
/// "the mayor said" a role reference.
pub const ROLE_NOUNS: &[&str] = &[
    "president", "envoy", "spokesperson", "spokeswoman", "spokesman", "spokespeople", "owner", "neighbor",
    "neighbour", "director", "secretary", "minister", "adviser", "advisor", "aide", "lawyer", "attorney", "chief",
    "official", "chairman", "chairwoman", "chair", "executive", "officer", "commissioner", "manager", "coach",
    "leader", "candidate", "activist", "resident", "founder", "ceo", "analyst", "economist", "professor",
    "researcher", "historian", "mother", "father", "wife", "husband", "son", "daughter", "brother", "sister",
    "friend", "colleague", "partner", "author", "writer", "artist", "singer", "actor", "player", "teacher",
    "student", "pastor", "mayor", "governor", "senator", "representative", "lawmaker", "councilwoman",
    "councilman", "councilmember", "superintendent", "principal", "sheriff", "judge", "prosecutor", "detective",
    "inspector", "general", "commander", "ambassador", "diplomat", "negotiator", "organizer", "organiser",
    "volunteer", "employee", "worker", "nurse", "doctor", "physician", "surgeon", "scientist", "expert",
    "economist", "strategist", "consultant", "contractor", "developer", "landlord", "tenant", "farmer", "owner",
    "treasurer", "clerk", "trustee", "member", "head", "deputy", "auditor", "chancellor", "dean", "premier",
    "king", "queen", "pope", "cardinal", "bishop", "rabbi", "imam", "administrator", "supervisor", "coordinator",
    "editor", "publisher", "producer", "reporter", "journalist", "correspondent", "columnist", "photographer",
    "pilot", "captain", "firefighter", "medic", "paramedic", "mechanic", "engineer", "architect", "planner",
    "retiree", "veteran", "survivor", "witness", "victim", "widow", "grandmother", "grandfather", "uncle", "aunt",
    "cousin", "boss", "chef", "driver", "clerk", "cashier", "vendor", "shopkeeper", "director-general",
    "vice-president", "co-founder", "cofounder", "counsel", "lobbyist", "regulator", "moderator", "host",
];

/// Head nouns of anonymous sources: "a senior official", "three people familiar with the talks".
pub const ANONYMOUS_HEADS: &[&str] = &[
    "official", "officials", "source", "sources", "person", "people", "aide", "aides", "member", "members",
    "diplomat", "diplomats", "staffer", "staffers", "employee", "employees", "insider", "insiders", "executive",
    "executives", "adviser", "advisers", "advisor", "advisors", "lawmaker", "lawmakers", "officer", "officers",
    "individual", "individuals", "associate", "associates", "confidant", "confidants", "ally", "allies",
    "operative", "operatives", "strategist", "strategists", "investigator", "investigators", "agent", "agents",
    "negotiator", "negotiators", "representative", "representatives", "worker", "workers", "spokesperson",
];

/// Words that make a noun phrase indefinite (and so, with an anonymous head, anonymous).
pub const INDEFINITE: &[&str] = &[
    "a", "an", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "several", "some",
    "multiple", "many", "other", "another", "numerous", "various", "few", "dozens", "more", "most", "certain",
];

/// Nouns for documents: "according to court records" is documentary attribution, not a source.
pub const DOCUMENT_NOUNS: &[&str] = &[
    "records", "record", "documents", "document", "data", "report", "reports", "filings", "filing", "figures",
    "estimates", "estimate", "analysis", "analyses", "survey", "surveys", "poll", "polls", "study", "studies",
    "papers", "statement", "statements", "release", "transcript", "transcripts", "minutes", "budget", "audit",
    "census", "complaint", "lawsuit", "indictment", "affidavit", "memo", "memos", "letter", "letters", "emails",
    "email", "filing", "website", "post", "posts", "statistics", "tally", "count", "results", "projections",
    "forecast", "forecasts", "logs", "receipts", "invoices", "contract", "contracts", "proposal", "plan", "order",
    "ruling", "opinion", "decision", "notice", "notices", "guidelines", "rules", "law", "bill", "testimony",
    "research", "review", "investigation", "findings", "assessment", "models", "map", "maps", "tweet", "video",
];

/// Nouns that make a statement a speaker: "the statement said".
pub const STATEMENT_NOUNS: &[&str] = &["statement", "release", "announcement", "letter", "post", "memo", "email", "report"];

/// Capitalised words that end an organisation's name: "Harbor Port Authority", "Acme Inc."
pub const ORG_HEADS: &[&str] = &[
    "Council", "Authority", "Department", "Ministry", "Agency", "Commission", "Committee", "Board", "Office",
    "Police", "Court", "Company", "Inc.", "Corp.", "Co.", "LLC", "Ltd.", "Group", "Bank", "University", "College",
    "Institute", "Association", "Union", "Party", "Administration", "Service", "Services", "Foundation", "Fund",
    "Center", "Centre", "Hospital", "District", "Society", "Network", "Corporation", "Coalition", "Alliance",
    "Federation", "Organization", "Organisation", "Parliament", "Congress", "Senate", "Assembly", "Cabinet",
    "Government", "Bureau", "Kremlin", "Pentagon", "Army", "Navy", "Guard", "Campaign", "Team", "Club", "League",
    "Times", "Post", "News", "Press", "Journal", "Ledger", "Herald", "Tribune", "Magazine", "Schools", "School",
    "Church", "Trust", "Partners", "Holdings", "Industries", "Airlines", "Motors", "Systems", "Technologies",
    "Labs", "Media", "Council's", "Commission's",
];

/// Organisations news copy names with a bare "the": "the White House said".
pub const KNOWN_ORGS: &[&str] = &[
    "Kremlin", "White House", "Pentagon", "Vatican", "State Department", "Justice Department", "Elysee", "Élysée",
    "Foreign Ministry", "Downing Street", "Congress", "Senate", "House", "Supreme Court", "FBI", "CIA", "NATO",
    "EU", "UN", "U.N.", "WHO", "IMF", "Fed", "Treasury",
];

/// Pronouns that can stand for a speaker in an attribution.
pub const SPEAKER_PRONOUNS: &[&str] = &["he", "she", "they", "it", "i", "we"];

/// Adverbs and auxiliaries that sit between a speaker and the verb: "Trump also said", "she has said".
pub const BETWEEN_SUBJECT_AND_CUE: &[&str] = &[
    "also", "later", "then", "previously", "earlier", "recently", "repeatedly", "once", "again", "has", "have",
    "had", "would", "will", "could", "might", "may", "did", "does", "do", "often", "frequently", "publicly",
    "privately", "flatly", "simply", "only", "first", "further", "subsequently", "quickly", "finally", "herself",
    "himself", "themselves", "itself", "still", "now", "already", "just", "long", "angrily", "bluntly",
    "candidly", "calmly", "quietly", "loudly", "softly", "emphatically", "bitterly", "proudly", "sharply",
    "firmly", "confidently", "sadly", "simply", "wryly", "tersely", "curtly", "cheerfully", "openly", "told", "never",
];

/// Months and days: capitalised words that are never names.
pub const CALENDAR: &[&str] = &[
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
    "December", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Jan.", "Feb.",
    "Aug.", "Sept.", "Sep.", "Oct.", "Nov.", "Dec.", "Today", "Tonight", "Yesterday",
];

/// Capitalised words that start sentences but never names.
pub const FUNCTION_WORDS: &[&str] = &[
    "The", "A", "An", "In", "On", "At", "But", "And", "Or", "If", "As", "When", "While", "After", "Before", "Since",
    "This", "That", "These", "Those", "There", "Here", "It", "He", "She", "They", "We", "I", "His", "Her", "Their",
    "Its", "Our", "My", "Your", "You", "For", "From", "To", "With", "Without", "By", "Of", "About", "Asked", "Some",
    "Many", "Most", "Much", "All", "No", "Not", "One", "Two", "Three", "Yet", "Still", "So", "Then", "Now", "Even",
    "According", "Under", "Over", "During", "Despite", "Although", "Though", "Because", "Why", "What", "Who",
    "How", "Where", "Which", "Whose", "Once", "Last", "Next", "Each", "Every", "Both", "Neither", "Either", "Such",
    "Other", "Another", "Other", "Only", "Just", "Also", "Instead", "Meanwhile", "However", "Still", "Later",
    "Earlier", "Critics", "Officials", "Sources", "Residents", "Experts", "Analysts", "Opponents", "Supporters",
    "Police", "Asked", "Like", "Unlike", "Among", "Between", "Through", "Across", "Against", "Toward", "Towards",
    "Into", "Upon", "Within", "Outside", "Inside", "Near", "Behind", "Beyond", "Mr", "Mrs", "Ms", "Do", "Does",
    "Did", "Is", "Are", "Was", "Were", "Be", "Has", "Have", "Had", "Will", "Would", "Can", "Could", "Should",
    "May", "Might", "Must", "Let", "Yes", "Oh", "Well", "Please", "Thank", "Thanks", "Sure", "OK", "Okay",
];

/// Particles inside names: "Ursula von der Leyen", "Carlos de la Cruz".
pub const NAME_PARTICLES: &[&str] = &["de", "da", "del", "della", "der", "den", "di", "du", "la", "le", "van", "von", "bin", "ibn", "al", "el", "ben", "dos", "das", "y", "st.", "mc"];

/// Name suffixes.
pub const NAME_SUFFIXES: &[&str] = &["Jr.", "Sr.", "II", "III", "IV", "Jr", "Sr"];

/// Phrases that say why a source was granted anonymity (AP, NYT, NPR): their presence in the same
/// or the next sentence explains an anonymous attribution.
pub const ANONYMITY_REASONS: &[&str] = &[
    "anonymity", "anonymously", "not to be named", "not be named", "not to be identified", "not be identified",
    "without being named", "without being identified", "not authorized", "not authorised", "unauthorized to",
    "weren't authorized", "wasn't authorized", "name be withheld", "names be withheld", "name not be used",
    "names not be used", "not to be quoted", "not be quoted", "declined to be named", "declined to be identified",
    "fear of reprisal", "fear of retaliation", "not permitted to", "not allowed to speak", "without attribution",
    "requested that their names", "requested that his name", "requested that her name", "on background",
    "identified only by",
];
