//! The server's configuration: one schema ([`copydesk::Config`]) from three places, merged key by
//! key, later ones winning:
//!
//! 1. the defaults;
//! 2. the nearest `.copydesk.toml`, found by walking up from the draft;
//! 3. the editor's settings: `initializationOptions`, then `workspace/didChangeConfiguration`
//!    (or `workspace/configuration`) under `copydesk`.
//!
//! A layer that does not parse is dropped (the others stay in force) and reported once.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use copydesk::Config;
use copydesk::config::ConfigError;
use copydesk::position::{Encoding, LineIndex};
use serde_json::{Map, Value};
use tower_lsp_server::ls_types::{self as lsp, NumberOrString, Uri};

use super::convert;
use crate::config_file::{self, LoadError};

/// The configuration a draft is analysed with, and a problem to tell the user about.
pub struct Resolved {
    pub config: Arc<Config>,
    pub generation: u64,
    pub problem: Option<String>,
}

#[derive(Default)]
pub struct Settings {
    /// The editor's layer, already checked.
    editor: Option<Value>,
    /// Loaded `.copydesk.toml` layers by path.
    files: HashMap<PathBuf, Result<Value, LoadError>>,
    /// The configuration file for a directory (`None`: there is none).
    discovered: HashMap<PathBuf, Option<PathBuf>>,
    /// The merged configuration for a configuration file (`None`: editor settings only).
    effective: HashMap<Option<PathBuf>, Arc<Config>>,
    /// Problems already reported, so a broken file is reported once, not at every keystroke.
    reported: HashSet<String>,
    /// Bumped whenever any layer changes: an analysis made under an older generation is stale.
    pub generation: u64,
}

impl Settings {
    /// Takes the editor's settings: either the `copydesk` section itself or an object holding it.
    /// On error the editor layer is dropped and the error returned.
    pub fn set_editor(&mut self, value: Value) -> Result<(), ConfigError> {
        self.invalidate();
        let section = editor_section(value);
        match Config::from_json(section.clone()) {
            Ok(_) => {
                self.editor = Some(section);
                Ok(())
            }
            Err(e) => {
                self.editor = None;
                Err(e)
            }
        }
    }

    /// A configuration file changed on disk (or was saved): read them again.
    pub fn files_changed(&mut self) {
        self.files.clear();
        self.discovered.clear();
        self.reported.clear();
        self.invalidate();
    }

    fn invalidate(&mut self) {
        self.effective.clear();
        self.generation += 1;
    }

    /// The configuration for a draft.
    pub fn resolve(&mut self, uri: &Uri) -> Resolved {
        let file = draft_dir(uri).and_then(|dir| self.discover(&dir));
        let mut problem = None;
        let config = if let Some(config) = self.effective.get(&file) {
            config.clone()
        } else {
            let mut layer = Value::Object(Map::new());
            if let Some(path) = &file {
                let loaded = self
                    .files
                    .entry(path.clone())
                    .or_insert_with(|| config_file::load_layer(path));
                match loaded {
                    Ok(value) => merge(&mut layer, value.clone()),
                    Err(e) => {
                        let message = format!(
                            "copydesk: {e}. The defaults are in force until the file is fixed."
                        );
                        if self.reported.insert(message.clone()) {
                            problem = Some(message);
                        }
                    }
                }
            }
            if let Some(editor) = &self.editor {
                merge(&mut layer, editor.clone());
            }
            let config = Config::from_json(layer).unwrap_or_else(|e| {
                tracing::error!("merged configuration does not parse: {e}");
                Config::default()
            });
            let config = Arc::new(config);
            self.effective.insert(file, config.clone());
            config
        };
        Resolved {
            config,
            generation: self.generation,
            problem,
        }
    }

    fn discover(&mut self, dir: &Path) -> Option<PathBuf> {
        self.discovered
            .entry(dir.to_path_buf())
            .or_insert_with(|| config_file::discover(dir))
            .clone()
    }
}

fn draft_dir(uri: &Uri) -> Option<PathBuf> {
    if uri.scheme().as_str() != "file" {
        return None;
    }
    let path = uri.to_file_path()?;
    path.parent().map(Path::to_path_buf)
}

