//! A bundle file signed with its digest by the browser's SHA-256 (native, off the page's
//! thread); hashed in wasm where the browser offers none.

use crate::bundle::format::Unsigned;
use crate::ui::browser::sha256_hex;

/// The file's text with its digest.
pub async fn signed(unsigned: Unsigned) -> String {
    // The browser copies the bytes when the hash starts: they go before it is awaited.
    let sum = sha256_hex(&unsigned.claim());
    let sum = sum.await;
    unsigned.sign(sum.as_deref())
}
