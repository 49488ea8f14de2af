//! Checks of field values and references. Every problem names its record and field; nothing
//! here changes data. References may point at records of the same bundle or at records
//! already stored: `Refs` is built over both.

use std::collections::{HashMap, HashSet};

use super::catalog::{self, Code};
use super::dataset::Dataset;
use super::dates::{is_date, is_due, is_timestamp, parse_date};
use super::problem::{Problem, Reason};
use super::record::{Activity, Assignment, Location, Model, Plan, Record, Report, Unit};
use super::Kind;

/// Longest id, in characters (docs/bundle-format.md).
pub const MAX_ID: usize = 64;
/// How many other ids one unit or place may carry (each a duplicate entered somewhere).
pub const MAX_ALIASES: usize = 200;
/// Longest name or title.
pub const MAX_NAME: usize = 500;
/// Longest free text (descriptions, assessments…).
pub const MAX_TEXT: usize = 20_000;
/// Highest revision: 2^53 − 1, exact in every JSON reader (a JavaScript tool reads numbers as
/// doubles). Above it a record could not be edited or deleted any more.
pub const MAX_REV: i64 = (1 << 53) - 1;
/// Largest amount in one field: 10^15 đồng (a million tỷ), far above any real support, small
/// enough that sums of thousands of such amounts stay exact in an `i64`.
pub const MAX_MONEY: i64 = 1_000_000_000_000_000;
/// Largest count of households or people in one record (more than the country's population).
pub const MAX_COUNT: i64 = 1_000_000_000;
/// Largest quantity in one record or plan item.
pub const MAX_QTY: f64 = 1e12;

/// What references can point at: the union of the datasets given (a bundle and the store).
#[derive(Default)]
pub struct Refs<'a> {
    pub locations: HashMap<&'a str, &'a Location>,
    pub units: HashSet<&'a str>,
    /// Plan item id → the plan it belongs to.
    pub plan_items: HashMap<&'a str, &'a Plan>,
    pub models: HashSet<&'a str>,
}

impl<'a> Refs<'a> {
    /// Index of the given datasets; an earlier one wins for ids present in several.
    pub fn of(sets: &[&'a Dataset]) -> Refs<'a> {
        let mut refs = Refs::default();
        for ds in sets.iter().rev() {
            refs.locations
                .extend(ds.locations.iter().map(|l| (l.id.as_str(), l)));
            refs.units.extend(ds.units.iter().map(|u| u.id.as_str()));
            for p in &ds.plans {
                refs.plan_items
                    .extend(p.items.iter().map(|i| (i.id.as_str(), p)));
            }
            refs.models.extend(ds.models.iter().map(|m| m.id.as_str()));
        }
        refs
    }

    /// True when `id` is `ancestor` or lies beneath it (a village of a commune).
    pub fn within(&self, id: &str, ancestor: &str) -> bool {
        let mut current = Some(id);
        for _ in 0..16 {
            match current {
                Some(c) if c == ancestor => return true,
                Some(c) => current = self.locations.get(c).and_then(|l| l.parent_id.as_deref()),
                None => return false,
            }
        }
        false
    }
}

/// Collects problems for one record.
struct Checker<'p> {
    kind: Kind,
    id: &'p str,
    out: &'p mut Vec<Problem>,
}

impl Checker<'_> {
    fn push(&mut self, field: impl Into<std::borrow::Cow<'static, str>>, reason: Reason) {
        let id = (!self.id.is_empty()).then_some(self.id);
        self.out.push(Problem::new(self.kind, id, field, reason));
    }

    fn meta(&mut self, id: &str, rev: i64, updated_at: &str) {
        self.id_value("id", id);
        if rev < 1 {
            self.push("rev", Reason::BadRev);
        } else if rev > MAX_REV {
            self.push("rev", Reason::TooLarge);
        }
        if !is_timestamp(updated_at) {
            self.push("updated_at", Reason::BadTimestamp);
        }
    }

