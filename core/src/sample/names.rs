//! Vietnamese names for generated data, in the style of a mountain province's reporting.

pub const PROVINCE: &str = "Hòa Bình";

pub const DISTRICTS: &[&str] = &[
    "Mai Châu",
    "Đà Bắc",
    "Cao Phong",
    "Tân Lạc",
    "Lạc Sơn",
    "Kim Bôi",
    "Lạc Thủy",
    "Yên Thủy",
    "Lương Sơn",
    "Kỳ Sơn",
];

/// Syllables combined into commune and village names.
pub const FIRST: &[&str] = &[
    "Pà", "Hang", "Mai", "Tân", "Đồng", "Phúc", "Xuân", "Thanh", "Bao", "Nà", "Vầy", "Suối",
    "Mường", "Tiền", "Yên", "Quy", "Trung", "Hiền", "Ngọc", "Sơn", "Cao", "Đoàn", "Tú", "Giáp",
    "Toàn", "Bình", "Nam", "Hòa", "Vân", "Phú",
];
pub const SECOND: &[&str] = &[
    "Cò",
    "Kia",
    "Hịch",
    "Minh",
    "Ruộng",
    "Sơn",
    "Thủy",
    "La",
    "Phòn",
    "Nưa",
    "Hoa",
    "Chiềng",
    "Lũng",
    "Khánh",
    "Lập",
    "Mỹ",
    "Tiến",
    "Lương",
    "Kết",
    "Phong",
    "Đắc",
    "Vinh",
    "Nghĩa",
    "Mai",
    "Tân",
    "Hưng",
    "Xuyên",
    "Đồi",
    "Thượng",
    "Hạ",
];
pub const VILLAGE_PREFIX: &[&str] = &["Bản", "Xóm", "Thôn", "Bản", "Xóm"];

/// Provincial agencies: (name, short name, bloc).
pub const PROVINCIAL_UNITS: &[(&str, &str, &str)] = &[
    ("Văn phòng Tỉnh ủy", "VPTU", "party"),
    ("Ban Tổ chức Tỉnh ủy", "BTCTU", "party"),
    ("Ban Dân vận Tỉnh ủy", "BDVTU", "party"),
    ("Ban Tuyên giáo Tỉnh ủy", "BTGTU", "party"),
    ("Ủy ban Kiểm tra Tỉnh ủy", "UBKTTU", "party"),
    ("Ban Nội chính Tỉnh ủy", "BNCTU", "party"),
    ("Báo Hòa Bình", "BHB", "party"),
    ("Văn phòng UBND tỉnh", "VPUBND", "government"),
    ("Văn phòng Đoàn ĐBQH và HĐND tỉnh", "VPĐĐBQH", "government"),
    ("Sở Tài chính", "STC", "government"),
    ("Sở Kế hoạch và Đầu tư", "SKHĐT", "government"),
    (
        "Sở Nông nghiệp và Phát triển nông thôn",
        "SNN",
        "government",
    ),
    ("Sở Y tế", "SYT", "government"),
    ("Sở Giáo dục và Đào tạo", "SGDĐT", "government"),
    (
        "Sở Lao động – Thương binh và Xã hội",
        "SLĐTBXH",
        "government",
    ),
    ("Sở Xây dựng", "SXD", "government"),
    ("Sở Giao thông vận tải", "SGTVT", "government"),
    ("Sở Công Thương", "SCT", "government"),
    ("Sở Tài nguyên và Môi trường", "STNMT", "government"),
    ("Sở Văn hóa, Thể thao và Du lịch", "SVHTTDL", "government"),
    ("Sở Tư pháp", "STP", "government"),
    ("Sở Nội vụ", "SNV", "government"),
    ("Sở Khoa học và Công nghệ", "SKHCN", "government"),
    ("Sở Thông tin và Truyền thông", "STTTT", "government"),
    ("Ban Dân tộc tỉnh", "BDT", "government"),
    ("Thanh tra tỉnh", "TTT", "government"),
    ("Kho bạc Nhà nước tỉnh", "KBNN", "government"),
    ("Cục Thuế tỉnh", "CT", "government"),
    ("Cục Thống kê tỉnh", "CTK", "government"),
    ("Bảo hiểm xã hội tỉnh", "BHXH", "government"),
    (
        "Chi nhánh Ngân hàng Chính sách xã hội tỉnh",
        "NHCSXH",
        "government",
    ),
    ("Trung tâm Khuyến nông tỉnh", "TTKN", "government"),
    ("Đài Phát thanh và Truyền hình tỉnh", "PTTH", "government"),
    ("Ủy ban MTTQ Việt Nam tỉnh", "MTTQ", "front"),
    ("Hội Nông dân tỉnh", "HND", "front"),
    ("Hội Liên hiệp Phụ nữ tỉnh", "HLHPN", "front"),
    ("Tỉnh đoàn", "TĐ", "front"),
    ("Hội Cựu chiến binh tỉnh", "HCCB", "front"),
    ("Liên đoàn Lao động tỉnh", "LĐLĐ", "front"),
    ("Liên minh Hợp tác xã tỉnh", "LMHTX", "front"),
    ("Hội Chữ thập đỏ tỉnh", "HCTĐ", "front"),
    ("Công an tỉnh", "CA", "armed"),
    ("Bộ Chỉ huy Quân sự tỉnh", "BCHQS", "armed"),
    ("Bộ Chỉ huy Bộ đội Biên phòng tỉnh", "BĐBP", "armed"),
    ("Công ty Điện lực tỉnh", "PC", "enterprise"),
    (
        "Ngân hàng Nông nghiệp và PTNT chi nhánh tỉnh",
        "Agribank",
        "enterprise",
    ),
    ("Viễn thông tỉnh", "VNPT", "enterprise"),
];

