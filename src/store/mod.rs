//! The one place that touches localStorage. Everything the app keeps in this browser goes
//! through here, under keys that start with [`KEY_PREFIX`].

mod local;
pub mod settings;

pub use settings::Settings;

/// Every key this app writes starts with this, so other apps on the same origin are left alone.
pub const KEY_PREFIX: &str = "donghanh.";
