//! The claim ledger checked by a second, simple path: over generated provinces (with a reform
//! of communes and a renamed unit), every period kind and both maps, each claim of a drafted
//! narrative is recomputed from the raw records it names — walking the directory by hand, not
//! through `LocationIndex`, `Scope` or the aggregates — and every figure, noun and place the
//! text writes must be a claim's. A figure, noun or place the records do not give fails.

use std::collections::BTreeSet;

use proptest::prelude::*;

use super::{Basis, Claim, Paragraph, Value};
use crate::domain::dataset::Dataset;
use crate::domain::query::LocationIndex;
use crate::domain::record::{Activity, IdList, Location, Unit};
use crate::report::period::Period;
use crate::report::scope::{Boundaries, Scope};
use crate::view::reports::narrative_claims;

/// The report being checked, as plain facts.
struct Case<'a> {
    ds: &'a Dataset,
    period: &'a str,
    from: String,
    to: String,
    /// Today's map, when the report is drawn on it.
    map_today: Option<&'a str>,
    today: &'a str,
    unit: Option<&'a str>,
}

fn location<'a>(ds: &'a Dataset, id: &str) -> Option<&'a Location> {
    ds.locations.iter().find(|l| l.id == id)
}

fn unit_of<'a>(ds: &'a Dataset, id: &str) -> Option<&'a Unit> {
    ds.units.iter().find(|u| u.id == id)
}

/// Follow a place's successors while it had ended before `day`.
fn place_on(ds: &Dataset, id: &str, day: &str) -> String {
    let mut at = id.to_string();
    for _ in 0..16 {
        match location(ds, &at) {
            Some(l)
                if l.valid_to.as_deref().is_some_and(|to| to < day) && !l.successors.is_empty() =>
            {
                at = l.successors[0].clone();
            }
            _ => break,
        }
    }
    at
}

/// The commune a place stood in on `day`, climbing parents as they stood that day.
fn commune_on(ds: &Dataset, place: &str, day: &str) -> Option<String> {
    let mut at = place_on(ds, place, day);
    for _ in 0..16 {
        let l = location(ds, &at)?;
        if l.level == "commune" {
            return Some(at);
        }
        at = place_on(ds, l.parent_id.as_deref()?, day);
    }
    None
}

/// Every place whose line of successors reaches `id`.
fn place_predecessors(ds: &Dataset, id: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut todo = vec![id.to_string()];
    while let Some(next) = todo.pop() {
        for l in ds
            .locations
            .iter()
            .filter(|l| l.successors.0.contains(&next))
        {
            if out.insert(l.id.clone()) {
                todo.push(l.id.clone());
            }
        }
    }
    out
}

fn unit_on(ds: &Dataset, id: &str, day: &str) -> String {
    let mut at = id.to_string();
    for _ in 0..16 {
        match unit_of(ds, &at) {
            Some(u)
                if u.valid_to.as_deref().is_some_and(|to| to < day) && !u.successors.is_empty() =>
            {
                at = u.successors[0].clone();
            }
            _ => break,
        }
    }
    at
}

fn unit_predecessors(ds: &Dataset, id: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut todo = vec![id.to_string()];
    while let Some(next) = todo.pop() {
        for u in ds.units.iter().filter(|u| u.successors.0.contains(&next)) {
            if out.insert(u.id.clone()) {
                todo.push(u.id.clone());
            }
        }
    }
    out
}

/// Keep one of each line: drop an id when one of its predecessors is in the set.
fn lines(set: BTreeSet<String>, preds: impl Fn(&str) -> BTreeSet<String>) -> usize {
    set.iter()
        .filter(|id| preds(id).iter().all(|p| !set.contains(p)))
        .count()
}

fn words(title: &str, description: &str) -> String {
    let folded = crate::domain::text::fold(&format!("{title} {description}"));
    let parts: Vec<&str> = folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    format!(" {} ", parts.join(" "))
}

