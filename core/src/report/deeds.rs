//! What was done, category by category, as clauses of the narrative ("xây mới 12 căn nhà",
//! "tặng 340 suất quà"), each written through the ledger from the activities it names. A
//! quantity is said in its recorded measure; activities without one are counted as such ("và 2
//! đợt khác"), never dressed as another unit; a kind of help is named only where the records'
//! titles show it (`wording`), else the category's neutral noun.

use super::claims::{Basis, Ledger};
use super::wording::{self, activity_shows, kinds_of, Kind};
use crate::domain::record::Activity;
use crate::domain::text::join_and;

/// The ids of activities, for a claim.
pub fn ids<'a>(acts: &[&'a Activity]) -> Vec<&'a str> {
    acts.iter().map(|a| a.id.as_str()).collect()
}

/// Cash plus in kind, never overflowing.
pub fn support(acts: &[&Activity]) -> i64 {
    acts.iter().fold(0i64, |s, a| {
        s.saturating_add(a.cash_vnd).saturating_add(a.in_kind_vnd)
    })
}

/// A field summed, never overflowing.
pub fn total(acts: &[&Activity], field: impl Fn(&Activity) -> i64) -> i64 {
    acts.iter().fold(0i64, |s, a| s.saturating_add(field(a)))
}

/// The activities recorded in `measure` with a quantity, and the others.
pub fn measured<'a>(
    acts: &[&'a Activity],
    measure: &str,
) -> (Vec<&'a Activity>, Vec<&'a Activity>) {
    acts.iter()
        .partition(|a| a.measure == measure && a.qty > 0.0)
}

fn qty(acts: &[&Activity]) -> f64 {
    acts.iter().map(|a| a.qty).sum()
}

fn of<'a>(acts: &[&'a Activity], category: &str) -> Vec<&'a Activity> {
    acts.iter()
        .copied()
        .filter(|a| a.category == category)
        .collect()
}

/// " (trị giá 81 triệu đồng)" when the activities gave any money.
fn worth<'a>(l: &mut Ledger<'a>, acts: &[&'a Activity]) -> String {
    let v = support(acts);
    if v > 0 {
        format!(" (trị giá {})", l.money(Basis::Support, v, ids(acts)))
    } else {
        String::new()
    }
}

/// "3 đợt": activities counted as rounds of help, with no quantity to say.
fn rounds<'a>(l: &mut Ledger<'a>, acts: &[&'a Activity]) -> String {
    l.count(Basis::Activities, acts.len() as i64, "đợt", ids(acts))
}

/// " và 2 đợt khác": the activities a clause's quantity did not count.
fn and_others<'a>(l: &mut Ledger<'a>, rest: &[&'a Activity]) -> String {
    if rest.is_empty() {
        String::new()
    } else {
        format!(
            " và {}",
            l.count(Basis::Activities, rest.len() as i64, "đợt khác", ids(rest))
        )
    }
}

/// Sessions held: ("12 buổi", " và 2 đợt khác") for the sessions recorded and the activities
/// that record none; ("3 đợt", "") when none does.
pub fn sessions<'a>(l: &mut Ledger<'a>, acts: &[&'a Activity]) -> (String, String) {
    let (held, rest) = measured(acts, "session");
    if held.is_empty() {
        let n = rounds(l, &rest);
        (n, String::new())
    } else {
        let n = l.qty("session", qty(&held), "buổi", ids(&held));
        (n, and_others(l, &rest))
    }
}

/// The kinds the activities show, named ("chiếu sáng, nước sạch"), with the category's
/// `neutral` noun last when some show none; the neutral noun alone when none does (an empty
/// neutral noun: nothing).
pub fn kinds<'a>(
    l: &mut Ledger<'a>,
    table: &'static [Kind],
    acts: &[&'a Activity],
    neutral: &str,
) -> String {
    let (found, none) = kinds_of(table, acts);
    let mut names: Vec<String> = found
        .iter()
        .map(|((name, keys), list)| l.words(Basis::Kind(keys), (*name).to_string(), ids(list)))
        .collect();
    if (names.is_empty() || !none.is_empty()) && !neutral.is_empty() {
        names.push(neutral.to_string());
    }
    // Commas only: the clause may sit in a list that has its own "và".
    names.join(", ")
}

