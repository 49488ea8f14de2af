//! The storage rules. Everything the app keeps in a browser goes through here, under keys that
//! start with [`KEY_PREFIX`]: all-or-nothing saves, a full quota, unreadable data kept aside,
//! other tabs merged (`workspace`), settings and the import log. Generic over a [`Backend`], so
//! every rule is tested natively with [`backend::Memory`]; the app supplies localStorage.

pub mod aside;
pub mod backend;
pub mod backup;
pub mod chunks;
pub mod codec;
pub mod drafts;
mod fold_aliases;
pub mod importlog;
pub mod layouts;
pub mod pack;
pub mod settings;
pub mod synced;
pub mod workspace;

pub use backend::Backend;
pub use settings::Settings;

/// Every key this app writes starts with this, so other apps on the same origin are left alone.
pub const KEY_PREFIX: &str = "donghanh.";

/// Chromium's localStorage quota for one site, in UTF-16 code units (measured: 5,242,880).
pub const QUOTA_UNITS: usize = 5 * 1024 * 1024;

#[cfg(test)]
mod alias_tests;
#[cfg(test)]
mod fault_tests;
#[cfg(test)]
mod reimport_tests;
#[cfg(test)]
mod round_two_tests;