/// The noun a quantity of each measure must be written with.
fn noun_of(measure: &str) -> &'static str {
    match measure {
        "house" => "căn nhà",
        "gift" => "suất quà",
        "head" => "con giống",
        "plant" => "cây giống",
        "work" => "công trình",
        "km" => "km",
        "visit" => "lượt người",
        "product" => "sản phẩm",
        "session" => "buổi",
        "workday" => "ngày công",
        _ => "\u{0}never",
    }
}

/// Words naming a kind of help or a noun a record must show: written only through a claim.
const GUARDED: &[&str] = &[
    "con giống",
    "cây giống",
    "căn nhà",
    "suất quà",
    "học sinh",
    "giao thông",
    "thủy lợi",
    "chiếu sáng",
    "nước sạch",
    "cấp thuốc",
    "sàng lọc",
    "OCOP",
    "camera",
    "khảo sát",
    "tập huấn",
    "đuối nước",
    "ngày công",
    "thoát nghèo",
    "giai đoạn",
];

impl Case<'_> {
    fn in_scope(&self, a: &Activity) -> bool {
        let unit_ok = self.unit.is_none_or(|u| {
            a.unit_id == u
                || (self.map_today.is_some() && unit_predecessors(self.ds, u).contains(&a.unit_id))
        });
        a.date.as_str() >= self.from.as_str() && a.date.as_str() <= self.to.as_str() && unit_ok
    }

    fn activity(&self, id: &str) -> Option<&Activity> {
        self.ds.activities.iter().find(|a| a.id == id)
    }

    fn acts(&self, c: &Claim) -> Vec<&Activity> {
        c.records
            .iter()
            .filter_map(|id| self.activity(id))
            .collect()
    }

    /// A record's place and the day it stands for.
    fn place_of(&self, id: &str) -> Option<(String, String)> {
        if let Some(a) = self.activity(id) {
            return Some((a.location_id.clone(), a.date.clone()));
        }
        let m = self.ds.models.iter().find(|m| m.id == id)?;
        let day = m
            .started_on
            .clone()
            .filter(|d| *d <= self.to)
            .unwrap_or_else(|| self.to.clone());
        Some((m.location_id.clone(), day))
    }

    fn name(&self, id: &str) -> String {
        location(self.ds, id).map_or_else(String::new, |l| format!("{} {}", l.label, l.name))
    }

    fn check(&self, c: &Claim, p: &Paragraph) -> Result<(), String> {
        let fail = |why: String| Err(format!("{:?} “{}”: {why}", c.basis, c.text));
        if !p.text.contains(&c.text) {
            return fail("not in its paragraph".into());
        }
        let acts = self.acts(c);
        let sum = |f: fn(&Activity) -> i64| acts.iter().map(|a| f(a)).sum::<i64>();
        let is_act = !matches!(
            c.basis,
            Basis::Period
                | Basis::Years
                | Basis::Plans
                | Basis::Models
                | Basis::ModelHouseholds
                | Basis::ModelEscaped
                | Basis::ModelName
                | Basis::ModelsStarted
                | Basis::Phase
                | Basis::Places
                | Basis::Kind(_)
        );
        if is_act {
            if c.records.is_empty() || acts.len() != c.records.len() {
                return fail("names no activity, or an id that is none".into());
            }
            if let Some(a) = acts.iter().find(|a| !self.in_scope(a)) {
                return fail(format!("{} is outside the report's scope", a.id));
            }
        }
        let int = |v: i64| -> Result<(), String> {
            match &c.value {
                Value::Int(x) if *x == v => Ok(()),
                other => Err(format!(
                    "{:?} “{}”: records give {v}, claim {other:?}",
                    c.basis, c.text
                )),
            }
        };
        match &c.basis {
            Basis::Activities => int(c.records.len() as i64),
            Basis::Qty(m) => {
                if let Some(a) = acts.iter().find(|a| a.measure != *m || a.qty <= 0.0) {
                    return fail(format!("{} is not recorded in {m}", a.id));
                }
                if !c.text.ends_with(noun_of(m)) {
                    return fail(format!("{m} must read “{}”", noun_of(m)));
                }
                let q: f64 = acts.iter().map(|a| a.qty).sum();
                match c.value {
                    Value::Qty(v) if (v - q).abs() < 1e-6 => Ok(()),
                    _ => fail(format!("records give {q}")),
                }
            }
            Basis::Support => int(sum(|a| a.cash_vnd + a.in_kind_vnd)),
            Basis::Cash => int(sum(|a| a.cash_vnd)),
            Basis::InKind => int(sum(|a| a.in_kind_vnd)),
            Basis::Loan => int(sum(|a| a.loan_vnd.unwrap_or(0))),
            Basis::Households => int(sum(|a| a.households)),
            Basis::PoorHouseholds => int(sum(|a| a.poor_households)),
            Basis::People => int(sum(|a| a.people)),
            Basis::Communes => {
                let set: BTreeSet<String> = acts
                    .iter()
                    .filter_map(|a| commune_on(self.ds, &a.location_id, &a.date))
                    .collect();
                int(lines(set, |id| place_predecessors(self.ds, id)) as i64)
            }
            Basis::CommunesToday => {
                let Some(today) = self.map_today else {
                    return fail("only on today's map".into());
                };
                let set: BTreeSet<String> = acts
                    .iter()
                    .filter_map(|a| commune_on(self.ds, &a.location_id, &a.date))
                    .map(|c| place_on(self.ds, &c, today))
                    .collect();
                int(set.len() as i64)
            }
            Basis::Villages => {
                let set: BTreeSet<&str> = acts
                    .iter()
                    .filter(|a| {
                        location(self.ds, &a.location_id).is_some_and(|l| l.level == "village")
                    })
                    .map(|a| a.location_id.as_str())
                    .collect();
                int(set.len() as i64)
            }
            Basis::Units => {
                let set: BTreeSet<String> = acts
                    .iter()
                    .map(|a| unit_on(self.ds, &a.unit_id, self.map_today.unwrap_or(&a.date)))
                    .collect();
                int(lines(set, |id| unit_predecessors(self.ds, id)) as i64)
            }
            Basis::UnitName => {
                let Some(u) = self.ds.units.iter().find(|u| u.name == c.text) else {
                    return fail("no unit of that name".into());
                };
                let line: BTreeSet<String> = unit_predecessors(self.ds, &u.id);
                match acts
                    .iter()
                    .find(|a| a.unit_id != u.id && !line.contains(&a.unit_id))
                {
                    Some(a) => fail(format!("{} is another unit's", a.id)),
                    None => Ok(()),
                }
            }
            Basis::Plans => {
                for id in &c.records {
                    let Some(p) = self.ds.plans.iter().find(|p| p.id == *id) else {
                        return fail(format!("{id} is no plan"));
                    };
                    let whole_year = |y: i32| {
                        self.from <= format!("{y}-01-01") && self.to >= format!("{y}-12-31")
                    };
                    let dated = match (&p.issued_on, p.year) {
                        (Some(d), _) => *d >= self.from && *d <= self.to,
                        (None, Some(y)) => whole_year(y),
                        (None, None) => Period::parse(self.period)
                            .is_some_and(|x| x.is_phase() && x.code() == p.phase),
                    };
                    if p.status != "issued" || !dated {
                        return fail(format!("plan {id} was not issued in the period"));
                    }
                }
                int(c.records.len() as i64)
            }
            Basis::Models => int(c.records.len() as i64),
            Basis::ModelHouseholds | Basis::ModelEscaped => {
                let v: i64 = c
                    .records
                    .iter()
                    .filter_map(|id| self.ds.models.iter().find(|m| m.id == *id))
                    .map(|m| match c.basis {
                        Basis::ModelHouseholds => m.households,
                        _ => m.escaped_poverty.unwrap_or(0),
                    })
                    .sum();
                int(v)
            }
            Basis::ModelsStarted => {
                let new = c
                    .records
                    .iter()
                    .filter_map(|id| self.ds.models.iter().find(|m| m.id == *id))
                    .filter(|m| {
                        m.started_on
                            .as_deref()
                            .is_some_and(|d| *d >= *self.from && *d <= *self.to)
                    })
                    .count();
                let ok = match c.text.as_str() {
                    "xây dựng" => new == c.records.len(),
                    "duy trì" => new == 0,
                    _ => new > 0 && new < c.records.len(),
                };
                if ok {
                    Ok(())
                } else {
                    fail(format!("{new} of {} began in the period", c.records.len()))
                }
            }
            Basis::ModelName => match c.records.iter().find(|id| {
                !self
                    .ds
                    .models
                    .iter()
                    .any(|m| m.id == **id && m.name.starts_with(c.text.as_str()))
            }) {
                Some(id) => fail(format!("model {id} has another name")),
                None => Ok(()),
            },
            Basis::Title => match acts.iter().find(|a| a.title.trim() != c.text) {
                Some(a) => fail(format!("{} has another title", a.id)),
                None => Ok(()),
            },
            Basis::Kind(keys) => {
                for id in &c.records {
                    let text = match (
                        self.activity(id),
                        self.ds.models.iter().find(|m| m.id == *id),
                    ) {
                        (Some(a), _) => words(&a.title, &a.description),
                        (None, Some(m)) => words(&m.name, &m.outcome),
                        _ => return fail(format!("{id} is no record")),
                    };
                    if !keys.iter().any(|k| text.contains(&format!(" {k} "))) {
                        return fail(format!("{id} does not show it"));
                    }
                }
                if c.records.is_empty() {
                    fail("no record".into())
                } else {
                    Ok(())
                }
            }
            Basis::Places => {
                for id in &c.records {
                    let Some((place, day)) = self.place_of(id) else {
                        return fail(format!("{id} is no record"));
                    };
                    let Some(recorded) = commune_on(self.ds, &place, &day) else {
                        return fail(format!("{id} lies in no commune"));
                    };
                    let mut must = vec![recorded.clone()];
                    if let Some(today) = self.map_today {
                        must.push(place_on(self.ds, &recorded, today));
                    }
                    for m in must {
                        let name = self.name(&m);
                        if !c.text.contains(name.trim()) && !c.text.contains("các xã khác") {
                            return fail(format!("{id}'s commune {name} is not named"));
                        }
                    }
                }
                Ok(())
            }
            Basis::Phase => {
                let code = c.text.trim_start_matches("giai đoạn ");
                let units: BTreeSet<&str> = self
                    .ds
                    .activities
                    .iter()
                    .filter(|a| self.in_scope(a))
                    .map(|a| a.unit_id.as_str())
                    .collect();
                for u in units {
                    let backed = self.ds.assignments.iter().any(|a| {
                        a.unit_id == u && a.phase == code && c.records.contains(&a.id.as_str())
                    }) || self.ds.plans.iter().any(|p| {
                        p.unit_id == u && p.phase == code && c.records.contains(&p.id.as_str())
                    });
                    if !backed {
                        return fail(format!("{u} has no assignment or plan of {code}"));
                    }
                }
                Ok(())
            }
            Basis::LastDay { .. } => {
                let last = self
                    .ds
                    .activities
                    .iter()
                    .filter(|a| self.in_scope(a))
                    .map(|a| a.date.as_str())
                    .max();
                match (&c.value, last) {
                    (Value::Text(d), Some(l)) if d == l && acts.iter().all(|a| a.date == l) => {
                        Ok(())
                    }
                    _ => fail(format!("the last day with data is {last:?}")),
                }
            }
            Basis::Period => {
                let mut allowed: Vec<String> = [self.period, &self.from, &self.to]
                    .iter()
                    .flat_map(|s| digit_runs(s))
                    .collect();
                if matches!(Period::parse(self.period), Some(Period::Half(..))) {
                    allowed.push("6".into()); // "6 tháng đầu năm"
                }
                match digit_runs(&c.text)
                    .into_iter()
                    .find(|d| !allowed.contains(d))
                {
                    Some(d) => fail(format!("{d} is not in the period")),
                    None => Ok(()),
                }
            }
            Basis::Years => {
                let (a, b) = (year(&self.from), year(&self.to));
                if self.today <= self.to.as_str() {
                    return fail("the period is not over".into());
                }
                int(i64::from(b - a + 1))
            }
        }
    }

    /// Every claim holds, every figure and guarded word of the text is a claim's, and the
    /// clauses after the first paragraph account for every activity in scope.
    fn check_all(&self, paragraphs: &[Paragraph]) -> Result<(), String> {
        let scope: BTreeSet<&str> = self
            .ds
            .activities
            .iter()
            .filter(|a| self.in_scope(a))
            .map(|a| a.id.as_str())
            .collect();
        for p in paragraphs {
            for c in &p.claims {
                self.check(c, p)
                    .map_err(|e| format!("{e}\nin: {}", p.text))?;
            }
            let mut rest = p.text.clone();
            let mut texts: Vec<&str> = p.claims.iter().map(|c| c.text.as_str()).collect();
            texts.sort_by_key(|t| std::cmp::Reverse(t.len()));
            for t in texts {
                rest = rest.replacen(t, "·", 1);
            }
            if rest.chars().any(|c| c.is_ascii_digit()) {
                return Err(format!("a figure no claim holds: {rest}\nin: {}", p.text));
            }
            for w in GUARDED {
                if rest.contains(w) {
                    return Err(format!("“{w}” said without records: {}", p.text));
                }
            }
            if self.map_today.is_none()
                && (p.text.contains("(nay là") || p.text.contains("(nay thuộc"))
            {
                return Err(format!("today's names on the period's map: {}", p.text));
            }
        }
        let first = paragraphs.first().ok_or("no paragraph")?;
        if scope.is_empty() {
            return match first.text.contains("chưa có hoạt động") {
                true => Ok(()),
                false => Err("an empty scope is not said to be empty".into()),
            };
        }
        let total = first
            .claims
            .iter()
            .find(|c| c.basis == Basis::Activities)
            .ok_or("no count of activities")?;
        let named: BTreeSet<&str> = total.records.iter().copied().collect();
        if named != scope {
            return Err(format!(
                "the total names {} activities, the scope holds {}",
                named.len(),
                scope.len()
            ));
        }
        if !scope.is_empty() {
            let covered: BTreeSet<&str> = paragraphs[1..]
                .iter()
                .flat_map(|p| p.claims.iter())
                .flat_map(|c| c.records.iter().copied())
                .collect();
            if let Some(missing) = scope.iter().find(|id| !covered.contains(*id)) {
                let a = self.activity(missing);
                return Err(format!(
                    "activity {missing} ({:?}) is in no clause",
                    a.map(|a| (&a.category, &a.title, a.cash_vnd))
                ));
            }
        }
        Ok(())
    }
}

