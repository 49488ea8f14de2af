//! Reading a ZIP archive's entries — all an XLSX file needs: the central directory, stored or
//! deflated entries (miniz_oxide, already in the core for the storage codec) checked against
//! their CRC-32, and limits on what one entry and all the entries read may inflate to, so a
//! crafted file (one bomb, or a hundred sheets naming the same large part) cannot exhaust the
//! tab's memory.

use std::cell::Cell;

/// One entry's bytes may inflate to this at most (a 20,000-row sheet is about 5 MB).
pub const MAX_ENTRY: usize = 64 << 20;
/// All the entries read from one archive may inflate to this at most.
pub const MAX_TOTAL: usize = 160 << 20;

/// Why an archive could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ZipError {
    /// No end-of-directory record: not a ZIP file, or cut short.
    NotZip,
    /// This entry is damaged or compressed in a way other than deflate.
    Entry(String),
    /// Inflating would pass `MAX_ENTRY` or `MAX_TOTAL`.
    TooLarge,
}

/// The archive's entries by name, read when asked for.
pub struct Archive<'a> {
    bytes: &'a [u8],
    entries: Vec<Entry>,
    /// Bytes inflated so far.
    spent: Cell<usize>,
}

struct Entry {
    name: String,
    method: u16,
    crc: u32,
    compressed: usize,
    local: usize,
}

fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(at..at + 2)?.try_into().ok()?))
}

fn u32_at(b: &[u8], at: usize) -> Option<usize> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?) as usize)
}

impl<'a> Archive<'a> {
    pub fn open(bytes: &'a [u8]) -> Result<Archive<'a>, ZipError> {
        // The end record is in the last 22 bytes plus a comment of up to 64 KiB.
        let floor = bytes.len().saturating_sub(22 + 0xffff);
        let end = (floor..bytes.len().saturating_sub(21))
            .rev()
            .find(|&i| bytes[i..].starts_with(&[0x50, 0x4b, 0x05, 0x06]))
            .ok_or(ZipError::NotZip)?;
        let count = u16_at(bytes, end + 10).ok_or(ZipError::NotZip)? as usize;
        let mut at = u32_at(bytes, end + 16).ok_or(ZipError::NotZip)?;
        let mut entries = Vec::with_capacity(count);
        for _ in 0..count {
            if !bytes
                .get(at..)
                .is_some_and(|b| b.starts_with(&[0x50, 0x4b, 0x01, 0x02]))
            {
                return Err(ZipError::NotZip);
            }
            let field = |off: usize| u16_at(bytes, at + off).ok_or(ZipError::NotZip);
            let method = field(10)?;
            let crc = u32_at(bytes, at + 16).ok_or(ZipError::NotZip)? as u32;
            let compressed = u32_at(bytes, at + 20).ok_or(ZipError::NotZip)?;
            let (name_len, extra, comment) = (field(28)? as usize, field(30)?, field(32)?);
            let local = u32_at(bytes, at + 42).ok_or(ZipError::NotZip)?;
            let name = bytes
                .get(at + 46..at + 46 + name_len)
                .ok_or(ZipError::NotZip)?;
            entries.push(Entry {
                name: String::from_utf8_lossy(name).into_owned(),
                method,
                crc,
                compressed,
                local,
            });
            at += 46 + name_len + extra as usize + comment as usize;
        }
        Ok(Archive {
            bytes,
            entries,
            spent: Cell::new(0),
        })
    }

    /// The entry's inflated bytes; `None` when the archive has no such entry. Names are
    /// compared without case and without a leading "/", as Excel and LibreOffice both accept.
    pub fn read(&self, name: &str) -> Option<Result<Vec<u8>, ZipError>> {
        let name = name.trim_start_matches('/');
        let e = self
            .entries
            .iter()
            .find(|e| e.name.eq_ignore_ascii_case(name))?;
        let damaged = || ZipError::Entry(e.name.clone());
        let b = self.bytes;
        Some((|| {
            if !b
                .get(e.local..)
                .is_some_and(|b| b.starts_with(&[0x50, 0x4b, 0x03, 0x04]))
            {
                return Err(damaged());
            }
            let start = e.local
                + 30
                + u16_at(b, e.local + 26).ok_or_else(damaged)? as usize
                + u16_at(b, e.local + 28).ok_or_else(damaged)? as usize;
            let data = b.get(start..start + e.compressed).ok_or_else(damaged)?;
            let room = MAX_TOTAL.saturating_sub(self.spent.get()).min(MAX_ENTRY);
            let out = match e.method {
                0 if data.len() > room => return Err(ZipError::TooLarge),
                0 => data.to_vec(),
                8 => miniz_oxide::inflate::decompress_to_vec_with_limit(data, room).map_err(
                    |err| match err.status {
                        miniz_oxide::inflate::TINFLStatus::HasMoreOutput => ZipError::TooLarge,
                        _ => damaged(),
                    },
                )?,
                _ => return Err(damaged()),
            };
            self.spent.set(self.spent.get().saturating_add(out.len()));
            // Damage can inflate into other, valid-looking bytes: the checksum tells.
            if crate::checksum::crc32(&out) != e.crc {
                return Err(damaged());
            }
            Ok(out)
        })())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::zip::zip;

    #[test]
    fn reads_back_what_the_writer_wrote() {
        let z = zip(&[
            ("a.txt", b"xin chao".to_vec()),
            ("xl/b.xml", vec![b'x'; 5000]),
        ]);
        let a = Archive::open(&z).expect("open");
        assert_eq!(a.read("a.txt"), Some(Ok(b"xin chao".to_vec())));
        assert_eq!(a.read("/XL/B.xml"), Some(Ok(vec![b'x'; 5000])));
        assert_eq!(a.read("c.xml"), None);
    }

    #[test]
    fn damage_is_named_not_panicked_on() {
        assert_eq!(Archive::open(b"hello").err(), Some(ZipError::NotZip));
        let data: Vec<u8> = (0..3000u32).map(|i| (i * 7919 % 251) as u8).collect();
        let mut z = zip(&[("a.xml", data)]);
        // Cut the deflated data in half: the entry is damaged, the directory is not.
        for b in &mut z[40..60] {
            *b = 0xff;
        }
        let a = Archive::open(&z).expect("open");
        assert_eq!(a.read("a.xml"), Some(Err(ZipError::Entry("a.xml".into()))));
        for cut in 0..z.len() {
            if let Ok(a) = Archive::open(&z[..cut]) {
                let _ = a.read("a.xml");
            }
        }
    }
}