    fn id_value(&mut self, field: &'static str, id: &str) {
        if id.trim().is_empty() {
            self.push(field, Reason::Empty);
        } else if id.chars().count() > MAX_ID {
            self.push(field, Reason::TooLong { max: MAX_ID });
        }
    }

    fn text(&mut self, field: &'static str, value: &str, max: usize, required: bool) {
        if required && value.trim().is_empty() {
            self.push(field, Reason::Empty);
        } else if value.len() > max && value.chars().count() > max {
            self.push(field, Reason::TooLong { max });
        }
    }

    fn code(&mut self, field: &'static str, value: &str, list: &'static [Code], required: bool) {
        if value.is_empty() && !required {
            return;
        }
        if catalog::find(list, value).is_none() {
            self.push(
                field,
                Reason::UnknownCode {
                    code: value.to_string(),
                },
            );
        }
    }

    fn date(&mut self, field: &'static str, value: &str) {
        if !is_date(value) {
            self.push(field, Reason::BadDate);
        }
    }

    fn opt_date(&mut self, field: &'static str, value: Option<&str>) {
        if let Some(v) = value {
            self.date(field, v);
        }
    }

    fn money(&mut self, field: &'static str, value: i64) {
        self.bounded(field, value, MAX_MONEY);
    }

    fn count(&mut self, field: &'static str, value: i64) {
        self.bounded(field, value, MAX_COUNT);
    }

    fn bounded(&mut self, field: &'static str, value: i64, max: i64) {
        if value < 0 {
            self.push(field, Reason::Negative);
        } else if value > max {
            self.push(field, Reason::TooLarge);
        }
    }

    fn quantity(&mut self, field: &'static str, value: f64) {
        if !value.is_finite() || value > MAX_QTY {
            self.push(field, Reason::TooLarge);
        } else if value < 0.0 {
            self.push(field, Reason::Negative);
        }
    }

    /// Other ids of the same unit or place: ids (not this one), at most `MAX_ALIASES`. Whether
    /// another record claims one too is settled when read (`domain::aliases`).
    fn aliases(&mut self, own: &str, aliases: &[String]) {
        if aliases.len() > MAX_ALIASES {
            self.push("aliases", Reason::BadAlias);
            return;
        }
        for a in aliases {
            self.text("aliases", a, MAX_ID, true);
            if a == own {
                self.push("aliases", Reason::BadAlias);
            }
        }
    }

    /// Dates of a place's or unit's life, and successors only once it has ended.
    fn validity(&mut self, from: Option<&str>, to: Option<&str>, successors: &[String]) {
        self.opt_date("valid_from", from);
        self.opt_date("valid_to", to);
        if let (Some(from), Some(to)) = (from, to) {
            if is_date(from) && is_date(to) && to < from {
                self.push("valid_to", Reason::EndsBeforeStart);
            }
        }
        if !successors.is_empty() && to.is_none() {
            self.push("successors", Reason::SuccessorWithoutEnd);
        }
    }

    fn unit_ref(&mut self, refs: &Refs, field: &'static str, id: &str) {
        if !refs.units.contains(id) {
            self.push(
                field,
                Reason::Dangling {
                    target: Kind::Unit,
                    id: id.to_string(),
                },
            );
        }
    }

    fn location_ref<'r>(
        &mut self,
        refs: &'r Refs,
        field: &'static str,
        id: &str,
    ) -> Option<&'r Location> {
        let found = refs.locations.get(id).copied();
        if found.is_none() {
            self.push(
                field,
                Reason::Dangling {
                    target: Kind::Location,
                    id: id.to_string(),
                },
            );
        }
        found
    }

    fn year(&mut self, field: &'static str, year: i32) {
        if !(1990..=2100).contains(&year) {
            self.push(field, Reason::BadYear);
        }
    }
}

/// Which parent levels a level may sit under (a commune directly under the province is allowed:
/// the 2025 reform removed districts).
fn parent_ok(level: &str, parent: &str) -> bool {
    matches!(
        (level, parent),
        ("district", "province") | ("commune", "district" | "province") | ("village", "commune")
    )
}

