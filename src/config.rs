//! One typed schema for copydesk's settings, read from `.copydesk.toml`, from the language
//! server's `initializationOptions` and from `workspace/didChangeConfiguration` (under
//! `copydesk`). Unknown keys are errors, so a typo never silently does nothing.
//!
//! ```toml
//! courtesy-titles = "ap"            # or "nyt"
//! attribution-verbs = ["testified"]
//! anonymity-phrases = ["under the newsroom's sourcing rules"]
//!
//! [rules]
//! loaded-verb = "off"               # off | error | warning | information | hint
//! unattributed-claim = "information"
//!
//! [names."Volodymyr Zelenskyy"]
//! role = "Ukrainian President"
//! variants = ["Zelensky", "Zelenskiy"]
//!
//! [names.Kyiv]
//! variants = ["Kiev"]
//! ```

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::model::{Severity, Span};

#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct Config {
    /// Per-rule level, keyed by rule code.
    pub rules: BTreeMap<String, RuleLevel>,
    /// Extra attribution verbs, in the past tense as written after a name (`testified`).
    pub attribution_verbs: Vec<String>,
    /// Extra phrases that explain why a source was granted anonymity.
    pub anonymity_phrases: Vec<String>,
    /// The house dictionary: canonical spellings of names and places, with roles and variants.
    pub names: BTreeMap<String, NameEntry>,
    pub courtesy_titles: CourtesyTitles,
}

/// A rule's level: `off`, or the severity its findings get.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RuleLevel {
    Off,
    Error,
    Warning,
    Information,
    Hint,
}

impl RuleLevel {
    pub fn severity(self) -> Option<Severity> {
        match self {
            RuleLevel::Off => None,
            RuleLevel::Error => Some(Severity::Error),
            RuleLevel::Warning => Some(Severity::Warning),
            RuleLevel::Information => Some(Severity::Information),
            RuleLevel::Hint => Some(Severity::Hint),
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case", default)]
pub struct NameEntry {
    pub role: Option<String>,
    /// Spellings that should be flagged and replaced by the canonical one.
    pub variants: Vec<String>,
}

/// Courtesy titles (Mr., Ms.): AP drops them, The New York Times uses them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CourtesyTitles {
    #[default]
    Ap,
    Nyt,
}

/// A configuration that could not be used, with where in the source it went wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError {
    pub message: String,
    /// Byte span in the configuration source, when known.
    pub span: Option<Span>,
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ConfigError {}

impl Config {
    /// Parses `.copydesk.toml` text.
    pub fn from_toml(source: &str) -> Result<Config, ConfigError> {
        let config: Config = toml::from_str(source).map_err(|e| ConfigError {
            message: e.message().trim().to_string(),
            span: e.span().map(|r| Span::new(r.start, r.end)),
        })?;
        config.validate()?;
        Ok(config)
    }

    /// Reads settings sent by an editor as JSON (`initializationOptions`, or the `copydesk`
    /// section of `workspace/didChangeConfiguration`).
    pub fn from_json(value: serde_json::Value) -> Result<Config, ConfigError> {
        let config: Config = serde_json::from_value(value).map_err(|e| ConfigError {
            message: e.to_string(),
            span: None,
        })?;
        config.validate()?;
        Ok(config)
    }

    fn validate(&self) -> Result<(), ConfigError> {
        for code in self.rules.keys() {
            if crate::rules::info(code).is_none() {
                let known: Vec<&str> = crate::rules::RULES.iter().map(|r| r.code).collect();
                return Err(ConfigError {
                    message: format!(
                        "unknown rule `{code}` in [rules]; known rules: {}",
                        known.join(", ")
                    ),
                    span: None,
                });
            }
        }
        Ok(())
    }

    /// The severity a rule's findings get, or `None` when the rule is off.
    pub fn severity(&self, code: &str, default: Severity) -> Option<Severity> {
        match self.rules.get(code) {
            Some(level) => level.severity(),
            None => Some(default),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_full_config() {
        let config = Config::from_toml(
            r#"
courtesy-titles = "nyt"
attribution-verbs = ["testified"]
[rules]
loaded-verb = "off"
placeholder = "warning"
[names."Volodymyr Zelenskyy"]
role = "Ukrainian President"
variants = ["Zelensky"]
"#,
        )
        .unwrap();
        assert_eq!(config.courtesy_titles, CourtesyTitles::Nyt);
        assert_eq!(config.severity("loaded-verb", Severity::Warning), None);
        assert_eq!(
            config.severity("placeholder", Severity::Error),
            Some(Severity::Warning)
        );
        assert_eq!(
            config.severity("unbalanced-quote", Severity::Error),
            Some(Severity::Error)
        );
        assert_eq!(config.names["Volodymyr Zelenskyy"].variants, ["Zelensky"]);
    }

    #[test]
    fn unknown_keys_and_rules_are_errors_with_a_place() {
        let err = Config::from_toml("courtesy-title = \"ap\"\n").unwrap_err();
        assert!(err.message.contains("courtesy-title"), "{}", err.message);
        assert_eq!(err.span.map(|s| s.start), Some(0));
        let err = Config::from_toml("[rules]\nloaded-verbs = \"off\"\n").unwrap_err();
        assert!(
            err.message.contains("unknown rule `loaded-verbs`"),
            "{}",
            err.message
        );
    }

    #[test]
    fn wrong_types_are_errors() {
        let err = Config::from_toml("attribution-verbs = \"said\"\n").unwrap_err();
        assert!(err.message.contains("sequence"), "{}", err.message);
        let err = Config::from_json(serde_json::json!({"rules": {"placeholder": 3}})).unwrap_err();
        assert!(!err.message.is_empty());
    }
}
