//! How numbers, dates and sizes read in Russian, and percent-encoding for query strings.

const MONTHS: [&str; 12] = [
    "января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября", "ноября", "декабря",
];

/// `2026-11-23` → `23 ноября 2026 г.`; anything else is returned as it is.
pub fn date_ru(iso: &str, out: &mut String) {
    let parts: Vec<&str> = iso.split('-').collect();
    let parsed = match parts.as_slice() {
        [y, m, d] if y.len() == 4 => match (y.parse::<u32>(), m.parse::<usize>(), d.parse::<u32>()) {
            (Ok(y), Ok(m @ 1..=12), Ok(d @ 1..=31)) => Some((y, m, d)),
            _ => None,
        },
        _ => None,
    };
    match parsed {
        Some((y, m, d)) => {
            out.push_str(&d.to_string());
            out.push(' ');
            out.push_str(MONTHS[m - 1]);
            out.push(' ');
            out.push_str(&y.to_string());
            out.push_str(" г.");
        }
        None => crate::escape::text(out, iso),
    }
}

/// `1288490` → `1,2 МБ`.
pub fn file_size(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["Б", "КБ", "МБ", "ГБ"];
    let mut value = bytes as f64;
    let mut unit = 0;
    while value >= 1024.0 && unit < UNITS.len() - 1 {
        value /= 1024.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{bytes} Б")
    } else {
        format!("{:.1} {}", value, UNITS[unit]).replace('.', ",")
    }
}

/// Percent-encodes a query value (RFC 3986 unreserved characters pass).
pub fn query_value(value: &str, out: &mut String) {
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push('%');
            out.push(char::from(b"0123456789ABCDEF"[usize::from(byte >> 4)]));
            out.push(char::from(b"0123456789ABCDEF"[usize::from(byte & 15)]));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        let mut out = String::new();
        date_ru("2026-11-23", &mut out);
        assert_eq!(out, "23 ноября 2026 г.");
        out.clear();
        date_ru("<b>", &mut out);
        assert_eq!(out, "&lt;b&gt;");
        out.clear();
        date_ru("2026-13-01", &mut out);
        assert_eq!(out, "2026-13-01");
    }

    #[test]
    fn sizes() {
        assert_eq!(file_size(512), "512 Б");
        assert_eq!(file_size(1_288_490), "1,2 МБ");
        assert_eq!(file_size(2048), "2,0 КБ");
    }

    #[test]
    fn query() {
        let mut out = String::new();
        query_value("Рязань, ул. Ленина & 30", &mut out);
        assert_eq!(out, "%D0%A0%D1%8F%D0%B7%D0%B0%D0%BD%D1%8C%2C%20%D1%83%D0%BB.%20%D0%9B%D0%B5%D0%BD%D0%B8%D0%BD%D0%B0%20%26%2030");
    }
}