fn housing<'a>(l: &mut Ledger<'a>, acts: &[&'a Activity]) -> String {
    let (houses, rest) = measured(acts, "house");
    let (mut new, mut mended, mut other) = (Vec::new(), Vec::new(), Vec::new());
    for a in houses {
        match (
            activity_shows(a, wording::HOUSES_NEW),
            activity_shows(a, wording::HOUSES_MENDED),
        ) {
            (true, false) => new.push(a),
            (false, true) => mended.push(a),
            _ => other.push(a),
        }
    }
    let mut parts = Vec::new();
    for (list, keys, verb) in [
        (&new, Some(wording::HOUSES_NEW), "xây mới"),
        (&mended, Some(wording::HOUSES_MENDED), "sửa chữa"),
        (&other, None, "hỗ trợ"),
    ] {
        if list.is_empty() {
            continue;
        }
        let verb = match keys {
            Some(k) => l.words(Basis::Kind(k), verb.into(), ids(list)),
            None => verb.into(),
        };
        let n = l.qty("house", qty(list), "căn nhà", ids(list));
        parts.push(format!("{verb} {n}"));
    }
    if !rest.is_empty() {
        let n = l.count(Basis::Activities, rest.len() as i64, "lượt", ids(&rest));
        parts.push(format!("thực hiện {n} hỗ trợ nhà ở"));
    }
    format!("{}{}", join_and(&parts), worth(l, acts))
}

fn seeds<'a>(l: &mut Ledger<'a>, acts: &[&'a Activity]) -> String {
    let (plants, rest) = measured(acts, "plant");
    let (heads, rest) = measured(&rest, "head");
    let mut parts = Vec::new();
    if !plants.is_empty() {
        parts.push(l.qty("plant", qty(&plants), "cây giống", ids(&plants)));
    }
    if !heads.is_empty() {
        parts.push(l.qty("head", qty(&heads), "con giống", ids(&heads)));
    }
    if parts.is_empty() {
        let n = rounds(l, &rest);
        format!("hỗ trợ giống qua {n}")
    } else {
        format!("hỗ trợ {}{}", join_and(&parts), and_others(l, &rest))
    }
}

fn cash_goods<'a>(l: &mut Ledger<'a>, acts: &[&'a Activity]) -> String {
    let cash: Vec<_> = acts.iter().copied().filter(|a| a.cash_vnd > 0).collect();
    let goods: Vec<_> = acts.iter().copied().filter(|a| a.in_kind_vnd > 0).collect();
    let mut parts = Vec::new();
    if !cash.is_empty() {
        let v = total(&cash, |a| a.cash_vnd);
        parts.push(format!("bằng tiền {}", l.money(Basis::Cash, v, ids(&cash))));
    }
    if !goods.is_empty() {
        let v = total(&goods, |a| a.in_kind_vnd);
        parts.push(format!(
            "hiện vật trị giá {}",
            l.money(Basis::InKind, v, ids(&goods))
        ));
    }
    let rest: Vec<_> = acts
        .iter()
        .copied()
        .filter(|a| a.cash_vnd <= 0 && a.in_kind_vnd <= 0)
        .collect();
    if parts.is_empty() {
        let n = rounds(l, &rest);
        return format!("hỗ trợ tiền, vật chất qua {n}");
    }
    format!("hỗ trợ {}{}", join_and(&parts), and_others(l, &rest))
}

fn credit<'a>(l: &mut Ledger<'a>, acts: &[&'a Activity]) -> String {
    let (lent, rest): (Vec<&Activity>, Vec<&Activity>) =
        acts.iter().partition(|a| a.loan_vnd.unwrap_or(0) > 0);
    let mut parts = Vec::new();
    if !lent.is_empty() {
        let v = total(&lent, |a| a.loan_vnd.unwrap_or(0));
        let money = l.money(Basis::Loan, v, ids(&lent));
        let who: Vec<_> = lent.iter().copied().filter(|a| a.households > 0).collect();
        let to = if who.is_empty() {
            String::new()
        } else {
            let h = total(&who, |a| a.households);
            format!(
                " cho {}",
                l.count(Basis::Households, h, "lượt hộ", ids(&who))
            )
        };
        parts.push(format!("phối hợp giải ngân {money} vốn vay ưu đãi{to}"));
    }
    if !rest.is_empty() {
        let n = rounds(l, &rest);
        parts.push(format!("hướng dẫn tiếp cận vốn vay ưu đãi qua {n}"));
    }
    join_and(&parts)
}

