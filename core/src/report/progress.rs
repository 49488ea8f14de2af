//! Plan progress: what the activities linked to each plan item have done against its targets.

use std::collections::HashMap;

use crate::domain::dataset::Dataset;
use crate::domain::record::PlanItem;

/// The traffic light of an item, always shown with its text label too.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Light {
    /// Target reached.
    Done,
    /// At least half way.
    OnTrack,
    /// Less than half.
    Behind,
    /// No quantity or money target to measure against.
    NoTarget,
}

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

/// Roll up the plan items of the plans `keep` selects.
pub fn rollup(
    ds: &Dataset,
    idx: &crate::domain::query::LocationIndex,
    keep: impl Fn(&crate::domain::record::Plan) -> bool,
) -> Rollup {
    let done = item_progress(ds);
    let mut out = Rollup::default();
    for p in ds.plans.iter().filter(|p| keep(p)) {
        let commune = idx
            .commune_of(&p.location_id)
            .map_or_else(|| p.location_id.clone(), |c| c.id.clone());
        for item in &p.items {
            let d = done.get(&item.id).map_or(0, |x| x.vnd);
            for entry in [
                out.by_unit.entry(p.unit_id.clone()).or_default(),
                out.by_commune.entry(commune.clone()).or_default(),
            ] {
                entry.0 = entry.0.saturating_add(item.target_vnd);
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
    }
}
