//! Sheets of the directory and of plans, each read into its own records: places (a province's
//! communes and villages), units, assignments (which unit helps which commune in a phase), and
//! plans with their items (one row per item; rows of the same unit, place, phase and year make
//! one plan). Columns are found by their headings; a row names its problems by column. A row
//! whose record is here already (same name and level, same unit and place…) comes back as that
//! record — unchanged, or its next revision when a field differs — so a sheet read again adds
//! nothing twice.

use std::collections::HashMap;

use super::activities::{is_total, not_found, vi_en};
use super::columns::words;
use super::missing::split_level;
use super::names::{closest, name_key, Names};
use super::xlsx::Marks;
use crate::checksum::Sha256;
use crate::domain::catalog::{self, CATEGORIES};
use crate::domain::dataset::Dataset;
use crate::domain::query::LocationIndex;
use crate::domain::record::{Assignment, Location, Plan, PlanItem, Record, Unit};
use crate::domain::Lang;

/// What a sheet's rows are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SheetKind {
    Activities,
    Places,
    Units,
    Assignments,
    Plans,
}

impl SheetKind {
    pub const ALL: [SheetKind; 5] = [
        SheetKind::Activities,
        SheetKind::Places,
        SheetKind::Units,
        SheetKind::Assignments,
        SheetKind::Plans,
    ];

    pub fn code(self) -> &'static str {
        match self {
            SheetKind::Activities => "activities",
            SheetKind::Places => "places",
            SheetKind::Units => "units",
            SheetKind::Assignments => "assignments",
            SheetKind::Plans => "plans",
        }
    }

    pub fn from_code(code: &str) -> SheetKind {
        SheetKind::ALL
            .into_iter()
            .find(|k| k.code() == code)
            .unwrap_or(SheetKind::Activities)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        let (vi, en) = match self {
            SheetKind::Activities => ("Hoạt động hỗ trợ", "Activities"),
            SheetKind::Places => (
                "Danh mục địa bàn (xã, thôn/bản)",
                "Places (communes, villages)",
            ),
            SheetKind::Units => ("Danh mục đơn vị", "Units"),
            SheetKind::Assignments => (
                "Phân công đơn vị giúp xã",
                "Assignments of units to communes",
            ),
            SheetKind::Plans => ("Kế hoạch và chỉ tiêu", "Plans and their targets"),
        };
        match lang {
            Lang::Vi => vi,
            Lang::En => en,
        }
    }

    /// The kind a sheet's name suggests ("Kế hoạch 2024", "Danh mục đơn vị").
    pub fn from_sheet_name(name: &str) -> SheetKind {
        let w = words(name);
        let has = |k: &str| {
            w.split(' ')
                .collect::<Vec<_>>()
                .windows(k.split(' ').count())
                .any(|x| x.join(" ") == k)
        };
        if has("ke hoach") || has("chi tieu") || has("plans") {
            SheetKind::Plans
        } else if has("phan cong") || has("assignments") {
            SheetKind::Assignments
        } else if has("don vi") && !has("hoat dong") || has("units") {
            SheetKind::Units
        } else if has("dia ban") || has("danh muc xa") || has("places") {
            SheetKind::Places
        } else {
            SheetKind::Activities
        }
    }

    /// The fields of this kind of sheet, in the template's order (activities have their own).
    pub fn fields(self) -> &'static [Field] {
        match self {
            SheetKind::Activities => &[],
            SheetKind::Places => PLACE_FIELDS,
            SheetKind::Units => UNIT_FIELDS,
            SheetKind::Assignments => ASSIGNMENT_FIELDS,
            SheetKind::Plans => PLAN_FIELDS,
        }
    }
}

/// A field of a directory or plan sheet: its code, its heading, and the heading words (folded)
/// that name it.
pub struct Field {
    pub code: &'static str,
    pub vi: &'static str,
    pub en: &'static str,
    headers: &'static [&'static str],
}

const fn f(
    code: &'static str,
    vi: &'static str,
    en: &'static str,
    headers: &'static [&'static str],
) -> Field {
    Field {
        code,
        vi,
        en,
        headers,
    }
}

