//! `copydesk check`: the analysis from the command line, for batch use and CI.
//!
//! Exit status: 0 when nothing at warning or above was found, 1 when something was, 2 when a
//! file could not be read or the command was used wrongly. Files are read and analysed in
//! parallel on all cores; output comes in the order the files were given.

mod json;
mod text;

use std::collections::HashMap;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Mutex;

use copydesk::{Analysis, Config, Format, Severity, analyze};

use crate::config_file;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    /// rustc-style findings with the source line and a caret underline.
    Text,
    /// One JSON document with every file's diagnostics, quotes, speakers and claims.
    Json,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum InputFormat {
    Markdown,
    Text,
}

#[derive(clap::Args)]
pub struct CheckArgs {
    /// Drafts to check; a folder means every .md, .markdown and .txt file under it; `-` reads
    /// standard input.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// How to print the findings.
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    pub format: OutputFormat,
    /// Read every draft as this format instead of choosing by extension (standard input is
    /// Markdown unless told otherwise).
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub input_format: Option<InputFormat>,
    /// Use this configuration file instead of looking for `.copydesk.toml` next to each draft
    /// and in the folders above it.
    #[arg(long, value_name = "PATH")]
    pub config: Option<PathBuf>,
    /// The least severe findings to print as text (JSON always lists every finding).
    #[arg(long, value_enum, default_value_t = MinSeverity::Information)]
    pub min_severity: MinSeverity,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum MinSeverity {
    Error,
    Warning,
    Information,
    Hint,
}

impl MinSeverity {
    fn severity(self) -> Severity {
        match self {
            MinSeverity::Error => Severity::Error,
            MinSeverity::Warning => Severity::Warning,
            MinSeverity::Information => Severity::Information,
            MinSeverity::Hint => Severity::Hint,
        }
    }
}

/// One draft, read and analysed.
pub struct Checked {
    pub path: String,
    pub text: String,
    pub format: Format,
    pub analysis: Analysis,
}

/// What went wrong with one input; the others are still checked.
struct InputError(String);

pub fn run(args: CheckArgs) -> ExitCode {
    let mut errors = Vec::new();
    let inputs = expand(&args.files, &mut errors);
    let configs = Configs::new(args.config.as_deref());
    let forced = args.input_format.map(|f| match f {
        InputFormat::Markdown => Format::Markdown,
        InputFormat::Text => Format::PlainText,
    });

    let results = check_all(&inputs, forced, &configs);
    let mut checked = Vec::with_capacity(results.len());
    for result in results {
        match result {
            Ok(c) => checked.push(c),
            Err(InputError(message)) => errors.push(message),
        }
    }
    errors.extend(configs.errors());

    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let written = match args.format {
        OutputFormat::Text => text::write(&mut out, &checked, args.min_severity.severity()),
        OutputFormat::Json => json::write(&mut out, &checked),
    }
    .and_then(|_| out.flush());
    if let Err(e) = written
        && e.kind() != io::ErrorKind::BrokenPipe
    {
        errors.push(format!("cannot write the report: {e}"));
    }
    for message in &errors {
        eprintln!("copydesk: error: {message}");
    }
    if !errors.is_empty() {
        return ExitCode::from(2);
    }
    let serious = checked.iter().any(|c| {
        c.analysis
            .diagnostics
            .iter()
            .any(|d| d.severity <= Severity::Warning)
    });
    ExitCode::from(u8::from(serious))
}

/// An input to check: a file or standard input.
enum Input {
    Stdin,
    File(PathBuf),
}

/// Expands folders into the drafts under them, in a stable order.
fn expand(paths: &[PathBuf], errors: &mut Vec<String>) -> Vec<Input> {
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
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        let hidden = path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.'));
        if hidden {
            continue;
        }
        // Only regular files (and what cannot even be looked at, so that it is reported):
        // reading a named pipe called `x.md` under a folder would wait for a writer forever.
        let special = std::fs::metadata(&path).is_ok_and(|m| !m.is_file() && !m.is_dir());
        if path.is_dir() {
            walk(&path, inputs, errors);
        } else if is_draft(&path) && !special {
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

/// Reads and analyses every input on all cores, keeping the input order.
fn check_all(
    inputs: &[Input],
    forced: Option<Format>,
    configs: &Configs,
) -> Vec<Result<Checked, InputError>> {
    let workers = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .min(inputs.len().max(1));
    if workers <= 1 {
        return inputs
            .iter()
            .map(|i| check_one(i, forced, configs))
            .collect();
    }
    let next = std::sync::atomic::AtomicUsize::new(0);
    let slots: Vec<Mutex<Option<Result<Checked, InputError>>>> =
        inputs.iter().map(|_| Mutex::new(None)).collect();
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    let Some(input) = inputs.get(i) else { break };
                    let result = check_one(input, forced, configs);
                    *slots[i].lock().unwrap_or_else(|e| e.into_inner()) = Some(result);
                }
            });
        }
    });
    slots
        .into_iter()
        .map(|slot| {
            slot.into_inner()
                .unwrap_or_else(|e| e.into_inner())
                .unwrap_or_else(|| Err(InputError("internal error: input not checked".into())))
        })
        .collect()
}

fn check_one(
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
    let analysis = analyze(&text, format, &config);
    Ok(Checked {
        path,
        text,
        format,
        analysis,
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

/// Configuration per folder: `--config`, or the nearest `.copydesk.toml`, each read once.
struct Configs {
    fixed: Option<std::sync::Arc<Config>>,
    by_file: Mutex<HashMap<PathBuf, std::sync::Arc<Config>>>,
    errors: Mutex<Vec<String>>,
}

impl Configs {
    fn new(fixed: Option<&Path>) -> Configs {
        let configs = Configs {
            fixed: None,
            by_file: Mutex::new(HashMap::new()),
            errors: Mutex::new(Vec::new()),
        };
        match fixed {
            None => configs,
            Some(path) => {
                let config = configs.load(path);
                Configs {
                    fixed: Some(config),
                    ..configs
                }
            }
        }
    }

    fn for_dir(&self, dir: &Path) -> std::sync::Arc<Config> {
        if let Some(fixed) = &self.fixed {
            return fixed.clone();
        }
        let dir = if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        };
        let start = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
        match config_file::discover(&start) {
            Some(path) => self.load(&path),
            None => std::sync::Arc::new(Config::default()),
        }
    }

    /// Reads a configuration file once; a bad one is reported and the defaults are used.
    fn load(&self, path: &Path) -> std::sync::Arc<Config> {
        let mut cache = self.by_file.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(config) = cache.get(path) {
            return config.clone();
        }
        let config = match config_file::load(path) {
            Ok(config) => config,
            Err(e) => {
                self.errors
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .push(format!("{e} (using the default settings)"));
                Config::default()
            }
        };
        let config = std::sync::Arc::new(config);
        cache.insert(path.to_path_buf(), config.clone());
        config
    }

    fn errors(&self) -> Vec<String> {
        std::mem::take(&mut *self.errors.lock().unwrap_or_else(|e| e.into_inner()))
    }
}

/// "1 warning", "3 warnings".
pub(crate) fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// `copydesk rules`.
pub fn list_rules() -> ExitCode {
    let width = copydesk::rules::RULES
        .iter()
        .map(|r| r.code.len())
        .max()
        .unwrap_or(0);
    let mut out = io::stdout().lock();
    for rule in copydesk::rules::RULES {
        let _ = writeln!(
            out,
            "{:width$}  {:11}  {}",
            rule.code,
            rule.default_severity.as_str(),
            rule.summary
        );
    }
    ExitCode::SUCCESS
}
