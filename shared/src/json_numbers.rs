//! Whole numbers as JSON Schema counts them: `2.0` is an integer there, so a system that
//! checks its requests against a schema may send one. serde reads `2.0` only as a float;
//! these read any whole number in range and refuse fractions, like the schema does.

use serde::de::{Error, Unexpected, Visitor};
use serde::Deserializer;
use std::fmt;

/// 2^64 and 2^63 as floats: the first float past each integer range.
const TWO_POW_64: f64 = 18_446_744_073_709_551_616.0;
const TWO_POW_63: f64 = 9_223_372_036_854_775_808.0;

struct Whole<const SIGNED: bool>;

impl<const SIGNED: bool> Visitor<'_> for Whole<SIGNED> {
    type Value = i128;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("a whole number")
    }

    fn visit_u64<E: Error>(self, value: u64) -> Result<i128, E> {
        Ok(i128::from(value))
    }

    fn visit_i64<E: Error>(self, value: i64) -> Result<i128, E> {
        Ok(i128::from(value))
    }

    fn visit_f64<E: Error>(self, value: f64) -> Result<i128, E> {
        let (low, high) = if SIGNED { (-TWO_POW_63, TWO_POW_63) } else { (0.0, TWO_POW_64) };
        match value.fract() == 0.0 && value >= low && value < high {
            // In range and whole, so the cast is exact.
            true => Ok(value as i128),
            false => Err(E::invalid_value(Unexpected::Float(value), &self)),
        }
    }
}

/// A `u64` from any whole JSON number (`48213` or `48213.0`).
pub fn whole_u64<'de, D: Deserializer<'de>>(deserializer: D) -> Result<u64, D::Error> {
    let value = deserializer.deserialize_any(Whole::<false>)?;
    u64::try_from(value).map_err(|_| D::Error::custom(format!("{value} is out of range for a size")))
}

/// An `i64` from any whole JSON number (`7` or `7.0`).
pub fn whole_i64<'de, D: Deserializer<'de>>(deserializer: D) -> Result<i64, D::Error> {
    let value = deserializer.deserialize_any(Whole::<true>)?;
    i64::try_from(value).map_err(|_| D::Error::custom(format!("{value} is out of range")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Deserialize, Debug, PartialEq)]
    struct Sizes {
        #[serde(deserialize_with = "whole_u64")]
        size: u64,
        #[serde(deserialize_with = "whole_i64")]
        version: i64,
    }

    fn read(json: &str) -> Result<Sizes, String> {
        serde_json::from_str(json).map_err(|e| e.to_string())
    }

    #[test]
    fn whole_numbers_in_any_spelling() {
        assert_eq!(read(r#"{"size":48213,"version":-3}"#), Ok(Sizes { size: 48213, version: -3 }));
        assert_eq!(read(r#"{"size":19943774.0,"version":7.0}"#), Ok(Sizes { size: 19_943_774, version: 7 }));
        assert_eq!(read(r#"{"size":1e3,"version":0}"#), Ok(Sizes { size: 1000, version: 0 }));
        assert_eq!(read(r#"{"size":18446744073709551615,"version":9223372036854775807}"#).map(|s| s.size), Ok(u64::MAX));
    }

    #[test]
    fn fractions_negatives_and_giants_are_refused() {
        for bad in [
            r#"{"size":1.5,"version":0}"#,
            r#"{"size":-1,"version":0}"#,
            r#"{"size":-1.0,"version":0}"#,
            r#"{"size":18446744073709551616.0,"version":0}"#,
            r#"{"size":0,"version":9223372036854775808}"#,
            r#"{"size":0,"version":9.3e18}"#,
            r#"{"size":"1","version":0}"#,
        ] {
            assert!(read(bad).is_err(), "{bad}");
        }
    }
}
