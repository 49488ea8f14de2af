//! The report tables, built once and rendered three ways (HTML document, XLSX sheet, CSV):
//! by category, by unit, by commune, plan progress, and the activity list.

use super::aggregate::{Figures, Sums};
use super::progress::{item_progress, plan_in_period};
use super::scope::Scope;
use crate::domain::catalog::{label, CATEGORIES, FUNDING, MEASURES};
use crate::domain::dataset::Dataset;
use crate::domain::query::{place_name, place_name_inline, LocationIndex};
use crate::domain::Lang;

/// One cell: text, a whole number (money, counts), or a quantity.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Text(String),
    Int(i64),
    Num(f64),
    /// An ISO day: `dd/mm/yyyy` on paper, a real date in a workbook.
    Date(String),
}

impl Cell {
    pub fn text(s: impl Into<String>) -> Cell {
        Cell::Text(s.into())
    }

    /// The cell as printed (page and Word file): numbers with Vietnamese grouping, days as
    /// dd/mm/yyyy.
    pub fn paper(&self) -> String {
        match self {
            Cell::Text(s) => s.clone(),
            Cell::Int(v) => crate::domain::format::integer(*v, crate::domain::Lang::Vi),
            Cell::Num(v) if v.fract() == 0.0 => {
                crate::domain::format::integer(*v as i64, crate::domain::Lang::Vi)
            }
            Cell::Num(v) => crate::domain::format::tenths_vi(*v),
            Cell::Date(d) => crate::domain::format::date(d),
        }
    }

