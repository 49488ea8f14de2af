//! Đồng Hành's pure core: everything the app knows that is not the browser. Records, catalogs
//! and validation (`domain`), the bundle format, its migrations and the merge rule (`bundle`),
//! reports (`report`), the storage rules over any key-value `store::Backend` (`store`), what
//! each screen shows and the import screen's state machine (`view`, with the interface text),
//! HTML escaping (`markup`), and a generated province for tests and benchmarks (`sample`).
//!
//! This crate depends on no browser crate (no leptos, web-sys, js-sys, wasm-bindgen): the
//! compiler keeps it pure, and every rule here is tested natively.

pub mod bundle;
pub mod checksum;
pub mod domain;
pub mod markup;
pub mod report;
pub mod sample;
pub mod sheet;
pub mod store;
pub mod view;

#[cfg(test)]
mod testalloc;
#[cfg(test)]
#[global_allocator]
static ALLOC: testalloc::Counting = testalloc::Counting;

/// Version string written into exported bundles (`"app"` field). The app and the core share
/// the workspace's version.
pub const APP_VERSION: &str = concat!("donghanh ", env!("CARGO_PKG_VERSION"));
