//! Storage: the core's rules (`donghanh_core::store`, re-exported here) over the browser's
//! localStorage (`local`, the only code in the app that touches it).

pub use donghanh_core::store::*;

pub mod local;
pub mod persist;