/// `{"copydesk": {...}}` or `{...}`; `null` is no settings. Editor-only keys (VS Code's
/// `copydesk.trace.server`) are dropped.
pub fn editor_section(value: Value) -> Value {
    let mut section = match value {
        Value::Object(mut map) if map.contains_key("copydesk") => {
            map.remove("copydesk").unwrap_or_default()
        }
        Value::Null => Value::Object(Map::new()),
        other => other,
    };
    if let Value::Object(map) = &mut section {
        map.remove("trace");
    }
    if section.is_null() {
        section = Value::Object(Map::new());
    }
    section
}

/// Merges `over` into `base`: tables key by key, anything else replaced.
fn merge(base: &mut Value, over: Value) {
    match (base, over) {
        (Value::Object(base), Value::Object(over)) => {
            for (key, value) in over {
                match base.get_mut(&key) {
                    Some(slot) => merge(slot, value),
                    None => {
                        base.insert(key, value);
                    }
                }
            }
        }
        (base, over) => *base = over,
    }
}

/// Diagnostics for a `.copydesk.toml` open in the editor: its own text, checked as configuration.
pub fn check_file_text(text: &str, index: &LineIndex, encoding: Encoding) -> Vec<lsp::Diagnostic> {
    let Err(e) = Config::from_toml(text) else {
        return vec![];
    };
    let span = e.span.unwrap_or_default();
    vec![lsp::Diagnostic {
        range: convert::range(text, index, span, encoding),
        severity: Some(lsp::DiagnosticSeverity::ERROR),
        code: Some(NumberOrString::String("invalid-config".to_string())),
        code_description: None,
        source: Some(convert::SOURCE.to_string()),
        message: format!(
            "{}. copydesk uses its defaults until this is fixed.",
            e.message.trim_end_matches('.')
        ),
        related_information: None,
        tags: None,
        data: None,
    }]
}

#[cfg(test)]
mod tests {
    use super::*;
    use copydesk::Severity;
    use serde_json::json;

    #[test]
    fn editor_settings_merge_over_the_project_file() {
        let root = std::env::temp_dir().join(format!("copydesk-lsp-config-{}", std::process::id()));
        std::fs::create_dir_all(root.join("desk")).unwrap();
        std::fs::write(
            root.join(config_file::FILE_NAME),
            "attribution-verbs = [\"testified\"]\n[rules]\nloaded-verb = \"off\"\nplaceholder = \"hint\"\n",
        )
        .unwrap();
        let uri = Uri::from_file_path(root.join("desk/story.md")).unwrap();
        let mut settings = Settings::default();
        let resolved = settings.resolve(&uri);
        assert_eq!(
            resolved.config.severity("loaded-verb", Severity::Warning),
            None
        );
        assert_eq!(resolved.config.attribution_verbs, ["testified"]);
        settings
            .set_editor(json!({"copydesk": {"rules": {"loaded-verb": "error"}, "trace": {"server": "verbose"}}}))
            .unwrap();
        let resolved = settings.resolve(&uri);
        assert_eq!(
            resolved.config.severity("loaded-verb", Severity::Warning),
            Some(Severity::Error)
        );
        assert_eq!(
            resolved.config.severity("placeholder", Severity::Error),
            Some(Severity::Hint)
        );
        // A broken file: reported once, and the editor layer alone stays in force.
        std::fs::write(
            root.join(config_file::FILE_NAME),
            "[rules]\nplaceholder = 3\n",
        )
        .unwrap();
        settings.files_changed();
        let resolved = settings.resolve(&uri);
        assert!(resolved.problem.unwrap().contains(".copydesk.toml:2:"));
        assert_eq!(
            resolved.config.severity("placeholder", Severity::Error),
            Some(Severity::Error)
        );
        assert!(settings.resolve(&uri).problem.is_none());
        // A bad editor setting is an error and drops the editor layer.
        assert!(
            settings
                .set_editor(json!({"rules": {"no-such-rule": "off"}}))
                .is_err()
        );
        assert_eq!(
            settings
                .resolve(&uri)
                .config
                .severity("loaded-verb", Severity::Warning),
            Some(Severity::Warning)
        );
        std::fs::remove_dir_all(&root).unwrap();
    }

    #[test]
    fn open_config_file_gets_a_diagnostic_at_the_error() {
        let text = "[rules]\nloaded-verb = \"of\"\n";
        let index = LineIndex::new(text);
        let diags = check_file_text(text, &index, Encoding::Utf16);
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].range.start.line, 1);
        assert!(check_file_text("", &index, Encoding::Utf16).is_empty());
    }
}
