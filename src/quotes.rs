//! Finding direct quotes.
