//! Đồng Hành — plan and report help to especially difficult communes and villages,
//! entirely in the browser.
//!
//! `domain`, `bundle` and `report` are pure Rust (no browser APIs) and are tested natively;
//! `store` is the only module that touches localStorage; `ui` holds the Leptos components.

pub mod bundle;
pub mod domain;
pub mod report;
pub mod sample;
pub mod store;
pub mod ui;

/// Version string written into exported bundles (`"app"` field).
pub const APP_VERSION: &str = concat!("donghanh ", env!("CARGO_PKG_VERSION"));