pub fn check_location(l: &Location, refs: &Refs, out: &mut Vec<Problem>) {
    let mut c = Checker {
        kind: Kind::Location,
        id: &l.id,
        out,
    };
    c.meta(&l.id, l.rev, &l.updated_at);
    c.text("name", &l.name, MAX_NAME, true);
    c.code("level", &l.level, catalog::LOCATION_LEVELS, true);
    c.text("label", &l.label, MAX_NAME, false);
    c.text("code", l.code.as_deref().unwrap_or(""), MAX_ID, false);
    c.validity(
        l.valid_from.as_deref(),
        l.valid_to.as_deref(),
        &l.successors,
    );
    c.aliases(&l.id, &l.aliases);
    for s in l.successors.iter() {
        if let Some(next) = c.location_ref(refs, "successors", s) {
            if next.id == l.id || next.level != l.level {
                c.push("successors", Reason::BadSuccessor);
            }
        }
    }
    match l.parent_id.as_deref() {
        Some(pid) => {
            if let Some(parent) = c.location_ref(refs, "parent_id", pid) {
                if refs.within(pid, &l.id) {
                    c.push("parent_id", Reason::ParentCycle);
                } else if catalog::find(catalog::LOCATION_LEVELS, &l.level).is_some()
                    && catalog::find(catalog::LOCATION_LEVELS, &parent.level).is_some()
                    && !parent_ok(&l.level, &parent.level)
                {
                    c.push(
                        "parent_id",
                        Reason::BadParent {
                            level: l.level.clone(),
                            parent_level: parent.level.clone(),
                        },
                    );
                }
            }
        }
        None if l.level == "village" => c.push("parent_id", Reason::Missing),
        None => {}
    }
}

pub fn check_unit(u: &Unit, refs: &Refs, out: &mut Vec<Problem>) {
    let mut c = Checker {
        kind: Kind::Unit,
        id: &u.id,
        out,
    };
    c.meta(&u.id, u.rev, &u.updated_at);
    c.text("name", &u.name, MAX_NAME, true);
    c.text("short_name", &u.short_name, MAX_NAME, false);
    c.text("superior", &u.superior, MAX_NAME, false);
    c.code("level", &u.level, catalog::UNIT_LEVELS, true);
    c.text("bloc", &u.bloc, MAX_NAME, false);
    if let Some(lid) = u.location_id.as_deref() {
        c.location_ref(refs, "location_id", lid);
    }
    c.validity(
        u.valid_from.as_deref(),
        u.valid_to.as_deref(),
        &u.successors,
    );
    c.aliases(&u.id, &u.aliases);
    for s in u.successors.iter() {
        if s == &u.id {
            c.push("successors", Reason::BadSuccessor);
        } else {
            c.unit_ref(refs, "successors", s);
        }
    }
}

pub fn check_assignment(a: &Assignment, refs: &Refs, out: &mut Vec<Problem>) {
    let mut c = Checker {
        kind: Kind::Assignment,
        id: &a.id,
        out,
    };
    c.meta(&a.id, a.rev, &a.updated_at);
    c.unit_ref(refs, "unit_id", &a.unit_id);
    c.location_ref(refs, "location_id", &a.location_id);
    c.text("phase", &a.phase, MAX_ID, true);
    c.code("role", &a.role, catalog::ROLES, true);
    c.text("decision", &a.decision, MAX_NAME, false);
    c.text(
        "officer",
        a.officer.as_deref().unwrap_or(""),
        MAX_NAME,
        false,
    );
}

