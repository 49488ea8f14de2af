//! Interface text. One struct per language so the compiler checks that every label exists in
//! both; catalog labels (categories, measures…) live with the catalogs in `domain`.

use crate::domain::Lang;

pub struct Messages {
    pub app_name: &'static str,
    pub app_tagline: &'static str,
    pub nav_label: &'static str,
    pub nav_overview: &'static str,
    pub nav_settings: &'static str,
    pub lang_switch_label: &'static str,
    pub skip_to_content: &'static str,

    pub overview_title: &'static str,
    pub overview_intro: &'static str,
    pub overview_working_for: &'static str,
    pub overview_no_unit: &'static str,
    pub overview_steps_title: &'static str,
    pub overview_steps: [&'static str; 4],
    pub overview_data_note: &'static str,

    pub settings_title: &'static str,
    pub settings_language: &'static str,
    pub settings_language_hint: &'static str,
    pub settings_unit: &'static str,
    pub settings_unit_hint: &'static str,
    pub settings_unit_placeholder: &'static str,
    pub settings_save: &'static str,
    pub settings_saved: &'static str,
    pub settings_save_failed: &'static str,

    pub not_found_title: &'static str,
    pub not_found_body: &'static str,
    pub not_found_requested: &'static str,
    pub not_found_go: &'static str,

    pub panic_title: &'static str,
    pub panic_body: &'static str,
    pub panic_reload: &'static str,
}

pub const VI: Messages = Messages {
    app_name: "Đồng Hành",
    app_tagline: "Giúp đỡ xã, thôn, bản đặc biệt khó khăn",
    nav_label: "Điều hướng chính",
    nav_overview: "Tổng quan",
    nav_settings: "Cài đặt",
    lang_switch_label: "Ngôn ngữ",
    skip_to_content: "Chuyển đến nội dung chính",

    overview_title: "Tổng quan",
    overview_intro:
        "Đồng Hành giúp các cơ quan, đơn vị lập kế hoạch, ghi nhận và báo cáo kết quả giúp đỡ \
        các xã, thôn, bản đặc biệt khó khăn — ngay trong trình duyệt, không cần máy chủ.",
    overview_working_for: "Trình duyệt này làm việc cho:",
    overview_no_unit: "chưa chọn đơn vị (chọn trong Cài đặt)",
    overview_steps_title: "Quy trình",
    overview_steps: [
        "Danh mục: xã, thôn, bản ĐBKK, cơ quan, đơn vị và quyết định phân công.",
        "Kế hoạch giai đoạn và hằng năm của từng đơn vị, với các chỉ tiêu cụ thể.",
        "Ghi nhận từng hoạt động: tiền mặt, hiện vật, số hộ, số người được hỗ trợ.",
        "Xuất gói dữ liệu (tệp JSON) gửi về tỉnh; tỉnh nhập các gói và có ngay báo cáo tổng hợp.",
    ],
    overview_data_note: "Dữ liệu được lưu trong trình duyệt này (localStorage). \
        Để chuyển sang máy khác hoặc gửi cấp trên, hãy xuất gói dữ liệu.",

    settings_title: "Cài đặt",
    settings_language: "Ngôn ngữ giao diện",
    settings_language_hint: "Lựa chọn được ghi nhớ trên trình duyệt này.",
    settings_unit: "Trình duyệt này làm việc cho đơn vị",
    settings_unit_hint: "Tên cơ quan, đơn vị sử dụng máy này, ví dụ: Kho bạc Nhà nước tỉnh.",
    settings_unit_placeholder: "Tên cơ quan, đơn vị",
    settings_save: "Lưu",
    settings_saved: "Đã lưu.",
    settings_save_failed: "Không lưu được cài đặt:",

    not_found_title: "Không tìm thấy trang",
    not_found_body: "Địa chỉ này không có trong ứng dụng. Có thể liên kết đã cũ hoặc gõ nhầm.",
    not_found_requested: "Địa chỉ đã mở:",
    not_found_go: "Các trang hiện có:",

    panic_title: "Đã xảy ra lỗi",
    panic_body: "Ứng dụng gặp lỗi ngoài dự kiến. Dữ liệu của bạn vẫn an toàn trong trình duyệt. \
        Hãy tải lại trang.",
    panic_reload: "Tải lại trang",
};

pub const EN: Messages = Messages {
    app_name: "Đồng Hành",
    app_tagline: "Helping especially difficult communes and villages",
    nav_label: "Main navigation",
    nav_overview: "Overview",
    nav_settings: "Settings",
    lang_switch_label: "Language",
    skip_to_content: "Skip to main content",

    overview_title: "Overview",
    overview_intro: "Đồng Hành helps agencies plan, record and report their help to especially \
        difficult communes and villages — right in the browser, with no server.",
    overview_working_for: "This browser works for:",
    overview_no_unit: "no unit chosen yet (choose one in Settings)",
    overview_steps_title: "How it works",
    overview_steps: [
        "Directory: difficult communes and villages, agencies, and assignment decisions.",
        "Phase and yearly plans of each unit, with concrete targets.",
        "Record each activity: cash, in-kind support, households and people helped.",
        "Export a data bundle (a JSON file) for the province, which imports every bundle \
         and gets the consolidated report at once.",
    ],
    overview_data_note: "Data is kept in this browser (localStorage). To move it to another \
        computer or send it upward, export a data bundle.",

    settings_title: "Settings",
    settings_language: "Interface language",
    settings_language_hint: "The choice is remembered in this browser.",
    settings_unit: "This browser works for unit",
    settings_unit_hint: "Name of the agency using this computer, e.g. Provincial State Treasury.",
    settings_unit_placeholder: "Agency name",
    settings_save: "Save",
    settings_saved: "Saved.",
    settings_save_failed: "Could not save settings:",

    not_found_title: "Page not found",
    not_found_body: "This address is not part of the app. The link may be old or mistyped.",
    not_found_requested: "Address opened:",
    not_found_go: "Available pages:",

    panic_title: "Something went wrong",
    panic_body: "The app hit an unexpected error. Your data is safe in this browser. \
        Please reload the page.",
    panic_reload: "Reload the page",
};

pub fn messages(lang: Lang) -> &'static Messages {
    match lang {
        Lang::Vi => &VI,
        Lang::En => &EN,
    }
}
