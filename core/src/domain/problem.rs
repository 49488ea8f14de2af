//! Structured validation problems: which record, which field, what is wrong — rendered in
//! Vietnamese or English for the page.

use std::borrow::Cow;

use super::{Kind, Lang};

/// What is wrong with one field.
#[derive(Clone, Debug, PartialEq)]
pub enum Reason {
    Missing,
    Empty,
    WrongType {
        expected: Expected,
    },
    NotInteger,
    Negative,
    /// Beyond what the field can hold (e.g. money ≥ 2^63, or over 2^53 for a JSON number).
    TooLarge,
    TooLong {
        max: usize,
    },
    BadDate,
    /// A plan item's due that is neither a day nor a month.
    BadDue,
    BadTimestamp,
    BadRev,
    UnknownCode {
        code: String,
    },
    /// Refers to a record that is neither in the bundle nor already stored.
    Dangling {
        target: Kind,
        id: String,
    },
    /// A village whose parent is not a commune, a commune under a village…
    BadParent {
        level: String,
        parent_level: String,
    },
    /// The record points at itself or its own descendant.
    ParentCycle,
    DuplicateId,
    /// `valid_to` before `valid_from`.
    EndsBeforeStart,
    /// A successor that is the record itself, or a place of another level.
    BadSuccessor,
    BadAlias,
    /// Successors on a place or unit that has not ended (no `valid_to`).
    SuccessorWithoutEnd,
    /// A plan item link whose plan item belongs to another unit or location.
    ForeignPlanItem,
    /// A year out of a sane range.
    BadYear,
    /// A deletion of a unit or place that records would still point at.
    StillReferenced {
        count: usize,
    },
    /// An activity dated outside the year of the plan its item belongs to.
    OutsidePlanYear {
        year: i32,
    },
}

/// The JSON type a field should have.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expected {
    Text,
    Integer,
    Number,
    Bool,
    List,
    Object,
}

impl Expected {
    fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Expected::Text, Lang::Vi) => "chuỗi văn bản",
            (Expected::Integer, Lang::Vi) => "số nguyên",
            (Expected::Number, Lang::Vi) => "số",
            (Expected::Bool, Lang::Vi) => "true/false",
            (Expected::List, Lang::Vi) => "danh sách",
            (Expected::Object, Lang::Vi) => "đối tượng",
            (Expected::Text, Lang::En) => "text",
            (Expected::Integer, Lang::En) => "an integer",
            (Expected::Number, Lang::En) => "a number",
            (Expected::Bool, Lang::En) => "true/false",
            (Expected::List, Lang::En) => "a list",
            (Expected::Object, Lang::En) => "an object",
        }
    }
}

/// One problem with one field of one record.
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    pub kind: Kind,
    /// The record's id when it has a readable one.
    pub id: Option<String>,
    /// The field, with a path inside nested lists (`items[2].category`).
    pub field: Cow<'static, str>,
    pub reason: Reason,
}

impl Problem {
    pub fn new(
        kind: Kind,
        id: Option<&str>,
        field: impl Into<Cow<'static, str>>,
        reason: Reason,
    ) -> Self {
        Problem {
            kind,
            id: id.map(str::to_string),
            field: field.into(),
            reason,
        }
    }

    /// A problem with an activity's optional link (its plan item or model: unknown, of another
    /// unit, or of another year). An imported activity is kept with it — its money and
    /// beneficiaries count whatever the link — and the link is flagged; only what a record
    /// cannot exist without (its unit, its place, its values) leaves it out.
    pub fn is_optional_link(&self) -> bool {
        self.kind == Kind::Activity
            && (matches!(self.field.as_ref(), "plan_item_id" | "model_id")
                || matches!(self.reason, Reason::OutsidePlanYear { .. }))
    }

    /// The full message: `hoạt động "a-12", trường cash_vnd: số tiền không được âm`.
    pub fn message(&self, lang: Lang) -> String {
        let kind = self.kind.label(lang);
        let id = match (&self.id, lang) {
            (Some(id), _) => format!("\"{}\"", shorten(id, 64)),
            (None, Lang::Vi) => "(không có id)".to_string(),
            (None, Lang::En) => "(no id)".to_string(),
        };
        let reason = self.reason.message(lang);
        match (lang, self.field.is_empty()) {
            (Lang::Vi, false) => format!("{kind} {id}, trường {}: {reason}", self.field),
            (Lang::En, false) => format!("{kind} {id}, field {}: {reason}", self.field),
            (_, true) => format!("{kind} {id}: {reason}"),
        }
    }
}

