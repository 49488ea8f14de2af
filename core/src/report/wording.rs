//! Kinds of help a narrative may name, and the words in a record's title or description that
//! show each one. A category's label often lists several kinds ("giao thông, thủy lợi, chiếu
//! sáng, nước sạch"); a sentence names only the kinds its records show, else the category's
//! neutral noun.

use crate::domain::record::Activity;
use crate::domain::text::fold;

/// A kind of help: how a sentence names it, and the folded words that show it.
pub type Kind = (&'static str, &'static [&'static str]);

/// The title and description of a record folded to lower-case words without diacritics,
/// punctuation made spaces, padded with a space at each end.
pub fn words_of(title: &str, description: &str) -> String {
    let folded = fold(&format!("{title} {description}"));
    let mut out = String::with_capacity(folded.len() + 2);
    out.push(' ');
    for c in folded.chars() {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.ends_with(' ') {
            out.push(' ');
        }
    }
    if !out.ends_with(' ') {
        out.push(' ');
    }
    out
}

/// Whether text from `words_of` shows one of `keys` as whole words.
pub fn shows(words: &str, keys: &[&str]) -> bool {
    keys.iter().any(|k| words.contains(&format!(" {k} ")))
}

/// Whether an activity's title or description shows one of `keys`.
pub fn activity_shows(a: &Activity, keys: &[&str]) -> bool {
    shows(&words_of(&a.title, &a.description), keys)
}

/// Each record's first kind in `table` (a record shows one kind: the table's order decides),
/// grouped by kind in the table's order; records that show none come last, under `None`.
pub fn kinds_of<'a>(
    table: &'static [Kind],
    acts: &[&'a Activity],
) -> (Vec<(&'static Kind, Vec<&'a Activity>)>, Vec<&'a Activity>) {
    let mut found: Vec<(&'static Kind, Vec<&'a Activity>)> = Vec::new();
    let mut none = Vec::new();
    for a in acts {
        let w = words_of(&a.title, &a.description);
        match table.iter().find(|(_, keys)| shows(&w, keys)) {
            Some(kind) => match found.iter_mut().find(|(k, _)| std::ptr::eq(*k, kind)) {
                Some((_, list)) => list.push(a),
                None => found.push((kind, vec![a])),
            },
            None => none.push(*a),
        }
    }
    crate::domain::order::sort_by_key(&mut found, |(k, _)| {
        table.iter().position(|t| std::ptr::eq(t, *k))
    });
    (found, none)
}

pub const SURVEY: &[Kind] = &[
    ("làm việc", &["lam viec"]),
    ("khảo sát", &["khao sat"]),
    ("hướng dẫn xây dựng kế hoạch", &["ke hoach"]),
];

pub const PROPAGANDA: &[Kind] = &[
    ("chủ trương, chính sách", &["chinh sach", "chu truong"]),
    ("pháp luật", &["phap luat"]),
    ("chương trình mục tiêu quốc gia", &["muc tieu quoc gia"]),
];

pub const OCOP: &[Kind] = &[
    (
        "hoàn thiện hồ sơ OCOP",
        &["ho so ocop", "ho so san pham ocop"],
    ),
    ("hoàn thiện hồ sơ", &["ho so"]),
    ("quảng bá, giới thiệu", &["quang ba", "gioi thieu"]),
    ("tiêu thụ", &["tieu thu"]),
];

/// Words chosen so that no other word folds to them ("dưỡng" and "đường" both fold to "duong",
/// "Mường" to "muong", "thuộc" to "thuoc"). Lighting before roads: "đèn chiếu sáng đường thôn" is lighting.
pub const INFRASTRUCTURE: &[Kind] = &[
    ("chiếu sáng", &["chieu sang", "den duong", "den nang luong"]),
    ("nước sạch", &["nuoc sach", "be nuoc", "nuoc sinh hoat"]),
    (
        "thủy lợi",
        &["thuy loi", "kenh muong", "muong noi dong", "dap tran"],
    ),
    ("vệ sinh môi trường", &["ve sinh", "moi truong", "nha tieu"]),
    (
        "giao thông",
        &[
            "giao thong",
            "be tong",
            "lam duong",
            "mo duong",
            "sua duong",
            "duong noi dong",
            "duong thon",
            "duong lien",
            "duong ban",
            "duong xom",
            "cau treo",
            "lam cau",
        ],
    ),
    ("nhà văn hóa", &["nha van hoa"]),
];

pub const HEALTH: &[Kind] = &[
    (
        "khám bệnh, cấp thuốc",
        &["kham benh cap thuoc", "kham chua benh cap thuoc"],
    ),
    ("khám sàng lọc", &["sang loc", "tam soat"]),
    ("cấp thuốc", &["cap thuoc", "phat thuoc", "tang thuoc"]),
    ("khám bệnh", &["kham", "kham benh"]),
];

pub const EDUCATION: &[Kind] = &[
    ("học bổng, sách vở", &["hoc bong", "sach vo"]),
    ("bếp ăn bán trú", &["ban tru", "bep an"]),
    ("đồ dùng học tập", &["do dung hoc tap"]),
];

/// Pupils: the noun of an education activity's people when its title says so.
pub const PUPILS: &[&str] = &["hoc sinh", "hoc bong"];

pub const TRAINING: &[Kind] = &[
    ("tập huấn", &["tap huan"]),
    ("tuyên truyền", &["tuyen truyen"]),
];

pub const SECURITY: &[Kind] = &[
    ("camera an ninh", &["camera"]),
    ("tuần tra", &["tuan tra"]),
    ("xây dựng mô hình tự quản", &["tu quan"]),
];

pub const HOUSES_NEW: &[&str] = &["xay", "lam nha", "lam moi"];
pub const HOUSES_MENDED: &[&str] = &["sua", "sua chua"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_kind_is_shown_by_whole_words_in_table_order() {
        let w = words_of("Lắp đặt đèn chiếu sáng đường thôn", "");
        assert!(shows(&w, &["chieu sang"]) && shows(&w, &["duong"]));
        assert!(!shows(&w, &["duo"]));
        let mut a = crate::domain::testkit::activity("a", "u", "c", "2023-01-01", "x", 0);
        a.title = "Lắp đặt đèn chiếu sáng đường thôn".into();
        let mut b = a.clone();
        b.title = "Xây bể nước sạch".into();
        let mut c = a.clone();
        c.title = "Hỗ trợ xi măng".into();
        let (found, none) = kinds_of(INFRASTRUCTURE, &[&a, &b, &c]);
        let names: Vec<&str> = found.iter().map(|(k, _)| k.0).collect();
        assert_eq!(names, ["chiếu sáng", "nước sạch"]);
        assert_eq!(none.len(), 1);
        // "bồi dưỡng" is no road, "thuộc" no medicine, "Mường Thàng" no ditch.
        let mut d = a.clone();
        d.title = "Bồi dưỡng cán bộ thuộc xã Mường Thàng".into();
        assert!(kinds_of(INFRASTRUCTURE, &[&d]).0.is_empty());
        assert!(kinds_of(HEALTH, &[&d]).0.is_empty());
    }
}
