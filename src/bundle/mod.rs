//! The bundle: the public JSON file format units exchange (DESIGN.md, "The bundle"), its
//! migrations and the merge rule. Pure.

pub mod format;
pub mod merge;
pub mod migrate;

/// Value of the bundle's `format` field.
pub const FORMAT: &str = "donghanh-bundle";

/// The newest bundle schema this app reads and writes.
pub const SCHEMA: u32 = 1;
