//! One file per screen.

pub mod activities;
pub mod directory;
pub mod export;
pub mod first_steps;
pub mod import;
pub mod models;
pub mod not_found;
pub mod overview;
pub mod panic_test;
pub mod plans;
pub mod present;
pub mod reports;
pub mod settings;
mod settings_storage;
pub mod welcome;
