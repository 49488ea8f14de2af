//! What the page says about a bundle file, in Vietnamese and English.

use super::format::{FileError, Notice, MAX_BYTES};
use crate::domain::Lang;

fn mb(bytes: usize) -> String {
    crate::domain::format::tenths_vi(bytes as f64 / (1024.0 * 1024.0))
}

impl FileError {
    pub fn message(&self, lang: Lang) -> String {
        use FileError::*;
        match lang {
            Lang::Vi => match self {
                Empty => "Tệp rỗng: không có dữ liệu nào để nhập.".into(),
                TooLarge { bytes } => format!(
                    "Tệp quá lớn ({} MB; tối đa {} MB). Hãy xuất gói theo từng đơn vị hoặc từng năm.",
                    mb(*bytes),
                    mb(MAX_BYTES)
                ),
                NotJson { line, column } => format!(
                    "Tệp không phải JSON hợp lệ (lỗi ở dòng {line}, cột {column}). Có thể tệp đã bị sửa tay hoặc không phải gói dữ liệu Đồng Hành."
                ),
                Truncated => "Tệp bị cắt cụt (kết thúc giữa chừng). Hãy xin lại tệp đầy đủ từ đơn vị gửi.".into(),
                TooDeep => "Tệp có cấu trúc lồng nhau quá sâu, không phải gói dữ liệu hợp lệ.".into(),
                NotAnObject => "Tệp là JSON nhưng không phải một gói dữ liệu (cần một đối tượng { … }).".into(),
                WrongFormat { found: Some(f) } => format!(
                    "Đây không phải gói dữ liệu Đồng Hành (trường \"format\" là \"{}\", cần \"donghanh-bundle\").",
                    crate::domain::problem::shorten(f, 60)
                ),
                WrongFormat { found: None } => {
                    "Đây không phải gói dữ liệu Đồng Hành (thiếu trường \"format\": \"donghanh-bundle\").".into()
                }
                MissingSchema => "Gói dữ liệu thiếu số phiên bản (trường \"schema\").".into(),
                BadSchema => "Số phiên bản của gói (trường \"schema\") phải là số nguyên dương.".into(),
                FutureSchema { found } => format!(
                    "Gói này được tạo bằng phiên bản Đồng Hành mới hơn (định dạng {found}, ứng dụng này đọc được đến {}). Hãy cập nhật ứng dụng rồi nhập lại.",
                    super::SCHEMA
                ),
                OldSchema { found } => format!("Gói dùng định dạng {found} quá cũ, ứng dụng không chuyển đổi được."),
                RecordsNotAnObject => "Trường \"records\" phải là một đối tượng chứa các danh sách bản ghi.".into(),
                NotAList { field } => format!("Trường \"{field}\" phải là một danh sách [ … ]."),
            },
            Lang::En => match self {
                Empty => "The file is empty: there is nothing to import.".into(),
                TooLarge { bytes } => format!(
                    "The file is too large ({} MB; at most {} MB). Export one unit or one year at a time.",
                    mb(*bytes).replace(',', "."),
                    mb(MAX_BYTES).replace(',', ".")
                ),
                NotJson { line, column } => format!(
                    "The file is not valid JSON (error at line {line}, column {column}). It may have been edited by hand or is not a Đồng Hành bundle."
                ),
                Truncated => "The file is cut short (it ends midway). Ask the sending unit for the complete file.".into(),
                TooDeep => "The file is nested too deeply to be a valid bundle.".into(),
                NotAnObject => "The file is JSON but not a bundle (expected an object { … }).".into(),
                WrongFormat { found: Some(f) } => format!(
                    "This is not a Đồng Hành bundle (its \"format\" is \"{}\", expected \"donghanh-bundle\").",
                    crate::domain::problem::shorten(f, 60)
                ),
                WrongFormat { found: None } => {
                    "This is not a Đồng Hành bundle (no \"format\": \"donghanh-bundle\" field).".into()
                }
                MissingSchema => "The bundle has no version number (\"schema\" field).".into(),
                BadSchema => "The bundle's version number (\"schema\") must be a positive whole number.".into(),
                FutureSchema { found } => format!(
                    "This bundle was made by a newer version of Đồng Hành (format {found}; this app reads up to {}). Please update the app, then import again.",
                    super::SCHEMA
                ),
                OldSchema { found } => format!("The bundle uses format {found}, too old for this app to convert."),
                RecordsNotAnObject => "The \"records\" field must be an object holding the lists of records.".into(),
                NotAList { field } => format!("The \"{field}\" field must be a list [ … ]."),
            },
        }
    }
}