pub fn check_plan(p: &Plan, refs: &Refs, out: &mut Vec<Problem>) {
    let mut c = Checker {
        kind: Kind::Plan,
        id: &p.id,
        out,
    };
    c.meta(&p.id, p.rev, &p.updated_at);
    c.unit_ref(refs, "unit_id", &p.unit_id);
    c.location_ref(refs, "location_id", &p.location_id);
    c.text("phase", &p.phase, MAX_ID, true);
    if let Some(y) = p.year {
        c.year("year", y);
    }
    c.text("number", &p.number, MAX_NAME, false);
    c.opt_date("issued_on", p.issued_on.as_deref());
    c.code("status", &p.status, catalog::PLAN_STATUSES, true);
    let mut seen = HashSet::new();
    for (i, item) in p.items.iter().enumerate() {
        let f = |name: &str| format!("items[{i}].{name}");
        if item.id.trim().is_empty() {
            c.push(f("id"), Reason::Empty);
        } else if item.id.chars().count() > MAX_ID {
            c.push(f("id"), Reason::TooLong { max: MAX_ID });
        } else if !seen.insert(item.id.as_str()) {
            c.push(f("id"), Reason::DuplicateId);
        }
        if catalog::find(catalog::CATEGORIES, &item.category).is_none() {
            c.push(
                f("category"),
                Reason::UnknownCode {
                    code: item.category.clone(),
                },
            );
        }
        if !item.measure.is_empty() && catalog::find(catalog::MEASURES, &item.measure).is_none() {
            c.push(
                f("measure"),
                Reason::UnknownCode {
                    code: item.measure.clone(),
                },
            );
        }
        if item.title.chars().count() > MAX_NAME {
            c.push(f("title"), Reason::TooLong { max: MAX_NAME });
        }
        if !item.target_qty.is_finite() || item.target_qty > MAX_QTY {
            c.push(f("target_qty"), Reason::TooLarge);
        } else if item.target_qty < 0.0 {
            c.push(f("target_qty"), Reason::Negative);
        }
        if item.target_vnd < 0 {
            c.push(f("target_vnd"), Reason::Negative);
        } else if item.target_vnd > MAX_MONEY {
            c.push(f("target_vnd"), Reason::TooLarge);
        }
        if let Some(due) = &item.due {
            if !is_due(due) {
                c.push(f("due"), Reason::BadDue);
            }
        }
    }
}

pub fn check_activity(a: &Activity, refs: &Refs, out: &mut Vec<Problem>) {
    let mut c = Checker {
        kind: Kind::Activity,
        id: &a.id,
        out,
    };
    c.meta(&a.id, a.rev, &a.updated_at);
    c.unit_ref(refs, "unit_id", &a.unit_id);
    c.location_ref(refs, "location_id", &a.location_id);
    c.date("date", &a.date);
    c.code("category", &a.category, catalog::CATEGORIES, true);
    c.text("title", &a.title, MAX_NAME, true);
    c.text("description", &a.description, MAX_TEXT, false);
    c.money("cash_vnd", a.cash_vnd);
    c.money("in_kind_vnd", a.in_kind_vnd);
    c.money("loan_vnd", a.loan_vnd.unwrap_or(0));
    c.code("funding", &a.funding, catalog::FUNDING, false);
    c.quantity("qty", a.qty);
    c.code("measure", &a.measure, catalog::MEASURES, false);
    c.count("households", a.households);
    c.count("poor_households", a.poor_households);
    c.count("people", a.people);
    if let Some(item) = a.plan_item_id.as_deref() {
        match refs.plan_items.get(item) {
            None => c.push(
                "plan_item_id",
                Reason::Dangling {
                    target: Kind::Plan,
                    id: item.to_string(),
                },
            ),
            Some(plan) => {
                if plan.unit_id != a.unit_id || !refs.within(&a.location_id, &plan.location_id) {
                    c.push("plan_item_id", Reason::ForeignPlanItem);
                } else if let (Some(year), Some((y, _, _))) = (plan.year, parse_date(&a.date)) {
                    if year != y {
                        c.push("date", Reason::OutsidePlanYear { year });
                    }
                }
            }
        }
    }
    if let Some(model) = a.model_id.as_deref() {
        if !refs.models.contains(model) {
            c.push(
                "model_id",
                Reason::Dangling {
                    target: Kind::Model,
                    id: model.to_string(),
                },
            );
        }
    }
}

