//! The speaker registry: one entity per person, organisation, anonymous source or document, with
//! its canonical name, role, mentions and the spellings it goes by.
//!
//! Entities come from the places a draft introduces people: attribution sources ("said Tom
//! Berrios"), titles before names ("Russian President Vladimir Putin"), role words ("his special
//! envoy Steve Witkoff"), appositives ("Rebecca Liu, a spokesperson for the authority") and
//! honorifics ("Mr. Kline"). A surname alone joins the person with that surname; a surname one or
//! two letters off a known one (Whitcombe, Klein) joins them as a variant spelling, which the
//! `name-variant` rule reports.

/// Maps keyed by short names: Fx hashes a word at a time and needs no flood guard (the keys are
/// the draft's own words, not an adversary's).
use rustc_hash::FxHashMap as HashMap;
use std::collections::hash_map::Entry;

use crate::ascii_chunks;
use crate::attribution::tokens::is_alphanumeric;
use crate::config::Config;
use crate::lexicon::{NAME_SUFFIXES, with_lowercase, with_lowercase_bytes};
use crate::model::{Mention, MentionKind, Span, Speaker, SpeakerId, SpeakerKind};

mod aliases;
mod mentions;
pub use mentions::{MentionIndex, Unchanged};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Gender {
    Male,
    Female,
}

/// What the registry knows about an entity beyond what [`Speaker`] shows.
#[derive(Clone, Debug, Default)]
pub struct EntityInfo {
    /// Last word of a person's name, without possessive: how later references name them.
    pub surname: Option<String>,
    pub first: Option<String>,
    pub gender: Option<Gender>,
    /// For anonymous sources and role references: the head noun ("official").
    pub head: Option<String>,
}

/// A person or organisation as introduced, before spellings are merged. Each keystroke finds
/// the draft's introductions again, borrowed (`Introduction<&str>`) from the prose and the
/// paragraphs' facts; only a registry kept for the next keystroke owns copies.
#[derive(Clone, Debug, PartialEq)]
pub struct Introduction<S = String> {
    pub name: S,
    pub role: Option<S>,
    pub kind: SpeakerKind,
    pub gender: Option<Gender>,
}

impl Introduction {
    /// This introduction, its words borrowed.
    pub fn borrowed(&self) -> Introduction<&str> {
        Introduction {
            name: &self.name,
            role: self.role.as_deref(),
            kind: self.kind,
            gender: self.gender,
        }
    }
}

impl Introduction<&str> {
    /// This introduction with its own copies of its words.
    pub fn owned(&self) -> Introduction {
        Introduction {
            name: self.name.to_string(),
            role: self.role.map(str::to_string),
            kind: self.kind,
            gender: self.gender,
        }
    }
}

#[derive(Clone, Default)]
pub struct Registry {
    pub speakers: Vec<Speaker>,
    pub info: Vec<EntityInfo>,
    /// People by lowercase surname and variant spelling ("PENCE" in a transcript is Pence), in
    /// the order they were introduced: name lookups must not scan every speaker. Keyed by the
    /// lowercase bytes ([`owned_surname_key`]): a name lowercased on the stack is looked up
    /// without checking again that it is UTF-8.
    by_surname: HashMap<Vec<u8>, Vec<SpeakerId>>,
    /// People by the lowercase words of their role, anonymous sources by their head noun, in
    /// id order: the candidates for a role reference ("the official", "the U.S. president").
    by_role: HashMap<String, Vec<SpeakerId>>,
    /// Organisations by [`org_key`] (the first with it) and by each lowercase word of their name.
    org_by_key: HashMap<String, SpeakerId>,
    orgs_by_word: HashMap<String, Vec<SpeakerId>>,
    /// Documents by name (the first with it).
    document_by_name: HashMap<String, SpeakerId>,
    /// Built from introductions, and not yet [`reindex`](Self::reindex)ed: only the indexes
    /// that building reads (`by_surname`, `org_by_key`) are kept up to date. Every index used
    /// to be filled as each entity came and then filled again by `reindex`, on every full
    /// analysis (docs/performance.md has what that cost).
    building: bool,
}

/// Adds `id` to a sorted id list, once.
fn insert_id(ids: &mut Vec<SpeakerId>, id: SpeakerId) {
    if let Err(at) = ids.binary_search(&id) {
        ids.insert(at, id);
    }
}

/// A name's key in `by_surname`, its lowercase bytes ([`with_lowercase_bytes`] for a lookup),
/// owned for a new entry.
fn owned_surname_key(name: &str) -> Vec<u8> {
    if name.is_ascii() {
        name.as_bytes().to_ascii_lowercase()
    } else {
        name.to_lowercase().into_bytes()
    }
}

/// Calls `f` with each word a role is matched on: lowercase, split at anything but letters,
/// digits and dots (empty words too, as the split gives them).
fn role_words(role: &str, mut f: impl FnMut(&str)) {
    with_lowercase(role, |role| {
        if role.is_ascii() {
            // Split byte by byte: an ASCII character is alphanumeric when it is an ASCII
            // letter or digit, and decoding each character was most of indexing a role.
            let mut start = 0;
            for (at, &b) in role.as_bytes().iter().enumerate() {
                if !b.is_ascii_alphanumeric() && b != b'.' {
                    f(&role[start..at]);
                    start = at + 1;
                }
            }
            f(&role[start..]);
        } else {
            role.split(|c: char| !c.is_alphanumeric() && c != '.')
                .for_each(&mut f);
        }
    });
}

impl Registry {
    /// Builds the registry of named people and organisations from their introductions, in
    /// document order, merging surnames into full names and near-spellings into variants.
    pub fn from_introductions(intros: &[Introduction<&str>], config: &Config) -> Registry {
        // Room for every introduction's entity (most name someone already met): the lists are
        // not copied as they grow.
        let mut reg = Registry {
            speakers: Vec::with_capacity(intros.len()),
            info: Vec::with_capacity(intros.len()),
            building: true,
            ..Registry::default()
        };
        for intro in intros {
            match intro.kind {
                SpeakerKind::Person => {
                    reg.person(intro.name, intro.role, intro.gender);
                }
                _ => {
                    reg.organization(intro.name);
                }
            }
        }
        reg.merge_variants();
        let renamed = reg.apply_house_names(config);
        reg.reindex(renamed);
        reg.building = false;
        reg
    }

    /// A clone with room for `room` more speakers, and for `mentions[id]` mentions of each
    /// speaker (as many as the last analysis found, say).
    pub fn clone_with_room(&self, room: usize, mentions: &[usize]) -> Registry {
        let mut speakers = Vec::with_capacity(self.speakers.len() + room);
        speakers.extend(self.speakers.iter().enumerate().map(|(id, speaker)| {
            let mut speaker = speaker.clone();
            let room = mentions.get(id).copied().unwrap_or(0);
            speaker
                .mentions
                .reserve_exact(room.saturating_sub(speaker.mentions.len()));
            speaker
        }));
        let mut info = Vec::with_capacity(self.info.len() + room);
        info.extend_from_slice(&self.info);
        Registry {
            speakers,
            info,
            by_surname: self.by_surname.clone(),
            by_role: self.by_role.clone(),
            org_by_key: self.org_by_key.clone(),
            orgs_by_word: self.orgs_by_word.clone(),
            document_by_name: self.document_by_name.clone(),
            building: self.building,
        }
    }

    fn push(&mut self, speaker: Speaker, info: EntityInfo) -> SpeakerId {
        let id = self.speakers.len();
        if speaker.kind == SpeakerKind::Person {
            for key in info.surname.iter().chain(&speaker.variants) {
                self.by_surname
                    .entry(owned_surname_key(key))
                    .or_default()
                    .push(id);
            }
        }
        let organization = speaker.kind == SpeakerKind::Organization;
        self.speakers.push(speaker);
        self.info.push(info);
        if !self.building {
            self.index_kind(id);
            self.index_role(id);
        } else if organization {
            self.index_org_key(id);
        }
        id
    }

    /// Builds the indexes that building the registry left for later, and `by_surname` again
    /// if `surnames` (entities were merged, removed, or given other surnames or variants).
    fn reindex(&mut self, surnames: bool) {
        if surnames {
            self.by_surname.clear();
            for (id, info) in self.info.iter().enumerate() {
                if self.speakers[id].kind != SpeakerKind::Person {
                    continue;
                }
                for key in info.surname.iter().chain(&self.speakers[id].variants) {
                    let ids = self.by_surname.entry(owned_surname_key(key)).or_default();
                    if ids.last() != Some(&id) {
                        ids.push(id);
                    }
                }
            }
        }
        self.by_role.clear();
        self.org_by_key.clear();
        self.orgs_by_word.clear();
        self.document_by_name.clear();
        for id in 0..self.speakers.len() {
            self.index_kind(id);
        }
        self.index_roles();
    }

