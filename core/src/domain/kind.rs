//! The seven record kinds.

use super::Lang;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    Location,
    Unit,
    Assignment,
    Plan,
    Activity,
    Model,
    Report,
}

impl Kind {
    pub const ALL: [Kind; 7] = [
        Kind::Location,
        Kind::Unit,
        Kind::Assignment,
        Kind::Plan,
        Kind::Activity,
        Kind::Model,
        Kind::Report,
    ];

    /// The singular code used in tombstones (`"activity"`).
    pub fn code(self) -> &'static str {
        match self {
            Kind::Location => "location",
            Kind::Unit => "unit",
            Kind::Assignment => "assignment",
            Kind::Plan => "plan",
            Kind::Activity => "activity",
            Kind::Model => "model",
            Kind::Report => "report",
        }
    }

    /// The list name under `records` in a bundle (`"activities"`).
    pub fn list(self) -> &'static str {
        match self {
            Kind::Location => "locations",
            Kind::Unit => "units",
            Kind::Assignment => "assignments",
            Kind::Plan => "plans",
            Kind::Activity => "activities",
            Kind::Model => "models",
            Kind::Report => "reports",
        }
    }

    pub fn from_code(code: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.code() == code)
    }

    pub fn from_list(list: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.list() == list)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Kind::Location, Lang::Vi) => "địa bàn",
            (Kind::Unit, Lang::Vi) => "đơn vị",
            (Kind::Assignment, Lang::Vi) => "phân công",
            (Kind::Plan, Lang::Vi) => "kế hoạch",
            (Kind::Activity, Lang::Vi) => "hoạt động",
            (Kind::Model, Lang::Vi) => "mô hình",
            (Kind::Report, Lang::Vi) => "báo cáo",
            (Kind::Location, Lang::En) => "location",
            (Kind::Unit, Lang::En) => "unit",
            (Kind::Assignment, Lang::En) => "assignment",
            (Kind::Plan, Lang::En) => "plan",
            (Kind::Activity, Lang::En) => "activity",
            (Kind::Model, Lang::En) => "model",
            (Kind::Report, Lang::En) => "report",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_lists_round_trip() {
        for k in Kind::ALL {
            assert_eq!(Kind::from_code(k.code()), Some(k));
            assert_eq!(Kind::from_list(k.list()), Some(k));
        }
        assert_eq!(Kind::from_code("activities"), None);
    }
}
