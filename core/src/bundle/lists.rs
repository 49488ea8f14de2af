//! Reading a bundle in one pass: the top-level fields are kept as raw text, and when `format`
//! and `schema` (which our writer puts first) say the file is current, each list under
//! `records` goes straight into typed records. A province's bundle is walked once, not once to
//! split it and again per list.

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use serde_json::value::RawValue;

use super::format::{accept, json_error, Bundle, FileError, Notice};
use super::{FORMAT, SCHEMA};
use crate::domain::dataset::{Collection, Dataset};
use crate::domain::record::{
    Activity, Assignment, Checked, Key, Location, Model, Plan, Record, Report, Unit,
};
use crate::domain::Kind;

/// A value of the wrong JSON type: the visitor's structured refusal for every scalar.
macro_rules! refuse_scalars {
    ($refusal:ident) => {
        fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
            Err(self.$refusal())
        }
        fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
            Err(self.$refusal())
        }
        fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
            Err(self.$refusal())
        }
        fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
            Err(self.$refusal())
        }
        fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
            Err(self.$refusal())
        }
    };
}

/// The top-level fields of a bundle, as raw JSON text.
#[derive(Default)]
pub(super) struct Head<'a> {
    pub format: Option<&'a RawValue>,
    pub schema: Option<&'a RawValue>,
    pub exported_at: Option<&'a RawValue>,
    pub app: Option<&'a RawValue>,
    pub source: Option<&'a RawValue>,
    /// Kept raw only when it could not be read on the way (it came before `format`/`schema`,
    /// or they are not current).
    pub records: Option<&'a RawValue>,
    pub tombstones: Option<&'a RawValue>,
    pub digest: Option<&'a RawValue>,
    /// `records` was read into the bundle already.
    pub records_read: bool,
}

/// Read the top level of a bundle's text; current records go into `bundle` on the way.
pub(super) fn read_head<'a>(text: &'a str, bundle: &mut Bundle) -> Result<Head<'a>, FileError> {
    let mut failure = None;
    let mut unknown = Vec::new();
    let mut de = serde_json::Deserializer::from_str(text);
    let result = Top {
        lists: Lists {
            bundle: &mut *bundle,
            failure: &mut failure,
            unknown: &mut unknown,
        },
    }
    .deserialize(&mut de)
    .and_then(|head| de.end().map(|()| head));
    if let Some(f) = failure {
        return Err(f);
    }
    let head = result.map_err(|e| json_error(&e))?;
    finish(bundle, unknown);
    Ok(head)
}

/// Read the `records` object (its raw text, starting with `{`) into the bundle.
pub(super) fn read_records(bundle: &mut Bundle, raw: &str) -> Result<(), FileError> {
    let mut failure = None;
    let mut unknown = Vec::new();
    let mut de = serde_json::Deserializer::from_str(raw);
    let result = Lists {
        bundle: &mut *bundle,
        failure: &mut failure,
        unknown: &mut unknown,
    }
    .deserialize(&mut de);
    if let Some(f) = failure {
        return Err(f);
    }
    result.map_err(|e| json_error(&e))?;
    finish(bundle, unknown);
    Ok(())
}

fn finish(bundle: &mut Bundle, mut unknown: Vec<String>) {
    // As when lists were read one by one in name order: problems by list, unknown lists sorted.
    crate::domain::order::sort_by_key(&mut bundle.rejected, |p| p.kind.list());
    crate::domain::order::sort(&mut unknown);
    unknown.dedup();
    for name in unknown {
        bundle.notices.push(Notice::UnknownList { name });
    }
}

struct Top<'a> {
    lists: Lists<'a>,
}

impl<'de> DeserializeSeed<'de> for Top<'_> {
    type Value = Head<'de>;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Head<'de>, D::Error> {
        d.deserialize_map(self)
    }
}

/// Whether raw JSON text is the string `want` / the number `want`.
fn is_str(raw: Option<&RawValue>, want: &str) -> bool {
    raw.and_then(|r| serde_json::from_str::<&str>(r.get()).ok()) == Some(want)
}
fn is_num(raw: Option<&RawValue>, want: u32) -> bool {
    raw.and_then(|r| serde_json::from_str::<u64>(r.get()).ok()) == Some(u64::from(want))
}