impl Reason {
    pub fn message(&self, lang: Lang) -> String {
        use Reason::*;
        match lang {
            Lang::Vi => match self {
                Missing => "thiếu trường bắt buộc".into(),
                Empty => "không được để trống".into(),
                WrongType { expected } => format!("phải là {}", expected.label(lang)),
                NotInteger => "phải là số nguyên (tiền tính bằng đồng, không có phần lẻ)".into(),
                Negative => "không được âm".into(),
                TooLarge => "giá trị quá lớn".into(),
                TooLong { max } => format!("dài quá {max} ký tự"),
                BadDate => "ngày không hợp lệ (cần dạng YYYY-MM-DD, ví dụ 2023-12-13)".into(),
                BadDue => "hạn không hợp lệ (cần một ngày dd/mm/yyyy hoặc một tháng mm/yyyy, ví dụ 02/2023)".into(),
                BadTimestamp => "thời điểm không hợp lệ (cần dạng RFC 3339, ví dụ 2026-11-27T08:30:00Z)".into(),
                BadRev => "số phiên bản (rev) phải là số nguyên từ 1 trở lên".into(),
                UnknownCode { code } => format!("mã không có trong danh mục: \"{}\"", shorten(code, 40)),
                Dangling { target, id } => format!(
                    "tham chiếu tới {} \"{}\" không có trong gói và chưa được lưu",
                    target.label(lang),
                    shorten(id, 64)
                ),
                BadParent { level, parent_level } => format!(
                    "cấp \"{level}\" không thể nằm dưới cấp \"{parent_level}\" (thôn, bản phải thuộc một xã)"
                ),
                ParentCycle => "địa bàn cha tạo thành vòng lặp".into(),
                DuplicateId => "id bị trùng".into(),
                EndsBeforeStart => "ngày kết thúc trước ngày bắt đầu".into(),
                BadSuccessor => "nơi kế thừa phải cùng cấp và khác chính nó".into(),
                BadAlias => "tên khác phải là mã của một bản ghi khác, chưa là tên khác của bản ghi nào".into(),
                SuccessorWithoutEnd => "có nơi kế thừa nhưng chưa có ngày ngừng (valid_to)".into(),
                ForeignPlanItem => "chỉ tiêu kế hoạch thuộc đơn vị hoặc địa bàn khác".into(),
                BadYear => "năm không hợp lệ".into(),
                StillReferenced { count } => format!("không xóa: còn {count} bản ghi (hoạt động, kế hoạch, phân công, địa bàn con…) thuộc về mục này; hãy gộp hoặc chuyển các bản ghi đó trước"),
                OutsidePlanYear { year } => format!("ngày không thuộc năm {year} của kế hoạch đã chọn"),
            },
            Lang::En => match self {
                Missing => "required field is missing".into(),
                Empty => "must not be empty".into(),
                WrongType { expected } => format!("must be {}", expected.label(lang)),
                NotInteger => "must be a whole number (money is in whole đồng)".into(),
                Negative => "must not be negative".into(),
                TooLarge => "value is too large".into(),
                TooLong { max } => format!("longer than {max} characters"),
                BadDate => "invalid date (expected YYYY-MM-DD, e.g. 2023-12-13)".into(),
                BadDue => "invalid due (expected a day dd/mm/yyyy or a month mm/yyyy, e.g. 02/2023)".into(),
                BadTimestamp => "invalid timestamp (expected RFC 3339, e.g. 2026-11-27T08:30:00Z)".into(),
                BadRev => "revision (rev) must be a whole number of 1 or more".into(),
                UnknownCode { code } => format!("code not in the catalog: \"{}\"", shorten(code, 40)),
                Dangling { target, id } => format!(
                    "refers to {} \"{}\", which is neither in the bundle nor stored",
                    target.label(lang),
                    shorten(id, 64)
                ),
                BadParent { level, parent_level } => format!(
                    "a \"{level}\" cannot sit under a \"{parent_level}\" (villages belong to a commune)"
                ),
                ParentCycle => "parent locations form a loop".into(),
                DuplicateId => "duplicate id".into(),
                EndsBeforeStart => "ends before it starts".into(),
                BadSuccessor => "a successor must be of the same level and not itself".into(),
                BadAlias => "an alias must be the id of another record, not already an alias of one".into(),
                SuccessorWithoutEnd => "has successors but no end date (valid_to)".into(),
                ForeignPlanItem => "the plan item belongs to another unit or location".into(),
                BadYear => "invalid year".into(),
                StillReferenced { count } => format!("not deleted: {count} records (activities, plans, assignments, places under it…) still belong to it; merge or move them first"),
                OutsidePlanYear { year } => format!("the date is outside {year}, the year of the chosen plan"),
            },
        }
    }
}

/// Cut long text for messages (a 30 MB string must not end up in the page).
pub fn shorten(s: &str, max_chars: usize) -> Cow<'_, str> {
    match s.char_indices().nth(max_chars) {
        None => Cow::Borrowed(s),
        Some((cut, _)) => Cow::Owned(format!("{}…", &s[..cut])),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_record_and_field_in_both_languages() {
        let p = Problem::new(Kind::Activity, Some("a-1"), "cash_vnd", Reason::Negative);
        assert_eq!(
            p.message(Lang::Vi),
            "hoạt động \"a-1\", trường cash_vnd: không được âm"
        );
        assert_eq!(
            p.message(Lang::En),
            "activity \"a-1\", field cash_vnd: must not be negative"
        );
        let p = Problem::new(Kind::Unit, None, "id", Reason::Missing);
        assert_eq!(
            p.message(Lang::En),
            "unit (no id), field id: required field is missing"
        );
    }

    #[test]
    fn long_values_are_shortened() {
        let long = "x".repeat(1000);
        let p = Problem::new(
            Kind::Activity,
            Some(&long),
            "category",
            Reason::UnknownCode { code: long.clone() },
        );
        assert!(p.message(Lang::Vi).chars().count() < 200);
        assert_eq!(shorten("Pà Cò", 2), "Pà…");
        assert_eq!(shorten("Pà Cò", 5), "Pà Cò");
    }
}