fn ocop<'a>(l: &mut Ledger<'a>, acts: &[&'a Activity]) -> String {
    let (products, rest) = measured(acts, "product");
    let how = kinds(l, wording::OCOP, acts, "");
    let how = if how.is_empty() {
        how
    } else {
        format!("{how} ")
    };
    if products.is_empty() {
        let n = rounds(l, &rest);
        format!("hỗ trợ {how}sản phẩm của địa phương qua {n}")
    } else {
        let n = l.qty("product", qty(&products), "sản phẩm", ids(&products));
        let to = if how.is_empty() {
            String::new()
        } else {
            format!("{how}cho ")
        };
        format!("hỗ trợ {to}{n} của địa phương{}", and_others(l, &rest))
    }
}

fn infrastructure<'a>(l: &mut Ledger<'a>, acts: &[&'a Activity]) -> String {
    let (works, rest) = measured(acts, "work");
    let (km, rest) = measured(&rest, "km");
    let mut parts = Vec::new();
    if !works.is_empty() {
        parts.push(l.qty("work", qty(&works), "công trình", ids(&works)));
    }
    if !km.is_empty() {
        parts.push(l.qty("km", qty(&km), "km", ids(&km)));
    }
    let what = kinds(l, wording::INFRASTRUCTURE, acts, "hạ tầng khác");
    let text = if parts.is_empty() {
        let n = rounds(l, &rest);
        format!("hỗ trợ công trình {what} qua {n}")
    } else {
        format!("hỗ trợ {} {what}{}", join_and(&parts), and_others(l, &rest))
    };
    format!("{text}{}", worth(l, acts))
}

fn health<'a>(l: &mut Ledger<'a>, acts: &[&'a Activity]) -> String {
    let (visits, rest) = measured(acts, "visit");
    let what = kinds(l, wording::HEALTH, acts, "chăm sóc sức khỏe");
    if visits.is_empty() {
        let n = rounds(l, &rest);
        format!("tổ chức {n} {what}")
    } else {
        let n = l.qty("visit", qty(&visits), "lượt người", ids(&visits));
        format!("{what} cho {n}{}", and_others(l, &rest))
    }
}

fn education<'a>(l: &mut Ledger<'a>, acts: &[&'a Activity]) -> String {
    let what = kinds(l, wording::EDUCATION, acts, "giáo dục");
    let (with, rest): (Vec<&Activity>, Vec<&Activity>) = acts.iter().partition(|a| a.people > 0);
    let text = if with.is_empty() {
        let n = rounds(l, &rest);
        format!("hỗ trợ {what} qua {n}")
    } else {
        // Pupils only when every activity counted says so.
        let noun = if with.iter().all(|a| activity_shows(a, wording::PUPILS)) {
            l.words(Basis::Kind(wording::PUPILS), "học sinh".into(), ids(&with))
        } else {
            "người".into()
        };
        let people = total(&with, |a| a.people);
        let n = l.count(Basis::People, people, &format!("lượt {noun}"), ids(&with));
        format!("hỗ trợ {what} cho {n}{}", and_others(l, &rest))
    };
    format!("{text}{}", worth(l, acts))
}

fn gifts<'a>(l: &mut Ledger<'a>, acts: &[&'a Activity]) -> String {
    let (given, rest) = measured(acts, "gift");
    if given.is_empty() {
        let n = rounds(l, &rest);
        format!("thăm hỏi, tặng quà {n}")
    } else {
        let n = l.qty("gift", qty(&given), "suất quà", ids(&given));
        format!("tặng {n}{}", and_others(l, &rest))
    }
}

fn livelihood<'a>(l: &mut Ledger<'a>, acts: &[&'a Activity]) -> String {
    let n = l.count(Basis::Activities, acts.len() as i64, "hoạt động", ids(acts));
    format!("hỗ trợ phát triển sản xuất qua {n}{}", worth(l, acts))
}

