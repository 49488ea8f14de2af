use super::*;
use crate::bundle::merge::preview;
use crate::domain::testkit::small;
use crate::sheet::tsv;

const NOW: &str = "2026-12-01T08:00:00Z";

fn read_text(kind: SheetKind, text: &str, ds: &Dataset) -> (Vec<(usize, Outcome)>, Dataset) {
    let idx = LocationIndex::new(&ds.locations);
    let cx = Against {
        ds,
        idx: &idx,
        now: NOW,
        lang: Lang::Vi,
        marks: &crate::sheet::activities::NO_MARKS,
    };
    read(kind, &tsv::parse(text), 0, &cx)
}

fn ready(o: &[(usize, Outcome)]) -> usize {
    o.iter()
        .filter(|(_, o)| matches!(o, Outcome::Ready(_)))
        .count()
}

#[test]
fn the_kind_of_a_sheet_from_its_name() {
    assert_eq!(
        SheetKind::from_sheet_name("Kế hoạch 2024"),
        SheetKind::Plans
    );
    assert_eq!(
        SheetKind::from_sheet_name("Danh mục đơn vị"),
        SheetKind::Units
    );
    assert_eq!(SheetKind::from_sheet_name("Địa bàn"), SheetKind::Places);
    assert_eq!(
        SheetKind::from_sheet_name("Phân công"),
        SheetKind::Assignments
    );
    assert_eq!(
        SheetKind::from_sheet_name("Hoạt động"),
        SheetKind::Activities
    );
    assert_eq!(SheetKind::from_sheet_name("Sheet1"), SheetKind::Activities);
}

#[test]
fn places_communes_then_their_villages_read_again_add_nothing() {
    let ds = small();
    let text = "Tên\tCấp\tThuộc\tĐBKK\n\
        Xã Tân Sơn\tXã\t\tx\n\
        Bản Mới\tThôn/bản\tTân Sơn\t\n\
        Bản Sáng\t\tPà Cò\t\n\
        Thôn Lạ\tThôn\tXã Không Có\t\n";
    let (o, out) = read_text(SheetKind::Places, text, &ds);
    assert_eq!(ready(&o), 3, "{o:?}");
    assert!(
        matches!(&o[3].1, Outcome::Problems(p) if p[0].contains("Cột Thuộc: không có “Xã Không Có”"))
    );
    let commune = out
        .locations
        .iter()
        .find(|l| l.name == "Tân Sơn")
        .expect("commune");
    assert!(commune.difficult);
    assert_eq!(commune.label, "xã");
    let village = out
        .locations
        .iter()
        .find(|l| l.name == "Mới")
        .expect("village");
    assert_eq!(
        village.parent_id.as_deref(),
        Some(commune.id.as_str()),
        "a village under a commune of the same sheet"
    );
    // "Bản Sáng" is already in the directory: unchanged.
    let t = preview(&ds, &out).total();
    assert_eq!((t.new, t.unchanged), (2, 1));
    let mut after = ds.clone();
    for l in out.locations {
        after.put(l);
    }
    let (_, again) = read_text(SheetKind::Places, text, &after);
    let t = preview(&after, &again).total();
    assert_eq!((t.new, t.updated, t.unchanged), (0, 0, 3));
}

#[test]
fn the_header_is_found_below_a_title() {
    let rows = tsv::parse("DANH MỤC ĐỊA BÀN\n\nTên\tCấp\tThuộc\nTân Sơn\tXã\t\n");
    assert_eq!(header_row(SheetKind::Places, &rows), 2);
    assert_eq!(
        locate(SheetKind::Places, &rows[2]),
        vec![Some(0), Some(1), Some(2), None, None, None]
    );
    let plan = tsv::parse("Đơn vị\tĐơn vị tính\tXã\n");
    let cols = locate(SheetKind::Plans, &plan[0]);
    assert_eq!(
        (cols[0], cols[7]),
        (Some(0), Some(1)),
        "the longer heading wins its column"
    );
}

#[test]
fn units_and_assignments() {
    let ds = small();
    let (o, out) = read_text(
        SheetKind::Units,
        "Tên đơn vị\tTên viết tắt\tCấp\nSở Y tế\tSYT\tTỉnh\nkho bac nha nuoc tinh\tKBNN\t\n",
        &ds,
    );
    assert_eq!(ready(&o), 2);
    let t = preview(&ds, &out).total();
    assert_eq!((t.new, t.unchanged), (1, 1));
    let (o, out) = read_text(
        SheetKind::Assignments,
        "Đơn vị\tXã\tGiai đoạn\tVai trò\nKBNN\tHang Kia\t2026 – 2030\tChủ trì\nCông an tỉnh\tPà Cò\t2026-30\t\n",
        &ds,
    );
    assert_eq!(ready(&o), 1, "{o:?}");
    assert!(matches!(&o[1].1, Outcome::Problems(p) if p[0].contains("giai đoạn")));
    assert_eq!(out.assignments[0].phase, "2026-2030");
    assert_eq!(out.assignments[0].location_id, "c-hangkia");
}

#[test]
fn plan_rows_make_one_plan_with_items_and_a_corrected_sheet_updates_it() {
    let ds = small();
    let text = "Đơn vị\tXã\tGiai đoạn\tNăm\tSố kế hoạch\tLoại hoạt động\tNội dung\tĐơn vị tính\tSố lượng\tKinh phí (đồng)\n\
        KBNN\tPà Cò\t2026-2030\t2027\t12/KH-KBNN\tTặng quà\tQuà Tết hộ nghèo\tSuất quà\t50\t25 triệu\n\
        KBNN\tPà Cò\t2026-2030\t2027\t\t\tXây nhà đại đoàn kết\t\t2\t120.000.000\n\
        Công an tỉnh\tHang Kia\t2026-2030\t\t\tY tế\tKhám bệnh\t\t\t10 triệu\n";
    let (o, out) = read_text(SheetKind::Plans, text, &ds);
    assert_eq!(ready(&o), 3, "{o:?}");
    assert_eq!(out.plans.len(), 2);
    let p = &out.plans[0];
    assert_eq!(
        (p.year, p.number.as_str(), p.items.len()),
        (Some(2027), "12/KH-KBNN", 2)
    );
    assert_eq!(p.items[0].target_vnd, 25_000_000);
    assert_eq!(p.items[1].category, "housing");
    assert_eq!(out.plans[1].items[0].category, "health");
    let mut after = ds.clone();
    for p in out.plans {
        after.put(p);
    }
    let (_, again) = read_text(SheetKind::Plans, text, &after);
    assert_eq!(preview(&after, &again).total().unchanged, 2);
    let (_, fixed) = read_text(
        SheetKind::Plans,
        &text.replace("25 triệu", "30 triệu"),
        &after,
    );
    let t = preview(&after, &fixed).total();
    assert_eq!((t.updated, t.unchanged), (1, 1));
    assert_eq!(fixed.plans[0].rev, 2);
}
