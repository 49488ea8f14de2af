//! Rows brought in from spreadsheets — pasted from Excel today, read from XLSX/CSV files next —
//! turned into records through the same preview as a bundle: the cells as text (`tsv.rs`), names
//! matched to the directory without diacritics, case or "xã"/"bản" prefixes (`names.rs`), headers
//! recognised in Vietnamese and English (`columns.rs`), and each row read as an activity with
//! every problem named by row and column (`activities.rs`). Pure.

pub mod activities;
pub mod book;
pub mod columns;
pub mod csv;
pub mod missing;
pub mod names;
pub mod records;
pub mod template;
pub mod tsv;
pub mod unzip;
pub mod xlsx;
mod xml;

#[cfg(test)]
mod corpus_tests;