const PLACE_FIELDS: &[Field] = &[
    f(
        "name",
        "Tên",
        "Name",
        &[
            "ten",
            "ten dia ban",
            "ten xa",
            "ten thon",
            "dia ban",
            "name",
        ],
    ),
    f("level", "Cấp", "Level", &["cap", "level"]),
    f(
        "parent",
        "Thuộc",
        "Part of",
        &["thuoc", "truc thuoc", "cap tren", "xa", "parent", "part of"],
    ),
    f("label", "Loại", "Kind", &["loai", "kind", "label"]),
    f(
        "code",
        "Mã đơn vị hành chính",
        "Code",
        &["ma", "ma dvhc", "ma don vi hanh chinh", "code"],
    ),
    f(
        "difficult",
        "Đặc biệt khó khăn",
        "Especially difficult",
        &[
            "dbkk",
            "dac biet kho khan",
            "difficult",
            "especially difficult",
        ],
    ),
];

const UNIT_FIELDS: &[Field] = &[
    f(
        "name",
        "Tên đơn vị",
        "Name",
        &["ten don vi", "don vi", "ten", "co quan", "name", "unit"],
    ),
    f(
        "short_name",
        "Tên viết tắt",
        "Short name",
        &["ten viet tat", "viet tat", "short name"],
    ),
    f("level", "Cấp", "Level", &["cap", "level"]),
    f(
        "superior",
        "Cơ quan cấp trên",
        "Superior body",
        &["co quan cap tren", "cap tren", "superior"],
    ),
];

const ASSIGNMENT_FIELDS: &[Field] = &[
    f(
        "unit",
        "Đơn vị",
        "Unit",
        &["don vi", "co quan", "don vi giup", "unit"],
    ),
    f(
        "place",
        "Xã",
        "Commune",
        &["xa", "xa duoc giup", "dia ban", "commune", "place"],
    ),
    f("phase", "Giai đoạn", "Phase", &["giai doan", "phase"]),
    f("role", "Vai trò", "Role", &["vai tro", "role"]),
    f(
        "decision",
        "Quyết định",
        "Decision",
        &["quyet dinh", "so quyet dinh", "decision"],
    ),
];

const PLAN_FIELDS: &[Field] = &[
    f("unit", "Đơn vị", "Unit", &["don vi", "co quan", "unit"]),
    f(
        "place",
        "Xã",
        "Commune",
        &["xa", "dia ban", "commune", "place"],
    ),
    f("phase", "Giai đoạn", "Phase", &["giai doan", "phase"]),
    f("year", "Năm", "Year", &["nam", "nam ke hoach", "year"]),
    f(
        "number",
        "Số kế hoạch",
        "Plan number",
        &["so ke hoach", "so", "so hieu", "number"],
    ),
    f(
        "category",
        "Loại hoạt động",
        "Kind of activity",
        &["loai hoat dong", "loai", "linh vuc", "category"],
    ),
    f(
        "title",
        "Nội dung",
        "Item",
        &["noi dung", "chi tieu", "noi dung chi tieu", "item", "title"],
    ),
    f(
        "measure",
        "Đơn vị tính",
        "Measure",
        &["don vi tinh", "dvt", "measure"],
    ),
    f(
        "qty",
        "Số lượng",
        "Quantity",
        &["so luong", "chi tieu so luong", "quantity", "target"],
    ),
    f(
        "vnd",
        "Kinh phí (đồng)",
        "Budget (đồng)",
        &["kinh phi", "so tien", "kinh phi du kien", "budget"],
    ),
];

impl Field {
    pub fn label(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Vi => self.vi,
            Lang::En => self.en,
        }
    }
}

