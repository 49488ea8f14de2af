//! Code lists of the data model with their Vietnamese and English labels. Records store the
//! codes as plain strings (so a bundle from a newer app with a new code is reported, not
//! rejected wholesale); validation checks them against these lists.

use super::Lang;

/// One entry of a code list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Code {
    pub code: &'static str,
    pub vi: &'static str,
    pub en: &'static str,
}

impl Code {
    pub fn label(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Vi => self.vi,
            Lang::En => self.en,
        }
    }
}

const fn c(code: &'static str, vi: &'static str, en: &'static str) -> Code {
    Code { code, vi, en }
}

/// Find a code in a list.
pub fn find(list: &'static [Code], code: &str) -> Option<&'static Code> {
    list.iter().find(|c| c.code == code)
}

/// The label of a code, or the code itself when the list does not know it.
pub fn label<'a>(list: &'static [Code], code: &'a str, lang: Lang) -> &'a str {
    find(list, code).map_or(code, |c| c.label(lang))
}

pub const CATEGORIES: &[Code] = &[
    c("survey", "Làm việc, khảo sát, hướng dẫn kế hoạch", "Working sessions, surveys, planning guidance"),
    c("propaganda", "Tuyên truyền chủ trương, chính sách", "Communicating policies"),
    c("livelihood", "Phát triển sản xuất, mô hình sinh kế", "Production and livelihood models"),
    c("credit", "Vay vốn ưu đãi", "Preferential loans"),
    c("ocop", "Quảng bá sản phẩm, OCOP", "Product promotion, OCOP"),
    c("cash_goods", "Hỗ trợ tiền, vật chất, trang thiết bị", "Cash, goods and equipment"),
    c("gifts", "Thăm hỏi, tặng quà", "Visits and gifts"),
    c("housing", "Xây, sửa nhà", "Building and repairing houses"),
    c("seeds_livestock", "Cây giống, con giống", "Seedlings and livestock"),
    c(
        "infrastructure",
        "Giao thông, thủy lợi, vệ sinh môi trường, chiếu sáng, nước sạch",
        "Roads, irrigation, sanitation, lighting, clean water",
    ),
    c("health", "Khám chữa bệnh, cấp thuốc miễn phí", "Free health checks and medicine"),
    c("education", "Giáo dục, hỗ trợ học sinh", "Education, support for pupils"),
    c(
        "culture_society",
        "Văn hóa – xã hội, tập huấn (đuối nước, xâm hại trẻ em, ma túy, tảo hôn, bạo lực gia đình, bản sắc văn hóa)",
        "Culture and society, training (drowning, child abuse, drugs, child marriage, domestic violence, cultural identity)",
    ),
    c("security", "Quốc phòng, an ninh (mô hình tự quản)", "Defence and security (self-management models)"),
    c("other", "Khác", "Other"),
];

pub const MEASURES: &[Code] = &[
    c("household", "hộ", "households"),
    c("person", "người", "people"),
    c("visit", "lượt người", "visits"),
    c("house", "căn", "houses"),
    c("gift", "suất quà", "gift packages"),
    c("head", "con", "head"),
    c("plant", "cây", "plants"),
    c("km", "km", "km"),
    c("work", "công trình", "works"),
    c("session", "buổi/lớp", "sessions"),
    c("model", "mô hình", "models"),
    c("product", "sản phẩm", "products"),
    c("workday", "ngày công", "work days"),
    c("item", "cái/bộ", "items"),
    c("other", "khác", "other"),
];

pub const FUNDING: &[Code] = &[
    c("unit", "Nguồn của đơn vị", "The unit's own funds"),
    c("budget", "Ngân sách nhà nước", "State budget"),
    c("social", "Xã hội hóa", "Socialised (public contributions)"),
    c("sponsor", "Nhà tài trợ", "Sponsors"),
];

pub const MODEL_KINDS: &[Code] = &[
    c("duck", "Nuôi vịt", "Duck breeding"),
    c("pig", "Nuôi lợn", "Pig breeding"),
    c("buffalo", "Nuôi trâu", "Buffalo breeding"),
    c("chicken", "Nuôi gà", "Chicken breeding"),
    c("vegetable", "Trồng rau", "Vegetable growing"),
    c("forest", "Trồng rừng", "Forestry"),
    c("cooperative", "Hợp tác xã, tổ hợp tác", "Cooperative"),
    c("craft", "Nghề thủ công", "Handicraft"),
    c(
        "security",
        "An ninh, trật tự (tổ tự quản, liên gia)",
        "Security and order (self-management groups)",
    ),
    c("other", "Khác", "Other"),
];

pub const MODEL_STATUSES: &[Code] = &[
    c("running", "Đang thực hiện", "Running"),
    c("done", "Hoàn thành", "Completed"),
    c("stopped", "Dừng", "Stopped"),
];

pub const LOCATION_LEVELS: &[Code] = &[
    c("province", "Tỉnh", "Province"),
    c("district", "Huyện", "District"),
    c("commune", "Xã", "Commune"),
    c("village", "Thôn, bản", "Village"),
];

/// Administrative labels a location may carry (free text is allowed too: these are suggestions).
pub const LOCATION_LABELS: &[Code] = &[
    c("tỉnh", "tỉnh", "province"),
    c("thành phố", "thành phố", "city"),
    c("huyện", "huyện", "district"),
    c("thị xã", "thị xã", "town"),
    c("xã", "xã", "commune"),
    c("phường", "phường", "ward"),
    c("thị trấn", "thị trấn", "township"),
    // Since the 2025 reform: special zones (islands) at the level of a commune.
    c("đặc khu", "đặc khu", "special zone"),
    c("thôn", "thôn", "hamlet"),
    c("bản", "bản", "village (bản)"),
    c("xóm", "xóm", "hamlet (xóm)"),
    c("tổ", "tổ", "residential group"),
];

pub const UNIT_LEVELS: &[Code] = &[
    c("province", "Cấp tỉnh", "Provincial"),
    c("district", "Cấp huyện", "District"),
];

/// Blocs of agencies (suggestions; free text allowed).
pub const BLOCS: &[Code] = &[
    c("party", "Khối Đảng", "Party bloc"),
    c("government", "Khối chính quyền", "Government bloc"),
    c(
        "front",
        "MTTQ – đoàn thể",
        "Fatherland Front and mass organisations",
    ),
    c("armed", "Lực lượng vũ trang", "Armed forces"),
    c("enterprise", "Doanh nghiệp", "Enterprises"),
    c("other", "Khác", "Other"),
];

pub const ROLES: &[Code] = &[
    c("lead", "Chủ trì", "Lead"),
    c("support", "Phối hợp", "Support"),
];

pub const PLAN_STATUSES: &[Code] = &[
    c("draft", "Dự thảo", "Draft"),
    c("issued", "Đã ban hành", "Issued"),
];

pub const REPORT_STATUSES: &[Code] = &[
    c("draft", "Dự thảo", "Draft"),
    c("submitted", "Đã gửi", "Submitted"),
];

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: &[&[Code]] = &[
        CATEGORIES,
        MEASURES,
        FUNDING,
        MODEL_KINDS,
        MODEL_STATUSES,
        LOCATION_LEVELS,
        LOCATION_LABELS,
        UNIT_LEVELS,
        BLOCS,
        ROLES,
        PLAN_STATUSES,
        REPORT_STATUSES,
    ];

    #[test]
    fn codes_are_unique_and_labelled_in_both_languages() {
        for list in ALL {
            for (i, a) in list.iter().enumerate() {
                assert!(!a.vi.is_empty() && !a.en.is_empty(), "{}", a.code);
                assert!(list[i + 1..].iter().all(|b| b.code != a.code), "{}", a.code);
            }
        }
    }

    #[test]
    fn the_design_lists_are_complete() {
        assert_eq!(CATEGORIES.len(), 15);
        // DESIGN.md's fourteen, and `workday` (ngày công) the summaries count.
        assert_eq!(MEASURES.len(), 15);
        assert_eq!(label(CATEGORIES, "housing", Lang::Vi), "Xây, sửa nhà");
        assert_eq!(
            label(CATEGORIES, "housing", Lang::En),
            "Building and repairing houses"
        );
        assert_eq!(label(MEASURES, "nope", Lang::Vi), "nope");
        assert!(find(FUNDING, "sponsor").is_some());
    }
}
