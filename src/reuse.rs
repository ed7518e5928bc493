//! What one analysis of a document keeps for the next, so that a keystroke re-reads only the
//! paragraphs it touched.
//!
//! A paragraph's facts ([`ParagraphFacts`]) are a function of its text, its block kind and the
//! configured attribution verbs, and nothing else. The cache keeps the previous version's prose,
//! its paragraphs and their facts (one `ParagraphFacts` for the whole draft: a list per kind of
//! fact, not a dozen small lists per paragraph, which took twice the memory). A paragraph of the
//! new version whose bytes all lie in the part of the text before the edit (the common prefix)
//! or after it (the common suffix), and that has the same span (shifted past the edit) and block
//! kind as a paragraph of the old version, has the same text, so its facts stay. The unchanged
//! paragraphs at the start and at the end keep theirs where they are; the paragraphs between
//! are read again (all of them together, step by step, as a full analysis reads) and spliced
//! into the lists in place of the old ones ([`ParagraphFacts::splice`]). Edits at two
//! far-apart places re-read everything between them, which is correct, only slower.
//!
//! The facts are out of the cache while an analysis uses them: if it stops half-way (a panic),
//! the cache holds no facts, so the next analysis reads every paragraph again: it can be slow,
//! never wrong.
//!
//! The text itself and its HTML comments are kept too: with the prose and paragraphs above they
//! are the last version's Markdown blocks, which an edit inside one line of prose splices
//! instead of parsing the draft again ([`crate::draft::Draft::new_kept`]). Where the edit is
//! comes from the caller when it knows (the language server, from the editor's changes:
//! [`AnalysisCache::edited`]); otherwise the new text is compared with the kept one from both
//! ends.
//!
//! The speaker registry is kept too: it is built from the draft's introductions alone, so when a
//! keystroke leaves them as they were (most do), it is cloned instead of rebuilt. Whether it
//! did is known without building them: the cache keeps, for each paragraph, what it gives the
//! draft's introductions, written out ([`ParagraphFacts::introduction_inputs`]), and when the
//! paragraphs read again give what the old ones there gave, the draft's introductions are the
//! last version's. Its mention
//! index goes with it, and keeps what the scan for people found in each paragraph: the
//! paragraphs whose facts are taken over keep their findings too
//! ([`crate::speakers::MentionIndex`]).
//!
//! Some of an analysis's work need not be done before its result is out: freeing what it is
//! done with (its facts at draft offsets, its copy of the registry: thousands of small blocks in
//! a long draft), and cloning the kept registry for the next keystroke. The cache holds both
//! until [`AnalysisCache::tidy`], which the language server calls after it has published the
//! diagnostics, while the writer is between keystrokes. Without it the next analysis does both
//! itself, so the result never depends on it.

use crate::attribution::Facts;
use crate::config::Config;
use crate::draft::{BlockKind, Draft, Edit, Format, KeptDraft};
use crate::model::{Span, Speaker};
use crate::paragraph_facts::{Moved, ParagraphFacts, Placed, Spliced};
use crate::rules::anonymity_unexplained::Window;
use crate::speakers::{Introduction, MentionIndex, Registry, Unchanged};

/// What an analysis keeps for the next analysis of the same document. One per open document;
/// an empty cache gives a full analysis.
#[derive(Default)]
pub struct AnalysisCache {
    /// The last version's text and comments (its prose and paragraphs are below).
    draft: KeptDraft,
    format: Format,
    extra_verbs: Vec<String>,
    prose: String,
    /// The paragraphs of that prose, and their facts (paragraph `i` is the `i`th of `facts`).
    paragraphs: Vec<(Span, BlockKind)>,
    facts: ParagraphFacts,
    /// The last version's sentences, clauses and capitalised words at draft offsets, which
    /// the next version takes over where its paragraphs are the same.
    placed: Placed,
    /// What each paragraph gives the draft's introductions
    /// ([`ParagraphFacts::introduction_inputs`]), paragraph `i` the `i`th.
    introduces: Vec<String>,
    /// The registry of the last version, and what it was built from.
    registry: Option<KeptRegistry>,
    /// What the last analysis read again rather than took over.
    last: Reread,
    /// Where the next text differs from the last, if the caller said ([`AnalysisCache::edited`]).
    told: Option<Edit>,
    /// What the last analysis is done with, freed by [`tidy`](AnalysisCache::tidy): its facts
    /// at draft offsets and its copy of the registry, thousands of small blocks in a long draft.
    spent: Spent,
    /// How many findings the rules gave the last version: room for this version's.
    findings: usize,
    /// The windows the last version's anonymous sources were checked in for a reason, and the
    /// configured phrases they were checked with
    /// ([`anonymity_unexplained::windows`](crate::rules::anonymity_unexplained::windows)).
    windows: (Vec<String>, Vec<Window>),
}

