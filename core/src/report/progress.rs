//! Plan progress: what the activities linked to each plan item have done against its targets.

use std::collections::HashMap;

use crate::domain::dataset::Dataset;
use crate::domain::record::{Plan, PlanItem};

/// The traffic light of an item, always shown with its text label too.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Light {
    /// Done more than twice over: more likely a figure typed wrong, or a target set too low,
    /// than success — to check, never "Đạt".
    FarOver,
    /// Target reached.
    Done,
    /// At least half way.
    OnTrack,
    /// Less than half.
    Behind,
    /// No quantity or money target to measure against.
    NoTarget,
}

/// Done over target beyond this share is flagged for checking.
pub const FAR_OVER: f64 = 2.0;

#[derive(Clone, Debug, Default, PartialEq)]
pub struct ItemProgress {
    pub activities: usize,
    pub qty: f64,
    pub vnd: i64,
}

impl ItemProgress {
    /// Share of the item's main target done (quantity if it has one, else money).
    pub fn ratio(&self, item: &PlanItem) -> Option<f64> {
        if item.target_qty > 0.0 {
            Some(self.qty / item.target_qty)
        } else if item.target_vnd > 0 {
            Some(self.vnd as f64 / item.target_vnd as f64)
        } else {
            None
        }
    }

    pub fn light(&self, item: &PlanItem) -> Light {
        match self.ratio(item) {
            None => Light::NoTarget,
            Some(r) if r > FAR_OVER => Light::FarOver,
            Some(r) if r >= 1.0 => Light::Done,
            Some(r) if r >= 0.5 => Light::OnTrack,
            Some(_) => Light::Behind,
        }
    }
}

impl Light {
    pub fn label(self, lang: crate::domain::Lang) -> &'static str {
        use crate::domain::Lang::*;
        match (self, lang) {
            (Light::FarOver, Vi) => "Vượt xa chỉ tiêu — cần kiểm tra số liệu",
            (Light::FarOver, En) => "Far over target — check the figures",
            (Light::Done, Vi) => "Đạt",
            (Light::OnTrack, Vi) => "Đang thực hiện",
            (Light::Behind, Vi) => "Chậm",
            (Light::NoTarget, Vi) => "Chưa đặt chỉ tiêu",
            (Light::Done, En) => "Reached",
            (Light::OnTrack, En) => "On track",
            (Light::Behind, En) => "Behind",
            (Light::NoTarget, En) => "No target",
        }
    }

    pub fn class(self) -> &'static str {
        match self {
            Light::FarOver => "light-check",
            Light::Done => "light-done",
            Light::OnTrack => "light-track",
            Light::Behind => "light-behind",
            Light::NoTarget => "light-none",
        }
    }
}

/// Progress of every plan item that has linked activities. Quantities count only when the
/// activity's measure is the item's (or either has none).
pub fn item_progress(ds: &Dataset) -> HashMap<String, ItemProgress> {
    let measures: HashMap<&str, &str> = ds
        .plans
        .iter()
        .flat_map(|p| p.items.iter().map(|i| (i.id.as_str(), i.measure.as_str())))
        .collect();
    let mut out: HashMap<String, ItemProgress> = HashMap::new();
    for a in &ds.activities {
        let Some(item) = a.plan_item_id.as_deref() else {
            continue;
        };
        let Some(measure) = measures.get(item) else {
            continue;
        };
        let p = out.entry(item.to_string()).or_default();
        p.activities += 1;
        p.vnd = p
            .vnd
            .saturating_add(a.cash_vnd.saturating_add(a.in_kind_vnd));
        if measure.is_empty() || a.measure.is_empty() || a.measure == *measure {
            p.qty += a.qty;
        }
    }
    out
}

/// Plan money targets against what linked activities did, summed by unit and by commune.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Rollup {
    /// unit id → (target đồng, done đồng)
    pub by_unit: std::collections::BTreeMap<String, (i64, i64)>,
    /// commune id → (target đồng, done đồng); a village's plan counts for its commune.
    pub by_commune: std::collections::BTreeMap<String, (i64, i64)>,
}

/// Whether a plan counts in a report from `from` to `to` (ISO days): a yearly plan in the
/// periods that hold its mid-year; a phase plan only in the report of that whole phase, where
/// it stands for the yearly plans of the same unit and place (never added on top of them).
pub fn plan_in_period(p: &Plan, from: Option<&str>, to: Option<&str>) -> bool {
    let covers = |d: &str| from.is_none_or(|f| d >= f) && to.is_none_or(|t| d <= t);
    match p.year {
        Some(y) => covers(&format!("{y}-07-01")),
        None => whole_phase(from, to).is_some_and(|code| code == p.phase),
    }
}

/// The phase a report spans exactly ("2021-2025"), if it does.
pub fn whole_phase(from: Option<&str>, to: Option<&str>) -> Option<String> {
    let period = super::period::Period::parse(&format!("{}..{}", from?, to?))?;
    period.is_phase().then(|| period.code())
}

