//! Pure domain: record types and catalogs (docs/bundle-format.md), validation, queries, and the
//! display formats of numbers, money and dates.

pub mod aliases;
pub mod catalog;
pub mod collate;
pub mod dataset;
pub mod dates;
pub mod duplicates;
pub mod field;
pub mod format;
pub mod ids;
pub mod kind;
pub mod lang;
pub mod money;
pub mod order;
pub mod problem;
pub mod quantity;
pub mod query;
pub mod record;
pub mod text;
pub mod validate;

#[cfg(test)]
pub mod testkit;

pub use dataset::Dataset;
pub use kind::Kind;
pub use lang::Lang;
pub use problem::{Problem, Reason};