fn digit_runs(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_ascii_digit())
        .filter(|d| !d.is_empty())
        .map(str::to_string)
        .collect()
}

fn year(day: &str) -> i32 {
    day.get(..4).and_then(|y| y.parse().ok()).unwrap_or(0)
}

/// A generated province, then the 2025 reform: two communes merged into a new one, a third
/// continued by a namesake under the province, a unit renamed on 1 March 2025, and part of the
/// work moved to 2026 in the new communes by the renamed unit.
pub fn reformed(seed: u64) -> Dataset {
    let mut scale = crate::sample::Scale::tiny();
    scale.seed = seed;
    let mut ds = crate::sample::generate(&scale);
    let province = ds
        .locations
        .iter()
        .find(|l| l.level == "province")
        .map(|l| l.id.clone())
        .unwrap_or_default();
    let communes: Vec<(String, String)> = ds
        .locations
        .iter()
        .filter(|l| l.level == "commune")
        .map(|l| (l.id.clone(), l.name.clone()))
        .collect();
    if communes.len() < 3 {
        return ds;
    }
    let merged = "c-2025-merged".to_string();
    let namesake = "c-2025-namesake".to_string();
    for l in ds.locations.iter_mut() {
        if l.level == "district" || l.level == "province" {
            l.valid_to = Some("2025-06-30".into());
        }
        let next = if l.id == communes[0].0 || l.id == communes[1].0 {
            Some(merged.clone())
        } else if l.id == communes[2].0 {
            Some(namesake.clone())
        } else {
            None
        };
        if let Some(n) = next {
            l.valid_to = Some("2025-06-30".into());
            l.successors = IdList(vec![n]);
        }
    }
    let new_province = "p-2025".to_string();
    for l in ds.locations.iter_mut().filter(|l| l.level == "province") {
        l.successors = IdList(vec![new_province.clone()]);
    }
    let template = ds.locations[0].clone();
    ds.locations.push(Location {
        id: new_province.clone(),
        name: "Tỉnh Mới".into(),
        level: "province".into(),
        parent_id: None,
        valid_from: Some("2025-07-01".into()),
        valid_to: None,
        successors: IdList::default(),
        ..template.clone()
    });
    for (id, name) in [
        (&merged, communes[1].1.clone()),
        (&namesake, communes[2].1.clone()),
    ] {
        ds.locations.push(Location {
            id: id.clone(),
            name,
            level: "commune".into(),
            label: "xã".into(),
            parent_id: Some(new_province.clone()),
            valid_from: Some("2025-07-01".into()),
            valid_to: None,
            successors: IdList::default(),
            ..template.clone()
        });
    }
    let _ = province;
    let renamed = ds.units.first().map(|u| u.id.clone()).unwrap_or_default();
    let successor = "u-2025-renamed".to_string();
    if let Some(u) = ds.units.first().cloned() {
        ds.units[0].valid_to = Some("2025-02-28".into());
        ds.units[0].successors = IdList(vec![successor.clone()]);
        ds.units.push(Unit {
            id: successor.clone(),
            name: format!("{} (mới)", u.name),
            valid_from: Some("2025-03-01".into()),
            valid_to: None,
            successors: IdList::default(),
            ..u
        });
    }
    let old: Vec<String> = communes[..3].iter().map(|c| c.0.clone()).collect();
    for (i, a) in ds.activities.iter_mut().enumerate() {
        if i % 5 == 0 {
            a.date = format!("2026-{:02}-{:02}", 1 + i % 11, 1 + i % 27);
            let now = match old.iter().position(|o| *o == a.location_id) {
                Some(0) | Some(1) => Some(merged.clone()),
                Some(2) => Some(namesake.clone()),
                _ => None,
            };
            if let Some(n) = now {
                a.location_id = n;
            }
        }
        if a.unit_id == renamed && a.date.as_str() > "2025-02-28" {
            a.unit_id = successor.clone();
        }
    }
    ds
}

