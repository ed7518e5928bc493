//! `copydesk check`: the analysis from the command line, for batch use and CI.
//!
//! Exit status: 0 when nothing at warning or above was found, 1 when something was, 2 when a
//! file could not be read or the command was used wrongly. Files are read and analysed in
//! parallel on all cores; output comes in the order the files were given.

mod inputs;
mod json;
mod parallel;
mod text;

use std::collections::HashMap;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Mutex;

use copydesk::{Analysis, Config, Format, Severity, Timings};

use self::inputs::{Input, check_one, expand};
use self::parallel::check_all;

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
    /// After the report, print to standard error how long each stage of the analysis took,
    /// summed over every draft.
    #[arg(long)]
    pub timings: bool,
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
    pub timings: Timings,
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

    // A part of the report as large as the buffer or larger (a JSON part is about seven times
    // its draft) goes out straight from the worker's buffer, not copied into this one first.
    let mut report = Report::new(io::BufWriter::with_capacity(1 << 14, stdout()), args.format);
    let job = Job {
        forced,
        configs: &configs,
        format: args.format,
        min: args.min_severity.severity(),
    };
    check_all(&inputs, &job, &mut report);
    let Report {
        serious,
        errors: input_errors,
        write_error,
        drafts,
        bytes,
        timings,
        ..
    } = report.finish();
    if args.timings {
        eprint!("{}", timings_table(&timings, drafts, bytes));
    }

    errors.extend(input_errors);
    errors.extend(configs.errors());
    // A closed pipe means the reader has gone away (`| head`): not an error, in either format.
    if let Some(e) = write_error
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
    ExitCode::from(u8::from(serious))
}

/// Standard output for the report. On Unix it is written through a duplicate of the file
/// descriptor, without `io::Stdout`'s line buffering, which looks for the last newline in
/// everything written to it (the whole of a JSON report, which has none). Elsewhere (a Windows
/// console needs `io::Stdout`'s conversion to UTF-16), and if the descriptor cannot be
/// duplicated, it is `io::Stdout`.
fn stdout() -> Box<dyn Write> {
    #[cfg(unix)]
    {
        use std::os::fd::AsFd;
        if let Ok(fd) = io::stdout().as_fd().try_clone_to_owned() {
            return Box::new(std::fs::File::from(fd));
        }
    }
    Box::new(io::stdout().lock())
}

/// What every draft is checked and reported with.
struct Job<'a> {
    forced: Option<Format>,
    configs: &'a Configs,
    format: OutputFormat,
    min: Severity,
}

/// One draft checked and its part of the report written, ready to go out in turn. The draft and
/// its analysis are dropped as soon as this is made, so a draft waiting for its turn costs only
/// its report.
struct Done {
    report: Vec<u8>,
    /// Findings in the text report, by severity.
    counts: [usize; 4],
    /// A warning or an error was found (whatever the text report shows).
    serious: bool,
    /// The draft's size and how long its analysis took, stage by stage.
    bytes: usize,
    timings: Timings,
}

type Outcome = Result<Done, InputError>;

/// The most room a worker's JSON buffer is given up front (64 MiB, the part of a draft of 8 MB).
const ROOM_CAP: usize = 64 << 20;

impl Job<'_> {
    /// Checks one input and formats its part of the report into `buffer` (empty, reused).
    fn run(&self, input: &Input, mut buffer: Vec<u8>) -> Outcome {
        let checked = check_one(input, self.forced, self.configs)?;
        let serious = checked
            .analysis
            .diagnostics
            .iter()
            .any(|d| d.severity <= Severity::Warning);
        let mut counts = [0; 4];
        match self.format {
            OutputFormat::Json => {
                // The part is about seven times the draft, more with many findings: room for
                // it at once, not grown step by step (each step a copy of what was written),
                // and in a new buffer if this one is too small (growing it would copy all it
                // held before it was emptied). Capped, so that a huge draft does not ask for
                // eight times its size up front; past the cap the buffer grows as it is written.
                let room = checked.text.len().saturating_mul(8).min(ROOM_CAP);
                if buffer.capacity() < room {
                    buffer = Vec::with_capacity(room);
                }
                // Each part begins with the separator that comes before it in the report; the
                // report leaves out the first part's, so that a part goes out in one write.
                buffer.extend_from_slice(json::SEPARATOR);
                json::file(&mut buffer, &checked);
            }
            OutputFormat::Text => text::file(&mut buffer, &checked, self.min, &mut counts),
        }
        Ok(Done {
            report: buffer,
            counts,
            serious,
            bytes: checked.text.len(),
            timings: checked.timings,
        })
    }
}