    /// Numbers and days: right- or centre-aligned, never wrapped.
    pub fn is_figure(&self) -> bool {
        !matches!(self, Cell::Text(_))
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Table {
    /// Sheet name (≤ 31 characters) and heading.
    pub name: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
    /// A totals row, when the columns add up.
    pub total: Option<Vec<Cell>>,
}

impl Table {
    /// The table without the columns headed `drop`: a printed page is narrower than a sheet
    /// (the unit's own report needs no unit column). A dropped label of the totals row moves to
    /// the next column kept.
    pub fn without(&self, drop: &[&str]) -> Table {
        let keep: Vec<usize> = (0..self.headers.len())
            .filter(|i| !drop.contains(&self.headers[*i].as_str()))
            .collect();
        let pick = |row: &Vec<Cell>| keep.iter().filter_map(|i| row.get(*i).cloned()).collect();
        let total = self.total.as_ref().map(|t| {
            let mut kept: Vec<Cell> = pick(t);
            let label = t
                .iter()
                .enumerate()
                .find(|(i, c)| !keep.contains(i) && matches!(c, Cell::Text(s) if !s.is_empty()));
            if let (Some((_, c)), Some(slot)) = (label, kept.get_mut(1)) {
                *slot = c.clone();
            }
            kept
        });
        Table {
            name: self.name.clone(),
            headers: keep.iter().map(|i| self.headers[*i].clone()).collect(),
            rows: self.rows.iter().map(pick).collect(),
            total,
        }
    }
}

const SUM_HEADERS: [&str; 6] = [
    "Số hoạt động",
    "Tiền mặt (đồng)",
    "Hiện vật (đồng)",
    "Tổng (đồng)",
    "Số hộ",
    "Số người",
];

fn sum_cells(s: &Sums) -> Vec<Cell> {
    vec![
        Cell::Int(s.activities as i64),
        Cell::Int(s.cash_vnd),
        Cell::Int(s.in_kind_vnd),
        Cell::Int(s.total_vnd()),
        Cell::Int(s.households),
        Cell::Int(s.people),
    ]
}

fn grouped(name: &str, first: &str, rows: Vec<(String, &Sums)>, total: &Sums) -> Table {
    let mut headers = vec!["STT".to_string(), first.to_string()];
    headers.extend(SUM_HEADERS.iter().map(|h| h.to_string()));
    let rows = rows
        .into_iter()
        .enumerate()
        .map(|(i, (label, s))| {
            let mut r = vec![Cell::Int(i as i64 + 1), Cell::Text(label)];
            r.extend(sum_cells(s));
            r
        })
        .collect();
    let mut t = vec![Cell::text(""), Cell::text("Tổng cộng")];
    t.extend(sum_cells(total));
    Table {
        name: name.into(),
        headers,
        rows,
        total: Some(t),
    }
}

/// By category, in the catalog's order (with each category's main quantity).
pub fn by_category(f: &Figures) -> Table {
    let rows: Vec<(String, &Sums)> = CATEGORIES
        .iter()
        .filter_map(|c| f.by_category.get(c.code).map(|s| (c.vi.to_string(), s)))
        .chain(
            f.by_category
                .iter()
                .filter(|(k, _)| !CATEGORIES.iter().any(|c| c.code == k.as_str()))
                .map(|(k, s)| (k.clone(), s)),
        )
        .collect();
    grouped("Theo lĩnh vực", "Lĩnh vực", rows, &f.total)
}

/// By funding source, in the catalog's order, with the activities that name none on a row of
/// their own so the rows add up to the total.
pub fn by_funding(f: &Figures) -> Table {
    let mut rows: Vec<(String, Sums)> = FUNDING
        .iter()
        .filter_map(|c| {
            f.by_funding
                .get(c.code)
                .map(|s| (c.vi.to_string(), s.clone()))
        })
        .chain(
            f.by_funding
                .iter()
                .filter(|(k, _)| !FUNDING.iter().any(|c| c.code == k.as_str()))
                .map(|(k, s)| (k.clone(), s.clone())),
        )
        .collect();
    let named = rows.iter().fold(Sums::default(), |mut acc, (_, s)| {
        acc.activities += s.activities;
        acc.cash_vnd = acc.cash_vnd.saturating_add(s.cash_vnd);
        acc.in_kind_vnd = acc.in_kind_vnd.saturating_add(s.in_kind_vnd);
        acc.households = acc.households.saturating_add(s.households);
        acc.people = acc.people.saturating_add(s.people);
        acc
    });
    if named.activities < f.total.activities {
        let t = &f.total;
        rows.push((
            "Chưa ghi nguồn kinh phí".into(),
            Sums {
                activities: t.activities - named.activities,
                cash_vnd: t.cash_vnd.saturating_sub(named.cash_vnd),
                in_kind_vnd: t.in_kind_vnd.saturating_sub(named.in_kind_vnd),
                households: t.households.saturating_sub(named.households),
                people: t.people.saturating_sub(named.people),
                ..Sums::default()
            },
        ));
    }
    let refs: Vec<(String, &Sums)> = rows.iter().map(|(n, s)| (n.clone(), s)).collect();
    grouped("Theo nguồn kinh phí", "Nguồn kinh phí", refs, &f.total)
}

/// By unit, largest total first.
pub fn by_unit(ds: &Dataset, f: &Figures) -> Table {
    let mut rows: Vec<(String, &Sums)> = f
        .by_unit
        .iter()
        .map(|(id, s)| (f.unit_label(ds, id), s))
        .collect();
    crate::domain::order::sort_by_cached_key(&mut rows, |r| {
        (
            std::cmp::Reverse(r.1.total_vnd()),
            crate::domain::collate::key(&r.0),
        )
    });
    grouped("Theo đơn vị", "Cơ quan, đơn vị", rows, &f.total)
}

/// By commune (villages rolled up), with the district, by name.
pub fn by_commune(idx: &LocationIndex, f: &Figures) -> Table {
    let mut rows: Vec<(String, &Sums)> = f
        .by_commune
        .iter()
        .map(|(id, s)| {
            let name = f.place_label(idx, id);
            let district = idx
                .district_of(id)
                .filter(|_| f.by_district.keys().any(|d| !d.is_empty()))
                .map(|d| format!(" ({})", place_name_inline(d)))
                .unwrap_or_default();
            (format!("{name}{district}"), s)
        })
        .collect();
    crate::domain::collate::sort_by_text(&mut rows, |r| &r.0);
    // Since the 2025 reform there are no districts and no towns (thị trấn), but special zones.
    let header = if f.by_district.keys().any(|d| !d.is_empty()) {
        "Xã, phường, thị trấn"
    } else {
        "Xã, phường, đặc khu"
    };
    grouped("Theo xã", header, rows, &f.total)
}

/// Plan items in scope: target against what linked activities did.
pub fn plan_progress(ds: &Dataset, idx: &LocationIndex, scope: &Scope) -> Table {
    let progress = item_progress(ds);
    let headers = [
        "STT",
        "Đơn vị",
        "Địa bàn",
        "Kế hoạch",
        "Năm",
        "Lĩnh vực",
        "Chỉ tiêu",
        "ĐVT",
        "SL chỉ tiêu",
        "SL đã làm",
        "Kinh phí chỉ tiêu (đồng)",
        "Đã thực hiện (đồng)",
        "Tỷ lệ (%)",
        "Đánh giá",
    ];
    let mut rows = Vec::new();
    let mut plans: Vec<_> = ds
        .plans
        .iter()
        .filter(|p| scope.covers_unit(&p.unit_id) && scope.covers_place(&p.location_id, idx))
        .filter(|p| plan_in_period(p, scope.from.as_deref(), scope.to.as_deref()))
        .collect();
    crate::domain::order::sort_by_cached_key(&mut plans, |p| {
        let unit = ds.unit_name(&p.unit_id).unwrap_or(&p.unit_id);
        let place = idx
            .get(&p.location_id)
            .map_or(p.location_id.as_str(), |l| l.name.as_str());
        (
            crate::domain::collate::key(unit),
            crate::domain::collate::key(place),
            p.year,
            p.id.clone(),
        )
    });
    let (mut target_total, mut done_total) = (0i64, 0i64);
    for p in plans {
        let unit = ds.unit_name(&p.unit_id).unwrap_or(&p.unit_id).to_string();
        let place = idx
            .get(&p.location_id)
            .map_or_else(|| p.location_id.clone(), place_name);
        for item in &p.items {
            let done = progress.get(&item.id).cloned().unwrap_or_default();
            target_total = target_total.saturating_add(item.target_vnd);
            done_total = done_total.saturating_add(done.vnd);
            rows.push(vec![
                Cell::Int(rows.len() as i64 + 1),
                Cell::Text(unit.clone()),
                Cell::Text(place.clone()),
                Cell::Text(p.number.clone()),
                Cell::Text(p.year.map_or_else(|| p.phase.clone(), |y| y.to_string())),
                Cell::Text(label(CATEGORIES, &item.category, Lang::Vi).to_string()),
                Cell::Text(item.title.clone()),
                Cell::Text(label(MEASURES, &item.measure, Lang::Vi).to_string()),
                Cell::Num(item.target_qty),
                Cell::Num(done.qty),
                Cell::Int(item.target_vnd),
                Cell::Int(done.vnd),
                Cell::Num(
                    done.ratio(item)
                        .map_or(0.0, |r| (r * 1000.0).round() / 10.0),
                ),
                Cell::Text(done.light(item).label(Lang::Vi).to_string()),
            ]);
        }
    }
    let mut total = vec![Cell::text(""); headers.len()];
    total[1] = Cell::text("Tổng cộng");
    total[10] = Cell::Int(target_total);
    total[11] = Cell::Int(done_total);
    Table {
        name: "Tiến độ kế hoạch".into(),
        headers: headers.iter().map(|h| h.to_string()).collect(),
        rows,
        total: Some(total),
    }
}

/// Plan money targets against what was done, by unit and by commune.
pub fn plan_rollup(ds: &Dataset, idx: &LocationIndex, scope: &Scope) -> Table {
    let r = super::progress::rollup(ds, idx, |p| {
        scope.covers_unit(&p.unit_id)
            && scope.covers_place(&p.location_id, idx)
            && plan_in_period(p, scope.from.as_deref(), scope.to.as_deref())
    });
    let headers = [
        "STT",
        "Đơn vị / xã",
        "Kinh phí kế hoạch (đồng)",
        "Đã thực hiện (đồng)",
        "Tỷ lệ (%)",
    ];
    let pct = |t: i64, d: i64| {
        if t > 0 {
            (d as f64 * 1000.0 / t as f64).round() / 10.0
        } else {
            0.0
        }
    };
    // On today's map the plans of merged communes and renamed units add up in their successors,
    // named as the other tables name them ("xã A (nay là xã B)").
    let mut names = Figures::default();
    let r = match &scope.boundaries {
        super::scope::Boundaries::Today(day) => {
            let mut moved = super::progress::Rollup::default();
            for (id, sums) in &r.by_unit {
                let now = super::scope::unit_as_of(ds, id, day);
                if now != id {
                    names
                        .units_formerly
                        .entry(now.to_string())
                        .or_default()
                        .insert(id.clone());
                }
                let e = moved.by_unit.entry(now.to_string()).or_default();
                *e = (e.0.saturating_add(sums.0), e.1.saturating_add(sums.1));
            }
            for (id, sums) in &r.by_commune {
                let now = idx.as_of(id, day);
                if now != id {
                    names
                        .places_formerly
                        .entry(now.to_string())
                        .or_default()
                        .insert(id.clone());
                }
                let e = moved.by_commune.entry(now.to_string()).or_default();
                *e = (e.0.saturating_add(sums.0), e.1.saturating_add(sums.1));
            }
            moved
        }
        super::scope::Boundaries::Period => r,
    };
    let mut rows = Vec::new();
    let (mut tt, mut td) = (0i64, 0i64);
    for (id, (t, d)) in &r.by_unit {
        let name = names.unit_label(ds, id);
        tt = tt.saturating_add(*t);
        td = td.saturating_add(*d);
        rows.push(vec![
            Cell::Int(rows.len() as i64 + 1),
            Cell::Text(name),
            Cell::Int(*t),
            Cell::Int(*d),
            Cell::Num(pct(*t, *d)),
        ]);
    }
    for (id, (t, d)) in &r.by_commune {
        let name = names.place_label(idx, id);
        rows.push(vec![
            Cell::Int(rows.len() as i64 + 1),
            Cell::Text(name),
            Cell::Int(*t),
            Cell::Int(*d),
            Cell::Num(pct(*t, *d)),
        ]);
    }
    let total = vec![
        Cell::text(""),
        Cell::text("Tổng cộng (theo đơn vị)"),
        Cell::Int(tt),
        Cell::Int(td),
        Cell::Num(pct(tt, td)),
    ];
    Table {
        name: "Kế hoạch theo đơn vị, xã".into(),
        headers: headers.iter().map(|h| h.to_string()).collect(),
        rows,
        total: Some(total),
    }
}

/// Every activity in scope, oldest first.
pub fn activities(ds: &Dataset, idx: &LocationIndex, scope: &Scope) -> Table {
    let headers = [
        "Ngày",
        "Đơn vị",
        "Xã",
        "Thôn, bản",
        "Lĩnh vực",
        "Nội dung",
        "Tiền mặt (đồng)",
        "Hiện vật (đồng)",
        "Nguồn kinh phí",
        "Số lượng",
        "ĐVT",
        "Số hộ",
        "Hộ nghèo",
        "Số người",
        "Mô tả",
    ];
    let mut list: Vec<_> = ds
        .activities
        .iter()
        .filter(|a| scope.matches(a, idx))
        .collect();
    crate::domain::order::sort_by(&mut list, |a, b| (&a.date, &a.id).cmp(&(&b.date, &b.id)));
    let rows = list
        .into_iter()
        .map(|a| {
            let place = idx.get(&a.location_id);
            let commune = idx
                .commune_of(&a.location_id)
                .map(place_name)
                .unwrap_or_default();
            let village = place
                .filter(|l| l.level == "village")
                .map(place_name)
                .unwrap_or_default();
            vec![
                Cell::Date(a.date.clone()),
                Cell::Text(ds.unit_name(&a.unit_id).unwrap_or(&a.unit_id).to_string()),
                Cell::Text(commune),
                Cell::Text(village),
                Cell::Text(label(CATEGORIES, &a.category, Lang::Vi).to_string()),
                Cell::Text(a.title.clone()),
                Cell::Int(a.cash_vnd),
                Cell::Int(a.in_kind_vnd),
                Cell::Text(label(FUNDING, &a.funding, Lang::Vi).to_string()),
                Cell::Num(a.qty),
                Cell::Text(label(MEASURES, &a.measure, Lang::Vi).to_string()),
                Cell::Int(a.households),
                Cell::Int(a.poor_households),
                Cell::Int(a.people),
                Cell::Text(a.description.clone()),
            ]
        })
        .collect();
    Table {
        name: "Hoạt động".into(),
        headers: headers.iter().map(|h| h.to_string()).collect(),
        rows,
        total: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testkit::small;
    use crate::report::aggregate::aggregate;

    #[test]
    fn tables_add_up() {
        let ds = small();
        let idx = LocationIndex::new(&ds.locations);
        let scope = Scope::default();
        let f = aggregate(&ds, &idx, &scope);
        let t = by_category(&f);
        assert_eq!(t.rows.len(), 3); // gifts, housing, security (catalog order)
        assert_eq!(t.rows[0][1], Cell::text("Thăm hỏi, tặng quà"));
        assert_eq!(
            t.total.as_ref().map(|r| r[3].clone()),
            Some(Cell::Int(65_000_000))
        );
        let u = by_unit(&ds, &f);
        assert_eq!(u.rows[0][1], Cell::text("Kho bạc Nhà nước tỉnh"));
        let c = by_commune(&idx, &f);
        assert_eq!(
            c.rows.iter().map(|r| r[1].clone()).collect::<Vec<_>>(),
            [
                Cell::text("Xã Hang Kia (huyện Mai Châu)"),
                Cell::text("Xã Pà Cò (huyện Mai Châu)")
            ]
        );
        let p = plan_progress(&ds, &idx, &scope);
        assert_eq!(p.rows.len(), 2);
        let a = activities(&ds, &idx, &Scope::for_period("2023"));
        assert_eq!(a.rows.len(), 3);
        assert_eq!(a.rows[0][0], Cell::Date("2023-02-01".into()));
    }

    #[test]
    fn a_printed_table_can_leave_columns_out_and_keep_its_totals_label() {
        let ds = small();
        let idx = LocationIndex::new(&ds.locations);
        let t = plan_progress(&ds, &idx, &Scope::default());
        let narrow = t.without(&["Đơn vị", "Lĩnh vực"]);
        assert_eq!(narrow.headers.len(), t.headers.len() - 2);
        assert!(!narrow
            .headers
            .iter()
            .any(|h| h == "Đơn vị" || h == "Lĩnh vực"));
        assert_eq!(narrow.rows[0].len(), narrow.headers.len());
        let total = narrow.total.as_ref().expect("totals");
        assert_eq!(total[1], Cell::text("Tổng cộng"));
        assert_eq!(total.len(), narrow.headers.len());
    }
}