/// What an analysis is done with once its result is out: freed later rather than on the way
/// to the result.
#[derive(Default)]
pub(crate) struct Spent {
    pub facts: Facts,
    pub registry: Registry,
}

/// The registry built from `introductions` with `config`, before any mention was added, and
/// its mention index (which also remembers the words found not to be anyone's name misspelled).
struct KeptRegistry {
    introductions: Vec<Introduction>,
    config: Config,
    registry: Registry,
    index: MentionIndex,
    /// A clone of `registry` made by [`AnalysisCache::tidy`] for the next analysis to take.
    spare: Option<Registry>,
    /// How many sources the last analysis added to its copy of `registry` (anonymous sources,
    /// organisations named by kind, documents): the room its clone gets, so that the first
    /// one added does not copy the whole list of speakers while the editor waits.
    added: usize,
    /// How many mentions each speaker had in the last analysis: the room each gets in the
    /// clone, made while the editor does not wait, where each list grew a step at a time,
    /// copied at each step, during the next keystroke's analysis.
    mentions: Vec<usize>,
}

/// What an analysis read again rather than took from the cache.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Reread {
    /// Paragraphs read from their text.
    pub paragraphs: usize,
    /// Of how many.
    pub of: usize,
    /// Whether the speaker registry was built again.
    pub registry: bool,
}

impl AnalysisCache {
    /// The draft of `text`, its Markdown blocks taken over from the last version where that
    /// is exact ([`Draft::new_kept`]).
    pub(crate) fn draft<'t>(&mut self, text: &'t str, format: Format) -> (Draft<'t>, Option<Edit>) {
        let told = self.told.take();
        Draft::new_kept(
            text,
            format,
            &mut self.draft,
            (&mut self.prose, &self.paragraphs),
            told,
        )
    }

    /// Tells the cache where the next text it is given differs from the last one it analysed:
    /// `edit`, an edit of that text (it may cover more than changed, not less), or `None` if
    /// that is not known. The language server knows it from the editor's changes, and the whole
    /// text need not be compared with the last one to find it. Good for the next analysis only;
    /// without it, the texts are compared. An edit that cannot be one of the two texts is
    /// ignored; one that is wrong about where they differ gives a wrong analysis (debug builds
    /// check every one).
    pub fn edited(&mut self, edit: Option<Edit>) {
        self.told = edit;
    }

    /// The edit the cache was told of ([`edited`](Self::edited)), until the next analysis.
    pub fn edit_told(&self) -> Option<Edit> {
        self.told
    }

    /// What the last analysis with this cache had to read again.
    pub fn last_reread(&self) -> Reread {
        self.last
    }

    /// Does what the last analysis left for after its result was out: frees what it was done
    /// with, and clones the kept registry for the next analysis to take (a clone is thousands
    /// of small allocations in a long draft). Call it between analyses, after the result has
    /// been used (the language server calls it once the diagnostics are written); an analysis
    /// without it first does the same work itself, with the same result.
    pub fn tidy(&mut self) {
        // Named, not dropped whole: they are kept only to be freed here.
        let Spent { facts, registry } = std::mem::take(&mut self.spent);
        drop((facts, registry));
        if let Some(kept) = &mut self.registry
            && kept.spare.is_none()
        {
            kept.spare = Some(kept.registry.clone_with_room(kept.added, &kept.mentions));
        }
    }
}

