//! The one place that touches localStorage. Everything the app keeps in this browser goes
//! through here, under keys that start with [`KEY_PREFIX`]. The rules (all-or-nothing saves,
//! full quota, unreadable data kept aside, other tabs merged) live in `workspace`, generic over
//! a `Backend`, so they are tested natively; `local` is the browser's backend.

pub mod backend;
pub mod chunks;
pub mod codec;
pub mod importlog;
pub mod local;
pub mod pack;
pub mod settings;
pub mod workspace;

pub use settings::Settings;

/// Every key this app writes starts with this, so other apps on the same origin are left alone.
pub const KEY_PREFIX: &str = "donghanh.";

/// Chromium's localStorage quota for one site, in UTF-16 code units (measured: 5,242,880).
pub const QUOTA_UNITS: usize = 5 * 1024 * 1024;
