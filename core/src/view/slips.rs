//! Typing slips an activity form catches before saving: figures that contradict each other are
//! refused at their field; figures far beyond what one activity usually holds are saved only
//! once the officer confirms them (a stray zero is the commonest slip in money).

use crate::domain::format::{integer, money};
use crate::domain::Lang;

/// The figures of one activity as typed (money in đồng).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Figures {
    pub households: i64,
    pub poor: i64,
    pub people: i64,
    pub cash: i64,
    pub in_kind: i64,
    pub loan: i64,
}

/// Beyond these, one activity's figure is asked about before it is saved.
pub const MONEY_LIMIT: i64 = 2_000_000_000;
pub const LOAN_LIMIT: i64 = 5_000_000_000;
pub const HOUSEHOLD_LIMIT: i64 = 2_000;
pub const PEOPLE_LIMIT: i64 = 10_000;

/// Figures that cannot all be true: (field, message).
pub fn contradictions(f: &Figures, lang: Lang) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    let n = |v: i64| integer(v, lang);
    if f.households > 0 && f.poor > f.households {
        out.push((
            "poor_households",
            match lang {
                Lang::Vi => format!(
                    "Số hộ nghèo ({}) lớn hơn số hộ được hỗ trợ ({}): hộ nghèo nằm trong số hộ.",
                    n(f.poor),
                    n(f.households)
                ),
                Lang::En => format!(
                    "Poor households ({}) exceed the households helped ({}): they are among them.",
                    n(f.poor),
                    n(f.households)
                ),
            },
        ));
    }
    if f.households > 0 && f.people > 0 && f.people < f.households {
        out.push((
            "people",
            match lang {
                Lang::Vi => format!(
                    "Số người ({}) ít hơn số hộ ({}): mỗi hộ có ít nhất một người.",
                    n(f.people),
                    n(f.households)
                ),
                Lang::En => format!(
                    "People ({}) fewer than households ({}): each household has someone.",
                    n(f.people),
                    n(f.households)
                ),
            },
        ));
    }
    out
}

/// Figures unusual for one activity, to confirm: (field, message naming the value and limit).
pub fn unusual(f: &Figures, lang: Lang) -> Vec<(&'static str, String)> {
    let vi = lang == Lang::Vi;
    // (field, value, limit, name in Vietnamese, in English, money rather than a count)
    let checks = [
        ("cash_vnd", f.cash, MONEY_LIMIT, "Tiền mặt", "Cash", true),
        (
            "in_kind_vnd",
            f.in_kind,
            MONEY_LIMIT,
            "Hiện vật",
            "In kind",
            true,
        ),
        ("loan_vnd", f.loan, LOAN_LIMIT, "Vốn vay", "Loans", true),
        (
            "households",
            f.households,
            HOUSEHOLD_LIMIT,
            "Số hộ",
            "Households",
            false,
        ),
        (
            "people",
            f.people,
            PEOPLE_LIMIT,
            "Số người",
            "People",
            false,
        ),
    ];
    checks
        .into_iter()
        .filter(|c| c.1 > c.2)
        .map(|(field, value, limit, vi_name, en_name, is_money)| {
            let show = |v: i64| {
                if is_money {
                    money(v, lang)
                } else {
                    integer(v, lang)
                }
            };
            let (v, l) = (show(value), show(limit));
            let why = if vi {
                format!("{vi_name} {v}: trên {l} cho một hoạt động.")
            } else {
                format!("{en_name} {v}: over {l} for one activity.")
            };
            (field, why)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contradictions_are_named_with_their_figures() {
        let f = Figures {
            households: 10,
            poor: 15,
            people: 5,
            ..Figures::default()
        };
        let c = contradictions(&f, Lang::Vi);
        assert_eq!(c.len(), 2);
        assert_eq!(c[0].0, "poor_households");
        assert!(
            c[0].1.contains("(15)") && c[0].1.contains("(10)"),
            "{}",
            c[0].1
        );
        assert_eq!(c[1].0, "people");
        // Equal is fine; an empty count says nothing.
        let ok = Figures {
            households: 10,
            poor: 10,
            people: 10,
            ..Figures::default()
        };
        assert!(contradictions(&ok, Lang::Vi).is_empty());
        let unknown = Figures {
            poor: 15,
            people: 3,
            ..Figures::default()
        };
        assert!(contradictions(&unknown, Lang::En).is_empty());
    }

    #[test]
    fn unusual_values_above_the_limits_only() {
        let f = Figures {
            cash: 25_000_000_000,
            in_kind: MONEY_LIMIT,
            households: 2_001,
            ..Figures::default()
        };
        let u = unusual(&f, Lang::Vi);
        let fields: Vec<&str> = u.iter().map(|(f, _)| *f).collect();
        assert_eq!(fields, ["cash_vnd", "households"]);
        assert!(
            u[0].1.contains("25 tỷ") || u[0].1.contains("25.000.000.000"),
            "{}",
            u[0].1
        );
        assert!(unusual(&Figures::default(), Lang::Vi).is_empty());
    }
}
