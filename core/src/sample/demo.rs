//! The demo province shipped with the app (`public/demo.json`), modelled on the programme's
//! public reporting in Hòa Bình: the provincial units named in the news item, the communes of
//! Mai Hịch, Hang Kia and Pà Cò (Mai Châu) and villages of Đà Bắc and Cao Phong, the livelihood
//! models it lists with the units the seed names as their owners, "Tổ liên gia tự quản" and
//! "Dòng họ tự quản" security models, three years of activities (2021–2023), then the 2025
//! reform and the years after it (`reform.rs`). Deterministic, so the demo is the same on every
//! build.

use super::{date_in, timestamp, title, Rng, CATEGORY_PROFILE, DESCRIPTIONS};
use crate::domain::dataset::Dataset;
use crate::domain::record::{Activity, Assignment, Location, Model, Plan, PlanItem, Report, Unit};

/// The label a demo bundle carries as its source.
pub const DEMO_LABEL: &str = "DỮ LIỆU MẪU — tỉnh Hòa Bình, nay thuộc tỉnh Phú Thọ (minh họa)";

/// (district, [(commune, [villages])]).
/// (commune, villages).
type Commune = (&'static str, &'static [&'static str]);

/// A provincial unit of the news item: its name, short name, bloc, the body above it (for the
/// letterhead; empty where the directory does not say), the commune it helps and how, and the
/// models the seed names as its own (name, kind).
struct UnitRow {
    name: &'static str,
    short: &'static str,
    bloc: &'static str,
    superior: &'static str,
    commune: &'static str,
    role: &'static str,
    models: &'static [(&'static str, &'static str)],
}

/// Communes of 2021–2025 (all existed then: Tân Sơn and Yên Lập had already been merged in
/// 2020 and are not used); their villages are illustrative.
const PLACES: &[(&str, &[Commune])] = &[
    (
        "Mai Châu",
        &[
            ("Mai Hịch", &["Vãng", "Nà Thia", "Bò Mới"]),
            ("Hang Kia", &["Hang Kia", "Chà Đáy", "Thung Mặn"]),
            ("Pà Cò", &["Pà Cò Con", "Thào", "Xà Lính"]),
            ("Cun Pheo", &["Cang", "Nà Bó"]),
        ],
    ),
    (
        "Đà Bắc",
        &[
            ("Đồng Ruộng", &["Đoàn Kết", "Mít", "Bưa Cắm"]),
            ("Tiền Phong", &["Săng", "Trụ", "Mó"]),
            ("Vầy Nưa", &["Chủ", "Vầy", "Nưa"]),
        ],
    ),
    (
        "Cao Phong",
        &[
            ("Thạch Yên", &["Rổng", "Chằng", "Mới"]),
            ("Dũng Phong", &["Bãi Chạo", "Trang Trên"]),
            ("Nam Phong", &["Đồng Bưng", "Nam Sơn"]),
        ],
    ),
    ("Tân Lạc", &[("Phú Vinh", &["Bưng", "Vành"])]),
    ("Lạc Sơn", &[("Quý Hòa", &["Mười", "Rậm"])]),
];

/// The units of the news item with the models it names as theirs ("Mô hình chăn nuôi Vịt Bầu
/// Bến của Thanh tra tỉnh và Trung tâm Khuyến nông tỉnh (thuộc Sở Nông nghiệp và Phát triển
/// nông thôn); mô hình chăn nuôi Lợn Bản địa của Kho bạc Nhà nước tỉnh; mô hình “Hỗ trợ phát
/// triển rừng nâng cao thu nhập cho hộ nghèo” của Ban Dân vận Tỉnh ủy; mô hình chăn nuôi Trâu
/// sinh sản của Hội nông dân; Chuỗi sản xuất liên kết trong hợp tác xã nông nghiệp của Liên minh
/// Hợp tác xã; Nhóm nuôi Gà an toàn, nhóm Trồng rau, lớp dạy nghề Mây giang đan của Hội Liên
/// hiệp Phụ nữ"), and the units it names at free health checks (Văn phòng Tỉnh ủy, Cục Quản
/// lý thị trường, Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh, Trường Chính trị, Hội Nông dân, Bộ
/// chỉ huy quân sự tỉnh) and the Ban Tổ chức Tỉnh ủy's guidance. Which commune each helps is
/// illustrative: the seed does not say.
const UNITS: &[UnitRow] = &[
    UnitRow {
        name: "Chi nhánh Ngân hàng Chính sách xã hội tỉnh",
        short: "NHCSXH",
        bloc: "other",
        superior: "Ngân hàng Chính sách xã hội",
        commune: "Mai Hịch",
        role: "lead",
        models: &[],
    },
    UnitRow {
        name: "Thanh tra tỉnh",
        short: "TTr",
        bloc: "government",
        superior: "",
        commune: "Đồng Ruộng",
        role: "lead",
        models: &[("Chăn nuôi Vịt Bầu Bến", "duck")],
    },
    UnitRow {
        name: "Trung tâm Khuyến nông tỉnh",
        short: "TTKN",
        bloc: "government",
        superior: "Sở Nông nghiệp và Phát triển nông thôn",
        commune: "Tiền Phong",
        role: "lead",
        models: &[("Chăn nuôi Vịt Bầu Bến", "duck")],
    },
    UnitRow {
        name: "Kho bạc Nhà nước tỉnh",
        short: "KBNN",
        bloc: "other",
        superior: "Kho bạc Nhà nước",
        commune: "Thạch Yên",
        role: "lead",
        models: &[("Chăn nuôi Lợn Bản địa", "pig")],
    },
    UnitRow {
        name: "Ban Dân vận Tỉnh ủy",
        short: "BDVTU",
        bloc: "party",
        superior: "",
        commune: "Pà Cò",
        role: "lead",
        models: &[(
            "Hỗ trợ phát triển rừng nâng cao thu nhập cho hộ nghèo",
            "forest",
        )],
    },
    UnitRow {
        name: "Hội Nông dân tỉnh",
        short: "HND",
        bloc: "front",
        superior: "",
        commune: "Hang Kia",
        role: "lead",
        models: &[("Chăn nuôi Trâu sinh sản", "buffalo")],
    },
    UnitRow {
        name: "Liên minh Hợp tác xã tỉnh",
        short: "LMHTX",
        bloc: "front",
        superior: "",
        commune: "Dũng Phong",
        role: "lead",
        models: &[(
            "Chuỗi sản xuất liên kết trong hợp tác xã nông nghiệp",
            "cooperative",
        )],
    },
    UnitRow {
        name: "Hội Liên hiệp Phụ nữ tỉnh",
        short: "HLHPN",
        bloc: "front",
        superior: "",
        commune: "Vầy Nưa",
        role: "lead",
        models: &[
            ("Nhóm nuôi Gà an toàn", "chicken"),
            ("Nhóm Trồng rau", "vegetable"),
            ("Lớp dạy nghề Mây giang đan", "craft"),
        ],
    },
    UnitRow {
        name: "Công an tỉnh",
        short: "CA",
        bloc: "armed",
        superior: "",
        commune: "Phú Vinh",
        role: "lead",
        models: &[],
    },
    UnitRow {
        name: "Văn phòng Tỉnh ủy",
        short: "VPTU",
        bloc: "party",
        superior: "",
        commune: "Cun Pheo",
        role: "lead",
        models: &[],
    },
    UnitRow {
        name: "Bộ Chỉ huy Quân sự tỉnh",
        short: "BCHQS",
        bloc: "armed",
        superior: "",
        commune: "Quý Hòa",
        role: "lead",
        models: &[],
    },
    UnitRow {
        name: "Cục Quản lý thị trường tỉnh",
        short: "QLTT",
        bloc: "other",
        superior: "Cục Quản lý thị trường",
        commune: "Mai Hịch",
        role: "support",
        models: &[],
    },
    UnitRow {
        name: "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh",
        short: "MTTQ",
        bloc: "front",
        superior: "",
        commune: "Hang Kia",
        role: "support",
        models: &[],
    },
    UnitRow {
        name: "Trường Chính trị tỉnh",
        short: "TCT",
        bloc: "party",
        superior: "",
        commune: "Quý Hòa",
        role: "support",
        models: &[],
    },
    UnitRow {
        name: "Ban Tổ chức Tỉnh ủy",
        short: "BTCTU",
        bloc: "party",
        superior: "",
        commune: "Pà Cò",
        role: "support",
        models: &[],
    },
];

/// The units the seed names at free health checks: the only ones that run them here.
const HEALTH: &[&str] = &["VPTU", "QLTT", "MTTQ", "TCT", "HND", "BCHQS"];

/// What a unit of the demo does of a category drawn: loans only by the bank, security work only
/// by the police and the army, health checks only by the units the seed names; otherwise gifts.
pub(super) fn done_by(short: &str, category: &'static str) -> &'static str {
    let allowed = match category {
        "credit" => short == "NHCSXH",
        "security" => matches!(short, "CA" | "BCHQS"),
        "health" => HEALTH.contains(&short),
        _ => true,
    };
    if allowed {
        category
    } else {
        "gifts"
    }
}

/// The security models of the seed: "Điển hình mô hình “Tổ Liên gia tự quản”, “Dòng họ tự quản
/// về an ninh trật tự” của Công an tỉnh triển khai tại xã Hang Kia và Pà Cò (huyện Mai Châu)".
const SECURITY: &[(&str, &str, &str)] = &[
    ("Hang Kia", "CA", "Tổ Liên gia tự quản"),
    ("Pà Cò", "CA", "Tổ Liên gia tự quản"),
    ("Hang Kia", "CA", "Dòng họ tự quản về an ninh trật tự"),
    ("Pà Cò", "CA", "Dòng họ tự quản về an ninh trật tự"),
];

const YEARS: std::ops::RangeInclusive<i32> = 2021..=2023;

/// The label of the second sample: the province as the news item saw it, before the reform.
pub const SEED_LABEL: &str = "DỮ LIỆU MẪU — tỉnh Hòa Bình 2021–2023, như bản tin (minh họa)";

/// The demo bundle's text, exactly as shipped in `public/demo.json`.
pub fn bundle_text() -> String {
    text(&demo(), DEMO_LABEL)
}

/// The sample of 2023's text, exactly as shipped in `public/demo-2023.json`.
pub fn seed_bundle_text() -> String {
    text(&seed(), SEED_LABEL)
}

fn text(ds: &Dataset, label: &str) -> String {
    let source = crate::bundle::format::Source {
        unit_id: None,
        label: Some(label.into()),
    };
    crate::bundle::format::write(ds, "2023-12-13T08:00:00Z", Some(&source))
}

/// Today's demo: the years of the news item, then the 2025 reform and the years after it.
pub fn demo() -> Dataset {
    let mut ds = first_years();
    super::district::add(&mut ds, true);
    super::reform::apply(&mut ds);
    ds.activities.iter_mut().for_each(super::settle);
    ds.sort_activities();
    ds
}

/// The province as the news item saw it at the end of 2023: Hòa Bình with its districts, the
/// eleven units it names and Cao Phong's offices, three years of activities, no reform yet.
pub fn seed() -> Dataset {
    let mut ds = first_years();
    super::district::add(&mut ds, false);
    ds.activities.iter_mut().for_each(super::settle);
    ds.sort_activities();
    ds
}

fn first_years() -> Dataset {
    let mut rng = Rng::new(20231213);
    let mut ds = Dataset::default();
    let id = |prefix: &str, rng: &mut Rng| format!("demo-{prefix}-{}", &rng.uuid()[..8]);
    let stamp = |rng: &mut Rng| timestamp("2023-12-10", rng);

    let loc = |ds: &mut Dataset,
               id: String,
               name: &str,
               level: &str,
               label: &str,
               parent: Option<&str>,
               at: String| {
        ds.locations.push(Location {
            id: id.clone(),
            rev: 1,
            updated_at: at,
            name: name.into(),
            level: level.into(),
            parent_id: parent.map(Into::into),
            label: label.into(),
            difficult: matches!(level, "commune" | "village"),
            ..Default::default()
        });
        id
    };
    let province = loc(
        &mut ds,
        "demo-hoa-binh".into(),
        "Hòa Bình",
        "province",
        "tỉnh",
        None,
        stamp(&mut rng),
    );
    // commune name → (id, villages)
    let mut communes: Vec<(&str, String, Vec<String>)> = Vec::new();
    for (district, list) in PLACES {
        let d = id("d", &mut rng);
        loc(
            &mut ds,
            d.clone(),
            district,
            "district",
            "huyện",
            Some(&province),
            stamp(&mut rng),
        );
        for (commune, villages) in *list {
            let c = id("c", &mut rng);
            loc(
                &mut ds,
                c.clone(),
                commune,
                "commune",
                "xã",
                Some(&d),
                stamp(&mut rng),
            );
            let label = if *district == "Mai Châu" {
                "bản"
            } else {
                "xóm"
            };
            let vs = villages
                .iter()
                .map(|v| {
                    let vid = id("v", &mut rng);
                    loc(&mut ds, vid, v, "village", label, Some(&c), stamp(&mut rng))
                })
                .collect();
            communes.push((commune, c, vs));
        }
    }
    let commune = |name: &str| communes.iter().find(|c| c.0 == name).cloned();

    // Plan targets are set from what was done (a separate draw, so the records stay as they
    // are): between 80 % and 160 % of it, so that some items are reached and some not, and
    // none is met many times over.
    let mut targets = Rng::new(20210215);
    for (k, row) in UNITS.iter().enumerate() {
        let short = row.short;
        let uid = format!("demo-u-{}", short.to_lowercase());
        ds.units.push(Unit {
            id: uid.clone(),
            rev: 1,
            updated_at: stamp(&mut rng),
            name: row.name.into(),
            short_name: short.into(),
            level: "province".into(),
            bloc: row.bloc.into(),
            superior: row.superior.into(),
            ..Default::default()
        });
        let Some((commune_name, cid, villages)) = commune(row.commune) else {
            continue;
        };
        // The basis of the 2021–2025 assignments is the province's programme, whose number the
        // news item does not give; Quyết định 718-QĐ/TU (14/12/2022) came later and named the
        // leaders who follow each commune, so it is no assignment's basis here.
        ds.assignments.push(Assignment {
            id: id("as", &mut rng),
            rev: 1,
            updated_at: stamp(&mut rng),
            unit_id: uid.clone(),
            location_id: cid.clone(),
            phase: "2021-2025".into(),
            role: row.role.into(),
            decision: String::new(),
            officer: Some((*rng.pick(super::names::OFFICERS)).into()),
            ..Default::default()
        });

        // Plans: the phase plan and one a year, with items in the unit's usual categories.
        // What the unit does of the usual categories, each once.
        let mut cats: Vec<&str> = Vec::new();
        for c in ["survey", "gifts", "livelihood", "housing", "health"] {
            let c = done_by(short, c);
            if !cats.contains(&c) {
                cats.push(c);
            }
        }
        let mut plan_at: Vec<(Option<i32>, usize)> = Vec::new();
        for year in std::iter::once(None).chain(YEARS.map(Some)) {
            let items: Vec<PlanItem> = cats
                .iter()
                .skip(k % 2)
                .take(3)
                .map(|cat| {
                    let (_, _, measure, (qlo, qhi), (mlo, mhi)) = *CATEGORY_PROFILE
                        .iter()
                        .find(|p| p.0 == *cat)
                        .unwrap_or(&CATEGORY_PROFILE[0]);
                    let qty = rng.range(qlo, qhi);
                    PlanItem {
                        id: id("i", &mut rng),
                        category: (*cat).into(),
                        title: title(&mut rng, cat, "", year.unwrap_or(2025)).replace("  ", " "),
                        measure: measure.into(),
                        target_qty: qty as f64,
                        target_vnd: (qty * rng.range(mlo, mhi.max(mlo)) / 100_000) * 100_000,
                        due: year.map(|y| format!("{y}-12-31")),
                        ..Default::default()
                    }
                })
                .collect();
            let issued = format!("{}-02-{:02}", year.unwrap_or(2021), rng.range(5, 25));
            plan_at.push((year, ds.plans.len()));
            ds.plans.push(Plan {
                id: id("p", &mut rng),
                rev: 1,
                updated_at: timestamp(&issued, &mut rng),
                unit_id: uid.clone(),
                location_id: cid.clone(),
                phase: "2021-2025".into(),
                year,
                number: format!("{}/KH-{short}", 10 + k),
                issued_on: Some(issued),
                status: "issued".into(),
                items,
                ..Default::default()
            });
        }

        // The unit's livelihood models, in its commune's villages in turn.
        let mut model_ids = Vec::new();
        for (m, (model_name, model_kind)) in row.models.iter().enumerate() {
            let village = villages
                .get(m % villages.len().max(1))
                .cloned()
                .unwrap_or(cid.clone());
            let village_name = ds
                .locations
                .iter()
                .find(|l| l.id == village)
                .map(|l| l.name.clone())
                .unwrap_or_default();
            let model_id = id("m", &mut rng);
            let households = rng.range(10, 35);
            let word = if PLACES[0].1.iter().any(|c| c.0 == commune_name) {
                "bản"
            } else {
                "xóm"
            };
            ds.models.push(Model {
                id: model_id.clone(),
                rev: 1,
                updated_at: stamp(&mut rng),
                unit_id: uid.clone(),
                location_id: village.clone(),
                name: format!("{model_name} – {word} {village_name}"),
                kind: (*model_kind).into(),
                started_on: Some(format!(
                    "{}-04-{:02}",
                    2021 + ((k + m) % 2) as i32,
                    rng.range(1, 28)
                )),
                households,
                // Counted by some units only (a quarter to a third of the households), no rng.
                escaped_poverty: (k % 3 != 2).then_some(households / (3 + (k % 2) as i64)),
                capital_vnd: households * rng.range(8, 25) * 1_000_000,
                status: if k % 5 == 4 { "done" } else { "running" }.into(),
                outcome: "Các hộ tham gia có thu nhập ổn định, nhiều hộ đã thoát nghèo.".into(),
                ..Default::default()
            });
            model_ids.push(model_id);
        }

        // About thirty activities a unit over 2021–2023, in its own commune and villages.
        for n in 0..(26 + k % 8) {
            let year = 2021 + (n % 3) as i32;
            let weights: Vec<u32> = CATEGORY_PROFILE.iter().map(|p| p.1).collect();
            let drawn = CATEGORY_PROFILE[rng.weighted(&weights)].0;
            let cat = done_by(short, drawn);
            let (_, _, measure, (qlo, qhi), (mlo, mhi)) = *CATEGORY_PROFILE
                .iter()
                .find(|p| p.0 == cat)
                .unwrap_or(&CATEGORY_PROFILE[0]);
            let place = if rng.chance(0.55) {
                rng.pick(&villages).clone()
            } else {
                cid.clone()
            };
            let place_name = ds
                .locations
                .iter()
                .find(|l| l.id == place)
                .map(|l| l.name.clone())
                .unwrap_or_default();
            let qty = rng.range(qlo, qhi);
            let money = (qty * rng.range(mlo, mhi) / 10_000) * 10_000;
            let (cash, in_kind) = match cat {
                "gifts" | "cash_goods" | "education" => (
                    money / 2 / 10_000 * 10_000,
                    money - money / 2 / 10_000 * 10_000,
                ),
                "seeds_livestock" | "health" => (0, money),
                _ => (money, 0),
            };
            let households = super::households_for(&mut rng, cat, measure, qty);
            let plan = plan_at
                .iter()
                .find(|(y, _)| *y == Some(year))
                .and_then(|(_, i)| ds.plans.get(*i));
            let plan_item_id = plan.and_then(|p| {
                p.items
                    .iter()
                    .find(|i| i.category == cat)
                    .map(|i| i.id.clone())
            });
            let date = date_in(&mut rng, year);
            let model_id = (cat == "livelihood" && !model_ids.is_empty())
                .then(|| model_ids[n % model_ids.len()].clone());
            let mut a = Activity {
                id: id("a", &mut rng),
                rev: 1,
                updated_at: timestamp(&date, &mut rng),
                unit_id: uid.clone(),
                location_id: place,
                date,
                category: cat.into(),
                title: title(&mut rng, cat, &place_name, year),
                description: (*rng.pick(DESCRIPTIONS)).into(),
                cash_vnd: cash,
                in_kind_vnd: in_kind,
                loan_vnd: super::loan_for(cat, households),
                funding: ["unit", "unit", "social", "sponsor", "budget"][rng.below(5)].into(),
                qty: qty as f64,
                measure: measure.into(),
                households,
                poor_households: households * rng.range(3, 8) / 10,
                people: super::people_for(&mut rng, measure, qty, households),
                plan_item_id,
                model_id,
                ..Default::default()
            };
            super::settle(&mut a);
            ds.activities.push(a);
        }
        set_targets(&mut ds, &plan_at, &mut targets);
        for year in YEARS {
            let submitted = year < 2023 || k % 4 != 3;
            let at = timestamp(&format!("{year}-12-12"), &mut rng);
            ds.reports.push(Report {
                id: id("r", &mut rng),
                rev: 1,
                updated_at: at.clone(),
                unit_id: uid.clone(),
                period: year.to_string(),
                assessment: "Đơn vị đã chủ động xây dựng kế hoạch, phối hợp chặt chẽ với cấp ủy, chính quyền xã triển khai các nội dung giúp đỡ.".into(),
                difficulties: "Địa bàn rộng, địa hình chia cắt, giao thông đi lại khó khăn.".into(),
                proposals: "Đề nghị tiếp tục lồng ghép các nguồn lực để nhân rộng các mô hình sinh kế hiệu quả.".into(),
                status: if submitted { "submitted" } else { "draft" }.into(),
                submitted_at: submitted.then_some(at),
                ..Default::default()
            });
        }
    }

    // The police's security models, and the activities that set them up.
    for (commune_name, short, model_name) in SECURITY {
        let Some((_, cid, _)) = commune(commune_name) else {
            continue;
        };
        let uid = format!("demo-u-{}", short.to_lowercase());
        let model_id = id("m", &mut rng);
        ds.models.push(Model {
            id: model_id.clone(),
            rev: 1,
            updated_at: stamp(&mut rng),
            unit_id: uid.clone(),
            location_id: cid.clone(),
            name: format!("{model_name} xã {commune_name}"),
            kind: "security".into(),
            started_on: Some("2022-05-15".into()),
            households: rng.range(20, 60),
            capital_vnd: 0,
            status: "running".into(),
            outcome: "Góp phần giữ vững an ninh chính trị, trật tự an toàn xã hội ở cơ sở.".into(),
            ..Default::default()
        });
        ds.activities.push(Activity {
            id: id("a", &mut rng),
            rev: 1,
            updated_at: timestamp("2022-05-15", &mut rng),
            unit_id: uid,
            location_id: cid,
            date: "2022-05-15".into(),
            category: "security".into(),
            title: format!("Ra mắt mô hình “{model_name}” xã {commune_name}"),
            description: "Phối hợp với Công an xã và các đoàn thể tổ chức ra mắt mô hình.".into(),
            cash_vnd: 5_000_000,
            funding: "unit".into(),
            qty: 1.0,
            measure: "model".into(),
            model_id: Some(model_id),
            ..Default::default()
        });
    }
    ds
}

/// Yearly plan items take 80–160 % of what was done towards them (an item nothing was done
/// towards keeps its draw); a phase item takes its yearly items' targets for the whole phase
/// (the three years of plans, scaled to five).
fn set_targets(ds: &mut Dataset, plans: &[(Option<i32>, usize)], rng: &mut Rng) {
    let progress = crate::report::progress::item_progress(ds);
    let mut by_category: std::collections::BTreeMap<String, (f64, i64)> = Default::default();
    for (year, i) in plans {
        if year.is_none() {
            continue;
        }
        let Some(plan) = ds.plans.get_mut(*i) else {
            continue;
        };
        for item in plan.items.iter_mut() {
            if let Some(done) = progress.get(&item.id).filter(|d| d.qty > 0.0 || d.vnd > 0) {
                let share = rng.range(80, 160);
                if done.qty > 0.0 {
                    item.target_qty = ((done.qty * share as f64) / 100.0).ceil();
                }
                if done.vnd > 0 {
                    item.target_vnd = done.vnd.saturating_mul(share) / 100 / 100_000 * 100_000;
                }
            }
            let e = by_category.entry(item.category.clone()).or_default();
            e.0 += item.target_qty;
            e.1 = e.1.saturating_add(item.target_vnd);
        }
    }
    if let Some((_, i)) = plans.iter().find(|(y, _)| y.is_none()) {
        if let Some(plan) = ds.plans.get_mut(*i) {
            for item in plan.items.iter_mut() {
                if let Some((q, v)) = by_category.get(&item.category) {
                    item.target_qty = (q * 5.0 / 3.0).ceil();
                    item.target_vnd = v.saturating_mul(5) / 3 / 100_000 * 100_000;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::validate::check_dataset;

    #[test]
    fn the_demo_is_valid_and_has_what_the_news_item_names() {
        let ds = demo();
        assert_eq!(ds, demo(), "deterministic");
        let problems = check_dataset(&ds, None);
        assert!(
            problems.is_empty(),
            "{:#?}",
            &problems[..problems.len().min(3)]
        );
        // Fifteen units of the news item, nine offices of huyện Cao Phong and three of huyện Đà
        // Bắc helping a hamlet each, and the Ban Dân tộc renamed Sở Dân tộc và Tôn giáo.
        assert_eq!(ds.units.len(), 29);
        let years: std::collections::BTreeSet<&str> =
            ds.activities.iter().map(|a| &a.date[..4]).collect();
        assert_eq!(
            years.into_iter().collect::<Vec<_>>(),
            ["2021", "2022", "2023", "2024", "2025", "2026"]
        );
        assert!(ds
            .models
            .iter()
            .filter(|m| m.name.contains("tự quản"))
            .all(|m| m.kind == "security"));
        // After the reform: today's province and merged communes, with their history.
        let today = |l: &&crate::domain::record::Location| l.valid_to.is_none();
        assert_eq!(
            ds.locations
                .iter()
                .filter(today)
                .filter(|l| l.level == "province")
                .map(|l| l.name.as_str())
                .collect::<Vec<_>>(),
            ["Phú Thọ"]
        );
        assert!(!ds
            .locations
            .iter()
            .filter(today)
            .any(|l| l.level == "district"));
        assert!(ds
            .locations
            .iter()
            .any(|l| l.name == "Hang Kia" && !l.successors.is_empty()));
        // Nothing happens in a place or unit on a day it did not exist.
        let idx = crate::domain::query::LocationIndex::new(&ds.locations);
        for a in &ds.activities {
            for (kind, id) in [("unit", &a.unit_id), ("location", &a.location_id)] {
                let why = crate::view::options::lapsed(
                    &ds,
                    &idx,
                    (kind, id),
                    &a.date,
                    crate::domain::Lang::Vi,
                );
                assert!(why.is_none(), "{} {kind} {id}: {why:?}", a.date);
            }
        }
        assert!(ds.activities.len() > 300, "{}", ds.activities.len());
    }

    /// Every owner, place and model name the seed gives, in the seed's words.
    #[test]
    fn the_demo_tells_what_the_news_item_tells() {
        let ds = demo();
        let unit = |name: &str| {
            ds.units
                .iter()
                .find(|u| u.name == name)
                .map(|u| u.id.clone())
                .unwrap_or_else(|| panic!("no unit “{name}”"))
        };
        let owners = |model: &str| -> Vec<String> {
            let mut o: Vec<String> = ds
                .models
                .iter()
                .filter(|m| m.name.starts_with(model))
                .filter_map(|m| ds.unit_name(&m.unit_id).map(str::to_string))
                .collect();
            o.sort_unstable();
            o.dedup();
            o
        };
        // "Mô hình chăn nuôi Vịt Bầu Bến của Thanh tra tỉnh và Trung tâm Khuyến nông tỉnh (thuộc
        // Sở Nông nghiệp và Phát triển nông thôn)"
        assert_eq!(
            owners("Chăn nuôi Vịt Bầu Bến"),
            ["Thanh tra tỉnh", "Trung tâm Khuyến nông tỉnh"]
        );
        let ttkn = unit("Trung tâm Khuyến nông tỉnh");
        assert_eq!(
            ds.units
                .iter()
                .find(|u| u.id == ttkn)
                .map(|u| u.superior.as_str()),
            Some("Sở Nông nghiệp và Phát triển nông thôn")
        );
        // "mô hình chăn nuôi Lợn Bản địa của Kho bạc Nhà nước tỉnh"
        assert_eq!(owners("Chăn nuôi Lợn Bản địa"), ["Kho bạc Nhà nước tỉnh"]);
        // "mô hình “Hỗ trợ phát triển rừng nâng cao thu nhập cho hộ nghèo” của Ban Dân vận Tỉnh ủy"
        assert_eq!(
            owners("Hỗ trợ phát triển rừng nâng cao thu nhập cho hộ nghèo"),
            ["Ban Dân vận Tỉnh ủy"]
        );
        // "mô hình chăn nuôi Trâu sinh sản của Hội nông dân"
        assert_eq!(owners("Chăn nuôi Trâu sinh sản"), ["Hội Nông dân tỉnh"]);
        // "Chuỗi sản xuất liên kết trong hợp tác xã nông nghiệp của Liên minh Hợp tác xã"
        assert_eq!(
            owners("Chuỗi sản xuất liên kết trong hợp tác xã nông nghiệp"),
            ["Liên minh Hợp tác xã tỉnh"]
        );
        // "Nhóm nuôi Gà an toàn, nhóm Trồng rau, lớp dạy nghề Mây giang đan của Hội Liên hiệp
        // Phụ nữ"
        for model in [
            "Nhóm nuôi Gà an toàn",
            "Nhóm Trồng rau",
            "Lớp dạy nghề Mây giang đan",
        ] {
            assert_eq!(owners(model), ["Hội Liên hiệp Phụ nữ tỉnh"], "{model}");
        }
        // "Điển hình mô hình “Tổ Liên gia tự quản”, “Dòng họ tự quản về an ninh trật tự” của
        // Công an tỉnh triển khai tại xã Hang Kia và Pà Cò (huyện Mai Châu)"
        for model in ["Tổ Liên gia tự quản", "Dòng họ tự quản về an ninh trật tự"]
        {
            assert_eq!(owners(model), ["Công an tỉnh"], "{model}");
            let mut at: Vec<String> = ds
                .models
                .iter()
                .filter(|m| m.name.starts_with(model))
                .filter_map(|m| ds.locations.iter().find(|l| l.id == m.location_id))
                .map(|l| l.name.clone())
                .collect();
            at.sort_unstable();
            assert_eq!(at, ["Hang Kia", "Pà Cò"], "{model}");
        }
        assert!(ds
            .models
            .iter()
            .filter(|m| m.name.contains("tự quản"))
            .all(|m| m.kind == "security"));
        // "Chi nhánh Ngân hàng Chính sách xã hội tỉnh tặng quà cho xã Mai Hịch, huyện Mai Châu."
        let bank = unit("Chi nhánh Ngân hàng Chính sách xã hội tỉnh");
        let mai_hich = ds
            .locations
            .iter()
            .find(|l| l.name == "Mai Hịch")
            .map(|l| l.id.clone());
        assert!(ds.activities.iter().any(|a| a.unit_id == bank
            && a.category == "gifts"
            && Some(&a.location_id) == mai_hich.as_ref()));
        // "Văn phòng Tỉnh ủy, Cục Quản lý thị trường, Ủy ban Mặt trận tổ quốc Việt Nam tỉnh,
        // Trường Chính trị, Hội Nông dân, Bộ chỉ huy quân sự tỉnh… tổ chức thăm, khám chữa bệnh
        // miễn phí và cấp phát thuốc cho Nhân dân."
        for name in [
            "Văn phòng Tỉnh ủy",
            "Cục Quản lý thị trường tỉnh",
            "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh",
            "Trường Chính trị tỉnh",
            "Hội Nông dân tỉnh",
            "Bộ Chỉ huy Quân sự tỉnh",
        ] {
            let id = unit(name);
            assert!(
                ds.activities
                    .iter()
                    .any(|a| a.unit_id == id && a.category == "health"),
                "{name} holds no health check"
            );
        }
        // "Trên cơ sở hướng dẫn của Ban Tổ chức tỉnh ủy"
        unit("Ban Tổ chức Tỉnh ủy");
        // "UBND huyện Cao Phong cũng phân công 9 cơ quan, đơn vị giúp đỡ các xóm đặc biệt khó
        // khăn của 3 xã."
        let cao_phong: Vec<_> = ds
            .assignments
            .iter()
            .filter(|a| a.unit_id.starts_with("demo-u-cp-"))
            .collect();
        assert_eq!(cao_phong.len(), 9);
        let communes: std::collections::BTreeSet<_> = cao_phong
            .iter()
            .filter_map(|a| ds.locations.iter().find(|l| l.id == a.location_id))
            .filter(|l| l.level == "village")
            .filter_map(|l| l.parent_id.clone())
            .collect();
        assert_eq!(communes.len(), 3);
        // "UBND huyện Đà Bắc phân công, nhiệm vụ các cơ quan, đơn vị được giao giúp đỡ các xóm
        // đặc biệt khó khăn vùng đồng bào dân tộc thiểu số và miền núi giai đoạn 2021 - 2025"
        assert!(ds
            .assignments
            .iter()
            .any(|a| a.unit_id.starts_with("demo-u-db-") && a.phase == "2021-2025"));
        // "Quyết định số 718-QĐ/TU ngày 14/12/2022 về việc phân công cán bộ, lãnh đạo … theo dõi
        // các xã": no basis of an assignment made in 2021.
        assert!(ds
            .assignments
            .iter()
            .all(|a| !a.decision.contains("718-QĐ/TU")));
        // "Mai Hịch", "Hang Kia", "Pà Cò" (Mai Châu), Đà Bắc and Cao Phong.
        for name in [
            "Mai Hịch",
            "Hang Kia",
            "Pà Cò",
            "Mai Châu",
            "Đà Bắc",
            "Cao Phong",
        ] {
            assert!(ds.locations.iter().any(|l| l.name == name), "{name}");
        }
        // After 2023 every unit keeps to the commune it was assigned (or, from 2026, the commune
        // that took it in), and plans are never met many times over.
        let idx = crate::domain::query::LocationIndex::new(&ds.locations);
        for a in ds.activities.iter().filter(|a| a.date.as_str() >= "2024") {
            let commune = crate::report::narrative::commune_on(&idx, &a.location_id, &a.date);
            let assigned = ds
                .assignments
                .iter()
                .filter(|s| s.unit_id == a.unit_id)
                .any(|s| {
                    crate::report::narrative::commune_on(&idx, &s.location_id, &a.date) == commune
                })
                || crate::report::scope::unit_predecessors(&ds, &a.unit_id)
                    .iter()
                    .any(|u| {
                        ds.assignments.iter().filter(|s| s.unit_id == *u).any(|s| {
                            crate::report::narrative::commune_on(&idx, &s.location_id, &a.date)
                                == commune
                        })
                    });
            assert!(assigned, "{} of {} in {:?}", a.id, a.unit_id, commune);
        }
        let progress = crate::report::progress::item_progress(&ds);
        for item in ds.plans.iter().flat_map(|p| p.items.iter()) {
            let r = progress
                .get(&item.id)
                .and_then(|p| p.ratio(item))
                .unwrap_or(0.0);
            assert!(
                r <= crate::report::progress::FAR_OVER,
                "{} at {r}",
                item.title
            );
        }
        // Seedlings in plants, young animals in heads; no working session reaches a household.
        for a in &ds.activities {
            if a.category == "seeds_livestock" {
                let plants = crate::domain::text::fold(&a.title).contains("cay giong");
                assert_eq!(
                    a.measure,
                    if plants { "plant" } else { "head" },
                    "{}",
                    a.title
                );
            }
            if a.category == "survey" {
                assert_eq!((a.households, a.people), (0, 0), "{}", a.title);
            }
        }
        // People are not a fixed multiple of households.
        let ratios: std::collections::BTreeSet<i64> = ds
            .activities
            .iter()
            .filter(|a| a.households > 0 && !matches!(a.measure.as_str(), "person" | "visit"))
            .map(|a| a.people / a.households)
            .collect();
        assert!(ratios.len() > 1, "{ratios:?}");
    }

    /// The district offices draw one more year in today's demo than in the sample of 2023.
    fn district_office(unit: &str) -> bool {
        unit.starts_with("demo-u-cp-") || unit.starts_with("demo-u-db-")
    }

    #[test]
    fn the_sample_of_2023_is_the_news_items_province_before_the_reform() {
        let ds = seed();
        assert!(check_dataset(&ds, None).is_empty());
        assert!(ds.locations.iter().all(|l| l.valid_to.is_none()));
        assert!(ds.units.iter().all(|u| u.valid_to.is_none()));
        let provinces: Vec<&str> = ds
            .locations
            .iter()
            .filter(|l| l.level == "province")
            .map(|l| l.name.as_str())
            .collect();
        assert_eq!(provinces, ["Hòa Bình"]);
        assert_eq!(ds.units.len(), 27);
        let years: std::collections::BTreeSet<&str> =
            ds.activities.iter().map(|a| &a.date[..4]).collect();
        assert_eq!(
            years.into_iter().collect::<Vec<_>>(),
            ["2021", "2022", "2023"]
        );
        // The same first years as today's demo: the two samples tell one story.
        let today = demo();
        let before: Vec<_> = today
            .activities
            .iter()
            .filter(|a| a.date.as_str() < "2024")
            .collect();
        let first: Vec<_> = ds
            .activities
            .iter()
            .filter(|a| !district_office(&a.unit_id))
            .collect();
        assert_eq!(
            first.len(),
            before
                .iter()
                .filter(|a| !district_office(&a.unit_id))
                .count()
        );
    }

    #[test]
    fn the_shipped_sample_of_2023_is_current() {
        let shipped = include_str!("../../../public/demo-2023.json");
        assert!(
            shipped == seed_bundle_text(),
            "public/demo-2023.json is stale: cargo run -p donghanh-core --example gen_bundle -- --demo-2023 > public/demo-2023.json"
        );
    }

    #[test]
    fn the_shipped_demo_bundle_is_current() {
        let shipped = include_str!("../../../public/demo.json");
        assert!(
            shipped == bundle_text(),
            "public/demo.json is stale: cargo run -p donghanh-core --example gen_bundle -- --demo > public/demo.json"
        );
        let prepared = crate::bundle::import::prepare(shipped, &Dataset::default());
        assert!(prepared.is_ok_and(|p| p.invalid_total() == 0));
    }
}