/// A cache being read for one version of a document and refilled with it.
pub(crate) struct Reuse<'c> {
    cache: &'c mut AnalysisCache,
    old: Vec<(Span, BlockKind)>,
    prefix: usize,
    suffix: usize,
    /// How much longer the new prose is than the old (may be negative).
    growth: isize,
    /// The new prose's length.
    new_len: usize,
    usable: bool,
    /// Which paragraphs were taken over, once [`read`](Self::read).
    unchanged: Option<Unchanged>,
    /// The last version's lists at draft offsets, out of the cache until [`keep`](Self::keep)
    /// puts this version's there.
    placed: Option<Placed>,
    /// What [`read`](Self::read) replaced in the facts.
    spliced: Option<Spliced>,
    /// The last version's anonymity windows and their phrases, out of the cache until
    /// [`keep`](Self::keep) puts this version's there: they belong to the old prose.
    windows: (Vec<String>, Vec<Window>),
    /// The paragraphs read again give the draft's introductions what the old ones there gave,
    /// once [`read`](Self::read): the draft's introductions are the last version's.
    same_introductions: bool,
}

impl<'c> Reuse<'c> {
    /// How many findings the rules gave the last version, which nearly every keystroke leaves
    /// as it was: room for this version's, so that a long draft's findings are not copied
    /// each time their list doubles.
    pub(crate) fn findings_room(&self) -> usize {
        self.cache.findings
    }

