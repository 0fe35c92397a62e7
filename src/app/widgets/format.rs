//! Numbers as the window shows them.

/// An integer with thousands separators: 1234567 → "1,234,567".
/// (The library's `text::int`, with a sign.)
pub fn int(v: i64) -> String {
    let out = crate::text::int(v.unsigned_abs());
    if v < 0 { format!("-{out}") } else { out }
}

#[cfg(test)]
mod tests {
    #[test]
    fn thousands() {
        assert_eq!(super::int(0), "0");
        assert_eq!(super::int(999), "999");
        assert_eq!(super::int(1000), "1,000");
        assert_eq!(super::int(-1234567), "-1,234,567");
    }
}