    /// Indexes every entity as [`index_role`](Self::index_role) does one, into an empty
    /// `by_role`: each role's words are looked up once for everyone who has that role (a long
    /// draft's cast has hundreds of people and a few dozen roles, and looking up each person's
    /// role words was most of building the registry's indexes).
    fn index_roles(&mut self) {
        let people = self.speakers.len();
        // The people with each role, as a chain through `next` from the first to the last:
        // one list for all of them, not one allocated for each role.
        let mut roles: HashMap<&str, (SpeakerId, SpeakerId)> =
            HashMap::with_capacity_and_hasher(people, Default::default());
        let mut next = vec![usize::MAX; people];
        let by_role = &mut self.by_role;
        for (id, (speaker, info)) in self.speakers.iter().zip(&self.info).enumerate() {
            match speaker.kind {
                SpeakerKind::Person => {
                    if let Some(role) = &speaker.role {
                        match roles.entry(role.as_str()) {
                            Entry::Occupied(mut chain) => {
                                next[chain.get().1] = id;
                                chain.get_mut().1 = id;
                            }
                            Entry::Vacant(chain) => {
                                chain.insert((id, id));
                            }
                        }
                    }
                }
                SpeakerKind::Anonymous => {
                    if let Some(head) = &info.head {
                        match by_role.get_mut(head.as_str()) {
                            Some(ids) => insert_id(ids, id),
                            None => {
                                by_role.insert(head.clone(), vec![id]);
                            }
                        }
                    }
                }
                _ => {}
            }
        }
        for (role, &(first, _)) in &roles {
            let chain =
                || std::iter::successors(Some(first), |&id| Some(next[id]).filter(|&n| n < people));
            role_words(role, |word| match by_role.get_mut(word) {
                Some(ids) => chain().for_each(|id| insert_id(ids, id)),
                None => {
                    by_role.insert(word.to_string(), chain().collect());
                }
            });
        }
    }

    /// Indexes an organisation or document by its name, which never changes.
    fn index_kind(&mut self, id: SpeakerId) {
        match self.speakers[id].kind {
            SpeakerKind::Organization => {
                self.index_org_key(id);
                let name = &self.speakers[id].name;
                for word in name.split_whitespace() {
                    insert_id(
                        self.orgs_by_word.entry(word.to_lowercase()).or_default(),
                        id,
                    );
                }
            }
            SpeakerKind::Document => {
                let name = self.speakers[id].name.clone();
                self.document_by_name.entry(name).or_insert(id);
            }
            _ => {}
        }
    }

    /// Indexes an organisation by its [`org_key`], unless another has it already.
    fn index_org_key(&mut self, id: SpeakerId) {
        let key = org_key(&self.speakers[id].name).to_string();
        self.org_by_key.entry(key).or_insert(id);
    }

    /// Indexes a person by their role's words or an anonymous source by its head noun.
    fn index_role(&mut self, id: SpeakerId) {
        match self.speakers[id].kind {
            SpeakerKind::Person => {
                if let Some(role) = &self.speakers[id].role {
                    // A word's list is looked up before its key is copied: most are there.
                    let by_role = &mut self.by_role;
                    role_words(role, |word| match by_role.get_mut(word) {
                        Some(ids) => insert_id(ids, id),
                        None => {
                            by_role.insert(word.to_string(), vec![id]);
                        }
                    });
                }
            }
            SpeakerKind::Anonymous => {
                if let Some(head) = &self.info[id].head {
                    // Looked up before the key is copied, as above.
                    match self.by_role.get_mut(head.as_str()) {
                        Some(ids) => insert_id(ids, id),
                        None => {
                            self.by_role.insert(head.clone(), vec![id]);
                        }
                    }
                }
            }
            _ => {}
        }
    }

    /// The people whose role has the word `head` and the anonymous sources with that head noun,
    /// in id order.
    pub fn role_candidates(&self, head: &str) -> &[SpeakerId] {
        self.by_role.get(head).map_or(&[], Vec::as_slice)
    }

    /// The person with this name (full or surname), created if new.
    pub fn person(&mut self, name: &str, role: Option<&str>, gender: Option<Gender>) -> SpeakerId {
        match name_ends(name) {
            Some(words) => self.person_with(name, words, role, gender),
            None => self.push(
                Speaker {
                    name: name.to_string(),
                    role: role.map(str::to_string),
                    kind: SpeakerKind::Person,
                    variants: vec![],
                    mentions: vec![],
                },
                EntityInfo::default(),
            ),
        }
    }

    /// [`person`](Self::person), given the name's first and last words as [`NameEnds`] finds
    /// them: every named source of every clause comes here on every keystroke, and the
    /// paragraph's facts keep its name's ends.
    pub fn person_with(
        &mut self,
        name: &str,
        (first, last): (Option<&str>, &str),
        role: Option<&str>,
        gender: Option<Gender>,
    ) -> SpeakerId {
        // Borrowed until a new entity needs owned strings: most calls find someone known.
        let surname = crate::attribution::tokens::strip_possessive(last);
        let existing = self.find_person(surname, first);
        let id = match existing {
            Some(id) => {
                if let Some(first) = first
                    && self.info[id].first.is_none()
                {
                    self.info[id].first = Some(first.to_string());
                    self.speakers[id].name = name.to_string();
                }
                id
            }
            None => self.push(
                Speaker {
                    name: if first.is_some() {
                        name.to_string()
                    } else {
                        surname.to_string()
                    },
                    role: None,
                    kind: SpeakerKind::Person,
                    variants: vec![],
                    mentions: vec![],
                },
                EntityInfo {
                    surname: Some(surname.to_string()),
                    first: first.map(str::to_string),
                    ..EntityInfo::default()
                },
            ),
        };
        // Copied only for a person who had none: most calls name someone whose role is known.
        if self.speakers[id].role.is_none()
            && let Some(role) = role
        {
            self.speakers[id].role = Some(role.to_string());
            if !self.building {
                self.index_role(id);
            }
        }
        if self.info[id].gender.is_none() {
            self.info[id].gender = gender;
        }
        id
    }

    /// The person already known by this name (full or surname), if any.
    pub fn existing_person(&self, name: &str) -> Option<SpeakerId> {
        let (first, last) = name_ends(name)?;
        self.existing_person_with(first, last)
    }

    /// [`existing_person`](Self::existing_person), given the name's first and last words.
    pub fn existing_person_with(&self, first: Option<&str>, last: &str) -> Option<SpeakerId> {
        self.find_person(crate::attribution::tokens::strip_possessive(last), first)
    }

    /// A person with this surname (and first name, when both are known).
    fn find_person(&self, surname: &str, first: Option<&str>) -> Option<SpeakerId> {
        let ids = with_lowercase_bytes(surname, |key| self.by_surname.get(key))?;
        match first {
            Some(first) => ids
                .iter()
                .copied()
                .find(|&id| self.info[id].first.as_deref().is_none_or(|f| f == first)),
            // A surname alone: the most recently introduced person with it.
            None => ids.last().copied(),
        }
    }

    pub fn organization(&mut self, name: &str) -> SpeakerId {
        let key = org_key(name);
        if let Some(&id) = self.org_by_key.get(key) {
            return id;
        }
        self.push(
            Speaker {
                name: key.to_string(),
                role: None,
                kind: SpeakerKind::Organization,
                variants: vec![],
                mentions: vec![],
            },
            EntityInfo::default(),
        )
    }

    /// An organisation referred to by its kind ("the council"): the named one it matches, if any.
    pub fn organization_by_kind(&mut self, noun: &str, text: &str) -> SpeakerId {
        let found = self
            .orgs_by_word
            .get(&noun.to_lowercase())
            .and_then(|ids| ids.last());
        match found {
            Some(&id) => id,
            None => self.organization(text),
        }
    }

    /// A new anonymous source, described as the draft describes it.
    pub fn anonymous(&mut self, description: &str, head: &str) -> SpeakerId {
        let name = lowercase_first(description);
        self.push(
            Speaker {
                name,
                role: None,
                kind: SpeakerKind::Anonymous,
                variants: vec![],
                mentions: vec![],
            },
            EntityInfo {
                head: Some(head.to_string()),
                ..EntityInfo::default()
            },
        )
    }

    pub fn document(&mut self, description: &str) -> SpeakerId {
        let name = strip_article(description).to_string();
        if let Some(&id) = self.document_by_name.get(&name) {
            return id;
        }
        self.push(
            Speaker {
                name,
                role: None,
                kind: SpeakerKind::Document,
                variants: vec![],
                mentions: vec![],
            },
            EntityInfo::default(),
        )
    }

