//! The claim ledger of a drafted narrative: every figure, noun and name a sentence writes, with
//! the ids of the records behind it. A head of agency signs the text; the ledger is how each
//! clause can point at its evidence, and how a test recomputes it by another path
//! (`claims_tests.rs`). A sentence is written only from claims: `Ledger` renders each figure as
//! it records it, so the text cannot say a number the ledger does not hold.

use crate::domain::format::{date, integer, money_words};
use crate::domain::Lang;

/// What a claim's figure is computed from, over the records it names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Basis {
    /// How many activities.
    Activities,
    /// Their quantity in a measure (every one recorded in that measure).
    Qty(&'static str),
    /// Cash plus in kind.
    Support,
    Cash,
    InKind,
    /// Preferential loans helped to.
    Loan,
    Households,
    PoorHouseholds,
    People,
    /// Distinct communes on the report's map, a predecessor and its successor counted once.
    Communes,
    /// Distinct communes today (each merged commune in the one it joined).
    CommunesToday,
    Villages,
    /// Distinct units, a renamed unit and its successor counted once.
    Units,
    /// How many issued plans.
    Plans,
    /// How many models.
    Models,
    /// Households taking part, as the models record them.
    ModelHouseholds,
    /// Households out of poverty, as the models record them (a running total).
    ModelEscaped,
    /// A kind of help named in words that every named record's title or description shows
    /// (folded, without diacritics).
    Kind(&'static [&'static str]),
    /// Names of places: every named activity lies in one of them on the report's map.
    Places,
    /// A model's name, as recorded.
    ModelName,
    /// An activity's title, as recorded.
    Title,
    /// The phase every named assignment or plan belongs to.
    Phase,
    /// The last day with data among the named activities (its year when `year_only`).
    LastDay {
        year_only: bool,
    },
    /// The period itself, as the person chose it ("giai đoạn 2021-2025"): no records.
    Period,
    /// How many years the period spans ("5 năm"): no records.
    Years,
    /// The one unit that did the named activities (or the line of units it succeeded).
    UnitName,
    /// Whether models were started in the period ("xây dựng") or before it ("duy trì").
    ModelsStarted,
}

/// A claim's figure.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Int(i64),
    Qty(f64),
    Text(String),
}

/// One claim: what it counts, its value, the words the sentence writes, and the records.
#[derive(Clone, Debug, PartialEq)]
pub struct Claim<'a> {
    pub basis: Basis,
    pub value: Value,
    pub text: String,
    pub records: Vec<&'a str>,
}

/// A paragraph of the narrative and the claims its sentences make.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Paragraph<'a> {
    pub text: String,
    pub claims: Vec<Claim<'a>>,
}

/// Collects the claims of one paragraph while its sentences are written.
#[derive(Default)]
pub struct Ledger<'a> {
    claims: Vec<Claim<'a>>,
}

/// A whole number as the narrative writes it.
pub fn whole(v: i64) -> String {
    integer(v, Lang::Vi)
}

/// A quantity as the narrative writes it: whole numbers grouped, fractions to a tenth.
pub fn quantity(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 9.0e15 {
        integer(v as i64, Lang::Vi)
    } else {
        crate::domain::format::tenths_vi(v)
    }
}

impl<'a> Ledger<'a> {
    fn push(&mut self, basis: Basis, value: Value, text: String, records: Vec<&'a str>) -> String {
        self.claims.push(Claim {
            basis,
            value,
            text: text.clone(),
            records,
        });
        text
    }

    /// "12 căn nhà": a count and its noun.
    pub fn count(&mut self, basis: Basis, n: i64, noun: &str, records: Vec<&'a str>) -> String {
        let text = if noun.is_empty() {
            whole(n)
        } else {
            format!("{} {noun}", whole(n))
        };
        self.push(basis, Value::Int(n), text, records)
    }

    /// "1.280 cây giống": a recorded quantity and its noun.
    pub fn qty(
        &mut self,
        measure: &'static str,
        q: f64,
        noun: &str,
        records: Vec<&'a str>,
    ) -> String {
        let text = format!("{} {noun}", quantity(q));
        self.push(Basis::Qty(measure), Value::Qty(q), text, records)
    }

    /// "4,95 tỷ đồng".
    pub fn money(&mut self, basis: Basis, vnd: i64, records: Vec<&'a str>) -> String {
        self.push(basis, Value::Int(vnd), money_words(vnd), records)
    }

    /// Words or names the records show.
    pub fn words(&mut self, basis: Basis, text: String, records: Vec<&'a str>) -> String {
        self.push(basis, Value::Text(text.clone()), text, records)
    }

    /// The last day with data: "hết năm 2023" or "ngày 15/11/2026".
    pub fn last_day(&mut self, day: &str, year_only: bool, records: Vec<&'a str>) -> String {
        let text = if year_only {
            format!("hết năm {}", day.get(..4).unwrap_or(day))
        } else {
            format!("ngày {}", date(day))
        };
        self.push(
            Basis::LastDay { year_only },
            Value::Text(day.to_string()),
            text,
            records,
        )
    }

    /// The paragraph written from these claims.
    pub fn paragraph(self, text: String) -> Paragraph<'a> {
        Paragraph {
            text,
            claims: self.claims,
        }
    }
}

#[cfg(test)]
#[path = "claims_tests.rs"]
mod tests;
