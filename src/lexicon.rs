//! Word lists shared by the stages.
