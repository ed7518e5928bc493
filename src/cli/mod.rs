//! `copydesk check`.

use std::process::ExitCode;

#[derive(clap::Args)]
pub struct CheckArgs {
    /// Drafts to check (`-` for standard input).
    pub files: Vec<String>,
}

pub fn run(_args: CheckArgs) -> ExitCode {
    ExitCode::from(2)
}
