//! The speaker registry.