/// Roll up the plan items of the plans `keep` selects. Where a phase plan and yearly plans of
/// the same unit, place and phase are both kept, the phase plan's targets stand for the whole
/// and the yearly plans add only what was done towards them.
pub fn rollup(
    ds: &Dataset,
    idx: &crate::domain::query::LocationIndex,
    keep: impl Fn(&Plan) -> bool,
) -> Rollup {
    let done = item_progress(ds);
    let mut out = Rollup::default();
    let kept: Vec<&Plan> = ds.plans.iter().filter(|p| keep(p)).collect();
    // A unit has a plan or two per place and phase: a list is enough.
    fn key(p: &Plan) -> (&str, &str, &str) {
        (p.unit_id.as_str(), p.location_id.as_str(), p.phase.as_str())
    }
    let phased: Vec<(&str, &str, &str)> = kept
        .iter()
        .filter(|p| p.year.is_none())
        .map(|p| key(p))
        .collect();
    for p in kept {
        let commune = idx
            .commune_of(&p.location_id)
            .map_or_else(|| p.location_id.clone(), |c| c.id.clone());
        let counts_target = p.year.is_none() || !phased.contains(&key(p));
        for item in &p.items {
            let d = done.get(&item.id).map_or(0, |x| x.vnd);
            let target = if counts_target { item.target_vnd } else { 0 };
            for entry in [
                out.by_unit.entry(p.unit_id.clone()).or_default(),
                out.by_commune.entry(commune.clone()).or_default(),
            ] {
                entry.0 = entry.0.saturating_add(target);
                entry.1 = entry.1.saturating_add(d);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testkit::small;

    #[test]
    fn plan_money_rolls_up_by_unit_and_commune() {
        let mut ds = small();
        ds.activities[1].plan_item_id = Some("i-1".into()); // 50 million, in a village of Pà Cò
        let idx = crate::domain::query::LocationIndex::new(&ds.locations);
        let r = rollup(&ds, &idx, |_| true);
        assert_eq!(r.by_unit.get("u-kbnn"), Some(&(100_000_000, 50_000_000)));
        assert_eq!(r.by_commune.get("c-paco"), Some(&(100_000_000, 50_000_000)));
        assert!(rollup(&ds, &idx, |p| p.year == Some(2024))
            .by_unit
            .is_empty());
    }

    #[test]
    fn progress_from_linked_activities() {
        let mut ds = small();
        // item i-1: 2 houses, 100 million; item i-2: 100 gifts
        ds.activities[1].plan_item_id = Some("i-1".into());
        ds.activities[1].qty = 1.0;
        ds.activities[1].measure = "house".into();
        ds.activities[0].plan_item_id = Some("i-2".into());
        ds.activities[0].qty = 120.0;
        ds.activities[0].measure = "gift".into(); // the item counts houses: quantity not counted
        let p = item_progress(&ds);
        let items = &ds.plans[0].items;
        let i1 = &p["i-1"];
        assert_eq!((i1.activities, i1.qty, i1.vnd), (1, 1.0, 50_000_000));
        assert_eq!(i1.ratio(&items[0]), Some(0.5));
        assert_eq!(i1.light(&items[0]), Light::OnTrack);
        let i2 = &p["i-2"];
        assert_eq!(i2.qty, 0.0);
        assert_eq!(i2.light(&items[1]), Light::Behind);
        assert!(!p.contains_key("ghost"));
        let none = ItemProgress::default();
        let mut no_target = items[0].clone();
        no_target.target_qty = 0.0;
        no_target.target_vnd = 0;
        assert_eq!(none.light(&no_target), Light::NoTarget);
        let done = ItemProgress {
            activities: 2,
            qty: 2.0,
            vnd: 0,
        };
        assert_eq!(done.light(&items[0]), Light::Done);
        // Twice the target is still reached; beyond it, a figure to check, never "Đạt".
        let twice = ItemProgress {
            qty: 4.0,
            ..done.clone()
        };
        assert_eq!(twice.light(&items[0]), Light::Done);
        let far = ItemProgress { qty: 4.1, ..done };
        assert_eq!(far.light(&items[0]), Light::FarOver);
        assert_eq!(
            Light::FarOver.label(crate::domain::Lang::Vi),
            "Vượt xa chỉ tiêu — cần kiểm tra số liệu"
        );
    }

    #[test]
    fn a_phase_plan_stands_for_its_yearly_plans_and_counts_only_in_its_phase() {
        use crate::domain::testkit::{item, plan};
        let mut ds = small();
        // The phase plan: 500 million; the 2023 plan (i-1, i-2): 100 million.
        ds.plans.push(plan(
            "p-phase",
            "u-kbnn",
            "c-paco",
            None,
            vec![item("ph-1", "housing", 10.0, 500_000_000)],
        ));
        ds.activities[1].plan_item_id = Some("i-1".into()); // 50 million towards the 2023 plan
        let idx = crate::domain::query::LocationIndex::new(&ds.locations);
        let phase = rollup(&ds, &idx, |p| {
            plan_in_period(p, Some("2021-01-01"), Some("2025-12-31"))
        });
        // Never 600 million: the yearly target is inside the phase's.
        assert_eq!(
            phase.by_unit.get("u-kbnn"),
            Some(&(500_000_000, 50_000_000))
        );
        let year = rollup(&ds, &idx, |p| {
            plan_in_period(p, Some("2023-01-01"), Some("2023-12-31"))
        });
        assert_eq!(year.by_unit.get("u-kbnn"), Some(&(100_000_000, 50_000_000)));
        let span = rollup(&ds, &idx, |p| {
            plan_in_period(p, Some("2021-01-01"), Some("2023-12-31"))
        });
        assert_eq!(
            span.by_unit.get("u-kbnn"),
            Some(&(100_000_000, 50_000_000)),
            "2021–2023 is no phase"
        );
        assert_eq!(
            whole_phase(Some("2021-01-01"), Some("2025-12-31")).as_deref(),
            Some("2021-2025")
        );
        assert_eq!(whole_phase(Some("2021-01-01"), Some("2024-12-31")), None);
    }
}