impl Notice {
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (Notice::ByteOrderMark, Lang::Vi) => {
                "Tệp bắt đầu bằng dấu BOM (do Notepad thêm vào); đã bỏ qua.".into()
            }
            (Notice::ByteOrderMark, Lang::En) => {
                "The file starts with a byte-order mark (added by Notepad); ignored.".into()
            }
            (Notice::Migrated { from }, Lang::Vi) => {
                format!("Gói dùng định dạng cũ {from}; đã chuyển sang định dạng hiện tại.")
            }
            (Notice::Migrated { from }, Lang::En) => {
                format!("The bundle used the older format {from}; it was converted.")
            }
            (Notice::UnknownList { name }, Lang::Vi) => {
                format!("Danh sách \"{name}\" không thuộc gói dữ liệu; đã bỏ qua.")
            }
            (Notice::UnknownList { name }, Lang::En) => {
                format!("The list \"{name}\" is not part of a bundle; ignored.")
            }
            (Notice::UnknownTombstone { index }, Lang::Vi) => {
                format!("Bản ghi xóa số {index} có loại không xác định; đã bỏ qua.")
            }
            (Notice::UnknownTombstone { index }, Lang::En) => {
                format!("Deletion record {index} is of an unknown kind; ignored.")
            }
            (
                Notice::FollowedMerge {
                    kind,
                    from,
                    to,
                    records,
                },
                Lang::Vi,
            ) => format!(
                "{} “{from}” đã được gộp vào “{to}” ở máy này: {records} bản ghi trong tệp ghi “{from}” sẽ được chuyển sang “{to}” (mỗi bản ghi thành một lần sửa mới).",
                kind.label(lang)
            ),
            (
                Notice::FollowedMerge {
                    kind,
                    from,
                    to,
                    records,
                },
                Lang::En,
            ) => format!(
                "The {} “{from}” was merged into “{to}” here: {records} records of the file naming “{from}” will be moved to “{to}” (each as a new revision).",
                crate::domain::text::lower(kind.label(lang))
            ),
            (Notice::LearnedAlias { kind, from, to }, Lang::Vi) => format!(
                "{} “{to}” sẽ ghi nhớ “{from}” là tên khác của mình (lần gộp trước đây được ghi lại thành bí danh, đi theo các gói xuất từ máy này).",
                kind.label(lang)
            ),
            (Notice::LearnedAlias { kind, from, to }, Lang::En) => format!(
                "The {} “{to}” will record “{from}” as another name of it (the earlier merge, kept as an alias that travels in the bundles written here).",
                crate::domain::text::lower(kind.label(lang))
            ),
            (Notice::ReadThroughAliases { records }, Lang::Vi) => format!(
                "{records} bản ghi trong tệp ghi đơn vị hoặc địa bàn đã được xác định là một với bản ghi ở đây (đã gộp): được tính theo bản ghi ở đây, không sửa bản ghi của đơn vị gửi."
            ),
            (Notice::ReadThroughAliases { records }, Lang::En) => format!(
                "{records} records of the file name a unit or place known here as the same as another (merged): they are counted under that one; the sender's records are not rewritten."
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_refusal_has_both_languages() {
        let all = [
            FileError::Empty,
            FileError::TooLarge {
                bytes: 60 * 1024 * 1024,
            },
            FileError::NotJson { line: 3, column: 7 },
            FileError::Truncated,
            FileError::TooDeep,
            FileError::NotAnObject,
            FileError::WrongFormat {
                found: Some("x".into()),
            },
            FileError::WrongFormat { found: None },
            FileError::MissingSchema,
            FileError::BadSchema,
            FileError::FutureSchema { found: 2 },
            FileError::OldSchema { found: 0 },
            FileError::RecordsNotAnObject,
            FileError::NotAList {
                field: "records.units".into(),
            },
        ];
        for e in all {
            let (vi, en) = (e.message(Lang::Vi), e.message(Lang::En));
            assert!(!vi.is_empty() && !en.is_empty() && vi != en, "{e:?}");
        }
        assert!(FileError::TooLarge {
            bytes: 60 * 1024 * 1024
        }
        .message(Lang::Vi)
        .contains("60,0 MB"));
        assert!(FileError::FutureSchema { found: 2 }
            .message(Lang::En)
            .contains("update the app"));
    }
}
