//! Who said it: the sieves that find each quote's source.

/// Attribution facts the rules read (anonymous attributions, cues, reported speech).
#[derive(Clone, Debug, Default)]
pub struct Facts {}
