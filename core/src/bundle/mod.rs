//! The bundle: the public JSON file format units exchange (docs/bundle-format.md), its
//! migrations and the merge rule. Pure.

mod aliases_kept;
pub mod authority;
pub mod batch;
pub mod clash;
pub mod digest;
pub mod export;
pub mod format;
pub mod import;
mod lists;
pub mod merge;
mod messages;
pub mod migrate;
mod references;
pub mod undo;

/// Value of the bundle's `format` field.
pub const FORMAT: &str = "donghanh-bundle";

/// The newest bundle schema this app reads and writes.
pub const SCHEMA: u32 = 1;

#[cfg(test)]
mod corpus_tests;
