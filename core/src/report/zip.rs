//! A small ZIP writer (deflate, CRC-32, central directory) — all an XLSX file needs.

use crate::checksum::crc32;

/// Files in, ZIP bytes out.
pub fn zip(files: &[(&str, Vec<u8>)]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, data) in files {
        let crc = crc32(data);
        let deflated = miniz_oxide::deflate::compress_to_vec(data, 6);
        let offset = out.len() as u32;
        let header = |sig: u32| {
            let mut h = Vec::new();
            h.extend_from_slice(&sig.to_le_bytes());
            h
        };
        let mut local = header(0x0403_4b50);
        local.extend_from_slice(&20u16.to_le_bytes()); // version needed
        local.extend_from_slice(&0x0800u16.to_le_bytes()); // UTF-8 names
        local.extend_from_slice(&8u16.to_le_bytes()); // deflate
        local.extend_from_slice(&0u32.to_le_bytes()); // time, date
        local.extend_from_slice(&crc.to_le_bytes());
        local.extend_from_slice(&(deflated.len() as u32).to_le_bytes());
        local.extend_from_slice(&(data.len() as u32).to_le_bytes());
        local.extend_from_slice(&(name.len() as u16).to_le_bytes());
        local.extend_from_slice(&0u16.to_le_bytes());
        local.extend_from_slice(name.as_bytes());
        out.extend_from_slice(&local);
        out.extend_from_slice(&deflated);

        let mut c = header(0x0201_4b50);
        c.extend_from_slice(&20u16.to_le_bytes()); // made by
        c.extend_from_slice(&20u16.to_le_bytes());
        c.extend_from_slice(&0x0800u16.to_le_bytes());
        c.extend_from_slice(&8u16.to_le_bytes());
        c.extend_from_slice(&0u32.to_le_bytes());
        c.extend_from_slice(&crc.to_le_bytes());
        c.extend_from_slice(&(deflated.len() as u32).to_le_bytes());
        c.extend_from_slice(&(data.len() as u32).to_le_bytes());
        c.extend_from_slice(&(name.len() as u16).to_le_bytes());
        c.extend_from_slice(&[0u8; 12]); // extra, comment, disk, internal attrs, external attrs
        c.extend_from_slice(&offset.to_le_bytes());
        c.extend_from_slice(name.as_bytes());
        central.extend_from_slice(&c);
    }
    let central_offset = out.len() as u32;
    out.extend_from_slice(&central);
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    out.extend_from_slice(&[0u8; 4]);
    out.extend_from_slice(&(files.len() as u16).to_le_bytes());
    out.extend_from_slice(&(files.len() as u16).to_le_bytes());
    out.extend_from_slice(&(central.len() as u32).to_le_bytes());
    out.extend_from_slice(&central_offset.to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_inflate_back() {
        let z = zip(&[
            ("a.txt", b"xin chao".to_vec()),
            ("dir/b.xml", vec![b'x'; 1000]),
        ]);
        assert_eq!(&z[..4], &[0x50, 0x4b, 0x03, 0x04]);
        // the first entry's data follows its 30-byte header and name
        let compressed = u32::from_le_bytes([z[18], z[19], z[20], z[21]]) as usize;
        let data = &z[30 + 5..30 + 5 + compressed];
        assert_eq!(
            miniz_oxide::inflate::decompress_to_vec(data)
                .ok()
                .as_deref(),
            Some(&b"xin chao"[..])
        );
        assert_eq!(&z[z.len() - 22..z.len() - 18], &[0x50, 0x4b, 0x05, 0x06]);
    }
}