    /// A surname-only person whose spelling is one or two letters off a person with a full
    /// name joins that person: "Whitcombe" → Alan Whitcomb. Keeps `by_surname` up to date.
    fn merge_variants(&mut self) {
        // The people with a full name, by the sound of their surname: `is_variant` needs the
        // same Soundex code, and comparing every surname with every other was quadratic.
        let mut by_sound: HashMap<[u8; 4], Vec<SpeakerId>> = HashMap::default();
        for (id, info) in self.info.iter().enumerate() {
            if self.speakers[id].kind == SpeakerKind::Person
                && info.first.is_some()
                && let Some(surname) = &info.surname
            {
                by_sound.entry(soundex(surname)).or_default().push(id);
            }
        }
        let mut remove = Vec::new();
        for id in 0..self.speakers.len() {
            if self.speakers[id].kind != SpeakerKind::Person || self.info[id].first.is_some() {
                continue;
            }
            let Some(surname) = self.info[id].surname.clone() else {
                continue;
            };
            let target = by_sound
                .get(&soundex(&surname))
                .into_iter()
                .flatten()
                .copied()
                .find(|&other| {
                    other != id
                        && self.speakers[other].kind == SpeakerKind::Person
                        && self.info[other].first.is_some()
                        && self.info[other]
                            .surname
                            .as_deref()
                            .is_some_and(|s| is_variant_alike(s, &surname))
                });
            if let Some(target) = target {
                self.speakers[target].variants.push(surname);
                if self.speakers[target].role.is_none() {
                    self.speakers[target].role = self.speakers[id].role.take();
                }
                remove.push((id, target));
            }
        }
        if remove.is_empty() {
            return;
        }
        // In one pass: removing each in turn moved every entity after it, for each.
        let mut kept = vec![true; self.speakers.len()];
        for &(id, _) in &remove {
            kept[id] = false;
        }
        let mut keep = kept.iter();
        self.speakers
            .retain(|_| keep.next().is_none_or(|&kept| kept));
        let mut keep = kept.iter();
        self.info.retain(|_| keep.next().is_none_or(|&kept| kept));
        // Each id's place now, a removed person's being the one they joined, whose variant
        // their surname is: `by_surname` renumbered in place gives each spelling the people it
        // names, without lowercasing and copying every key again.
        // A kept person's place is the number of people kept before them; a removed person's is
        // set from the one they joined just below (counting them as the kept are counted
        // would take one from zero for a removed person before anyone kept).
        let mut renumbered: Vec<SpeakerId> = (kept.iter())
            .scan(0, |kept_before, &kept| {
                let place = *kept_before;
                *kept_before += usize::from(kept);
                Some(place)
            })
            .collect();
        for &(id, target) in &remove {
            renumbered[id] = renumbered[target];
        }
        for ids in self.by_surname.values_mut() {
            for id in ids.iter_mut() {
                *id = renumbered[*id];
            }
            // A spelling of two people, one of whom joined another, lists an id twice or
            // out of order.
            if !ids.is_sorted_by(|a, b| a < b) {
                ids.sort_unstable();
                ids.dedup();
            }
        }
    }

    /// The house dictionary: canonical spellings, roles and banned variants. Says whether a
    /// person's surname changed (and their spelling became a variant).
    fn apply_house_names(&mut self, config: &Config) -> bool {
        let mut renamed = false;
        for (canonical, entry) in &config.names {
            let surname = canonical.split_whitespace().last().unwrap_or(canonical);
            for id in 0..self.speakers.len() {
                if self.speakers[id].kind != SpeakerKind::Person {
                    continue;
                }
                let Some(own) = self.info[id].surname.clone() else {
                    continue;
                };
                let matches = own == surname
                    || entry
                        .variants
                        .iter()
                        .any(|v| v.split_whitespace().last() == Some(own.as_str()));
                if !matches {
                    continue;
                }
                if own != surname {
                    self.speakers[id].variants.push(own);
                    self.info[id].surname = Some(surname.to_string());
                    renamed = true;
                }
                if canonical.split_whitespace().count() > 1 {
                    self.speakers[id].name = canonical.clone();
                    self.info[id].first = canonical.split_whitespace().next().map(str::to_string);
                }
                if self.speakers[id].role.is_none() {
                    self.speakers[id].role = entry.role.clone();
                }
            }
        }
        renamed
    }

    /// Adds a mention of `id`, unless it overlaps one `id` has; says whether it did.
    pub fn add_mention(
        &mut self,
        id: SpeakerId,
        span: Span,
        kind: MentionKind,
        in_quote: bool,
    ) -> bool {
        let mentions = &mut self.speakers[id].mentions;
        // Mentions are sorted and never overlap, so only the one before the insertion point and
        // those starting inside the span can overlap it: a long draft's main speaker has
        // thousands of mentions, and checking them all made this quadratic.
        let at = mentions.partition_point(|m| m.span.start < span.start);
        let overlapping = at
            .checked_sub(1)
            .is_some_and(|before| mentions[before].span.overlaps(span))
            || mentions[at..]
                .iter()
                .take_while(|m| m.span.start < span.end.max(span.start + 1))
                .any(|m| m.span.overlaps(span));
        if overlapping {
            return false;
        }
        mentions.insert(
            at,
            Mention {
                span,
                kind,
                in_quote,
            },
        );
        true
    }
}

/// Where a name's first and last words are (a suffix such as "Jr." is not one), as byte ranges
/// of the name: found once when a paragraph is read and kept with its clauses, since a
/// keystroke resolves every clause of the draft again and splitting each name again was 4–5 %
/// of it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NameEnds {
    /// Empty when the name has one word.
    first: (u32, u32),
    last: (u32, u32),
}

impl NameEnds {
    /// The ends of `name`; `None` for a name of no words, or one too long to place in 32 bits.
    pub fn of(name: &str) -> Option<NameEnds> {
        let (first, last) = name_ends(name)?;
        // The words are slices of `name`: their places are their distances from its start.
        let place = |word: &str| -> Option<(u32, u32)> {
            let start = word.as_ptr() as usize - name.as_ptr() as usize;
            Some((
                u32::try_from(start).ok()?,
                u32::try_from(start + word.len()).ok()?,
            ))
        };
        Some(NameEnds {
            first: match first {
                Some(word) => place(word)?,
                None => (0, 0),
            },
            last: place(last)?,
        })
    }

    /// The first and last words of `name`, the name these ends were found in; `None` if they
    /// do not fit it.
    pub fn words<'n>(&self, name: &'n str) -> Option<(Option<&'n str>, &'n str)> {
        let word = |(start, end): (u32, u32)| name.get(start as usize..end as usize);
        let first = match self.first {
            (start, end) if start == end => None,
            range => Some(word(range)?),
        };
        Some((first, word(self.last)?))
    }
}

/// The first and last words of a name, without a suffix ("Jr."): no first word for a name of
/// one word, and `None` for a name of none.
fn name_ends(name: &str) -> Option<(Option<&str>, &str)> {
    fn ends<'a>(
        mut words: impl DoubleEndedIterator<Item = &'a str>,
    ) -> Option<(Option<&'a str>, &'a str)> {
        let head = words.next()?;
        Some(match words.next_back() {
            Some(last) => (Some(head), last),
            None => (None, head),
        })
    }
    // Split byte by byte when it is the same: an ASCII name's white space is ASCII white space
    // or the vertical tab (which `split_ascii_whitespace` would leave in a word). Split at both
    // in one pass: looking for the tab first was a quarter of the split.
    if name.is_ascii() {
        let is_space = |b: &u8| b.is_ascii_whitespace() || *b == b'\x0b';
        let words = (name.as_bytes().split(is_space))
            .filter(|word| !word.is_empty())
            .map(|word| {
                let start = word.as_ptr() as usize - name.as_ptr() as usize;
                &name[start..start + word.len()]
            });
        ends(words.filter(is_not_suffix))
    } else {
        ends(name.split_whitespace().filter(is_not_suffix))
    }
}

fn is_not_suffix(word: &&str) -> bool {
    !NAME_SUFFIXES.contains(word)
}

/// `a` and `b` are the same in lowercase: compared in place when both are ASCII (nearly every
/// name), without a lowercase copy of each.
fn same_lowercase(a: &str, b: &str) -> bool {
    if a.is_ascii() && b.is_ascii() {
        a.eq_ignore_ascii_case(b)
    } else {
        a.to_lowercase() == b.to_lowercase()
    }
}

