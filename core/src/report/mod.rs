//! Reports: aggregation of activities, plan progress, who is behind, the drafted narrative,
//! the printable documents and charts (escaped HTML and SVG text), and spreadsheets. Pure.

pub mod aggregate;
pub mod claims;
pub mod coverage;
pub mod deeds;
pub mod docx;
pub mod html;
pub mod narrative;
pub mod period;
pub mod progress;
pub mod review;
pub mod scope;
pub mod series;
pub mod sheets;
pub mod slides;
pub mod svg;
pub mod tables;
pub mod wording;
pub(crate) mod zip;
