//! A speaker's other names, read from the draft when something shows them.
//!
//! Only the hover, the workspace symbol search and the JSON report show aliases, so they are
//! not part of the analysis: working them out for every speaker on every keystroke was 5–6 % of
//! a keystroke's instructions, for a list nobody had asked for yet.

use crate::attribution::tokens::strip_possessive;
use crate::model::{MentionKind, Speaker};

use super::same_lowercase;

impl Speaker {
    /// Other names the draft uses for this speaker: the surname alone, a title and surname, a
    /// role reference ("the mayor"), a variant spelling. Each mention's words but pronouns, in
    /// the order the draft first uses them, without a possessive ending, once each whatever the
    /// case; then the [`variants`](Speaker::variants) no mention spells the same way. Never the
    /// name itself.
    ///
    /// `text` is the text the speaker's analysis was made from.
    pub fn aliases<'a>(&'a self, text: &'a str) -> Vec<&'a str> {
        let mut aliases: Vec<&str> = Vec::new();
        for mention in &self.mentions {
            if mention.kind == MentionKind::Pronoun {
                continue;
            }
            let words = strip_possessive(mention.span.text(text));
            if words == self.name || aliases.iter().any(|a| same_lowercase(a, words)) {
                continue;
            }
            aliases.push(words);
        }
        for variant in &self.variants {
            if *variant != self.name && !aliases.contains(&variant.as_str()) {
                aliases.push(variant);
            }
        }
        aliases
    }
}

#[cfg(test)]
mod tests {
    use crate::{Config, Format, analyze};

    /// The aliases of the speaker called `name` in `text`'s analysis.
    fn aliases_of(text: &str, name: &str) -> Vec<String> {
        let analysis = analyze(text, Format::PlainText, &Config::default());
        let speaker = analysis
            .speakers
            .iter()
            .find(|s| s.name == name)
            .unwrap_or_else(|| panic!("no speaker {name:?} in {:#?}", analysis.speakers));
        speaker
            .aliases(text)
            .into_iter()
            .map(String::from)
            .collect()
    }

    #[test]
    fn the_surname_and_a_role_reference_are_aliases_and_the_name_is_not() {
        let text = "“We will reopen the pool,” said Mayor Inés Okafor.\n\n\
                    Okafor said the repairs were paid for. “It is done,” the mayor said.\n\n\
                    “Next summer,” Okafor added.";
        assert_eq!(aliases_of(text, "Inés Okafor"), ["Okafor", "the mayor"]);
    }

    #[test]
    fn possessives_pronouns_and_the_same_word_in_another_case_add_nothing() {
        let text = "Tomasz Wierzbicki, the fire chief, said the station would close. \
                    “We have no choice,” he said.\n\n\
                    Wierzbicki’s budget was cut in March. WIERZBICKI said so twice.";
        assert_eq!(aliases_of(text, "Tomasz Wierzbicki"), ["Wierzbicki"]);
    }

    #[test]
    fn a_variant_spelling_is_an_alias_once() {
        let text = "“The bridge is safe,” said Renata Kowalczyk, the county engineer.\n\n\
                    Kowalczyk said inspections were on time. Kowalcyzk added that 🚧 signs \
                    would stay up.";
        let aliases = aliases_of(text, "Renata Kowalczyk");
        assert_eq!(aliases, ["Kowalczyk", "Kowalcyzk"]);
    }

    #[test]
    fn a_variant_spelled_as_the_name_is_no_alias() {
        // Whatever put it among the variants, a speaker's own name is not another name.
        let speaker = crate::model::Speaker {
            name: "Smyth".into(),
            role: None,
            kind: crate::model::SpeakerKind::Person,
            variants: vec!["Smyth".into(), "Smythe".into()],
            mentions: vec![],
        };
        assert_eq!(speaker.aliases(""), ["Smythe"]);
    }

    #[test]
    fn aliases_are_read_at_the_mentions_after_multibyte_text() {
        // Curly quotes, an em dash and an emoji before the mentions: the spans are byte
        // offsets, and a slip would cut a name in half or panic.
        let text = "“Fine — 👍,” said Dr. Amara Nwosu.\n\n“Still 👍,” Nwosu said.";
        assert_eq!(aliases_of(text, "Amara Nwosu"), ["Nwosu"]);
    }
}
