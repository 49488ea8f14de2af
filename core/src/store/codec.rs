//! The stored form of a workspace: a small manifest under the workspace key, naming one chunk
//! per group (see `chunks`); each chunk is a bundle document (so stored data migrates exactly
//! like a bundle does), deflated and packed 15 bits a character.
//!
//! manifest: `DH2|<token>|{"schema":1,"chunks":{"<group>":{"key":"…","fp":"…","n":…}}}`
//! chunk:    `DC2|<crc>|<packed deflate of the bundle JSON>`
//!
//! The token changes on every write, so a tab can tell cheaply whether another tab has written.
//! `<crc>` is the CRC-32 of the deflated bytes (8 hex digits), checked before anything is
//! inflated: a damaged character could otherwise inflate into other, valid-looking text. Chunks
//! of the first version (`DC1|`, no checksum) are still read, and written again as `DC2`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::bundle::format::{self, Bundle, FileError};

use super::pack::{pack, unpack};
use crate::checksum::crc32;

const MANIFEST_MAGIC: &str = "DH2|";
const CHUNK_MAGIC: &str = "DC2|";
const CHUNK_MAGIC_V1: &str = "DC1|";

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CodecError {
    /// Not written by this app (or by an encoding version it does not know).
    NotOurs,
    /// The packed or compressed bytes are damaged.
    Damaged,
    /// The bundle inside cannot be read.
    Bundle(FileError),
}

/// Where a group's chunk is, and what it held when written.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChunkRef {
    pub key: String,
    /// Fingerprint of the group's records (hex, as JSON numbers lose 64-bit precision).
    pub fp: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub schema: u32,
    pub chunks: BTreeMap<String, ChunkRef>,
}

pub fn fp_text(fp: u64) -> String {
    format!("{fp:016x}")
}

pub fn encode_manifest(m: &Manifest, token: &str) -> String {
    format!(
        "{MANIFEST_MAGIC}{token}|{}",
        serde_json::to_string(m).unwrap_or_default()
    )
}

/// The write token of a stored manifest.
pub fn token(stored: &str) -> Option<&str> {
    let rest = stored.strip_prefix(MANIFEST_MAGIC)?;
    let end = rest.find('|')?;
    Some(&rest[..end])
}

pub fn decode_manifest(stored: &str) -> Result<Manifest, CodecError> {
    let rest = stored
        .strip_prefix(MANIFEST_MAGIC)
        .ok_or(CodecError::NotOurs)?;
    let (_, json) = rest.split_once('|').ok_or(CodecError::NotOurs)?;
    serde_json::from_str(json).map_err(|_| CodecError::Damaged)
}

pub fn encode_chunk(bundle_json: &str) -> String {
    let deflated = miniz_oxide::deflate::compress_to_vec(bundle_json.as_bytes(), 6);
    let mut out = String::with_capacity(CHUNK_MAGIC.len() + 9 + deflated.len() * 8 / 15 * 3 + 4);
    out.push_str(CHUNK_MAGIC);
    out.push_str(&format!("{:08x}|", crc32(&deflated)));
    out.push_str(&pack(&deflated));
    out
}

/// Whether a stored chunk is in the current encoding (an older one is written again).
pub fn is_current_chunk(stored_prefix: &str) -> bool {
    stored_prefix.starts_with(CHUNK_MAGIC)
}