/// The report as it is written, draft by draft in input order, and what it adds up to.
struct Report<W: Write> {
    out: W,
    format: OutputFormat,
    drafts: usize,
    counts: [usize; 4],
    serious: bool,
    /// The drafts' bytes and analysis time, summed.
    bytes: usize,
    timings: Timings,
    /// Inputs that could not be checked, in input order.
    errors: Vec<String>,
    /// The first failure to write; nothing more is written after it.
    write_error: Option<io::Error>,
}

impl<W: Write> Report<W> {
    fn new(out: W, format: OutputFormat) -> Report<W> {
        let mut report = Report {
            out,
            format,
            drafts: 0,
            counts: [0; 4],
            serious: false,
            bytes: 0,
            timings: Timings::default(),
            errors: Vec::new(),
            write_error: None,
        };
        if format == OutputFormat::Json {
            report.write(json::BEGIN);
        }
        report
    }

    fn write(&mut self, bytes: &[u8]) {
        if self.write_error.is_none()
            && let Err(e) = self.out.write_all(bytes)
        {
            self.write_error = Some(e);
        }
    }

    /// Adds the next draft's outcome; gives back its buffer for another draft.
    fn add(&mut self, outcome: Outcome) -> Option<Vec<u8>> {
        match outcome {
            Err(InputError(message)) => {
                self.errors.push(message);
                None
            }
            Ok(done) => {
                let part = match self.format {
                    OutputFormat::Json if self.drafts == 0 => &done.report[json::SEPARATOR.len()..],
                    _ => &done.report[..],
                };
                self.write(part);
                self.drafts += 1;
                self.serious |= done.serious;
                self.bytes += done.bytes;
                self.timings.add(&done.timings);
                for (total, n) in self.counts.iter_mut().zip(done.counts) {
                    *total += n;
                }
                let mut buffer = done.report;
                buffer.clear();
                Some(buffer)
            }
        }
    }

    /// Writes the end of the report and flushes it.
    fn finish(mut self) -> Self {
        match self.format {
            OutputFormat::Json => self.write(json::END),
            OutputFormat::Text => {
                let mut summary = Vec::new();
                let _ = text::summary(&mut summary, self.counts, self.drafts);
                self.write(&summary);
            }
        }
        if self.write_error.is_none()
            && let Err(e) = self.out.flush()
        {
            self.write_error = Some(e);
        }
        self
    }
}

/// `--timings`: each stage's time summed over the drafts (wall time of the thread that ran
/// it), its share, and the analysis speed.
fn timings_table(timings: &Timings, drafts: usize, bytes: usize) -> String {
    let total = timings.total().as_secs_f64();
    let mut out = format!(
        "copydesk: analysis of {} ({:.1} MB): {:.1} ms in all, {:.1} MB/s per thread\n",
        plural(drafts, "draft", "drafts"),
        bytes as f64 / 1e6,
        total * 1e3,
        if total > 0.0 {
            bytes as f64 / 1e6 / total
        } else {
            0.0
        }
    );
    for (stage, time) in &timings.stages {
        let share = if total > 0.0 {
            time.as_secs_f64() / total
        } else {
            0.0
        };
        out.push_str(&format!(
            "  {stage:<14} {:>10.2} ms {:>5.1} %\n",
            time.as_secs_f64() * 1e3,
            100.0 * share
        ));
    }
    out
}

/// Configuration per folder: `--config`, or the nearest `.copydesk.toml`, each read once.
struct Configs {
    fixed: Option<std::sync::Arc<Config>>,
    by_file: Mutex<HashMap<PathBuf, std::sync::Arc<Config>>>,
    /// The configuration found for each folder a draft is in.
    by_dir: Mutex<HashMap<PathBuf, std::sync::Arc<Config>>>,
    errors: Mutex<Vec<String>>,
}

impl Configs {
    fn new(fixed: Option<&Path>) -> Configs {
        let configs = Configs {
            fixed: None,
            by_file: Mutex::new(HashMap::new()),
            by_dir: Mutex::new(HashMap::new()),
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
        // Drafts in one folder share its configuration: look for it once per folder.
        if let Some(config) = self
            .by_dir
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(dir)
        {
            return config.clone();
        }
        let config = {
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
        };
        self.by_dir
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(dir.to_path_buf(), config.clone());
        config
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
