//! Pure domain: languages, formatting of numbers, money and dates (and, as the app grows,
//! the record types, catalogs and validation). No browser APIs here.

pub mod format;
pub mod lang;

pub use lang::Lang;
