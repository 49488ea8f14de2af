//! Reading one JSON field into a typed value, with a structured reason when it does not fit.
//! Records read field by field (see `record!`), so one bad value marks that record invalid with
//! the field named, instead of refusing the whole file.

use std::borrow::Cow;

use serde::de::DeserializeOwned;
use serde_json::Value;

use super::problem::{Expected, Reason};
use super::record::Checked;

/// Largest integer a JSON number carries exactly in every reader (2^53).
const MAX_SAFE: f64 = 9_007_199_254_740_992.0;

/// A problem inside a field: the path below the field (`""` or `"[2].category"`) and why.
pub type FieldProblem = (Cow<'static, str>, Reason);

pub trait Field: Sized {
    fn from_json(v: Value) -> Result<Self, Reason>;

    /// Like `from_json`, for values that hold records of their own (plan items).
    fn from_json_nested(v: Value) -> Result<Self, Vec<FieldProblem>> {
        Self::from_json(v).map_err(|r| vec![(Cow::Borrowed(""), r)])
    }

    /// Omitted when writing (absent optional values).
    fn skip(&self) -> bool {
        false
    }
}

impl Field for String {
    fn from_json(v: Value) -> Result<Self, Reason> {
        match v {
            Value::String(s) => Ok(s),
            _ => Err(Reason::WrongType {
                expected: Expected::Text,
            }),
        }
    }
}

impl Field for i64 {
    fn from_json(v: Value) -> Result<Self, Reason> {
        let Value::Number(n) = v else {
            return Err(Reason::WrongType {
                expected: Expected::Integer,
            });
        };
        if let Some(i) = n.as_i64() {
            return Ok(i);
        }
        if n.is_u64() {
            return Err(Reason::TooLarge);
        }
        match n.as_f64() {
            Some(f) if f.fract() != 0.0 => Err(Reason::NotInteger),
            // `1250000.0` from a spreadsheet is still a whole number.
            Some(f) if f.abs() <= MAX_SAFE => Ok(f as i64),
            _ => Err(Reason::TooLarge),
        }
    }
}

impl Field for f64 {
    fn from_json(v: Value) -> Result<Self, Reason> {
        match v {
            Value::Number(n) => n.as_f64().ok_or(Reason::TooLarge),
            _ => Err(Reason::WrongType {
                expected: Expected::Number,
            }),
        }
    }
}

impl Field for bool {
    fn from_json(v: Value) -> Result<Self, Reason> {
        match v {
            Value::Bool(b) => Ok(b),
            _ => Err(Reason::WrongType {
                expected: Expected::Bool,
            }),
        }
    }
}

impl Field for Option<String> {
    fn from_json(v: Value) -> Result<Self, Reason> {
        String::from_json(v).map(Some)
    }
    fn skip(&self) -> bool {
        self.is_none()
    }
}

/// An optional amount, written only when there is one (`loan_vnd`).
impl Field for Option<i64> {
    fn from_json(v: Value) -> Result<Self, Reason> {
        i64::from_json(v).map(Some)
    }
    fn skip(&self) -> bool {
        self.is_none()
    }
}

impl Field for Option<i32> {
    fn from_json(v: Value) -> Result<Self, Reason> {
        let i = i64::from_json(v)?;
        i32::try_from(i).map(Some).map_err(|_| Reason::BadYear)
    }
    fn skip(&self) -> bool {
        self.is_none()
    }
}

/// Ids of other records, in order (a place's successors). Written only when there are some.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
#[serde(transparent)]
pub struct IdList(pub Vec<String>);

impl std::ops::Deref for IdList {
    type Target = Vec<String>;
    fn deref(&self) -> &Vec<String> {
        &self.0
    }
}

impl Field for IdList {
    fn from_json(v: Value) -> Result<Self, Reason> {
        let Value::Array(values) = v else {
            return Err(Reason::WrongType {
                expected: Expected::List,
            });
        };
        values
            .into_iter()
            .map(String::from_json)
            .collect::<Result<Vec<_>, _>>()
            .map(IdList)
    }
    fn skip(&self) -> bool {
        self.0.is_empty()
    }
}

/// A list of nested records (plan items), each read with its own field problems.
impl<T> Field for Vec<T>
where
    Checked<T>: DeserializeOwned,
{
    fn from_json(v: Value) -> Result<Self, Reason> {
        Self::from_json_nested(v).map_err(|mut problems| problems.remove(0).1)
    }

    fn from_json_nested(v: Value) -> Result<Self, Vec<FieldProblem>> {
        let Value::Array(values) = v else {
            return Err(vec![(
                Cow::Borrowed(""),
                Reason::WrongType {
                    expected: Expected::List,
                },
            )]);
        };
        let mut out = Vec::with_capacity(values.len());
        let mut problems = Vec::new();
        for (i, value) in values.into_iter().enumerate() {
            match serde_json::from_value::<Checked<T>>(value) {
                Ok(Checked(Ok(item))) => out.push(item),
                Ok(Checked(Err(rejected))) => {
                    for (sub, reason) in rejected.problems {
                        let path = if sub.is_empty() {
                            format!("[{i}]")
                        } else {
                            format!("[{i}].{sub}")
                        };
                        problems.push((Cow::Owned(path), reason));
                    }
                }
                Err(_) => problems.push((
                    Cow::Owned(format!("[{i}]")),
                    Reason::WrongType {
                        expected: Expected::Object,
                    },
                )),
            }
        }
        if problems.is_empty() {
            Ok(out)
        } else {
            Err(problems)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn money_must_be_a_whole_number_in_range() {
        assert_eq!(i64::from_json(json!(1_250_000)), Ok(1_250_000));
        assert_eq!(i64::from_json(json!(-5)), Ok(-5));
        assert_eq!(i64::from_json(json!(1_250_000.0)), Ok(1_250_000));
        assert_eq!(i64::from_json(json!(1.5)), Err(Reason::NotInteger));
        assert_eq!(
            i64::from_json(json!(9_223_372_036_854_775_808u64)),
            Err(Reason::TooLarge)
        );
        assert_eq!(i64::from_json(json!(1e300)), Err(Reason::TooLarge));
        assert_eq!(
            i64::from_json(json!("1000")),
            Err(Reason::WrongType {
                expected: Expected::Integer
            })
        );
    }

    #[test]
    fn text_bool_and_options() {
        assert_eq!(String::from_json(json!("Pà Cò")), Ok("Pà Cò".to_string()));
        assert!(String::from_json(json!(3)).is_err());
        assert_eq!(bool::from_json(json!(true)), Ok(true));
        assert!(bool::from_json(json!("true")).is_err());
        assert_eq!(Option::<i32>::from_json(json!(2023)), Ok(Some(2023)));
        assert_eq!(
            Option::<i32>::from_json(json!(1u64 << 40)),
            Err(Reason::BadYear)
        );
        assert!(Option::<String>::None.skip());
    }
}
