//! Đồng Hành — plan and report help to especially difficult communes and villages,
//! entirely in the browser.
//!
//! This crate is the browser side: `ui` (Leptos components and pages) and `store::local`
//! (localStorage, the only code that touches it). Everything else is the pure core
//! (`donghanh-core`), seen here at the crate root under the same module names.

pub use donghanh_core::{bundle, domain, markup, report, sheet, view, APP_VERSION};

pub mod store;
pub mod ui;