/// For each field of `kind`, the column its heading is in: the longest heading word that a
/// column's heading is, or starts with (whole words).
pub fn locate(kind: SheetKind, header: &[String]) -> Vec<Option<usize>> {
    let keys: Vec<String> = header.iter().map(|h| words(h)).collect();
    let mut taken = vec![false; keys.len()];
    let mut best: Vec<(usize, usize, usize)> = Vec::new();
    for (fi, field) in kind.fields().iter().enumerate() {
        for (ci, k) in keys.iter().enumerate() {
            for h in field.headers {
                if k == h || k.starts_with(&format!("{h} ")) {
                    best.push((h.len(), fi, ci));
                }
            }
        }
    }
    // Longest matches first, so "đơn vị tính" goes to the measure, not the unit.
    crate::domain::order::sort_by(&mut best, |a, b| {
        b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2))
    });
    let mut out = vec![None; kind.fields().len()];
    for (_, fi, ci) in best {
        if out[fi].is_none() && !taken[ci] {
            out[fi] = Some(ci);
            taken[ci] = true;
        }
    }
    out
}

/// The header row of a `kind` sheet: the first of its top 30 rows that names two of its fields.
pub fn header_row(kind: SheetKind, rows: &[Vec<String>]) -> usize {
    rows.iter()
        .take(30)
        .position(|r| locate(kind, r).iter().flatten().count() >= 2)
        .unwrap_or(0)
}

/// How one row was read.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    /// What the row holds, in a few words.
    Ready(String),
    Skipped(String),
    Problems(Vec<String>),
}

/// What the rows are read against.
pub struct Against<'a> {
    pub ds: &'a Dataset,
    pub idx: &'a LocationIndex,
    pub now: &'a str,
    pub lang: Lang,
    /// What the workbook said of cells beyond their text.
    pub marks: &'a Marks,
}

/// Fields holding a figure: merged down over several rows, it counts once, in its first row.
const FIGURE_FIELDS: [&str; 2] = ["qty", "vnd"];

/// Every row after the header at `first`, read as `kind` records: each row's outcome (with its
/// line in the sheet) and the records to preview.
pub fn read(
    kind: SheetKind,
    rows: &[Vec<String>],
    first: usize,
    cx: &Against,
) -> (Vec<(usize, Outcome)>, Dataset) {
    let header = rows.get(first).cloned().unwrap_or_default();
    let cols = locate(kind, &header);
    let mut r = Reader {
        kind,
        cols,
        cx,
        names: Names::new(cx.ds, cx.idx),
        out: Dataset::default(),
        new_places: HashMap::new(),
        plans: HashMap::new(),
        y: 0,
    };
    let read: Vec<(usize, &str)> = (kind.fields().iter().zip(&r.cols))
        .filter_map(|(f, c)| Some(((*c)?, f.label(cx.lang))))
        .collect();
    let mut outcomes = Vec::new();
    for (i, cells) in rows.iter().enumerate().skip(first + 1) {
        r.y = i;
        let unset = super::activities::unset_cells(i, &read, cx.marks, cx.lang);
        let o = if !unset.is_empty() {
            Outcome::Problems(unset)
        } else if cells.iter().all(|c| c.trim().is_empty()) {
            Outcome::Skipped(vi_en(cx.lang, "dòng trống".into(), "blank row".into()))
        } else if is_total(cells) {
            Outcome::Skipped(vi_en(cx.lang, "dòng cộng".into(), "a total row".into()))
        } else {
            r.row(cells)
        };
        outcomes.push((i + 1, o));
    }
    let mut out = r.out;
    settle_plans(&mut out, cx.ds, cx.now);
    (outcomes, out)
}

struct Reader<'a> {
    kind: SheetKind,
    cols: Vec<Option<usize>>,
    cx: &'a Against<'a>,
    names: Names<'a>,
    out: Dataset,
    /// Places this sheet adds, by (level, name key): a sheet of communes then their villages.
    new_places: HashMap<(String, String), String>,
    /// Plans this sheet builds, by (unit, place, phase, year), as indexes into `out.plans`.
    plans: HashMap<(String, String, String, Option<i32>), usize>,
    /// The row being read, from 0.
    y: usize,
}

