//! Finding and reading `.copydesk.toml`: the one place the binary touches configuration files.
//! The CLI and the language server both use it, so a project behaves the same in both.

use std::path::{Path, PathBuf};

use copydesk::Config;
use copydesk::position::{Encoding, LineIndex};

pub const FILE_NAME: &str = ".copydesk.toml";

/// The nearest `.copydesk.toml` in `start` or one of its ancestors.
pub fn discover(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .map(|dir| dir.join(FILE_NAME))
        .find(|candidate| candidate.is_file())
}

/// A configuration file that could not be used, with a message naming the file and the place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    pub path: PathBuf,
    /// Zero-based line and UTF-16 column of the problem, when known.
    pub position: Option<(u32, u32)>,
    pub message: String,
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.position {
            Some((line, col)) => write!(
                f,
                "{}:{}:{}: {}",
                self.path.display(),
                line + 1,
                col + 1,
                self.message
            ),
            None => write!(f, "{}: {}", self.path.display(), self.message),
        }
    }
}

/// Reads and parses a configuration file.
pub fn load(path: &Path) -> Result<Config, LoadError> {
    let source = read(path)?;
    parse(path, &source)
}

/// Reads a configuration file as a settings layer: checked like [`load`], and returned as the
/// JSON value of its keys so that editor settings can be merged over it key by key.
pub fn load_layer(path: &Path) -> Result<serde_json::Value, LoadError> {
    let source = read(path)?;
    parse(path, &source)?;
    let table: toml::Table = toml::from_str(&source).map_err(|e| LoadError {
        path: path.to_path_buf(),
        position: None,
        message: format!("invalid configuration: {}", e.message().trim()),
    })?;
    serde_json::to_value(table).map_err(|e| LoadError {
        path: path.to_path_buf(),
        position: None,
        message: format!("invalid configuration: {e}"),
    })
}

fn read(path: &Path) -> Result<String, LoadError> {
    let source = std::fs::read(path).map_err(|e| LoadError {
        path: path.to_path_buf(),
        position: None,
        message: format!("cannot read the configuration: {e}"),
    })?;
    String::from_utf8(source).map_err(|_| LoadError {
        path: path.to_path_buf(),
        position: None,
        message: "the configuration is not UTF-8 text".to_string(),
    })
}

fn parse(path: &Path, source: &str) -> Result<Config, LoadError> {
    Config::from_toml(source).map_err(|e| LoadError {
        path: path.to_path_buf(),
        position: e.span.map(|span| {
            let p = LineIndex::new(source).position(source, span.start, Encoding::Utf16);
            (p.line, p.character)
        }),
        message: format!("invalid configuration: {}", e.message),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn discovers_upwards_and_reports_the_place_of_an_error() {
        let root = std::env::temp_dir().join(format!("copydesk-config-{}", std::process::id()));
        let nested = root.join("desk/metro");
        std::fs::create_dir_all(&nested).unwrap();
        assert_eq!(discover(&nested).filter(|p| p.starts_with(&root)), None);
        std::fs::write(root.join(FILE_NAME), "[rules]\nplaceholder = 3\n").unwrap();
        let found = discover(&nested).unwrap();
        assert_eq!(found, root.join(FILE_NAME));
        let err = load(&found).unwrap_err();
        assert_eq!(err.position.map(|p| p.0), Some(1), "{err}");
        assert!(err.to_string().contains(".copydesk.toml:2:"), "{err}");
        assert!(load_layer(&found).is_err());
        std::fs::write(root.join(FILE_NAME), "[rules]\nplaceholder = \"off\"\n").unwrap();
        assert_eq!(
            load_layer(&found).unwrap(),
            serde_json::json!({"rules": {"placeholder": "off"}})
        );
        let config = load(&found).unwrap();
        assert_eq!(
            config.severity("placeholder", copydesk::Severity::Error),
            None
        );
        std::fs::remove_dir_all(&root).unwrap();
    }
}
