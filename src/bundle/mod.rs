//! The bundle: the public JSON file format units exchange (see DESIGN.md, "The bundle").
//! Pure: parsing, migrations and merge live here as they are built.

/// Value of the bundle's `format` field.
pub const FORMAT: &str = "donghanh-bundle";

/// The newest bundle schema this app reads and writes.
pub const SCHEMA: u32 = 1;
