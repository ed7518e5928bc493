//! TODO: this rule is not written yet.

use super::Context;
use crate::model::Diagnostic;

pub fn check(_cx: &Context, _out: &mut Vec<Diagnostic>) {}