    /// Starts reading `cache` for a new version whose prose is `prose`, where `edit` (if the
    /// draft was spliced) says the prose changed.
    pub(crate) fn begin(
        cache: &'c mut AnalysisCache,
        prose: &str,
        format: Format,
        extra_verbs: &[String],
        edit: Option<Edit>,
    ) -> Reuse<'c> {
        let usable = cache.format == format && cache.extra_verbs == extra_verbs;
        // The old prose: empty after a splice, which made it the new one in place. Out of the
        // cache until the analysis is done, like the facts.
        let old_prose = std::mem::take(&mut cache.prose);
        let old = std::mem::take(&mut cache.paragraphs);
        // After a splice the draft says where the edit is; after a parse, it is found here.
        let edit = edit.unwrap_or_else(|| Edit::between(&old_prose, prose));
        let (prefix, suffix) = (edit.start, prose.len() - edit.new_end);
        let growth = edit.new_end as isize - edit.old_end as isize;
        cache.last = Reread::default();
        let windows = std::mem::take(&mut cache.windows);
        let placed = std::mem::take(&mut cache.placed);
        cache.format = format;
        if cache.extra_verbs != extra_verbs {
            cache.extra_verbs = extra_verbs.to_vec();
        }
        Reuse {
            cache,
            old,
            prefix,
            suffix,
            growth,
            new_len: prose.len(),
            usable,
            unchanged: None,
            placed: Some(placed),
            spliced: None,
            windows,
            same_introductions: false,
        }
    }

    /// The last version's sentences, clauses and capitalised words at draft offsets, what
    /// [`read`](Self::read) replaced in the facts since, and where the prose changed: for
    /// [`ParagraphFacts::replace_placed`]. Once, after `read`.
    pub(crate) fn take_placed(&mut self) -> Option<(Placed, Spliced, Moved)> {
        let moved = Moved {
            at: self.prefix,
            by: self.growth,
        };
        Some((self.placed.take()?, self.spliced.take()?, moved))
    }

    /// The last version's anonymity windows, if they were checked with these `phrases`.
    pub(crate) fn known_windows(&self, phrases: &[String]) -> &[Window] {
        match &self.windows {
            (checked_with, windows) if checked_with == phrases => windows,
            _ => &[],
        }
    }

    /// Where `span` of the new prose was in the old prose, if it lies wholly before or after
    /// the edit: there it has the same text.
    pub(crate) fn old_span(&self, span: Span) -> Option<Span> {
        if !self.usable {
            return None;
        }
        if span.end <= self.prefix {
            Some(span)
        } else if span.start >= self.new_len - self.suffix {
            let start = span.start.checked_add_signed(-self.growth)?;
            Some(Span::new(start, start + span.len()))
        } else {
            None
        }
    }

    /// Takes over or reads the facts of each of the new version's paragraphs (`span`, `kind`):
    /// the old ones for the unchanged paragraphs at the start and at the end, and read from
    /// their prose for the paragraphs between, which take the place of the old ones there.
    /// They are the analysis's until it gives them back with [`keep`](Self::keep).
    pub(crate) fn read(
        &mut self,
        paragraphs: Vec<(Span, BlockKind)>,
        prose: &str,
    ) -> ParagraphFacts {
        // Out of the cache until the analysis is done with them: if it stops half-way, the
        // next analysis finds no facts, and reads every paragraph.
        let mut facts = std::mem::take(&mut self.cache.facts);
        let kept = facts.paragraph_count();
        let (mut same_start, mut same_end) = (0, 0);
        if kept == self.old.len() {
            let most = paragraphs.len().min(kept);
            while same_start < most && self.unchanged(paragraphs[same_start], same_start) {
                same_start += 1;
            }
            while same_end < most - same_start
                && self.unchanged(
                    paragraphs[paragraphs.len() - 1 - same_end],
                    kept - 1 - same_end,
                )
            {
                same_end += 1;
            }
        }
        let fresh = &paragraphs[same_start..paragraphs.len() - same_end];
        let read = ParagraphFacts::read(prose, fresh, &self.cache.extra_verbs);
        let introduces = read.introduction_inputs(prose, fresh);
        self.spliced = Some(facts.splice(same_start..kept - same_end, read));
        // The old paragraphs' inputs are those of the kept facts only if there are as many: an
        // analysis that stopped half-way took its facts with it, not its inputs.
        let replaced = same_start..kept - same_end;
        let old_introduces = &mut self.cache.introduces;
        let lined_up = old_introduces.len() == kept;
        self.same_introductions = self.usable
            && lined_up
            && old_introduces.get(replaced.clone()) == Some(introduces.as_slice());
        if lined_up {
            old_introduces.splice(replaced, introduces);
        } else {
            *old_introduces = introduces;
        }
        self.unchanged = Some(Unchanged {
            same_start,
            same_end,
            old: self.old.len(),
        });
        self.cache.last.paragraphs = fresh.len();
        self.cache.last.of = paragraphs.len();
        // Kept for the next version as they are: a list of thousands in a long draft, not
        // copied.
        self.cache.paragraphs = paragraphs;
        facts
    }

    /// Which of the new version's paragraphs are the old version's, after [`read`](Self::read):
    /// the kept mention index takes over what it found in them.
    pub(crate) fn unchanged_paragraphs(&self) -> Option<Unchanged> {
        self.unchanged
    }

    /// Keeps the facts [`read`](Self::read) gave, the lists the analysis placed from them and
    /// the prose mask for the next analysis, and what the analysis is done with for
    /// [`AnalysisCache::tidy`] to free.
    ///
    /// `speakers` are the analysis's: how many mentions each has sizes their lists in the next
    /// analysis's copy of the kept registry. How many `findings` the rules gave sizes the next
    /// list, and the anonymity `windows`, checked with `phrases`, answer for the next version
    /// where its text is the same.
    pub(crate) fn keep(
        self,
        (facts, placed): (ParagraphFacts, Placed),
        prose: String,
        spent: Spent,
        speakers: &[Speaker],
        (findings, windows): (usize, Vec<Window>),
        phrases: &[String],
    ) {
        self.cache.findings = findings;
        let (mut checked_with, _) = self.windows;
        if checked_with != phrases {
            checked_with = phrases.to_vec();
        }
        self.cache.windows = (checked_with, windows);
        if let Some(kept) = &mut self.cache.registry {
            // Every speaker has its entity information, the ones moved out of `spent` too.
            kept.added = spent
                .registry
                .info
                .len()
                .saturating_sub(kept.registry.info.len());
            kept.mentions.clear();
            kept.mentions
                .extend(speakers.iter().map(|s| s.mentions.len()));
        }
        self.cache.facts = facts;
        self.cache.placed = placed;
        self.cache.prose = prose;
        self.cache.spent = spent;
    }

    /// Whether a new paragraph (`span`, `kind`) is old paragraph `old` with its text
    /// unchanged: it lies wholly before or after the edit, at the same (shifted) span, of the
    /// same kind.
    fn unchanged(&self, (span, kind): (Span, BlockKind), old: usize) -> bool {
        self.old_span(span)
            .is_some_and(|old_span| self.old.get(old) == Some(&(old_span, kind)))
    }

    /// Whether the kept registry stands for this version with `config` without a look at the
    /// draft's introductions: the paragraphs [`read`](Self::read) again give them what the old
    /// ones did, and the configuration is the same. Then [`registry`](Self::registry) does not
    /// read its `introductions`, which need not be built.
    pub(crate) fn same_introductions(&self, config: &Config) -> bool {
        self.same_introductions
            && (self.cache.registry.as_ref()).is_some_and(|kept| kept.config == *config)
    }

    /// The registry built from `introductions` with `config`, and its mention index: the kept
    /// ones if both are the same as last time, otherwise new ones (kept for next time).
    /// `introductions` are not read when [`same_introductions`](Self::same_introductions).
    pub(crate) fn registry(
        &mut self,
        introductions: &[Introduction<&str>],
        config: &Config,
    ) -> (Registry, &mut MentionIndex) {
        let stands = self.same_introductions(config);
        let same = stands
            || self.cache.registry.as_ref().is_some_and(|kept| {
                kept.introductions.len() == introductions.len()
                    && kept
                        .introductions
                        .iter()
                        .zip(introductions)
                        .all(|(old, new)| old.borrowed() == *new)
                    && kept.config == *config
            });
        if !same {
            self.cache.registry = None;
        }
        let last = &mut self.cache.last;
        let kept = self.cache.registry.get_or_insert_with(|| {
            last.registry = true;
            let registry = Registry::from_introductions(introductions, config);
            KeptRegistry {
                index: MentionIndex::new(&registry),
                introductions: introductions.iter().map(Introduction::owned).collect(),
                config: config.clone(),
                registry,
                spare: None,
                added: 0,
                mentions: Vec::new(),
            }
        });
        let registry = (kept.spare.take())
            .unwrap_or_else(|| kept.registry.clone_with_room(kept.added, &kept.mentions));
        (registry, &mut kept.index)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::analyze_cached;

    fn reread(versions: &[&str]) -> Reread {
        let mut cache = AnalysisCache::default();
        for text in versions {
            analyze_cached(text, Format::Markdown, &Config::default(), &mut cache);
        }
        cache.last_reread()
    }

    const DRAFT: &str = "Mayor Ana Ruiz spoke on Monday.\n\n\
        “We will rebuild,” Ruiz said.\n\n\
        The council meets again in June.\n";

    #[test]
    fn the_next_copy_of_the_registry_has_room_for_each_speakers_mentions() {
        let mut cache = AnalysisCache::default();
        let analysis = analyze_cached(DRAFT, Format::Markdown, &Config::default(), &mut cache);
        cache.tidy();
        let spare = cache
            .registry
            .as_ref()
            .and_then(|kept| kept.spare.as_ref())
            .expect("a spare copy of the registry after tidy");
        let ruiz = analysis
            .speakers
            .iter()
            .position(|s| s.name == "Ana Ruiz")
            .expect("Ana Ruiz");
        assert!(analysis.speakers[ruiz].mentions.len() >= 2);
        for (kept, found) in spare.speakers.iter().zip(&analysis.speakers) {
            assert!(kept.mentions.is_empty(), "{}", kept.name);
            assert!(
                kept.mentions.capacity() >= found.mentions.len(),
                "{}: room for {} of {}",
                kept.name,
                kept.mentions.capacity(),
                found.mentions.len()
            );
        }
    }

    #[test]
    fn the_findings_of_a_keystroke_get_their_room_at_once() {
        // Placeholders: one finding each, all over the draft.
        let draft: String = (0..37)
            .map(|i| format!("Paragraph {i} puts the cost at TK dollars.\n\n"))
            .collect();
        let config = Config::default();
        let mut cache = AnalysisCache::default();
        let first = analyze_cached(&draft, Format::Markdown, &config, &mut cache);
        cache.tidy();
        let found = first.diagnostics.len();
        // Grown one push at a time, the list would have a power of two's room.
        assert!(found >= 37 && !found.is_power_of_two(), "{found}");
        let typed = draft.replacen("cost", "costs", 1);
        let second = analyze_cached(&typed, Format::Markdown, &config, &mut cache);
        assert_eq!(second.diagnostics.len(), found);
        assert_eq!(second.diagnostics.capacity(), found);
    }

    /// Cutting a code block changes no paragraph's text, so none is read again, but it moves
    /// every paragraph after it: the kept sentences, clauses and capitalised words after the
    /// cut move with them, though no paragraph read again comes before them.
    #[test]
    fn a_cut_outside_the_prose_moves_the_kept_lists_after_it() {
        let draft = "Mayor Ana Ruiz spoke on Monday.\n\n\
            ```\nnot prose\n```\n\n\
            “We will rebuild,” Ruiz said.\n\n\
            The council meets again in June, Ruiz said.\n";
        let cut = draft.replace("```\nnot prose\n```\n\n", "");
        let config = Config::default();
        let mut cache = AnalysisCache::default();
        analyze_cached(draft, Format::Markdown, &config, &mut cache);
        let analysis = analyze_cached(&cut, Format::Markdown, &config, &mut cache);
        assert_eq!(cache.last_reread().paragraphs, 0);
        let full = crate::analysis::analyze(&cut, Format::Markdown, &config);
        assert_eq!(analysis, full);
        // The quote's speaker is found from the clause after it, at its new place.
        let quote = &analysis.quotes[0];
        let speaker = quote.attribution.as_ref().and_then(|a| a.speaker);
        assert_eq!(
            speaker.map(|s| analysis.speakers[s].name.as_str()),
            Some("Ana Ruiz")
        );
    }

    #[test]
    fn a_keystroke_rereads_only_its_paragraph() {
        let typed = DRAFT.replace("rebuild", "rebuilds");
        let expected = Reread {
            paragraphs: 1,
            of: 3,
            registry: false,
        };
        assert_eq!(reread(&[DRAFT, &typed]), expected);
        // Deleting it again, and typing in the first and the last paragraph.
        assert_eq!(reread(&[DRAFT, &typed, DRAFT]), expected);
        assert_eq!(reread(&[DRAFT, &DRAFT.replace("spoke", "spok")]), expected);
        assert_eq!(reread(&[DRAFT, &DRAFT.replace("June", "July")]), expected);
    }

    #[test]
    fn a_new_name_rebuilds_the_registry_and_a_new_paragraph_is_read() {
        let named = DRAFT.replace("The council", "Council member Tom Berrios");
        let found = reread(&[DRAFT, &named]);
        assert_eq!((found.paragraphs, found.registry), (1, true));
        let pasted = DRAFT.replace("\n\nThe council", "\n\nA new paragraph.\n\nThe council");
        assert_eq!(reread(&[DRAFT, &pasted]).paragraphs, 1);
    }

    #[test]
    fn a_changed_configuration_or_format_rereads_everything() {
        let mut cache = AnalysisCache::default();
        let mut config = Config::default();
        analyze_cached(DRAFT, Format::Markdown, &config, &mut cache);
        config.attribution_verbs = vec!["testified".into()];
        analyze_cached(DRAFT, Format::Markdown, &config, &mut cache);
        assert_eq!(cache.last_reread().paragraphs, 3);
        analyze_cached(DRAFT, Format::PlainText, &config, &mut cache);
        assert_eq!(cache.last_reread().paragraphs, 3);
        analyze_cached(DRAFT, Format::PlainText, &config, &mut cache);
        assert_eq!(
            cache.last_reread(),
            Reread {
                paragraphs: 0,
                of: 3,
                registry: false
            }
        );
    }

    /// What `tidy` prepares between two analyses (a clone of the kept registry) serves only the
    /// registry it was cloned from: after a keystroke that introduces someone, or removes an
    /// introduction, the result is a full analysis's, tidied or not.
    #[test]
    fn a_tidied_cache_gives_the_full_analysis_when_the_registry_changes() {
        let named = DRAFT.replace("The council", "Council member Tom Berrios");
        let config = Config::default();
        for versions in [[DRAFT, &named, DRAFT], [&named, DRAFT, &named]] {
            let mut cache = AnalysisCache::default();
            for (v, text) in versions.iter().enumerate() {
                let cached = analyze_cached(text, Format::Markdown, &config, &mut cache);
                assert_eq!(
                    cached,
                    crate::analyze(text, Format::Markdown, &config),
                    "{v}"
                );
                cache.tidy();
                // Typed again with the registry the tidy prepared for.
                let cached = analyze_cached(text, Format::Markdown, &config, &mut cache);
                assert_eq!(
                    cached,
                    crate::analyze(text, Format::Markdown, &config),
                    "{v}"
                );
                assert!(!cache.last_reread().registry, "{v}");
                cache.tidy();
            }
        }
    }

    /// The mention scan takes over what it found in unchanged paragraphs only where it knows
    /// what it knew then: a variant spelling or a first name learnt (or no longer learnt) in an
    /// edited paragraph changes what the paragraphs after it find.
    #[test]
    fn what_the_mention_scan_learns_in_an_edited_paragraph_reaches_the_paragraphs_after() {
        // "Whitcombe" is no one's introduction: the scan learns it is Alan Whitcomb's name
        // misspelled, and only then does the embedded clause of the last paragraph find him.
        // Janet is Okafor's first name only once the scan meets "Janet Okafor".
        let draft = "Mayor Alan Whitcomb spoke on Monday. Dr. Okafor listened.\n\n\
            Whitcombe left early. Janet Okafor left too.\n\n\
            The meeting went on.\n\n\
            Whitcombe called the plan “a giveaway.” Later, Janet Okafor returned.\n";
        let learnt_later = draft.replacen(
            "Whitcombe left early. Janet Okafor left too.",
            "Smith left early. Okafor left too.",
            1,
        );
        let versions = [
            draft.to_string(),
            learnt_later.clone(),
            draft.to_string(),
            draft.replacen("The meeting", "The long meeting", 1),
            learnt_later.replacen("The meeting", "The long meeting", 1),
            draft.replacen("on Monday", "on Tuesday", 1),
        ];
        let config = Config::default();
        let mut cache = AnalysisCache::default();
        for (v, text) in versions.iter().enumerate() {
            let cached = analyze_cached(text, Format::Markdown, &config, &mut cache);
            let fresh = crate::analyze(text, Format::Markdown, &config);
            assert_eq!(cached, fresh, "version {v}");
        }
        // The scan did learn both where the draft says: the quote is Alan Whitcomb's, and the
        // surname-only introduction got its first name.
        let analysis = crate::analyze(draft, Format::Markdown, &config);
        let names: Vec<&str> = analysis.speakers.iter().map(|s| s.name.as_str()).collect();
        assert!(names.contains(&"Janet Okafor"), "{names:?}");
        let quote = analysis.quotes.last().expect("the quote");
        let speaker = analysis.speaker_of(quote).map(|s| s.name.as_str());
        assert_eq!(speaker, Some("Alan Whitcomb"));
    }

    /// A keystroke that leaves what every paragraph introduces as it was keeps the registry
    /// without building the draft's introductions; one that changes them rebuilds it, even
    /// through another paragraph: "Brando" opening the first paragraph may be a verb, and is
    /// someone only once the draft capitalises it in mid-sentence.
    #[test]
    fn the_registry_is_rebuilt_only_when_what_a_paragraph_introduces_changes() {
        let draft = "Brando out on the trailer for the film “Dry Season,” below.\n\n\
            Staff at the brando stores left in June.\n";
        let versions = [
            (draft.to_string(), true),
            // A letter for a letter: the same length, so only the words tell.
            (draft.replacen("June", "July", 1), false),
            (draft.replacen("at the brando", "at the Brando", 1), true),
            (draft.replacen("at the brando", "at the brandy", 1), true),
            (
                draft
                    .replacen("at the brando", "at the brandy", 1)
                    .replacen("Staff", "Stuff", 1),
                false,
            ),
            (draft.replacen("Dry Season", "Dry Seasons", 1), false),
        ];
        let config = Config::default();
        let mut cache = AnalysisCache::default();
        for (v, (text, rebuilt)) in versions.iter().enumerate() {
            let cached = analyze_cached(text, Format::Markdown, &config, &mut cache);
            assert_eq!(
                cached,
                crate::analyze(text, Format::Markdown, &config),
                "version {v}"
            );
            assert_eq!(cache.last_reread().registry, *rebuilt, "version {v}");
            cache.tidy();
        }
        let names = |text: &str| {
            let analysis = crate::analyze(text, Format::Markdown, &config);
            analysis
                .speakers
                .iter()
                .map(|s| s.name.clone())
                .collect::<Vec<_>>()
        };
        assert!(names(&versions[1].0).is_empty());
        assert_eq!(names(&versions[2].0), ["Brando"]);
    }
}