fn stable_id(prefix: &str, parts: &[&str]) -> String {
    let mut h = Sha256::default();
    for p in parts {
        h.update(p.as_bytes());
        h.update(b"\x1f");
    }
    format!("{prefix}-x{}", &h.hex()[..16])
}

/// A record as stored when the sheet says nothing new about it, else its next revision.
fn revised<T: Record>(here: &T, mut changed: T, now: &str) -> T {
    if changed == *here {
        return here.clone();
    }
    changed.touch(now);
    changed
}

impl Reader<'_> {
    fn cell<'c>(&self, cells: &'c [String], code: &str) -> &'c str {
        self.kind
            .fields()
            .iter()
            .position(|f| f.code == code)
            .and_then(|fi| self.cols[fi])
            .filter(|ci| {
                !(FIGURE_FIELDS.contains(&code) && self.cx.marks.spread.contains(&(self.y, *ci)))
            })
            .and_then(|ci| cells.get(ci))
            .map_or("", |s| s.trim())
    }

    fn label(&self, code: &str) -> &'static str {
        self.kind
            .fields()
            .iter()
            .find(|f| f.code == code)
            .map_or("", |f| f.label(self.cx.lang))
    }

    fn missing(&self, code: &str) -> String {
        let col = self.label(code);
        vi_en(
            self.cx.lang,
            format!("Cột {col}: còn trống."),
            format!("Column {col}: empty."),
        )
    }

    fn row(&mut self, cells: &[String]) -> Outcome {
        match self.kind {
            SheetKind::Places => self.place(cells),
            SheetKind::Units => self.unit(cells),
            SheetKind::Assignments => self.assignment(cells),
            SheetKind::Plans => self.plan(cells),
            SheetKind::Activities => Outcome::Skipped(String::new()),
        }
    }

    fn unit_of(&self, text: &str, problems: &mut Vec<String>) -> Option<String> {
        if text.is_empty() {
            problems.push(self.missing("unit"));
            return None;
        }
        match self.names.units(text, None).first() {
            Some(u) => Some(u.id.clone()),
            None => {
                let near = closest(text, self.cx.ds.units.iter().map(|u| u.name.as_str()));
                problems.push(not_found(self.cx.lang, self.label("unit"), text, near));
                None
            }
        }
    }

    fn commune_of(&self, text: &str, problems: &mut Vec<String>) -> Option<String> {
        if text.is_empty() {
            problems.push(self.missing("place"));
            return None;
        }
        match self.names.places(text, &["commune"], None, None).first() {
            Some(l) => Some(l.id.clone()),
            None => {
                let near = closest(
                    text,
                    self.cx
                        .ds
                        .locations
                        .iter()
                        .filter(|l| l.level == "commune")
                        .map(|l| l.name.as_str()),
                );
                problems.push(not_found(self.cx.lang, self.label("place"), text, near));
                None
            }
        }
    }

    fn place(&mut self, cells: &[String]) -> Outcome {
        let lang = self.cx.lang;
        let written = self.cell(cells, "name");
        if written.is_empty() {
            return Outcome::Problems(vec![self.missing("name")]);
        }
        let (prefix, name) = split_level(written);
        let parent_text = self.cell(cells, "parent");
        let level_text = words(self.cell(cells, "level"));
        let level = match level_text.as_str() {
            "tinh" | "province" => "province",
            "huyen" | "district" => "district",
            "xa" | "phuong" | "thi tran" | "commune" => "commune",
            "thon" | "ban" | "xom" | "to" | "village" | "thon ban" => "village",
            "" => match prefix {
                Some("thôn" | "bản" | "xóm" | "tổ") => "village",
                Some(_) => "commune",
                None if !parent_text.is_empty()
                    && !self
                        .names
                        .places(parent_text, &["commune"], None, None)
                        .is_empty() =>
                {
                    "village"
                }
                None => "commune",
            },
            _ => {
                let col = self.label("level");
                let v = self.cell(cells, "level");
                return Outcome::Problems(vec![vi_en(
                    lang,
                    format!("Cột {col}: “{v}” không phải một cấp; ghi Tỉnh, Xã hoặc Thôn/bản."),
                    format!(
                        "Column {col}: “{v}” is not a level; write Province, Commune or Village."
                    ),
                )]);
            }
        };
        // The parent: named, else the province for a commune (since 1 July 2025).
        let parent = if parent_text.is_empty() {
            match level {
                "commune" => self
                    .cx
                    .ds
                    .locations
                    .iter()
                    .find(|l| l.level == "province" && l.valid_to.is_none())
                    .map(|l| l.id.clone()),
                "village" => {
                    let col = self.label("parent");
                    return Outcome::Problems(vec![vi_en(
                        lang,
                        format!("Cột {col}: cần ghi thôn/bản thuộc xã nào."),
                        format!("Column {col}: say which commune the village belongs to."),
                    )]);
                }
                _ => None,
            }
        } else {
            let levels: &[&str] = match level {
                "village" => &["commune"],
                "commune" => &["province", "district"],
                _ => &["province"],
            };
            let here = levels.iter().find_map(|lv| {
                self.new_places
                    .get(&(lv.to_string(), name_key(parent_text)))
                    .cloned()
            });
            match here.or_else(|| {
                self.names
                    .places(parent_text, levels, None, None)
                    .first()
                    .map(|l| l.id.clone())
            }) {
                Some(id) => Some(id),
                None => {
                    let near = closest(
                        parent_text,
                        self.cx.ds.locations.iter().map(|l| l.name.as_str()),
                    );
                    return Outcome::Problems(vec![not_found(
                        lang,
                        self.label("parent"),
                        parent_text,
                        near,
                    )]);
                }
            }
        };
        let difficult = {
            let d = words(self.cell(cells, "difficult"));
            matches!(
                d.as_str(),
                "x" | "co" | "1" | "dbkk" | "yes" | "true" | "dac biet kho khan"
            )
        };
        let label = {
            let l = self.cell(cells, "label");
            if l.is_empty() {
                prefix
                    .unwrap_or(if level == "village" { "thôn" } else { "xã" })
                    .to_string()
            } else {
                crate::domain::text::lower(l)
            }
        };
        let code = Some(self.cell(cells, "code").to_string()).filter(|c| !c.is_empty());
        let existing = self
            .names
            .places(&name, &[level], None, None)
            .into_iter()
            .find(|l| {
                parent.is_none()
                    || l.parent_id.is_none()
                    || l.parent_id == parent
                    || level == "commune"
            });
        let record = match existing {
            Some(here) => {
                let changed = Location {
                    difficult: here.difficult || difficult,
                    code: code.clone().or_else(|| here.code.clone()),
                    ..here.clone()
                };
                revised(here, changed, self.cx.now)
            }
            None => Location {
                id: stable_id(
                    "loc",
                    &[level, parent.as_deref().unwrap_or(""), &name_key(&name)],
                ),
                rev: 1,
                updated_at: self.cx.now.to_string(),
                name: name.clone(),
                level: level.into(),
                parent_id: parent,
                label,
                difficult,
                code,
                ..Location::default()
            },
        };
        self.new_places
            .insert((level.to_string(), name_key(&name)), record.id.clone());
        let level_label = catalog::label(catalog::LOCATION_LEVELS, level, lang).to_string();
        let said = format!("{level_label} {}", record.name);
        self.out.locations.push(record);
        Outcome::Ready(said)
    }

    fn unit(&mut self, cells: &[String]) -> Outcome {
        let name = self.cell(cells, "name");
        if name.is_empty() {
            return Outcome::Problems(vec![self.missing("name")]);
        }
        let level = match words(self.cell(cells, "level")).as_str() {
            "huyen" | "cap huyen" | "district" => "district",
            _ => "province",
        };
        let short = self.cell(cells, "short_name").to_string();
        let superior = self.cell(cells, "superior").to_string();
        let record = match self.names.units(name, None).first() {
            Some(here) => {
                let changed = Unit {
                    short_name: if short.is_empty() {
                        here.short_name.clone()
                    } else {
                        short
                    },
                    superior: if superior.is_empty() {
                        here.superior.clone()
                    } else {
                        superior
                    },
                    ..(*here).clone()
                };
                revised(*here, changed, self.cx.now)
            }
            None => Unit {
                id: stable_id("unit", &[&name_key(name)]),
                rev: 1,
                updated_at: self.cx.now.to_string(),
                name: name.to_string(),
                short_name: short,
                superior,
                level: level.into(),
                ..Unit::default()
            },
        };
        let said = record.name.clone();
        self.out.units.push(record);
        Outcome::Ready(said)
    }

    fn phase(&self, cells: &[String], problems: &mut Vec<String>) -> String {
        let text: String = self
            .cell(cells, "phase")
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| if matches!(c, '–' | '—') { '-' } else { c })
            .collect();
        let ok = text.len() == 9
            && text.as_bytes()[4] == b'-'
            && text[..4].parse::<i32>().is_ok()
            && text[5..].parse::<i32>().is_ok();
        if ok {
            return text;
        }
        let col = self.label("phase");
        let v = self.cell(cells, "phase");
        problems.push(vi_en(
            self.cx.lang,
            format!("Cột {col}: “{v}” không phải một giai đoạn; ghi ví dụ 2021-2025."),
            format!("Column {col}: “{v}” is not a phase; write e.g. 2021-2025."),
        ));
        String::new()
    }

    fn assignment(&mut self, cells: &[String]) -> Outcome {
        let mut problems = Vec::new();
        let unit = self.unit_of(self.cell(cells, "unit"), &mut problems);
        let place = self.commune_of(self.cell(cells, "place"), &mut problems);
        let phase = self.phase(cells, &mut problems);
        let role = match words(self.cell(cells, "role")).as_str() {
            "phoi hop" | "support" => "support",
            _ => "lead",
        };
        let (Some(unit), Some(place), true) = (unit, place, problems.is_empty()) else {
            return Outcome::Problems(problems);
        };
        let decision = self.cell(cells, "decision").to_string();
        let here = self
            .cx
            .ds
            .assignments
            .iter()
            .find(|a| a.unit_id == unit && a.location_id == place && a.phase == phase);
        let record = match here {
            Some(here) => {
                let changed = Assignment {
                    role: role.into(),
                    decision: if decision.is_empty() {
                        here.decision.clone()
                    } else {
                        decision
                    },
                    ..here.clone()
                };
                revised(here, changed, self.cx.now)
            }
            None => Assignment {
                id: stable_id("asg", &[&unit, &place, &phase]),
                rev: 1,
                updated_at: self.cx.now.to_string(),
                unit_id: unit,
                location_id: place,
                phase,
                role: role.into(),
                decision,
                ..Assignment::default()
            },
        };
        let said = format!(
            "{} · {} · {}",
            self.cx.ds.unit_name(&record.unit_id).unwrap_or_default(),
            self.cx
                .idx
                .get(&record.location_id)
                .map(|l| l.name.as_str())
                .unwrap_or_default(),
            record.phase
        );
        self.out.assignments.push(record);
        Outcome::Ready(said)
    }

    fn plan(&mut self, cells: &[String]) -> Outcome {
        let lang = self.cx.lang;
        let mut problems = Vec::new();
        let unit = self.unit_of(self.cell(cells, "unit"), &mut problems);
        let place = self.commune_of(self.cell(cells, "place"), &mut problems);
        let phase = self.phase(cells, &mut problems);
        let year_text = self.cell(cells, "year");
        let year = if year_text.is_empty() {
            None
        } else {
            match year_text.parse::<i32>() {
                Ok(y) if (2000..2100).contains(&y) => Some(y),
                _ => {
                    let col = self.label("year");
                    problems.push(vi_en(
                        lang,
                        format!("Cột {col}: “{year_text}” không phải một năm."),
                        format!("Column {col}: “{year_text}” is not a year."),
                    ));
                    None
                }
            }
        };
        let category_text = self.cell(cells, "category");
        let title = self.cell(cells, "title").to_string();
        let category = CATEGORIES
            .iter()
            .find(|c| {
                !category_text.is_empty()
                    && (words(c.vi) == words(category_text)
                        || c.code == category_text
                        || words(c.en) == words(category_text))
            })
            .map(|c| c.code)
            .unwrap_or_else(|| super::activities::category_of(category_text, &title));
        let money = self.cell(cells, "vnd");
        let target_vnd = if money.is_empty() {
            0
        } else {
            match crate::domain::money::parse_money(money, Lang::Vi) {
                Ok(v) => v,
                Err(_) => {
                    let col = self.label("vnd");
                    problems.push(vi_en(
                        lang,
                        format!("Cột {col}: “{money}” không phải số tiền; ví dụ 1.500.000 hoặc 1,5 triệu."),
                        format!("Column {col}: “{money}” is not an amount; e.g. 1.500.000 or 1,5 triệu."),
                    ));
                    0
                }
            }
        };
        let qty_text = self.cell(cells, "qty");
        let target_qty = if qty_text.is_empty() {
            0.0
        } else {
            match crate::domain::quantity::parse_qty(qty_text, Lang::Vi) {
                Some(q) => q,
                None => {
                    let col = self.label("qty");
                    problems.push(vi_en(
                        lang,
                        format!("Cột {col}: “{qty_text}” không phải một số."),
                        format!("Column {col}: “{qty_text}” is not a number."),
                    ));
                    0.0
                }
            }
        };
        let (Some(unit), Some(place), true) = (unit, place, problems.is_empty()) else {
            return Outcome::Problems(problems);
        };
        let measure = {
            let m = words(self.cell(cells, "measure"));
            catalog::MEASURES
                .iter()
                .find(|c| !m.is_empty() && (words(c.vi) == m || c.code == m || words(c.en) == m))
                .map_or_else(String::new, |c| c.code.to_string())
        };
        let key = (unit.clone(), place.clone(), phase.clone(), year);
        let at = match self.plans.get(&key) {
            Some(&at) => at,
            None => {
                let here = self.cx.ds.plans.iter().find(|p| {
                    p.unit_id == unit
                        && p.location_id == place
                        && p.phase == phase
                        && p.year == year
                });
                let plan = match here {
                    Some(p) => Plan {
                        items: Vec::new(),
                        ..p.clone()
                    },
                    None => Plan {
                        id: stable_id(
                            "plan",
                            &[
                                &unit,
                                &place,
                                &phase,
                                &year.map(|y| y.to_string()).unwrap_or_default(),
                            ],
                        ),
                        rev: 1,
                        updated_at: self.cx.now.to_string(),
                        unit_id: unit,
                        location_id: place,
                        phase,
                        year,
                        status: "issued".into(),
                        ..Plan::default()
                    },
                };
                self.out.plans.push(plan);
                self.plans.insert(key, self.out.plans.len() - 1);
                self.out.plans.len() - 1
            }
        };
        let number = self.cell(cells, "number").to_string();
        let plan = &mut self.out.plans[at];
        if !number.is_empty() {
            plan.number = number;
        }
        let item = PlanItem {
            id: format!("{}-i{}", plan.id, plan.items.len() + 1),
            category: category.to_string(),
            title: title.clone(),
            measure,
            target_qty,
            target_vnd,
            ..PlanItem::default()
        };
        plan.items.push(item);
        Outcome::Ready(format!(
            "{} · {}",
            catalog::label(CATEGORIES, category, lang),
            if title.is_empty() { "—" } else { &title }
        ))
    }
}

/// The plans read, each the record as stored when its items and number are the same, else its
/// next revision.
fn settle_plans(out: &mut Dataset, stored: &Dataset, now: &str) {
    for p in &mut out.plans {
        if let Some(here) = stored.get::<Plan>(&p.id) {
            let changed = Plan {
                rev: here.rev,
                updated_at: here.updated_at.clone(),
                ..p.clone()
            };
            *p = revised(here, changed, now);
        }
    }
}

#[cfg(test)]
#[path = "records_tests.rs"]
mod tests;
