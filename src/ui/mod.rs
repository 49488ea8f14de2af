//! Leptos components and pages. Reads and writes data only through `store`.

mod app;
mod banners;
pub mod browser;
mod data;
pub(crate) mod demo;
pub(crate) mod draft;
mod form;
mod html_list;
mod lazy_pages;
mod offline;
mod pages;
mod panic;
pub mod router;
mod sheet_grid;
mod shell;
mod signing;
mod testapi;

/// Entry point of the browser app.
pub fn start() {
    panic::install();
    leptos::mount::mount_to_body(app::App);
}
