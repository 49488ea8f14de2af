//! All records of one workspace, by kind, plus tombstones of deleted ones.

use serde::Serialize;

use super::record::{Activity, Assignment, Location, Model, Plan, Record, Report, Tombstone, Unit};
use super::Kind;

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Dataset {
    pub locations: Vec<Location>,
    pub units: Vec<Unit>,
    pub assignments: Vec<Assignment>,
    pub plans: Vec<Plan>,
    pub activities: Vec<Activity>,
    pub models: Vec<Model>,
    pub reports: Vec<Report>,
    pub tombstones: Vec<Tombstone>,
}

/// The order activities are written in: by unit, place, date, id.
pub fn canonical_order(a: &Activity, b: &Activity) -> std::cmp::Ordering {
    (&a.unit_id, &a.location_id, &a.date, &a.id).cmp(&(&b.unit_id, &b.location_id, &b.date, &b.id))
}

/// Typed access to one kind's list, so code can be generic over record kinds.
pub trait Collection<T: Record> {
    fn list(&self) -> &Vec<T>;
    fn list_mut(&mut self) -> &mut Vec<T>;
}

macro_rules! collection {
    ($($ty:ty => $field:ident),* $(,)?) => {$(
        impl Collection<$ty> for Dataset {
            fn list(&self) -> &Vec<$ty> { &self.$field }
            fn list_mut(&mut self) -> &mut Vec<$ty> { &mut self.$field }
        }
    )*};
}

collection! {
    Location => locations,
    Unit => units,
    Assignment => assignments,
    Plan => plans,
    Activity => activities,
    Model => models,
    Report => reports,
}

impl Dataset {
    pub fn is_empty(&self) -> bool {
        self.record_count() == 0 && self.tombstones.is_empty()
    }

    /// Number of live records of every kind.
    pub fn record_count(&self) -> usize {
        Kind::ALL.iter().map(|k| self.count(*k)).sum()
    }

    pub fn count(&self, kind: Kind) -> usize {
        match kind {
            Kind::Location => self.locations.len(),
            Kind::Unit => self.units.len(),
            Kind::Assignment => self.assignments.len(),
            Kind::Plan => self.plans.len(),
            Kind::Activity => self.activities.len(),
            Kind::Model => self.models.len(),
            Kind::Report => self.reports.len(),
        }
    }

    pub fn get<T: Record>(&self, id: &str) -> Option<&T>
    where
        Self: Collection<T>,
    {
        self.list().iter().find(|r| r.id() == id)
    }

    /// The name of unit `id`, when it is stored.
    pub fn unit_name(&self, id: &str) -> Option<&str> {
        self.get::<Unit>(id).map(|u| u.name.as_str())
    }

    /// Insert or replace the record with the same id.
    pub fn put<T: Record>(&mut self, record: T)
    where
        Self: Collection<T>,
    {
        let list = self.list_mut();
        match list.iter().position(|r| r.id() == record.id()) {
            Some(i) => list[i] = record,
            None => list.push(record),
        }
    }

    /// Delete a record, leaving a tombstone one revision above it so the deletion wins
    /// everywhere the record travelled.
    pub fn delete<T: Record>(&mut self, id: &str, now: &str) -> Option<T>
    where
        Self: Collection<T>,
    {
        let list = self.list_mut();
        let i = list.iter().position(|r| r.id() == id)?;
        let removed = list.remove(i);
        self.set_tombstone(Tombstone {
            kind: T::KIND.code().to_string(),
            id: id.to_string(),
            rev: super::record::next_rev(removed.rev()),
            updated_at: now.to_string(),
        });
        Some(removed)
    }

    /// Append every record of `other` (whose ids must not be here already: disjoint slices of
    /// one workspace, such as its stored chunks).
    pub fn absorb(&mut self, other: Dataset) {
        self.locations.extend(other.locations);
        self.units.extend(other.units);
        self.assignments.extend(other.assignments);
        self.plans.extend(other.plans);
        self.activities.extend(other.activities);
        self.models.extend(other.models);
        self.reports.extend(other.reports);
        self.tombstones.extend(other.tombstones);
    }

    /// Put activities in the order bundles and the store write them (see `canonical_order`).
    pub fn sort_activities(&mut self) {
        crate::domain::order::sort_by(&mut self.activities, canonical_order);
    }

    pub fn tombstone(&self, kind: Kind, id: &str) -> Option<&Tombstone> {
        self.tombstones
            .iter()
            .find(|t| t.id == id && t.kind == kind.code())
    }

    pub fn set_tombstone(&mut self, t: Tombstone) {
        match self
            .tombstones
            .iter()
            .position(|x| x.id == t.id && x.kind == t.kind)
        {
            Some(i) => self.tombstones[i] = t,
            None => self.tombstones.push(t),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(id: &str, rev: i64) -> Unit {
        Unit {
            id: id.into(),
            rev,
            updated_at: "2026-01-01T00:00:00Z".into(),
            name: "Kho bạc Nhà nước tỉnh".into(),
            level: "province".into(),
            ..Default::default()
        }
    }

    #[test]
    fn put_replaces_by_id_and_delete_leaves_a_tombstone() {
        let mut ds = Dataset::default();
        ds.put(unit("u-1", 1));
        ds.put(unit("u-2", 1));
        ds.put(unit("u-1", 2));
        assert_eq!(ds.units.len(), 2);
        assert_eq!(ds.get::<Unit>("u-1").map(|u| u.rev), Some(2));
        let gone = ds.delete::<Unit>("u-1", "2026-02-01T00:00:00Z");
        assert_eq!(gone.map(|u| u.rev), Some(2));
        assert_eq!(ds.units.len(), 1);
        let t = ds.tombstone(Kind::Unit, "u-1").expect("tombstone");
        assert_eq!(t.rev, 3);
        assert!(ds.tombstone(Kind::Activity, "u-1").is_none());
        assert_eq!(ds.record_count(), 1);
        assert!(ds.delete::<Unit>("nope", "2026-02-01T00:00:00Z").is_none());
    }
}
