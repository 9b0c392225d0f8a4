//! Text files as offices write them: the importers read spreadsheets and old sites' pages
//! through here.

/// Text of a file: UTF-8 (with or without BOM), UTF-16 with BOM, or else Windows-1251,
/// which Russian offices' Excel writes by default.
pub(crate) fn decode(bytes: &[u8]) -> Option<String> {
    if let Some(text) = bytes.strip_prefix(b"\xef\xbb\xbf") {
        return String::from_utf8(text.to_vec()).ok();
    }
    let utf16 = |rest: &[u8], little: bool| {
        let units = rest.chunks_exact(2).map(|b| if little { u16::from_le_bytes([b[0], b[1]]) } else { u16::from_be_bytes([b[0], b[1]]) });
        char::decode_utf16(units).collect::<Result<String, _>>().ok()
    };
    if let Some(rest) = bytes.strip_prefix(b"\xff\xfe") {
        return utf16(rest, true);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xfe\xff") {
        return utf16(rest, false);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Some(text.to_string());
    }
    // Control bytes (UTF-16 without BOM, binaries) are no Windows-1251 text.
    if bytes.iter().any(|&b| b < 0x09 || (0x0e..0x20).contains(&b) || b == 0x98) {
        return None;
    }
    Some(bytes.iter().map(|&b| windows_1251(b)).collect())
}

/// Windows-1251: ASCII, then Cyrillic and punctuation (0x98 is unassigned).
fn windows_1251(byte: u8) -> char {
    const HIGH: [u16; 64] = [
        0x0402, 0x0403, 0x201a, 0x0453, 0x201e, 0x2026, 0x2020, 0x2021, 0x20ac, 0x2030, 0x0409, 0x2039, 0x040a, 0x040c, 0x040b, 0x040f,
        0x0452, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0xfffd, 0x2122, 0x0459, 0x203a, 0x045a, 0x045c, 0x045b, 0x045f,
        0x00a0, 0x040e, 0x045e, 0x0408, 0x00a4, 0x0490, 0x00a6, 0x00a7, 0x0401, 0x00a9, 0x0404, 0x00ab, 0x00ac, 0x00ad, 0x00ae, 0x0407,
        0x00b0, 0x00b1, 0x0406, 0x0456, 0x0491, 0x00b5, 0x00b6, 0x00b7, 0x0451, 0x2116, 0x0454, 0x00bb, 0x0458, 0x0405, 0x0455, 0x0457,
    ];
    match byte {
        0..=0x7f => char::from(byte),
        0x80..=0xbf => char::from_u32(u32::from(HIGH[usize::from(byte - 0x80)])).unwrap_or('\u{fffd}'),
        _ => char::from_u32(0x0410 + u32::from(byte - 0xc0)).unwrap_or('\u{fffd}'),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_windows_1251_table_is_the_standard_one() {
        for byte in 0x80..=0xffu8 {
            let bytes = [byte];
            let (expected, _, _) = encoding_rs::WINDOWS_1251.decode(&bytes);
            if byte != 0x98 {
                assert_eq!(windows_1251(byte).to_string(), expected, "{byte:#x}");
            }
        }
    }

}
