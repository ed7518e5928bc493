//! copydesk: a copy desk for journalism drafts.
//!
//! This library is the pure analysis engine: text in, data out. It knows nothing of LSP, tokio or
//! files. [`analyze`] reads a draft and returns an [`Analysis`]: its quotes and who says each one,
//! its speakers, its claims, and copy-desk diagnostics. Every offset is a UTF-8 byte offset into
//! the text; [`position::LineIndex`] turns them into LSP line/character positions at the boundary.
//! A diagnostic's words (its message, related notes and fixes) are [`Wording`]s, kept as parts
//! of the text and written out with it where they are shown: `d.message.to_string(text)`.
//!
//! Data flows one way, each stage a plain function of the one before:
//! `draft` (prose regions, paragraphs, sentences) → `quotes` → `attribution` → `speakers` →
//! `claims` → `rules`.

pub mod analysis;
mod ascii_chunks;
pub mod attribution;
pub mod claims;
mod common_ends;
pub mod config;
pub mod draft;
pub mod lexicon;
pub mod model;
mod next_hit;
pub mod paragraph_facts;
pub mod position;
pub mod quotes;
pub mod reuse;
pub mod rules;
pub mod speakers;
pub mod suppress;
pub mod timings;
pub mod wording;

pub use analysis::{AnalysisCache, analyze, analyze_cached, analyze_cached_timed, analyze_timed};
pub use config::Config;
pub use draft::Format;
pub use model::*;
pub use timings::Timings;
pub use wording::{Part, Wording};
