//! One file per screen.

pub mod export;
pub mod import;
pub mod not_found;
pub mod overview;
pub mod panic_test;
pub mod settings;