/// Spellings close enough to be one name misspelled: same first letter and sound (Soundex), and
/// one edit apart, or two when the letters are the same ones shuffled (Kline, Klein). Garcia and
/// Garza are two names.
pub fn is_variant(a: &str, b: &str) -> bool {
    variant_spelling(a, b, |a, b| soundex(a) == soundex(b))
}

/// [`is_variant`] for two names known to have the same Soundex code: both callers look
/// candidates up by the code, and working it out again for each pair was about a quarter of
/// the test.
fn is_variant_alike(a: &str, b: &str) -> bool {
    variant_spelling(a, b, |_, _| true)
}

/// The shapes a variant spelling of one of a set of names can have: its first byte, and its
/// length within two characters of a name of five or more that starts with that byte. A
/// capitalised word of another shape is no one's variant spelling ([`variant_spelling`]'s
/// first tests), and is answered without hashing it or working out its Soundex code: most of
/// a draft's capitalised words are places, months and sentence openers of such shapes.
pub(crate) struct VariantShapes {
    /// Bit `n` of `lengths[b]` is set when a name starting with byte `b` is within two
    /// characters of `n` long; names of 63 characters or more share bit 63.
    lengths: Box<[u64; 256]>,
}

impl VariantShapes {
    pub(crate) fn of<'n>(names: impl IntoIterator<Item = &'n str>) -> VariantShapes {
        let mut lengths = Box::new([0u64; 256]);
        for name in names {
            let Some(&first) = name.as_bytes().first() else {
                continue;
            };
            let count = name.chars().count();
            // A word that is a variant has five characters or more, as the name has.
            if count < 5 {
                continue;
            }
            for near in count.saturating_sub(2).max(5)..=count + 2 {
                lengths[usize::from(first)] |= 1 << near.min(63);
            }
        }
        VariantShapes { lengths }
    }

    /// Whether `word` may be a variant spelling of one of the names: `false` only when
    /// [`is_variant`] is false for each of them.
    pub(crate) fn may_fit(&self, word: &str) -> bool {
        let Some(&first) = word.as_bytes().first() else {
            return false;
        };
        let lengths = self.lengths[usize::from(first)];
        lengths != 0 && lengths & 1 << word.chars().count().min(63) != 0
    }
}

/// [`is_variant`], asking `alike` whether the names sound the same once the cheaper tests pass.
fn variant_spelling(a: &str, b: &str, alike: impl Fn(&str, &str) -> bool) -> bool {
    if a == b || a.chars().next() != b.chars().next() {
        return false;
    }
    // Counted in bytes when both names are ASCII (nearly every pair): counting the characters
    // of two short names a byte at a time was a quarter of the test.
    let (la, lb) = if a.is_ascii() && b.is_ascii() {
        (a.len(), b.len())
    } else {
        (a.chars().count(), b.chars().count())
    };
    if la.min(lb) < 5 || la.abs_diff(lb) > 2 {
        return false;
    }
    // Cheap before costly: most pairs differ in sound, and that needs no allocation.
    if !alike(a, b) {
        return false;
    }
    // Names that sound alike may still be far apart in letters (the Soundex buckets of a long
    // cast hold dozens of surnames); counting letters rules most of them out without the matrix.
    let apart = letters_apart(a, b);
    if apart.is_some_and(|apart| apart > 2 * 2) {
        return false;
    }
    // Two edits that keep the letters are a transposition: "Ostrowski", "Ostorwski".
    let same_letters = || {
        apart.map_or_else(
            || {
                let mut x: Vec<char> = a.to_lowercase().chars().collect();
                let mut y: Vec<char> = b.to_lowercase().chars().collect();
                x.sort_unstable();
                y.sort_unstable();
                x == y
            },
            |apart| apart == 0,
        )
    };
    let distance = edit_distance(a, b);
    distance == 1 || distance == 2 && same_letters()
}

/// The longest names, in bytes, that the letter count and the edit distance read on the stack,
/// as ASCII; longer or other names take the general path.
const SHORT_ASCII: usize = 48;

fn short_ascii(a: &str, b: &str) -> bool {
    a.is_ascii() && b.is_ascii() && a.len() < SHORT_ASCII && b.len() < SHORT_ASCII
}

/// How many letters, ignoring case, one short ASCII name has that the other lacks, counted
/// both ways; `None` for other names. An edit changes this by at most two (a substitution
/// takes one letter and adds another, a transposition changes nothing), so names more than
/// `2 * d` apart are more than `d` edits apart.
fn letters_apart(a: &str, b: &str) -> Option<usize> {
    if !short_ascii(a, b) {
        return None;
    }
    // One count of each byte, lowercase, up for `a`'s bytes and down for `b`'s (no count
    // leaves -47..=47), indexed below 128 as an ASCII byte is (the mask spares a bounds test
    // a byte), and the counts' sizes summed a byte a lane: no sum exceeds 94 (two names of
    // under 48 bytes), and summing the 128 differences as wide numbers, as this once did, was
    // most of `is_variant`'s instructions.
    let mut counts = [0i8; 128];
    for c in a.bytes() {
        counts[usize::from(c.to_ascii_lowercase() & 0x7F)] += 1;
    }
    for c in b.bytes() {
        counts[usize::from(c.to_ascii_lowercase() & 0x7F)] -= 1;
    }
    let apart = counts.iter().fold(0u8, |sum, n| sum + n.unsigned_abs());
    Some(usize::from(apart))
}

/// Distances above this are all "too far" to [`is_variant`]: the distance functions stop there.
const FAR: usize = 3;

/// [`edit_distance`] of short ASCII names, on the stack: the registry compares every pair of
/// similar-sounding surnames, and allocating a matrix for each was a tenth of the analysis.
/// Stops at [`FAR`]: no later cell can fall below the smaller of this row's minimum and one
/// more than the previous row's (a transposition reaches back two rows).
///
/// The ends the names share are left out first: they change no distance (an edit that would
/// touch them gains nothing over one beside them), and near spellings of a name differ in a
/// letter or two in the middle, so the matrix is a few cells instead of a hundred.
fn ascii_edit_distance(a: &[u8], b: &[u8]) -> usize {
    let same = |(x, y): (&u8, &u8)| x.eq_ignore_ascii_case(y);
    let head = a.iter().zip(b).take_while(|&pair| same(pair)).count();
    let (a, b) = (&a[head..], &b[head..]);
    let tail = (a.iter().rev().zip(b.iter().rev()))
        .take_while(|&pair| same(pair))
        .count();
    let (a, b) = (&a[..a.len() - tail], &b[..b.len() - tail]);
    if a.is_empty() || b.is_empty() {
        return a.len().max(b.len()).min(FAR);
    }
    let lower = |c: &u8| c.to_ascii_lowercase();
    let (mut x, mut y) = ([0u8; SHORT_ASCII], [0u8; SHORT_ASCII]);
    for (dst, src) in x.iter_mut().zip(a) {
        *dst = lower(src);
    }
    for (dst, src) in y.iter_mut().zip(b) {
        *dst = lower(src);
    }
    let (a, b) = (&x[..a.len()], &y[..b.len()]);
    // Rows i-2, i-1 and i of the distance matrix, in bytes (no distance exceeds 47), each
    // row taking the one before's place as the next begins: copying whole rows of wide cells
    // from one to the next was a third of the distance's instructions.
    let mut rows = [[0u8; SHORT_ASCII + 1]; 3];
    let [before, prev, row] = &mut rows;
    let (mut before, mut prev, mut row) = (before, prev, row);
    for (j, cell) in prev.iter_mut().enumerate().take(b.len() + 1) {
        *cell = j as u8;
    }
    let mut prev_min = 0;
    for i in 1..=a.len() {
        row[0] = i as u8;
        let mut row_min = i as u8;
        for j in 1..=b.len() {
            let cost = u8::from(a[i - 1] != b[j - 1]);
            row[j] = (prev[j] + 1).min(row[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                row[j] = row[j].min(before[j - 2] + 1);
            }
            row_min = row_min.min(row[j]);
        }
        if usize::from(row_min.min(prev_min + 1)) >= FAR {
            return FAR;
        }
        prev_min = row_min;
        (before, prev, row) = (prev, row, before);
    }
    usize::from(prev[b.len()]).min(FAR)
}

/// Optimal-string-alignment distance (transpositions count one), capped at [`FAR`].
fn edit_distance(a: &str, b: &str) -> usize {
    if short_ascii(a, b) {
        return ascii_edit_distance(a.as_bytes(), b.as_bytes());
    }
    char_edit_distance(a, b).min(FAR)
}

fn char_edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.to_lowercase().chars().collect();
    let b: Vec<char> = b.to_lowercase().chars().collect();
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            d[i][j] = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d[i][j] = d[i][j].min(d[i - 2][j - 2] + 1);
            }
        }
    }
    d[a.len()][b.len()]
}

