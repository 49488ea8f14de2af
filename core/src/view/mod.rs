//! What the screens show, without a DOM: the interface text (`i18n`), routes, the choices of
//! selects, form field texts, every read-only list as escaped HTML text, the reports' documents,
//! and the import screen's state machine. The app's `ui` only mounts these, keeps form fields
//! as signals and runs effects (read a file, write storage, download); so all of this is tested
//! natively.
//!
//! Lists are HTML text because a view tree per row costs about three times the wasm; their
//! buttons carry `data-action` and `data-id` for one listener per list.

pub mod activities;
pub mod clash_cards;
pub mod conflict_text;
pub mod coverage;
pub mod directory;
pub mod first_steps;
pub mod form;
pub mod i18n;
pub mod import;
pub mod models;
pub mod options;
pub mod overview;
pub mod places;
pub mod plans;
pub mod preview;
pub mod reports;
pub mod route;
pub mod slips;