/// Other activities by their titles: "thực hiện 3 hoạt động khác (“…”, “…”)".
fn other<'a>(l: &mut Ledger<'a>, acts: &[&'a Activity]) -> String {
    let n = l.count(
        Basis::Activities,
        acts.len() as i64,
        "hoạt động khác",
        ids(acts),
    );
    let mut titles: Vec<(&str, Vec<&'a str>)> = Vec::new();
    for a in acts.iter().filter(|a| !a.title.trim().is_empty()) {
        match titles.iter_mut().find(|(t, _)| *t == a.title.trim()) {
            Some((_, list)) => list.push(&a.id),
            None => titles.push((a.title.trim(), vec![&a.id])),
        }
    }
    // Named by their titles when there are a few; a longer list would bury the sentence.
    if titles.is_empty() || titles.len() > 3 {
        return format!("thực hiện {n}");
    }
    let named: Vec<String> = titles
        .into_iter()
        .map(|(t, records)| format!("“{}”", l.words(Basis::Title, t.to_string(), records)))
        .collect();
    format!("thực hiện {n}: {}", named.join(", "))
}

/// Clauses for every category but surveys, propaganda, training and security (each in its own
/// sentence); `livelihood` holds the livelihood activities no model sentence counted.
pub fn deeds<'a>(
    l: &mut Ledger<'a>,
    acts: &[&'a Activity],
    livelihood_left: &[&'a Activity],
) -> Vec<String> {
    type Clause = for<'b> fn(&mut Ledger<'b>, &[&'b Activity]) -> String;
    let mut out = Vec::new();
    let clauses: [(&str, Clause); 9] = [
        ("housing", housing),
        ("seeds_livestock", seeds),
        ("cash_goods", cash_goods),
        ("credit", credit),
        ("ocop", ocop),
        ("infrastructure", infrastructure),
        ("health", health),
        ("education", education),
        ("gifts", gifts),
    ];
    for (category, write) in clauses {
        let list = of(acts, category);
        if !list.is_empty() {
            out.push(write(l, &list));
        }
    }
    if !livelihood_left.is_empty() {
        out.push(livelihood(l, livelihood_left));
    }
    // Labour given by the units' people, whatever the category.
    let (days, _) = measured(acts, "workday");
    if !days.is_empty() {
        let n = l.qty("workday", qty(&days), "ngày công", ids(&days));
        out.push(format!("huy động {n}"));
    }
    let others = of(acts, "other");
    if !others.is_empty() {
        out.push(other(l, &others));
    }
    out
}

/// Training topics the province's summaries name, found in the activities' titles and
/// descriptions: (the words that show it, how the sentence names it, whether it is a
/// "phòng chống" topic — those share the words once).
const TOPICS: &[(&[&str], &str, bool)] = &[
    (&["duoi nuoc"], "đuối nước", true),
    (&["xam hai"], "xâm hại trẻ em", true),
    (&["ma tuy"], "ma túy", true),
    (&["tao hon"], "tảo hôn", true),
    (&["hon nhan can huyet"], "hôn nhân cận huyết thống", true),
    (&["bao luc gia dinh"], "bạo lực gia đình", true),
    (&["mua ban nguoi"], "mua bán người", true),
    (
        &["ban sac", "van hoa truyen thong"],
        "giữ gìn bản sắc văn hóa dân tộc",
        false,
    ),
    (&["chuyen doi so"], "chuyển đổi số", false),
    (
        &["ky thuat chan nuoi", "ky thuat trong trot"],
        "kỹ thuật chăn nuôi, trồng trọt",
        false,
    ),
];

/// The topics found, in the order above: "phòng chống đuối nước, ma túy và bạo lực gia đình",
/// then the others, one "và" before the last.
fn topics<'a>(l: &mut Ledger<'a>, acts: &[&'a Activity]) -> String {
    let mut found = |prevention: bool| -> Vec<String> {
        TOPICS
            .iter()
            .filter(|(_, _, p)| *p == prevention)
            .filter_map(|(keys, name, _)| {
                let with: Vec<_> = acts
                    .iter()
                    .copied()
                    .filter(|a| activity_shows(a, keys))
                    .collect();
                (!with.is_empty())
                    .then(|| l.words(Basis::Kind(keys), (*name).to_string(), ids(&with)))
            })
            .collect()
    };
    let (prevention, others) = (found(true), found(false));
    let mut parts = Vec::new();
    if !prevention.is_empty() {
        // Alone, the prevention topics take the list's "và"; before others, only commas.
        let listed = if others.is_empty() {
            join_and(&prevention)
        } else {
            prevention.join(", ")
        };
        parts.push(format!("phòng chống {listed}"));
    }
    parts.extend(others);
    join_and(&parts)
}

/// The training sentence's clause: "tổ chức 12 buổi tập huấn, tuyên truyền về phòng chống đuối
/// nước, ma túy", its topics on their own so they never meet another list.
pub fn training<'a>(l: &mut Ledger<'a>, acts: &[&'a Activity]) -> Option<String> {
    let of = of(acts, "culture_society");
    if of.is_empty() {
        return None;
    }
    let what = kinds(l, wording::TRAINING, &of, "hoạt động văn hóa – xã hội");
    let (n, others) = sessions(l, &of);
    let about = topics(l, &of);
    let about = if about.is_empty() {
        String::new()
    } else {
        format!(" về {about}")
    };
    Some(format!("tổ chức {n} {what}{others}{about}"))
}

#[cfg(test)]
#[path = "deeds_tests.rs"]
mod tests;