/// The Soundex code of a name's ASCII letters, read as bytes: every byte of a character beyond
/// ASCII is above 0x7F, so the bytes that are ASCII letters are the name's ASCII letters, in
/// order, without decoding a character (asked of every capitalised word looked at as a variant
/// spelling).
fn soundex(name: &str) -> [u8; 4] {
    let code = |c: u8| match c.to_ascii_lowercase() {
        b'b' | b'f' | b'p' | b'v' => b'1',
        b'c' | b'g' | b'j' | b'k' | b'q' | b's' | b'x' | b'z' => b'2',
        b'd' | b't' => b'3',
        b'l' => b'4',
        b'm' | b'n' => b'5',
        b'r' => b'6',
        _ => b'0',
    };
    let mut out = [0u8; 4];
    let mut letters = name.bytes().filter(u8::is_ascii_alphabetic);
    let Some(first) = letters.next() else {
        return out;
    };
    out[0] = first.to_ascii_uppercase();
    let mut len = 1;
    let mut last = code(first);
    for c in letters {
        if len == 4 {
            break;
        }
        let d = code(c);
        if d != b'0' && d != last {
            out[len] = d;
            len += 1;
        }
        if !matches!(c.to_ascii_lowercase(), b'h' | b'w') {
            last = d;
        }
    }
    out
}

/// The length of the word at the start of `rest`: letters and digits, joined by apostrophes and
/// hyphens that have a letter or digit after them.
fn word_len(rest: &str) -> usize {
    let mut k = 0;
    loop {
        k = crate::attribution::tokens::ascii_alphanumeric_end(rest, k);
        // The ASCII byte that ends the run is no letter or digit: only an apostrophe or a
        // hyphen may join what follows, and nearly every word ends at a space or a comma.
        if rest
            .as_bytes()
            .get(k)
            .is_some_and(|&b| b.is_ascii() && b != b'\'' && b != b'-')
        {
            return k;
        }
        let Some(ch) = rest[k..].chars().next() else {
            return k;
        };
        let joins = is_alphanumeric(ch)
            || (matches!(ch, '’' | '\'' | '-')
                && rest[k + ch.len_utf8()..]
                    .chars()
                    .next()
                    .is_some_and(is_alphanumeric));
        if !joins {
            return k;
        }
        k += ch.len_utf8();
    }
}

/// Capitalised words of the prose with their spans.
///
/// A word is a run of letters and digits, with an apostrophe or hyphen between two of them
/// (`O’Brien`, `re-Elect`), as `word_len` reads it. Rather than measure every word of the
/// prose, the scan jumps to the next byte that may start a capital (an ASCII capital, or the
/// first byte of any other character) and asks whether a word starts there: whether the
/// character before it is a letter or digit, or a joining mark right after one. Reading every
/// word was a tenth of reading a paragraph.
pub fn capitalized_words(prose: &str) -> impl Iterator<Item = (Span, &str)> {
    let bytes = prose.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < bytes.len() {
            i = next_capital_byte(bytes, i);
            if i >= bytes.len() {
                break;
            }
            // An ASCII byte found is a capital. Of the others, nearly all start General
            // Punctuation (curly quotes, dashes: U+2000 to U+207F), which has no capital and is
            // passed over by its first two bytes, without a look in the Unicode tables.
            if bytes[i] == 0xE2 && matches!(bytes.get(i + 1), Some(0x80 | 0x81)) {
                i += 3;
                continue;
            }
            let rest = &prose[i..];
            let c = rest.chars().next()?;
            if !(c.is_ascii() || c.is_uppercase()) || inside_word(&prose[..i]) {
                i += c.len_utf8();
                continue;
            }
            let start = i;
            let len = word_len(rest);
            i += len;
            return Some((Span::new(start, start + len), &prose[start..start + len]));
        }
        None
    })
}

/// The first byte at or after `from` that may start a capital: an ASCII capital or the first
/// byte of a character beyond U+007F (`bytes.len()` if none). Eight bytes at a time
/// ([`crate::ascii_chunks`]): most of a line of prose has no capital in it.
fn next_capital_byte(bytes: &[u8], from: usize) -> usize {
    ascii_chunks::find(bytes, from, ascii_chunks::may_start_capital)
}

/// Whether a letter or digit right after `before` continues a word: after another, or after
/// an apostrophe or hyphen that follows one.
fn inside_word(before: &str) -> bool {
    // Nearly always an ASCII byte before: a space, a letter, a mark that joins nothing.
    match before.as_bytes().last() {
        Some(b) if b.is_ascii_alphanumeric() => return true,
        Some(b) if b.is_ascii() && !matches!(b, b'\'' | b'-') => return false,
        _ => {}
    }
    let mut back = before.chars().rev();
    match back.next() {
        Some(c) if is_alphanumeric(c) => true,
        Some('’' | '\'' | '-') => back.next().is_some_and(is_alphanumeric),
        _ => false,
    }
}

fn org_key(name: &str) -> &str {
    strip_article(name)
}

fn strip_article(text: &str) -> &str {
    for article in ["the ", "The ", "a ", "A ", "an ", "An "] {
        if let Some(rest) = text.strip_prefix(article) {
            return rest;
        }
    }
    text
}

fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    let Some(first) = chars.next() else {
        return String::new();
    };
    // Keep "U.S." and names as they are; lowercase a sentence-initial article or number word.
    let first_word = text.split_whitespace().next().unwrap_or("");
    if first.is_uppercase() && first_word.chars().skip(1).all(char::is_lowercase) {
        // In one piece: collected a character at a time, the name grew (and was copied) as
        // it went, for every anonymous source on every keystroke.
        let mut name = String::with_capacity(text.len() + 2);
        name.extend(first.to_lowercase());
        name.push_str(chars.as_str());
        name
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Someone introduced by name alone, with no role or gender: what the tests of the
    /// registry's names need.
    pub(super) fn named_person(name: &str) -> Introduction<&str> {
        Introduction {
            name,
            role: None,
            kind: SpeakerKind::Person,
            gender: None,
        }
    }

    #[test]
    fn every_byte_that_may_start_a_capital_is_found_in_every_place_of_a_chunk() {
        for b in 0..=u8::MAX {
            for place in 0..9 {
                let mut bytes = *b"abz@[` \x7fab";
                if place < bytes.len() {
                    bytes[place] = b;
                }
                let may_start = |b: u8| b.is_ascii_uppercase() || b >= 0xC0;
                for from in 0..bytes.len() {
                    let expected = (from..bytes.len())
                        .find(|&i| may_start(bytes[i]))
                        .unwrap_or(bytes.len());
                    assert_eq!(
                        next_capital_byte(&bytes, from),
                        expected,
                        "{bytes:?} from {from}"
                    );
                }
            }
        }
    }

    #[test]
    fn name_ends_kept_as_places_give_back_the_first_and_last_words() {
        for (name, first, last) in [
            ("Maria Delgado", Some("Maria"), "Delgado"),
            ("Delgado", None, "Delgado"),
            ("Martin Luther King Jr.", Some("Martin"), "King"),
            ("  Zoë   Ólafsdóttir 😀 ", Some("Zoë"), "😀"),
        ] {
            let ends = NameEnds::of(name).expect(name);
            assert_eq!(ends.words(name), Some((first, last)), "{name:?}");
        }
        assert_eq!(NameEnds::of(""), None);
        assert_eq!(NameEnds::of(" Jr. "), None);
        // Places that do not fit another name give nothing rather than a wrong word or a panic.
        let ends = NameEnds::of("Ana Ruiz-Bermúdez").unwrap();
        assert_eq!(ends.words("Ana Ruiz"), None);
        assert_eq!(ends.words("Ana Ruiz-Bermú"), None);
    }

    proptest::proptest! {
        /// For any name, the kept places give what splitting the name again gives.
        #[test]
        fn name_ends_kept_as_places_agree_with_splitting_again(
            name in r"[ \t\x0B\x{a0}aZéЖ😀.]{0,16}( (Jr\.|III|Sr))?"
        ) {
            let kept = NameEnds::of(&name).and_then(|ends| ends.words(&name));
            proptest::prop_assert_eq!(kept, name_ends(&name));
        }
    }

    /// Soundex read a character at a time, as it was: the reference for [`soundex`].
    fn soundex_by_chars(name: &str) -> [u8; 4] {
        let code = |c: char| match c.to_ascii_lowercase() {
            'b' | 'f' | 'p' | 'v' => b'1',
            'c' | 'g' | 'j' | 'k' | 'q' | 's' | 'x' | 'z' => b'2',
            'd' | 't' => b'3',
            'l' => b'4',
            'm' | 'n' => b'5',
            'r' => b'6',
            _ => b'0',
        };
        let mut out = [0u8; 4];
        let mut chars = name.chars().filter(char::is_ascii_alphabetic);
        let Some(first) = chars.next() else {
            return out;
        };
        out[0] = first.to_ascii_uppercase() as u8;
        let mut len = 1;
        let mut last = code(first);
        for c in chars {
            if len == 4 {
                break;
            }
            let d = code(c);
            if d != b'0' && d != last {
                out[len] = d;
                len += 1;
            }
            if !matches!(c.to_ascii_lowercase(), 'h' | 'w') {
                last = d;
            }
        }
        out
    }

    proptest::proptest! {
        /// Read as bytes, a name has the code its characters give, whatever is in it:
        /// letters of every code and case, h and w, letters beyond ASCII (whose bytes are not
        /// ASCII letters), digits and punctuation.
        #[test]
        fn soundex_read_as_bytes_is_soundex_read_as_characters(
            name in r"[A-Za-z]{0,3}[A-Za-zÅåéßİıĸ𝐀Ⓐﬀ’'\- 0-9😀]{0,14}"
        ) {
            proptest::prop_assert_eq!(soundex(&name), soundex_by_chars(&name));
        }
    }

    proptest::proptest! {
        /// A name's key in `by_surname`, looked up or owned, is its lowercase: capitals,
        /// characters beyond ASCII (the Kelvin sign's lowercase is ASCII, İ's is longer), and
        /// names too long for the stack.
        #[test]
        fn a_surnames_key_is_its_lowercase(
            any in "[aZ.\u{212A}\u{130}Éé😀 -]{0,70}",
            ascii in "[A-Za-z .'-]{50,80}",
        ) {
            for name in [any, ascii] {
                let lower = name.to_lowercase().into_bytes();
                proptest::prop_assert_eq!(with_lowercase_bytes(&name, <[u8]>::to_vec), lower.clone());
                proptest::prop_assert_eq!(owned_surname_key(&name), lower);
            }
        }
    }

    #[test]
    fn a_person_is_found_by_their_surname_in_any_case() {
        let long = "Abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklmnop";
        let intros: Vec<Introduction<&str>> = ["Mike Pence", "Zoë Ólafsdóttir", long]
            .map(named_person)
            .into();
        let reg = Registry::from_introductions(&intros, &Config::default());
        for (name, id) in [
            ("PENCE", 0),
            ("pence", 0),
            ("Pence", 0),
            ("ÓLAFSDÓTTIR", 1),
            ("ólafsdóttir", 1),
        ] {
            assert_eq!(reg.existing_person(name), Some(id), "{name}");
        }
        assert_eq!(reg.existing_person(&long.to_uppercase()), Some(2));
        assert_eq!(reg.existing_person("Pense"), None);
        assert_eq!(reg.existing_person("Olafsdottir"), None);
    }

    proptest::proptest! {
        /// A role's words split byte by byte are those the split at characters gives, empty
        /// words included, with every kind of byte around them.
        #[test]
        fn a_roles_words_are_those_of_a_split_at_characters(
            role in r"[aZ09. ,'’\-/&\t\u{b}\u{a0}éÉ😀]{0,24}"
        ) {
            let mut words = Vec::new();
            role_words(&role, |word| words.push(word.to_string()));
            let lower = role.to_lowercase();
            let by_chars: Vec<&str> = lower.split(|c: char| !c.is_alphanumeric() && c != '.').collect();
            proptest::prop_assert_eq!(words, by_chars);
        }
    }

    #[test]
    fn variants_are_near_spellings_of_the_same_sound() {
        assert!(is_variant("Whitcomb", "Whitcombe"));
        for (a, b) in [
            ("Whitcomb", "Whitcombe"),
            ("Kline", "Klein"),
            ("Zelenskyy", "zelensky"),
            ("Garcia", "Garza"),
            ("ab", "ba"),
            ("Ostrowski", "Ostorwski"),
            ("", "Liu"),
            ("Achterberg", "Achtreberg"),
            ("Brandvold", "Whitcombe"),
            ("Kwiatkowski", "Kwaitkowsky"),
        ] {
            assert_eq!(
                ascii_edit_distance(a.as_bytes(), b.as_bytes()),
                char_edit_distance(a, b).min(FAR),
                "{a} / {b}"
            );
        }
        assert!(is_variant("Kline", "Klein"));
        assert!(is_variant("Zelenskyy", "Zelensky"));
        assert!(!is_variant("Garcia", "Garza"));
        assert!(!is_variant("Hale", "Hall"));
        assert!(!is_variant("Smith", "Smyth") || soundex("Smith") == soundex("Smyth"));
        assert!(!is_variant("Kline", "Cline"));
    }

    /// [`word_len`] character by character, without the shortcut for a word that ends at an
    /// ASCII byte.
    fn word_len_by_chars(rest: &str) -> usize {
        let mut k = 0;
        loop {
            let Some(ch) = rest[k..].chars().next() else {
                return k;
            };
            let joins = ch.is_alphanumeric()
                || (matches!(ch, '’' | '\'' | '-')
                    && rest[k + ch.len_utf8()..]
                        .chars()
                        .next()
                        .is_some_and(char::is_alphanumeric));
            if !joins {
                return k;
            }
            k += ch.len_utf8();
        }
    }

    /// No character whose first two bytes are those passed over as General Punctuation is a
    /// capital.
    #[test]
    fn no_character_passed_over_as_general_punctuation_is_a_capital() {
        let mut buf = [0u8; 4];
        for c in char::MIN..=char::MAX {
            let bytes = c.encode_utf8(&mut buf).as_bytes();
            if bytes[0] == 0xE2 && matches!(bytes[1], 0x80 | 0x81) {
                assert!(!c.is_uppercase(), "{c:?}");
            }
        }
    }

    /// The scan that read every word, which [`capitalized_words`] must agree with.
    fn capitalized_words_by_reading_every_word(prose: &str) -> Vec<Span> {
        let (mut i, mut out) = (0, Vec::new());
        while i < prose.len() {
            let rest = &prose[i..];
            let c = rest.chars().next().unwrap();
            if c.is_alphanumeric() {
                let len = word_len_by_chars(rest);
                if c.is_uppercase() {
                    out.push(Span::new(i, i + len));
                }
                i += len;
            } else {
                i += c.len_utf8();
            }
        }
        out
    }

    #[test]
    fn capitalised_words_start_only_where_words_start() {
        let prose =
            "McDonald met O’Brien, re-Elected, 3D Ñuñez and ’Tis—the Élan of ÉCOLE; x-Ray a--B.";
        let found: Vec<&str> = capitalized_words(prose).map(|(_, w)| w).collect();
        assert_eq!(
            found,
            ["McDonald", "O’Brien", "Ñuñez", "Tis", "Élan", "ÉCOLE", "B"]
        );
    }

    #[test]
    fn an_anonymous_source_is_named_with_a_plain_first_word_in_lowercase() {
        let named = |text| lowercase_first(text);
        assert_eq!(named("A senior official"), "a senior official");
        assert_eq!(named("Two officials"), "two officials");
        assert_eq!(named("U.S. officials"), "U.S. officials");
        assert_eq!(named("İki official"), "i\u{307}ki official");
        assert_eq!(named("ÉLAN staff"), "ÉLAN staff");
        assert_eq!(named(""), "");
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]
        /// The byte-by-byte split of an ASCII name gives the ends the Unicode split gives.
        #[test]
        fn a_names_ends_are_those_of_its_unicode_words(
            name in "(Ana|Ruiz|Jr\\.|II|[ \t\n\r\u{b}\u{c}\u{a0}\u{2003}]|é){0,6}"
        ) {
            let mut words = name.split_whitespace().filter(is_not_suffix);
            let unicode = words.next().map(|head| match words.next_back() {
                Some(last) => (Some(head), last),
                None => (None, head),
            });
            proptest::prop_assert_eq!(name_ends(&name), unicode);
        }

        #[test]
        fn capitalised_words_are_those_a_word_by_word_scan_finds(
            prose in "[aZ3 .,’'\\-—“”ÉéÑ\u{301}\u{2070}\u{207f}\u{2102}\u{24b6}😀]{0,40}"
        ) {
            let fast: Vec<Span> = capitalized_words(&prose).map(|(span, _)| span).collect();
            proptest::prop_assert_eq!(fast, capitalized_words_by_reading_every_word(&prose));
        }
    }

    /// `word` with `edits` made in turn, each `(kind, at, letter)`: insert `letter` at `at`,
    /// delete, substitute `letter`, or swap with the next letter (0 to 3), none before
    /// `first`; an edit past the end of the word is left out.
    fn edited(word: &str, edits: &[(usize, usize, char)], first: usize) -> String {
        let mut chars: Vec<char> = word.chars().collect();
        for &(kind, at, letter) in edits {
            let at = at.clamp(first.min(chars.len()), chars.len());
            match kind {
                0 => chars.insert(at, letter),
                1 if at < chars.len() => {
                    chars.remove(at);
                }
                2 if at < chars.len() => chars[at] = letter,
                3 if at + 1 < chars.len() => chars.swap(at, at + 1),
                _ => {}
            }
        }
        chars.into_iter().collect()
    }

    proptest::proptest! {
        /// The letter count never rules out a name within two edits of another, and agrees
        /// with the distance on names it does rule out.
        #[test]
        fn names_ruled_out_by_their_letters_are_more_than_two_edits_apart(
            a in "[A-Za-z]{0,12}",
            b in "[A-Za-z]{0,12}",
            edits in proptest::collection::vec((0usize..4, 0usize..12, proptest::char::range('a', 'e')), 0..3),
        ) {
            // An unrelated pair, and a pair `edits` apart.
            let near = edited(&a, &edits, 0);
            for (x, y) in [(a.as_str(), b.as_str()), (a.as_str(), near.as_str())] {
                let apart = letters_apart(x, y).expect("short ASCII names");
                if apart > 4 {
                    proptest::prop_assert!(edit_distance(x, y) > 2, "{x} / {y}: {apart} letters apart");
                }
            }
            proptest::prop_assert!(letters_apart(&a, &near).unwrap() <= 4, "{a} / {near}");
        }
    }

    proptest::proptest! {
        /// The letters two names do not share, counted from their own letters, are those a
        /// count of every byte value finds: a letter both have, in any case, is not counted
        /// (nor counted twice when repeated), and one only one has is, as often as it has it.
        #[test]
        fn letters_apart_counts_each_letter_one_name_lacks(
            a in "[A-Za-z'. -]{0,12}",
            b in "[A-Za-z'. -]{0,12}",
        ) {
            let count = |name: &str, byte: u8| {
                name.bytes().filter(|c| c.to_ascii_lowercase() == byte).count()
            };
            let every_byte: usize = (0..128u8)
                .map(|byte| count(&a, byte).abs_diff(count(&b, byte)))
                .sum();
            proptest::prop_assert_eq!(letters_apart(&a, &b), Some(every_byte));
        }
    }

    /// Every pair of names of up to five letters from a small alphabet (two letters, one in
    /// both cases): leaving out the ends two names share, in either case, changes no distance.
    #[test]
    fn the_short_ascii_distance_is_the_matrixs_for_every_short_name() {
        let mut names = vec![String::new()];
        for len in 1..=5 {
            let longer: Vec<String> = (names.iter())
                .filter(|name| name.len() == len - 1)
                .flat_map(|name| ['a', 'b', 'B'].map(|c| format!("{name}{c}")))
                .collect();
            names.extend(longer);
        }
        for a in &names {
            for b in &names {
                assert_eq!(
                    ascii_edit_distance(a.as_bytes(), b.as_bytes()),
                    char_edit_distance(a, b).min(FAR),
                    "{a} / {b}"
                );
            }
        }
    }

    proptest::proptest! {
        /// The distance of short ASCII names, on rows of bytes, is the matrix's, capped, for
        /// names near each other (a few edits, transpositions among them) and far apart.
        #[test]
        fn the_short_ascii_distance_is_the_matrixs(
            a in "[A-Za-z]{0,14}",
            b in "[A-Za-z]{0,14}",
            edits in proptest::collection::vec((0usize..4, 0usize..14, proptest::char::range('a', 'e')), 0..4),
        ) {
            let near = edited(&a, &edits, 0);
            for (x, y) in [(&a, &b), (&a, &near), (&near, &a)] {
                proptest::prop_assert_eq!(
                    ascii_edit_distance(x.as_bytes(), y.as_bytes()),
                    char_edit_distance(x, y).min(FAR),
                    "{} / {}", x, y
                );
            }
        }
    }

    proptest::proptest! {
        /// Names with one Soundex code are variants exactly when `is_variant` says so, without
        /// the code worked out again; names with different codes never are.
        #[test]
        fn names_alike_in_sound_are_variants_as_is_variant_says(
            a in "[A-Z][a-z]{3,9}",
            edits in proptest::collection::vec((0usize..4, 0usize..10, proptest::char::range('a', 'z')), 0..3),
        ) {
            let near = edited(&a, &edits, 1);
            if soundex(&a) == soundex(&near) {
                proptest::prop_assert_eq!(is_variant_alike(&a, &near), is_variant(&a, &near));
            } else {
                proptest::prop_assert!(!is_variant(&a, &near), "{} / {}", a, near);
            }
        }
    }

    proptest::proptest! {
        /// A word the shapes turn away is a variant spelling of none of the names, whatever
        /// their lengths (past the 63 characters that share a bit too) and first characters;
        /// a word one edit from a name of six characters or more (five or more after the
        /// edit) is let through.
        #[test]
        fn a_word_of_no_variants_shape_is_no_ones_variant(
            names in proptest::collection::vec("[KkÉé][a-eé]{0,6}|[Kk][a-c]{58,68}", 0..4),
            pick in 0usize..4,
            other in "[KkÉé][a-eé]{0,9}|[Kk][a-c]{56,70}",
            edits in proptest::collection::vec((0usize..4, 0usize..70, proptest::char::range('a', 'e')), 0..4),
        ) {
            let shapes = VariantShapes::of(names.iter().map(String::as_str));
            let near = names.get(pick).map(|name| edited(name, &edits, 1));
            for word in near.iter().chain([&other]) {
                if !shapes.may_fit(word) {
                    for name in &names {
                        proptest::prop_assert!(!is_variant(name, word), "{} / {}", name, word);
                    }
                }
            }
            if let Some(name) = names.get(pick)
                && name.chars().count() >= 6
            {
                let one_edit = edited(name, &edits[..edits.len().min(1)], 1);
                proptest::prop_assert!(shapes.may_fit(&one_edit), "{} / {}", name, one_edit);
            }
        }
    }

    /// `is_variant` as its doc says it, every count in characters and no test skipped: the
    /// reference for [`variant_spelling`]'s shortcuts.
    fn is_variant_plainly(a: &str, b: &str) -> bool {
        let (x, y): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
        if a == b
            || x.first() != y.first()
            || x.len().min(y.len()) < 5
            || x.len().abs_diff(y.len()) > 2
            || soundex(a) != soundex(b)
        {
            return false;
        }
        let sorted = |name: &str| {
            let mut letters: Vec<char> = name.to_lowercase().chars().collect();
            letters.sort_unstable();
            letters
        };
        let distance = char_edit_distance(a, b);
        distance == 1 || distance == 2 && sorted(a) == sorted(b)
    }

    proptest::proptest! {
        /// Names near each other and far apart, ASCII or not (characters of two and three
        /// bytes, and those whose lowercase is longer or ASCII), short and long (past the
        /// stack's 48 bytes), are variants exactly as the plain reading of the rule says.
        #[test]
        fn variants_are_what_the_plain_rule_says(
            a in "[KkÉé][a-cKé\u{212A}\u{130}]{2,8}|[Kk][a-c]{44,50}",
            b in "[KkÉé][a-cKé\u{212A}\u{130}]{2,8}",
            edits in proptest::collection::vec((0usize..4, 0usize..50, proptest::char::range('a', 'e')), 0..4),
        ) {
            let near = edited(&a, &edits, 1);
            for (x, y) in [(&a, &b), (&a, &near), (&near, &a)] {
                proptest::prop_assert_eq!(is_variant(x, y), is_variant_plainly(x, y), "{} / {}", x, y);
            }
        }
    }

    #[test]
    fn surnames_join_full_names_and_variants_join_as_spellings() {
        let intros = [
            Introduction {
                name: "Garcia",
                role: Some("Commissioner"),
                kind: SpeakerKind::Person,
                gender: None,
            },
            Introduction {
                name: "Elena Garcia",
                role: None,
                kind: SpeakerKind::Person,
                gender: None,
            },
            Introduction {
                name: "Robert Kline",
                role: Some("Commissioner"),
                kind: SpeakerKind::Person,
                gender: None,
            },
            Introduction {
                name: "Klein",
                role: None,
                kind: SpeakerKind::Person,
                gender: None,
            },
        ];
        let reg = Registry::from_introductions(&intros, &Config::default());
        let names: Vec<_> = reg
            .speakers
            .iter()
            .map(|s| (s.name.as_str(), s.role.as_deref()))
            .collect();
        assert_eq!(
            names,
            [
                ("Elena Garcia", Some("Commissioner")),
                ("Robert Kline", Some("Commissioner"))
            ]
        );
        assert_eq!(reg.speakers[1].variants, ["Klein"]);
    }

    /// Several near spellings, apart and side by side, join their people, and everyone else
    /// keeps their place, with what the registry knows of them.
    #[test]
    fn merged_spellings_leave_each_other_entity_with_its_own_facts() {
        let names = [
            "Robert Kline",
            "Klein",
            "Ana Ruiz",
            "Alan Whitcomb",
            "Whitcombe",
            "Ostorwski",
            "Lena Ostrowski",
            "Ruiz",
            "Tom Lee",
        ];
        let intros: Vec<Introduction<&str>> = names.map(named_person).into();
        let reg = Registry::from_introductions(&intros, &Config::default());
        let people: Vec<(&str, Option<&str>, &[String])> = (reg.speakers.iter().zip(&reg.info))
            .map(|(s, i)| (s.name.as_str(), i.surname.as_deref(), s.variants.as_slice()))
            .collect();
        assert_eq!(
            people,
            [
                ("Robert Kline", Some("Kline"), &["Klein".to_string()][..]),
                ("Ana Ruiz", Some("Ruiz"), &[][..]),
                (
                    "Alan Whitcomb",
                    Some("Whitcomb"),
                    &["Whitcombe".to_string()][..]
                ),
                (
                    "Lena Ostrowski",
                    Some("Ostrowski"),
                    &["Ostorwski".to_string()][..]
                ),
                ("Tom Lee", Some("Lee"), &[][..]),
            ]
        );
        assert_eq!(reg.existing_person("Klein"), Some(0));
        assert_eq!(reg.existing_person("Ostorwski"), Some(3));
        assert_eq!(reg.existing_person("Lee"), Some(4));
    }

    /// The role index as [`Registry::index_role`] builds it, one entity after another in id
    /// order: the reference for [`Registry::index_roles`].
    fn roles_one_by_one(reg: &Registry) -> HashMap<String, Vec<SpeakerId>> {
        let mut plain = reg.clone();
        plain.by_role.clear();
        for id in 0..plain.speakers.len() {
            plain.index_role(id);
        }
        plain.by_role
    }

    proptest::proptest! {
        /// However people share roles (the same role, one in another case, a word twice in a
        /// role, words beyond ASCII, an empty role) and anonymous sources share heads, the
        /// roles indexed together give what indexing each entity in turn gives.
        #[test]
        fn roles_indexed_together_agree_with_one_by_one(
            people in proptest::collection::vec(
                (
                    proptest::sample::select(vec![
                        "Ana Ruiz", "Ruiz", "Tom Lee", "Lee", "Dana Whitcomb", "Whitcombe",
                        "Zoë Ødegaard", "Kline", "Robert Klein", "Harbor Authority",
                    ]),
                    proptest::option::of(proptest::sample::select(vec![
                        "Council President", "council president", "COUNCIL PRESIDENT",
                        "spokesperson for the authority", "the chair of the the board",
                        "U.S. attorney", "Präsidentin der Behörde", "", "mayor", "Deputy Mayor",
                        "spokesperson", "a very long role that runs well past the sixty-four bytes",
                    ])),
                    proptest::bool::ANY,
                ),
                0..24,
            ),
            heads in proptest::collection::vec(
                proptest::sample::select(vec!["official", "mayor", "spokesperson", "source"]),
                0..6,
            ),
        ) {
            let intros: Vec<Introduction<&str>> = people
                .iter()
                .map(|&(name, role, organization)| Introduction {
                    name,
                    role,
                    kind: if organization {
                        SpeakerKind::Organization
                    } else {
                        SpeakerKind::Person
                    },
                    gender: None,
                })
                .collect();
            let mut reg = Registry::from_introductions(&intros, &Config::default());
            proptest::prop_assert_eq!(&reg.by_role, &roles_one_by_one(&reg));
            for head in heads {
                reg.anonymous(&format!("a {head}"), head);
            }
            reg.reindex(false);
            proptest::prop_assert_eq!(&reg.by_role, &roles_one_by_one(&reg));
        }
    }

    proptest::proptest! {
        /// However near spellings join people (one or two letters off, in another case, the
        /// same surname twice, two spellings of one person), the surname index kept up to date
        /// through the merge is the one built again from the merged registry.
        #[test]
        fn surnames_renumbered_through_merges_agree_with_indexing_again(
            names in proptest::collection::vec(
                proptest::sample::select(vec![
                    "Robert Kline", "Klein", "KLEIN", "Kline", "Ana Ruiz", "Ruiz", "Alan Whitcomb",
                    "Whitcombe", "Whitcom", "Ostorwski", "Lena Ostrowski", "Ostrowsky",
                    "Dana Whitcomb", "Tom Lee", "Zoë Ødegaard", "Ødegard", "Harbor Authority",
                ]),
                0..16,
            ),
        ) {
            let intros: Vec<Introduction<&str>> = names
                .iter()
                .map(|&name| Introduction {
                    kind: if name.starts_with("Harbor") {
                        SpeakerKind::Organization
                    } else {
                        SpeakerKind::Person
                    },
                    ..named_person(name)
                })
                .collect();
            let reg = Registry::from_introductions(&intros, &Config::default());
            let mut again = reg.clone();
            again.reindex(true);
            proptest::prop_assert_eq!(&reg.by_surname, &again.by_surname);
        }
    }

    #[test]
    fn a_built_registry_answers_by_role_word_surname_variant_and_house_spelling() {
        let person = |name, role| Introduction {
            name,
            role,
            kind: SpeakerKind::Person,
            gender: None,
        };
        let organization = |name| Introduction {
            name,
            role: None,
            kind: SpeakerKind::Organization,
            gender: None,
        };
        let intros = [
            person("Dana Whitcomb", None),
            organization("Harbor Authority"),
            // A role learnt after the person was met, and a surname alone one letter off.
            person("Whitcomb", Some("spokesperson for the authority")),
            person("Whitcombe", None),
            person("Lee Ortez", Some("Commissioner")),
        ];
        let mut config = Config::default();
        config.names.insert(
            "Lee Ortiz".to_string(),
            crate::config::NameEntry {
                role: None,
                variants: vec!["Lee Ortez".to_string()],
            },
        );
        let mut reg = Registry::from_introductions(&intros, &config);
        let id = |reg: &Registry, name: &str| reg.speakers.iter().position(|s| s.name == name);
        let (whitcomb, ortiz) = (id(&reg, "Dana Whitcomb"), id(&reg, "Lee Ortiz"));
        assert!(whitcomb.is_some() && ortiz.is_some(), "{:?}", reg.speakers);
        let authority = id(&reg, "Harbor Authority");
        assert_eq!(reg.role_candidates("spokesperson"), [whitcomb.unwrap()]);
        assert_eq!(reg.role_candidates("commissioner"), [ortiz.unwrap()]);
        assert_eq!(reg.existing_person("Whitcombe"), whitcomb);
        assert_eq!(reg.existing_person("Ortiz"), ortiz);
        assert_eq!(reg.existing_person("Ortez"), ortiz);
        assert_eq!(
            Some(reg.organization_by_kind("authority", "the authority")),
            authority
        );
        assert_eq!(Some(reg.organization("Harbor Authority")), authority);
        assert_eq!(reg.speakers.len(), 3);
    }

    #[test]
    fn mentions_find_full_names_surnames_and_first_names() {
        let prose = "Janet Okafor left. “Okafor knows,” he said. Okafor’s house. Klein said.";
        let intros = [Introduction {
            name: "Okafor",
            role: None,
            kind: SpeakerKind::Person,
            gender: None,
        }];
        let mut reg = Registry::from_introductions(&intros, &Config::default());
        let quote = Span::new(prose.find('“').unwrap(), prose.find('”').unwrap());
        let capitalized: Vec<Span> = capitalized_words(prose).map(|(span, _)| span).collect();
        let mut index = MentionIndex::new(&reg);
        let whole = [Span::new(0, prose.len())];
        let in_quote = |at| quote.contains(at);
        reg.scan_mentions(&mut index, prose, &whole, &capitalized, None, in_quote);
        assert_eq!(reg.speakers[0].name, "Janet Okafor");
        let mentions: Vec<_> = reg.speakers[0]
            .mentions
            .iter()
            .map(|m| (m.span.text(prose), m.kind, m.in_quote))
            .collect();
        assert_eq!(
            mentions,
            [
                ("Janet Okafor", MentionKind::FullName, false),
                ("Okafor", MentionKind::Surname, true),
                ("Okafor", MentionKind::Surname, false)
            ]
        );
    }
}
