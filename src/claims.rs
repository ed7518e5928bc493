//! Claims: who claims what.
