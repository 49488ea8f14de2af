//! The record types of the bundle (docs/bundle-format.md), with serde that names fields exactly
//! as the bundle contract does. Each record keeps the fields it does not know in `extra`, so a
//! bundle from a newer app survives import → export losslessly. Reading is field by field: a
//! bad value gives a problem naming the field, and the rest of the file still reads.

use std::borrow::Cow;
use std::fmt;

use serde::de::{self, Deserialize, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::{Map, Value};

pub use super::field::IdList;
use super::field::{Field, FieldProblem};
use super::problem::{Expected, Reason};
use super::Kind;

/// Unknown fields of a record, written back as they came.
pub type Extra = Map<String, Value>;

/// A record as a JSON value, through its JSON text: `serde_json::to_value` would compile every
/// record's `Serialize` a second time (for the value serializer), for the rare conflict card.
pub fn json_value<T: Serialize>(record: &T) -> Value {
    serde_json::to_string(record)
        .ok()
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default()
}

/// A record as read from JSON: the typed value, or why it could not be read.
#[derive(Clone, Debug, PartialEq)]
pub struct Checked<T>(pub Result<T, Rejected>);

/// A record that could not be read: its id when readable, and the problems by field path.
#[derive(Clone, Debug, PartialEq)]
pub struct Rejected {
    pub id: Option<String>,
    pub problems: Vec<FieldProblem>,
}

/// What every top-level record has.
/// The revision after `rev`: one more, but never above `validate::MAX_REV`, the largest a bundle
/// may carry (a record stored above it could not be read back). At the ceiling an edit keeps the
/// revision: its content differs, so it reaches other copies as a conflict, never silently.
pub fn next_rev(rev: i64) -> i64 {
    rev.saturating_add(1).min(super::validate::MAX_REV)
}

pub trait Record: Clone + PartialEq + fmt::Debug + Serialize {
    const KIND: Kind;
    fn id(&self) -> &str;
    fn rev(&self) -> i64;
    fn updated_at(&self) -> &str;
    /// A local edit: one revision more, stamped with the time.
    fn touch(&mut self, now: &str) {
        let rev = next_rev(self.rev());
        self.stamp(rev, now);
    }
    /// Set the revision and time (an undo goes above the revision it replaces).
    fn stamp(&mut self, rev: i64, now: &str);
    /// A new, empty record with this id (revision 0: its first save makes it 1).
    fn with_id(id: String) -> Self;
}

fn join(field: &'static str, sub: Cow<'static, str>) -> Cow<'static, str> {
    if sub.is_empty() {
        Cow::Borrowed(field)
    } else if sub.starts_with('[') {
        Cow::Owned(format!("{field}{sub}"))
    } else {
        Cow::Owned(format!("{field}.{sub}"))
    }
}

/// Whether a problem path belongs to `field` (`items` owns `items[2].category`).
fn is_field(path: &str, field: &str) -> bool {
    path.strip_prefix(field)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with(['[', '.']))
}

macro_rules! take_field {
    (req, $v:expr, $name:expr, $problems:expr) => {
        take_required($v, $name, &mut $problems)
    };
    (opt, $v:expr, $name:expr, $problems:expr) => {
        $v.unwrap_or_default()
    };
}

/// A required field's value, or its default with a `Missing` problem (unless the field was
/// present with a bad value, which is already reported). Not inlined: one copy per field type.
#[inline(never)]
fn take_required<T: Default>(
    v: Option<T>,
    name: &'static str,
    problems: &mut Vec<FieldProblem>,
) -> T {
    match v {
        Some(x) => x,
        None => {
            if !problems.iter().any(|(f, _)| is_field(f, name)) {
                problems.push((Cow::Borrowed(name), Reason::Missing));
            }
            T::default()
        }
    }
}