/// Decode a chunk. Records that cannot be read are listed in the bundle's `rejected`.
pub fn decode_chunk(stored: &str) -> Result<Bundle, CodecError> {
    let deflated = if let Some(rest) = stored.strip_prefix(CHUNK_MAGIC) {
        let (crc, packed) = rest.split_at_checked(9).ok_or(CodecError::Damaged)?;
        let want = crc
            .strip_suffix('|')
            .and_then(|h| u32::from_str_radix(h, 16).ok())
            .ok_or(CodecError::Damaged)?;
        let deflated = unpack(packed).ok_or(CodecError::Damaged)?;
        if crc32(&deflated) != want {
            return Err(CodecError::Damaged);
        }
        deflated
    } else {
        let packed = stored
            .strip_prefix(CHUNK_MAGIC_V1)
            .ok_or(CodecError::NotOurs)?;
        unpack(packed).ok_or(CodecError::Damaged)?
    };
    let json = miniz_oxide::inflate::decompress_to_vec_with_limit(&deflated, 1 << 30)
        .map_err(|_| CodecError::Damaged)?;
    let text = std::str::from_utf8(&json).map_err(|_| CodecError::Damaged)?;
    format::parse_any_size(text).map_err(CodecError::Bundle)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::testkit::small;

    #[test]
    fn manifests_round_trip_with_their_token() {
        let mut m = Manifest {
            schema: 1,
            ..Default::default()
        };
        m.chunks.insert(
            "dir".into(),
            ChunkRef {
                key: "donghanh.data.dir.t1".into(),
                fp: fp_text(u64::MAX),
            },
        );
        let text = encode_manifest(&m, "abc123");
        assert_eq!(token(&text), Some("abc123"));
        assert_eq!(decode_manifest(&text), Ok(m));
        assert_eq!(decode_manifest("DH2|t|{not json"), Err(CodecError::Damaged));
        assert_eq!(decode_manifest("hello"), Err(CodecError::NotOurs));
        assert_eq!(token("hello"), None);
    }

    #[test]
    fn chunks_round_trip() {
        let text = format::write(&small(), "t", None);
        let b = decode_chunk(&encode_chunk(&text)).expect("decodes");
        let mut want = small();
        want.sort_activities();
        assert_eq!(b.data, want);
    }

    #[test]
    fn foreign_and_damaged_chunks_are_recognised() {
        assert_eq!(decode_chunk("").err(), Some(CodecError::NotOurs));
        let good = encode_chunk(&format::write(&small(), "t", None));
        let cut: String = good.chars().take(good.chars().count() / 2).collect();
        assert_eq!(decode_chunk(&cut).err(), Some(CodecError::Damaged));
        let mut bad = good.clone();
        bad.push('\u{9999}');
        assert_eq!(decode_chunk(&bad).err(), Some(CodecError::Damaged));
        let junk = format!("DC1|{}", pack(b"definitely not deflate"));
        assert_eq!(decode_chunk(&junk).err(), Some(CodecError::Damaged));
        let not_bundle = format!(
            "DC1|{}",
            pack(&miniz_oxide::deflate::compress_to_vec(b"[1,2]", 6))
        );
        assert_eq!(
            decode_chunk(&not_bundle).err(),
            Some(CodecError::Bundle(FileError::NotAnObject))
        );
    }

    #[test]
    fn chunks_carry_a_checksum_and_the_first_version_still_reads() {
        let text = format::write(&small(), "t", None);
        let chunk = encode_chunk(&text);
        assert!(
            chunk.starts_with("DC2|") && chunk.as_bytes()[12] == b'|',
            "{}",
            &chunk[..16]
        );
        let deflated = miniz_oxide::deflate::compress_to_vec(text.as_bytes(), 6);
        let v1 = format!("DC1|{}", pack(&deflated));
        assert!(is_current_chunk(&chunk) && !is_current_chunk(&v1));
        let mut want = small();
        want.sort_activities();
        assert_eq!(decode_chunk(&v1).expect("first version").data, want);
    }

    /// One character changed anywhere in a stored chunk is caught: it never reads as other
    /// data (the first version could inflate damage into different, valid text). Only a change
    /// in the last character's padding bits reads back the very same data.
    #[test]
    fn any_single_character_of_damage_is_caught() {
        let chunk = encode_chunk(&format::write(&small(), "t", None));
        let same = decode_chunk(&chunk).expect("decodes").data;
        let chars: Vec<char> = chunk.chars().collect();
        let mut caught = 0;
        for (i, c) in chars.iter().enumerate().skip(4) {
            for delta in [1u32, 7, 0x100] {
                let Some(other) = char::from_u32(*c as u32 ^ delta) else {
                    continue;
                };
                let mut damaged = chars.clone();
                damaged[i] = other;
                let damaged: String = damaged.into_iter().collect();
                match decode_chunk(&damaged) {
                    Err(_) => caught += 1,
                    Ok(b) if b.data == same => {}
                    Ok(b) => panic!(
                        "position {i}, {delta}: read as data ({} activities)",
                        b.data.activities.len()
                    ),
                }
            }
        }
        assert!(caught > 1000, "{caught}");
    }
}