fn check_report(
    ds: &Dataset,
    period: &str,
    unit: Option<&str>,
    today_map: bool,
    today: &str,
) -> Result<(), String> {
    let idx = LocationIndex::new(&ds.locations);
    let map = if today_map {
        Boundaries::Today(today.into())
    } else {
        Boundaries::Period
    };
    let scope = Scope::for_period(period)
        .unit(unit)
        .drawn_on(today)
        .on_map(map, ds, &idx);
    let (from, to) = (
        scope.from.clone().unwrap_or_default(),
        scope.to.clone().unwrap_or_default(),
    );
    let paragraphs = narrative_claims(ds, &idx, &scope, period, "tỉnh Mẫu".into());
    let case = Case {
        ds,
        period,
        from,
        to,
        map_today: today_map.then_some(today),
        today,
        unit,
    };
    case.check_all(&paragraphs).map_err(|e| {
        let text: Vec<&str> = paragraphs.iter().map(|p| p.text.as_str()).collect();
        format!(
            "{period}, unit {unit:?}, today's map {today_map}: {e}\n---\n{}",
            text.join("\n")
        )
    })
}

const PERIODS: &[&str] = &[
    "2021-2025",
    "2026-2030",
    "2023",
    "2026",
    "2024-H2",
    "2025-H1",
    "2025-Q3",
    "2022-Q1",
    "2021-01-01..2026-12-31",
    "2024-03-01..2025-09-30",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, failure_persistence: None, ..ProptestConfig::default() })]

    /// Every claim of every draft holds by the second path.
    #[test]
    fn every_claim_of_a_draft_is_what_its_records_give(
        seed in 1u64..100_000,
        p in 0usize..PERIODS.len(),
        today_map in any::<bool>(),
        one_unit in any::<bool>(),
        late in any::<bool>(),
    ) {
        let ds = reformed(seed);
        let unit = if one_unit { ds.activities.get(seed as usize % ds.activities.len().max(1)).map(|a| a.unit_id.clone()) } else { None };
        let today = if late { "2031-02-01" } else { "2026-11-30" };
        check_report(&ds, PERIODS[p], unit.as_deref(), today_map, today).map_err(TestCaseError::fail)?;
    }
}