/// Read one field's value into its slot, or record why it does not fit.
#[inline(never)]
fn set_field<T: Field>(
    slot: &mut Option<T>,
    name: &'static str,
    v: Value,
    problems: &mut Vec<FieldProblem>,
) {
    if v.is_null() {
        return;
    }
    match T::from_json_nested(v) {
        Ok(x) => *slot = Some(x),
        Err(errs) => problems.extend(errs.into_iter().map(|(sub, r)| (join(name, sub), r))),
    }
}

/// Receives one record's fields as they are read. Keeping this non-generic means the field
/// handling is compiled once per record kind, not once per kind and JSON reader.
trait FieldSink {
    fn field(&mut self, key: Cow<'_, str>, value: Value);
}

/// A field name, borrowed from the text when it has no escapes: a province's bundle has half a
/// million of them, and only unknown ones need keeping.
pub struct Key<'de>(pub Cow<'de, str>);

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a field name")
            }
            fn visit_borrowed_str<E: de::Error>(self, s: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(s)))
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(s.to_owned())))
            }
            fn visit_string<E: de::Error>(self, s: String) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(s)))
            }
        }
        d.deserialize_str(V)
    }
}

/// The generic part of reading a record: walk the object, hand each field to the sink.
fn read_fields<'de, A: MapAccess<'de>>(
    mut map: A,
    sink: &mut dyn FieldSink,
) -> Result<(), A::Error> {
    while let Some(Key(key)) = map.next_key::<Key<'de>>()? {
        let value: Value = map.next_value()?;
        sink.field(key, value);
    }
    Ok(())
}