pub fn check_model(m: &Model, refs: &Refs, out: &mut Vec<Problem>) {
    let mut c = Checker {
        kind: Kind::Model,
        id: &m.id,
        out,
    };
    c.meta(&m.id, m.rev, &m.updated_at);
    c.unit_ref(refs, "unit_id", &m.unit_id);
    c.location_ref(refs, "location_id", &m.location_id);
    c.text("name", &m.name, MAX_NAME, true);
    c.code("kind", &m.kind, catalog::MODEL_KINDS, true);
    c.opt_date("started_on", m.started_on.as_deref());
    c.count("households", m.households);
    c.count("escaped_poverty", m.escaped_poverty.unwrap_or(0));
    c.money("capital_vnd", m.capital_vnd);
    c.code("status", &m.status, catalog::MODEL_STATUSES, true);
    c.text("outcome", &m.outcome, MAX_TEXT, false);
}

pub fn check_report(r: &Report, refs: &Refs, out: &mut Vec<Problem>) {
    let mut c = Checker {
        kind: Kind::Report,
        id: &r.id,
        out,
    };
    c.meta(&r.id, r.rev, &r.updated_at);
    c.unit_ref(refs, "unit_id", &r.unit_id);
    if !valid_period(&r.period) {
        c.push("period", Reason::BadYear);
    }
    c.text("assessment", &r.assessment, MAX_TEXT, false);
    c.text("difficulties", &r.difficulties, MAX_TEXT, false);
    c.text("proposals", &r.proposals, MAX_TEXT, false);
    c.code("status", &r.status, catalog::REPORT_STATUSES, true);
    if let Some(at) = r.submitted_at.as_deref() {
        if !is_timestamp(at) {
            c.push("submitted_at", Reason::BadTimestamp);
        }
    }
}

/// `2023`, `2023-H1`/`2023-H2`, or a phase `2021-2025`.
pub fn valid_period(p: &str) -> bool {
    let year = |s: &str| s.len() == 4 && s.parse::<i32>().is_ok_and(|y| (1990..=2100).contains(&y));
    match p.split_once('-') {
        None => year(p),
        Some((y, "H1" | "H2")) => year(y),
        Some((a, b)) => year(a) && year(b) && a <= b,
    }
}

/// Ids that appear more than once in one list.
fn duplicates<T: Record>(list: &[T], out: &mut Vec<Problem>) {
    let mut seen = HashSet::with_capacity(list.len());
    for r in list {
        if !seen.insert(r.id()) {
            out.push(Problem::new(
                T::KIND,
                Some(r.id()),
                "id",
                Reason::DuplicateId,
            ));
        }
    }
}

/// Every problem of a dataset, references resolved against itself and `stored`.
pub fn check_dataset(ds: &Dataset, stored: Option<&Dataset>) -> Vec<Problem> {
    let sets: Vec<&Dataset> = std::iter::once(ds).chain(stored).collect();
    let refs = Refs::of(&sets);
    let mut out = Vec::new();
    ds.locations
        .iter()
        .for_each(|r| check_location(r, &refs, &mut out));
    ds.units.iter().for_each(|r| check_unit(r, &refs, &mut out));
    ds.assignments
        .iter()
        .for_each(|r| check_assignment(r, &refs, &mut out));
    ds.plans.iter().for_each(|r| check_plan(r, &refs, &mut out));
    ds.activities
        .iter()
        .for_each(|r| check_activity(r, &refs, &mut out));
    ds.models
        .iter()
        .for_each(|r| check_model(r, &refs, &mut out));
    ds.reports
        .iter()
        .for_each(|r| check_report(r, &refs, &mut out));
    duplicates(&ds.locations, &mut out);
    duplicates(&ds.units, &mut out);
    duplicates(&ds.assignments, &mut out);
    duplicates(&ds.plans, &mut out);
    duplicates(&ds.activities, &mut out);
    duplicates(&ds.models, &mut out);
    duplicates(&ds.reports, &mut out);
    out
}

#[cfg(test)]
#[path = "validate_tests.rs"]
mod tests;