#[test]
fn every_claim_of_the_demo_and_the_reform_fixture_holds() {
    let demo = crate::sample::demo::demo();
    let fixture = crate::domain::testkit::reformed();
    for ds in [&demo, &fixture] {
        for period in PERIODS
            .iter()
            .chain(["2023-H1", "2021-01-01..2023-12-31"].iter())
        {
            for today_map in [true, false] {
                if let Err(e) = check_report(ds, period, None, today_map, "2026-11-30") {
                    panic!("{e}");
                }
            }
        }
    }
    if let Err(e) = check_report(&demo, "2021-2025", Some("demo-u-kbnn"), true, "2026-11-30") {
        panic!("{e}");
    }
}

/// The second path itself can fail: a claim that says more than its records is caught.
#[test]
fn the_second_path_catches_a_wrong_claim() {
    let ds = reformed(3);
    let idx = LocationIndex::new(&ds.locations);
    let scope = Scope::for_period("2021-2025").drawn_on("2026-11-30");
    let mut paragraphs = narrative_claims(&ds, &idx, &scope, "2021-2025", String::new());
    let case = Case {
        ds: &ds,
        period: "2021-2025",
        from: "2021-01-01".into(),
        to: "2025-12-31".into(),
        map_today: None,
        today: "2026-11-30",
        unit: None,
    };
    assert_eq!(case.check_all(&paragraphs), Ok(()));
    // One activity fewer behind the total: caught.
    let mut wrong = paragraphs.clone();
    if let Some(c) = wrong[0]
        .claims
        .iter_mut()
        .find(|c| c.basis == Basis::Activities)
    {
        c.records.pop();
    }
    assert!(case.check_all(&wrong).is_err());
    // Seedlings written as young animals: caught.
    let mut wrong = paragraphs.clone();
    for p in wrong.iter_mut() {
        for c in p.claims.iter_mut() {
            if c.basis == Basis::Qty("plant") {
                c.basis = Basis::Qty("head");
            }
        }
    }
    let has_plants = paragraphs
        .iter()
        .flat_map(|p| &p.claims)
        .any(|c| c.basis == Basis::Qty("plant"));
    assert!(!has_plants || case.check_all(&wrong).is_err());
    // A figure written outside any claim: caught.
    paragraphs[0].text.push_str(" Thêm 5 xã.");
    assert!(case.check_all(&paragraphs).is_err());
}