/// Declares a record struct with `Serialize` and a field-by-field `Deserialize` of `Checked<_>`.
/// `req` fields are reported when missing (or null); `opt` fields default.
macro_rules! record {
    (
        $(#[$attr:meta])*
        pub struct $name:ident {
            $( $(#[$fattr:meta])* $field:ident : $ty:ty = $presence:ident, )*
        }
    ) => {
        $(#[$attr])*
        #[derive(Clone, Debug, Default, PartialEq)]
        pub struct $name {
            $( $(#[$fattr])* pub $field: $ty, )*
            /// Fields this app does not know, kept so they survive import → export.
            pub extra: Extra,
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let mut m = s.serialize_map(None)?;
                $(
                    if !Field::skip(&self.$field) {
                        m.serialize_entry(stringify!($field), &self.$field)?;
                    }
                )*
                for (k, v) in &self.extra {
                    m.serialize_entry(k, v)?;
                }
                m.end()
            }
        }

        const _: () = {
            #[derive(Default)]
            struct Builder {
                $( $field: Option<$ty>, )*
                problems: Vec<FieldProblem>,
                extra: Extra,
            }

            impl FieldSink for Builder {
                fn field(&mut self, key: Cow<'_, str>, v: Value) {
                    match key.as_ref() {
                        $(
                            stringify!($field) => set_field(&mut self.$field, stringify!($field), v, &mut self.problems),
                        )*
                        _ => {
                            self.extra.insert(key.into_owned(), v);
                        }
                    }
                }
            }

            impl Builder {
                fn finish(mut self) -> Checked<$name> {
                    $( let $field: $ty = take_field!($presence, self.$field.take(), stringify!($field), self.problems); )*
                    let record = $name { $( $field, )* extra: self.extra };
                    if self.problems.is_empty() {
                        Checked(Ok(record))
                    } else {
                        let id = Some(record.id).filter(|id| !id.is_empty());
                        Checked(Err(Rejected { id, problems: self.problems }))
                    }
                }
            }

            impl<'de> Deserialize<'de> for Checked<$name> {
                fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                    struct V;
                    impl<'de> Visitor<'de> for V {
                        type Value = Checked<$name>;

                        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                            f.write_str("a record object")
                        }

                        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                            let mut b = Builder::default();
                            read_fields(map, &mut b)?;
                            Ok(b.finish())
                        }

                        fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
                            skip_seq(seq)
                        }
                        fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> { Ok(not_an_object()) }
                        fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> { Ok(not_an_object()) }
                        fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> { Ok(not_an_object()) }
                        fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> { Ok(not_an_object()) }
                        fn visit_str<E: de::Error>(self, _: &str) -> Result<Self::Value, E> { Ok(not_an_object()) }
                        fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> { Ok(not_an_object()) }
                    }
                    d.deserialize_any(V)
                }
            }
        };
    };
}

fn skip_seq<'de, A: SeqAccess<'de>, T>(mut seq: A) -> Result<Checked<T>, A::Error> {
    while seq.next_element::<IgnoredAny>()?.is_some() {}
    Ok(not_an_object())
}

fn not_an_object<T>() -> Checked<T> {
    Checked(Err(Rejected {
        id: None,
        problems: vec![(
            Cow::Borrowed(""),
            Reason::WrongType {
                expected: Expected::Object,
            },
        )],
    }))
}

macro_rules! top_level {
    ($($name:ident => $kind:expr),* $(,)?) => {$(
        impl Record for $name {
            const KIND: Kind = $kind;
            fn id(&self) -> &str { &self.id }
            fn rev(&self) -> i64 { self.rev }
            fn updated_at(&self) -> &str { &self.updated_at }
            fn stamp(&mut self, rev: i64, now: &str) {
                self.rev = rev;
                self.updated_at = now.to_string();
            }
            fn with_id(id: String) -> Self {
                $name { id, rev: 0, ..Default::default() }
            }
        }
    )*};
}

record! {
    /// A province, district, commune or village (`level`). Districts may be absent: since the
    /// 2025 reform a commune can sit directly under the province.
    pub struct Location {
        id: String = req,
        rev: i64 = req,
        updated_at: String = req,
        name: String = req,
        level: String = req,
        parent_id: Option<String> = opt,
        /// xã, phường, thị trấn, thôn, bản, xóm, tổ…
        label: String = opt,
        /// Đặc biệt khó khăn.
        difficult: bool = opt,
        /// Official administrative code.
        code: Option<String> = opt,
        valid_from: Option<String> = opt,
        /// Last day, when it was merged, split or dissolved; the record stays for history.
        valid_to: Option<String> = opt,
        /// The places that took it over from the day after `valid_to` (merged into one, or split
        /// into several: the first carries its history on today's map).
        successors: IdList = opt,
        /// Other ids of this same place, entered twice elsewhere (a unit's own "Pà Cò"): records
        /// naming them are read as naming this one (`domain::aliases`), never rewritten.
        aliases: IdList = opt,
    }
}

record! {
    /// An agency that helps (provincial or district level).
    pub struct Unit {
        id: String = req,
        rev: i64 = req,
        updated_at: String = req,
        name: String = req,
        short_name: String = opt,
        /// The body above it, as its documents head them ("UBND tỉnh Phú Thọ", "Ngân hàng
        /// Chính sách xã hội", "Tỉnh ủy Phú Thọ"): the first line of the letterhead.
        superior: String = opt,
        level: String = req,
        /// The district a district unit belongs to.
        location_id: Option<String> = opt,
        bloc: String = opt,
        /// First day the unit exists (founded, renamed, merged).
        valid_from: Option<String> = opt,
        /// Last day, when it was renamed, merged or dissolved; the record stays for history.
        valid_to: Option<String> = opt,
        /// The units that took over its work from the day after `valid_to`.
        successors: IdList = opt,
        /// Other ids of this same unit, entered twice elsewhere (an officer's own "KBNN"):
        /// records naming them are read as naming this one (`domain::aliases`).
        aliases: IdList = opt,
    }
}

impl Unit {
    /// The short name (`KBNN`) where there is one, else the name: for lists and file names.
    pub fn short_label(&self) -> &str {
        if self.short_name.is_empty() {
            &self.name
        } else {
            &self.short_name
        }
    }
}

record! {
    /// A unit assigned to help a commune or village for a phase.
    pub struct Assignment {
        id: String = req,
        rev: i64 = req,
        updated_at: String = req,
        unit_id: String = req,
        location_id: String = req,
        phase: String = req,
        role: String = req,
        /// e.g. "718-QĐ/TU ngày 14/12/2022".
        decision: String = opt,
        officer: Option<String> = opt,
    }
}

record! {
    /// One target line of a plan.
    pub struct PlanItem {
        id: String = req,
        category: String = req,
        title: String = opt,
        measure: String = opt,
        target_qty: f64 = opt,
        target_vnd: i64 = opt,
        due: Option<String> = opt,
    }
}

record! {
    /// A phase plan (`year` null) or a yearly plan of a unit for a location.
    pub struct Plan {
        id: String = req,
        rev: i64 = req,
        updated_at: String = req,
        unit_id: String = req,
        location_id: String = req,
        phase: String = req,
        year: Option<i32> = opt,
        /// e.g. "12/KH-KBNN".
        number: String = opt,
        issued_on: Option<String> = opt,
        status: String = req,
        items: Vec<PlanItem> = opt,
    }
}

record! {
    /// Something a unit did for a location, with its money, goods and beneficiaries.
    pub struct Activity {
        id: String = req,
        rev: i64 = req,
        updated_at: String = req,
        unit_id: String = req,
        location_id: String = req,
        date: String = req,
        category: String = req,
        title: String = opt,
        description: String = opt,
        cash_vnd: i64 = opt,
        in_kind_vnd: i64 = opt,
        /// Preferential loans the unit helped households obtain (category `credit`): money lent,
        /// to be repaid, so never part of the support value.
        loan_vnd: Option<i64> = opt,
        funding: String = opt,
        qty: f64 = opt,
        measure: String = opt,
        households: i64 = opt,
        poor_households: i64 = opt,
        people: i64 = opt,
        plan_item_id: Option<String> = opt,
        model_id: Option<String> = opt,
    }
}

record! {
    /// A livelihood model (mô hình sinh kế).
    pub struct Model {
        id: String = req,
        rev: i64 = req,
        updated_at: String = req,
        unit_id: String = req,
        location_id: String = req,
        name: String = req,
        kind: String = req,
        started_on: Option<String> = opt,
        households: i64 = opt,
        /// Households of the model that escaped poverty, when the unit has counted them.
        escaped_poverty: Option<i64> = opt,
        capital_vnd: i64 = opt,
        status: String = req,
        outcome: String = opt,
    }
}

record! {
    /// A unit's report for a period. Its figures are computed from activities, never stored.
    pub struct Report {
        id: String = req,
        rev: i64 = req,
        updated_at: String = req,
        unit_id: String = req,
        /// "2023", "2023-H1" or "2021-2025".
        period: String = req,
        assessment: String = opt,
        difficulties: String = opt,
        proposals: String = opt,
        status: String = req,
        submitted_at: Option<String> = opt,
    }
}

top_level! {
    Location => Kind::Location,
    Unit => Kind::Unit,
    Assignment => Kind::Assignment,
    Plan => Kind::Plan,
    Activity => Kind::Activity,
    Model => Kind::Model,
    Report => Kind::Report,
}

/// A deleted record: beats any copy of it with a lower or equal `rev`.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Tombstone {
    pub kind: String,
    pub id: String,
    pub rev: i64,
    pub updated_at: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn read<T>(v: Value) -> Checked<T>
    where
        Checked<T>: serde::de::DeserializeOwned,
    {
        serde_json::from_value(v).expect("reads")
    }

    fn activity_json() -> Value {
        json!({
            "id": "a-1", "rev": 2, "updated_at": "2026-11-27T08:30:00Z",
            "unit_id": "u-kbnn", "location_id": "l-maihich", "date": "2023-03-15",
            "category": "gifts", "title": "Tặng quà Tết", "cash_vnd": 15000000,
            "in_kind_vnd": 2500000, "funding": "unit", "qty": 50, "measure": "gift",
            "households": 50, "poor_households": 30, "people": 200
        })
    }

    #[test]
    fn reads_a_full_activity() {
        let Checked(Ok(a)) = read::<Activity>(activity_json()) else {
            panic!()
        };
        assert_eq!(a.id, "a-1");
        assert_eq!(a.cash_vnd, 15_000_000);
        assert_eq!(a.qty, 50.0);
        assert_eq!(a.plan_item_id, None);
        assert!(a.extra.is_empty());
    }

    #[test]
    fn unknown_fields_round_trip() {
        let mut v = activity_json();
        v["gps"] = json!({"lat": 20.7, "lon": 105.1});
        v["note_2027"] = json!("from a newer app");
        let Checked(Ok(a)) = read::<Activity>(v.clone()) else {
            panic!()
        };
        assert_eq!(a.extra.len(), 2);
        let mut back = serde_json::to_value(&a).expect("writes");
        assert_eq!(json_value(&a), back);
        // qty comes back as 50.0, and absent optional text as "": compare those, then the rest
        assert_eq!(back["qty"].as_f64(), Some(50.0));
        back["qty"] = json!(50);
        assert_eq!(
            back.as_object_mut().and_then(|o| o.remove("description")),
            Some(json!(""))
        );
        assert_eq!(back, v);
    }

    #[test]
    fn bad_fields_are_named_and_the_id_kept() {
        let mut v = activity_json();
        v["cash_vnd"] = json!(-1.5);
        v["date"] = json!(20230315);
        v.as_object_mut().map(|o| o.remove("category"));
        let Checked(Err(r)) = read::<Activity>(v) else {
            panic!()
        };
        assert_eq!(r.id.as_deref(), Some("a-1"));
        let reason = |field: &str| {
            r.problems
                .iter()
                .find(|(f, _)| f == field)
                .map(|(_, r)| r.clone())
        };
        assert_eq!(r.problems.len(), 3);
        assert_eq!(reason("cash_vnd"), Some(Reason::NotInteger));
        assert_eq!(
            reason("date"),
            Some(Reason::WrongType {
                expected: Expected::Text
            })
        );
        assert_eq!(reason("category"), Some(Reason::Missing));
    }

    #[test]
    fn null_counts_as_missing() {
        let mut v = activity_json();
        v["unit_id"] = Value::Null;
        v["model_id"] = Value::Null;
        let Checked(Err(r)) = read::<Activity>(v) else {
            panic!()
        };
        assert_eq!(
            r.problems,
            vec![(Cow::Borrowed("unit_id"), Reason::Missing)]
        );
    }

    #[test]
    fn a_non_object_is_rejected_not_fatal() {
        let list: Vec<Checked<Unit>> =
            serde_json::from_value(json!([1, "x", [1, [2]], null, true])).expect("reads");
        assert_eq!(list.len(), 5);
        assert!(list.iter().all(|c| c.0.is_err()));
    }

    #[test]
    fn plan_items_report_nested_paths() {
        let v = json!({
            "id": "p-1", "rev": 1, "updated_at": "2026-01-01T00:00:00Z", "unit_id": "u",
            "location_id": "l", "phase": "2021-2025", "year": 2023, "status": "issued",
            "items": [
                {"id": "i-1", "category": "housing", "target_qty": 5, "target_vnd": 250000000},
                {"id": "i-2", "target_vnd": 1.5},
                7
            ]
        });
        let Checked(Err(r)) = read::<Plan>(v) else {
            panic!()
        };
        let fields: Vec<_> = r.problems.iter().map(|(f, _)| f.to_string()).collect();
        assert_eq!(
            fields,
            ["items[1].target_vnd", "items[1].category", "items[2]"]
        );
    }

    #[test]
    fn touch_bumps_rev_and_time() {
        let Checked(Ok(mut a)) = read::<Activity>(activity_json()) else {
            panic!()
        };
        a.touch("2026-11-28T00:00:00Z");
        assert_eq!(a.rev, 3);
        assert_eq!(a.updated_at, "2026-11-28T00:00:00Z");
    }
}
