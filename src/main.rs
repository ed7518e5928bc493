//! The `copydesk` binary: `copydesk check` for the command line and CI, `copydesk lsp` for editors.

mod cli;
mod config_file;
mod json_out;
mod lsp;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// The analysis allocates and frees many small lists per paragraph, on every keystroke and for
/// every file of a batch; with glibc's allocator, `malloc` and `free` were a tenth of the CLI's
/// profile. mimalloc is built without transparent huge pages (`no_thp`): with them, the
/// language server held 45 MiB with 50 drafts open, against a budget of 30 MB.
/// docs/performance.md has the figures.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "copydesk",
    version,
    about = "A copy desk for journalism drafts: quotes, attribution, sourcing"
)]
struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check drafts and report findings.
    Check(cli::CheckArgs),
    /// List the rules with their codes, default severities and what each catches.
    Rules,
    /// Run the language server over stdin/stdout.
    Lsp {
        /// Accepted for VS Code's client, which appends it; stdio is the only transport.
        #[arg(long)]
        stdio: bool,
    },
}

fn main() -> ExitCode {
    let args = Args::parse();
    match args.command {
        Command::Check(args) => cli::run(args),
        Command::Rules => cli::list_rules(),
        Command::Lsp { .. } => lsp::run(),
    }
}
