//! Reports: aggregation of activities (and, as they are built, the drafted narrative and
//! spreadsheets). Pure.

pub mod progress;
pub mod totals;

pub use totals::{totals, Totals};