impl<'de> Visitor<'de> for Top<'_> {
    type Value = Head<'de>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a bundle object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Head<'de>, A::Error> {
        let mut head = Head::default();
        let lists = self.lists;
        while let Some(Key(name)) = map.next_key::<Key<'de>>()? {
            let slot = match name.as_ref() {
                "format" => &mut head.format,
                "schema" => &mut head.schema,
                "exported_at" => &mut head.exported_at,
                "app" => &mut head.app,
                "source" => &mut head.source,
                "tombstones" => &mut head.tombstones,
                "digest" => &mut head.digest,
                "records" => {
                    if head.records.is_some() || head.records_read {
                        return Err(de::Error::duplicate_field("records"));
                    }
                    if is_str(head.format, FORMAT) && is_num(head.schema, SCHEMA) {
                        map.next_value_seed(Lists {
                            bundle: &mut *lists.bundle,
                            failure: &mut *lists.failure,
                            unknown: &mut *lists.unknown,
                        })?;
                        head.records_read = true;
                    } else {
                        head.records = Some(map.next_value()?);
                    }
                    continue;
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                    continue;
                }
            };
            if slot.is_some() {
                return Err(de::Error::custom("duplicate field"));
            }
            *slot = Some(map.next_value()?);
        }
        Ok(head)
    }
}

/// `records`: an object of lists, or null.
struct Lists<'a> {
    bundle: &'a mut Bundle,
    failure: &'a mut Option<FileError>,
    unknown: &'a mut Vec<String>,
}

impl<'de> DeserializeSeed<'de> for Lists<'_> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl Lists<'_> {
    fn refuse<E: de::Error>(self) -> E {
        *self.failure = Some(FileError::RecordsNotAnObject);
        E::custom("records is not an object")
    }
}

impl<'de> Visitor<'de> for Lists<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an object of record lists")
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<(), A::Error> {
        Err(self.refuse())
    }
    refuse_scalars!(refuse);

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut seen: Vec<Kind> = Vec::new();
        while let Some(Key(name)) = map.next_key::<Key<'de>>()? {
            let Some(kind) = Kind::from_list(&name) else {
                map.next_value::<IgnoredAny>()?;
                self.unknown.push(name.into_owned());
                continue;
            };
            // A list named twice: the last one counts (as any JSON object's repeated key).
            if seen.contains(&kind) {
                forget(self.bundle, kind);
            }
            seen.push(kind);
            let list = List {
                bundle: &mut *self.bundle,
                failure: &mut *self.failure,
            };
            match kind {
                Kind::Location => {
                    map.next_value_seed(Typed::<Location>(list, Default::default()))?
                }
                Kind::Unit => map.next_value_seed(Typed::<Unit>(list, Default::default()))?,
                Kind::Assignment => {
                    map.next_value_seed(Typed::<Assignment>(list, Default::default()))?
                }
                Kind::Plan => map.next_value_seed(Typed::<Plan>(list, Default::default()))?,
                Kind::Activity => {
                    map.next_value_seed(Typed::<Activity>(list, Default::default()))?
                }
                Kind::Model => map.next_value_seed(Typed::<Model>(list, Default::default()))?,
                Kind::Report => map.next_value_seed(Typed::<Report>(list, Default::default()))?,
            }
        }
        Ok(())
    }
}

/// Drop what an earlier list of this kind added.
fn forget(bundle: &mut Bundle, kind: Kind) {
    match kind {
        Kind::Location => Collection::<Location>::list_mut(&mut bundle.data).clear(),
        Kind::Unit => Collection::<Unit>::list_mut(&mut bundle.data).clear(),
        Kind::Assignment => Collection::<Assignment>::list_mut(&mut bundle.data).clear(),
        Kind::Plan => Collection::<Plan>::list_mut(&mut bundle.data).clear(),
        Kind::Activity => Collection::<Activity>::list_mut(&mut bundle.data).clear(),
        Kind::Model => Collection::<Model>::list_mut(&mut bundle.data).clear(),
        Kind::Report => Collection::<Report>::list_mut(&mut bundle.data).clear(),
    }
    bundle.rejected.retain(|p| p.kind != kind);
    bundle.rejected_count.remove(&kind);
}

struct List<'a> {
    bundle: &'a mut Bundle,
    failure: &'a mut Option<FileError>,
}

struct Typed<'a, T>(List<'a>, std::marker::PhantomData<T>);

impl<'de, T: Record> DeserializeSeed<'de> for Typed<'_, T>
where
    Dataset: Collection<T>,
    Checked<T>: de::Deserialize<'de>,
{
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de, T: Record> Visitor<'de> for Typed<'_, T>
where
    Dataset: Collection<T>,
    Checked<T>: de::Deserialize<'de>,
{
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of records")
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let bundle = self.0.bundle;
        if let Some(n) = seq.size_hint() {
            bundle.data.list_mut().reserve(n);
        }
        while let Some(item) = seq.next_element::<Checked<T>>()? {
            accept(bundle, item);
        }
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, _: A) -> Result<(), A::Error> {
        Err(self.not_a_list())
    }
    refuse_scalars!(not_a_list);
}

impl<T: Record> Typed<'_, T> {
    /// Remember the structured refusal; the serde error only stops the reader.
    fn not_a_list<E: de::Error>(self) -> E {
        *self.0.failure = Some(FileError::NotAList {
            field: format!("records.{}", T::KIND.list()),
        });
        E::custom("not a list")
    }
}