/// District offices created per district: (name pattern, short name prefix, bloc).
pub const DISTRICT_UNITS: &[(&str, &str, &str)] = &[
    (
        "Phòng Lao động – Thương binh và Xã hội huyện",
        "PLĐ",
        "government",
    ),
    ("Phòng Nông nghiệp và PTNT huyện", "PNN", "government"),
    ("Phòng Dân tộc huyện", "PDT", "government"),
    ("Phòng Tài chính – Kế hoạch huyện", "PTCKH", "government"),
    ("Phòng Giáo dục và Đào tạo huyện", "PGD", "government"),
    ("Trung tâm Y tế huyện", "TTYT", "government"),
    ("Công an huyện", "CAH", "armed"),
    ("Ban Chỉ huy Quân sự huyện", "BCHQSH", "armed"),
];

/// Livelihood models: (name, kind).
pub const MODELS: &[(&str, &str)] = &[
    ("Nuôi vịt Bầu Bến", "duck"),
    ("Nuôi lợn bản địa", "pig"),
    ("Nuôi trâu sinh sản", "buffalo"),
    ("Trồng rừng cho hộ nghèo", "forest"),
    ("Nuôi gà an toàn sinh học", "chicken"),
    ("Trồng rau an toàn", "vegetable"),
    ("Đan mây giang xuất khẩu", "craft"),
    ("Chuỗi liên kết cam Cao Phong", "cooperative"),
    ("Nuôi bò sinh sản", "other"),
    ("Trồng chè Shan tuyết", "vegetable"),
];

pub const SECURITY_MODELS: &[&str] = &[
    "Tổ liên gia tự quản",
    "Camera an ninh",
    "Tổ tự quản về an ninh trật tự",
    "Dòng họ không có tội phạm và tệ nạn xã hội",
];

pub(crate) const OFFICERS: &[&str] = &[
    "Nguyễn Văn Hùng",
    "Trần Thị Lan",
    "Bùi Văn Thắng",
    "Đinh Công Minh",
    "Xa Thị Hoa",
    "Hà Văn Toàn",
    "Quách Thị Nga",
    "Lê Quang Huy",
    "Phạm Thị Thu",
    "Bạch Công Sơn",
];
