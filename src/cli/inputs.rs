//! The drafts to check: folders expanded into the drafts under them, each draft read as UTF-8
//! and analysed, with a clear message for what cannot be read.

use std::io::{self, Read};
use std::path::{Path, PathBuf};

use copydesk::{Format, analyze_timed};

use super::{Checked, Configs, InputError};

/// An input to check: a file or standard input.
pub(super) enum Input {
    Stdin,
    File(PathBuf),
}

/// Expands folders into the drafts under them, in a stable order.
pub(super) fn expand(paths: &[PathBuf], errors: &mut Vec<String>) -> Vec<Input> {
    let mut inputs = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            inputs.push(Input::Stdin);
        } else if path.is_dir() {
            let before = inputs.len();
            walk(path, &mut inputs, errors);
            if inputs.len() == before {
                errors.push(format!(
                    "{}: the folder has no drafts (.md, .markdown, .txt) in it",
                    path.display()
                ));
            }
        } else {
            inputs.push(Input::File(path.clone()));
        }
    }
    inputs
}

fn walk(dir: &Path, inputs: &mut Vec<Input>, errors: &mut Vec<String>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            errors.push(format!("{}: cannot read the folder: {e}", dir.display()));
            return;
        }
    };
    // The entry's type comes with it on most file systems; only symbolic links (and entries
    // whose type is unknown) need a look at what they point to.
    let mut paths: Vec<(PathBuf, Option<std::fs::FileType>)> = entries
        .filter_map(|e| e.ok().map(|e| (e.path(), e.file_type().ok())))
        .collect();
    paths.sort_by(|a, b| a.0.cmp(&b.0));
    for (path, file_type) in paths {
        let hidden = path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.'));
        if hidden {
            continue;
        }
        let (is_dir, is_file) = match file_type {
            Some(t) if !t.is_symlink() => (t.is_dir(), t.is_file()),
            _ => match std::fs::metadata(&path) {
                Ok(m) => (m.is_dir(), m.is_file()),
                // What cannot even be looked at is kept, so that reading it reports why.
                Err(_) => (false, true),
            },
        };
        // Only regular files: reading a named pipe called `x.md` under a folder would wait
        // for a writer forever.
        if is_dir {
            walk(&path, inputs, errors);
        } else if is_file && is_draft(&path) {
            inputs.push(Input::File(path));
        }
    }
}

fn is_draft(path: &Path) -> bool {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    matches!(ext.as_deref(), Some("md" | "markdown" | "txt" | "text"))
}

pub(super) fn check_one(
    input: &Input,
    forced: Option<Format>,
    configs: &Configs,
) -> Result<Checked, InputError> {
    let (path, bytes, format, dir) = match input {
        Input::Stdin => {
            let mut bytes = Vec::new();
            io::stdin()
                .read_to_end(&mut bytes)
                .map_err(|e| InputError(format!("<stdin>: cannot read standard input: {e}")))?;
            let cwd = std::env::current_dir().unwrap_or_default();
            ("<stdin>".to_string(), bytes, Format::Markdown, cwd)
        }
        Input::File(path) => {
            let shown = path.display().to_string();
            let bytes = std::fs::read(path).map_err(|e| InputError(read_error(&shown, &e)))?;
            let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
            (shown.clone(), bytes, Format::from_path(&shown), dir)
        }
    };
    let text = String::from_utf8(bytes).map_err(|e| {
        InputError(format!(
            "{path}: not UTF-8 text (invalid byte at offset {}); save the draft as UTF-8",
            e.utf8_error().valid_up_to()
        ))
    })?;
    let format = forced.unwrap_or(format);
    let config = configs.for_dir(&dir);
    let (analysis, timings) = analyze_timed(&text, format, &config);
    Ok(Checked {
        path,
        text,
        format,
        analysis,
        timings,
    })
}

fn read_error(path: &str, e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => format!("{path}: no such file"),
        io::ErrorKind::PermissionDenied => format!("{path}: permission denied"),
        io::ErrorKind::IsADirectory => format!("{path}: is a folder, not a draft"),
        _ => format!("{path}: cannot read: {e}"),
    }
}
