//! The field names of a serde struct, read from its own `Deserialize`
//! impl: serde hands the list to `deserialize_struct`, so a field added to
//! a raw front-matter struct shows up here without anyone updating a list.

use serde::de::{self, DeserializeOwned, Visitor};
use serde::forward_to_deserialize_any;

/// A deserializer that records the field list it is asked for and stops.
#[derive(Default)]
struct Capture {
    fields: Option<&'static [&'static str]>,
}

impl<'de> de::Deserializer<'de> for &mut Capture {
    type Error = de::value::Error;

    fn deserialize_any<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value, Self::Error> {
        Err(de::Error::custom("not a struct"))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        _visitor: V,
    ) -> Result<V::Value, Self::Error> {
        self.fields = Some(fields);
        Err(de::Error::custom("fields captured"))
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf option unit
        unit_struct newtype_struct seq tuple tuple_struct map enum identifier ignored_any
    }
}

/// The serde field names of `T`, in declaration order (empty when `T` is
/// not a struct).
pub(crate) fn of<T: DeserializeOwned>() -> &'static [&'static str] {
    let mut capture = Capture::default();
    let _ = T::deserialize(&mut capture);
    capture.fields.unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::raw::{RawComparison, RawDecision, RawEntry, RawSource, COMPARISON_KEYS, ENTRY_KEYS};

    #[test]
    fn reads_the_field_names_serde_derives() {
        assert_eq!(of::<RawDecision>(), ["decision", "part"]);
        assert_eq!(of::<RawSource>(), ["title", "url", "publisher"]);
        assert!(of::<String>().is_empty());
    }

    #[test]
    fn the_unknown_key_lists_match_the_structs() {
        assert_eq!(of::<RawEntry>(), ENTRY_KEYS, "update ENTRY_KEYS in src/load/raw.rs");
        assert_eq!(of::<RawComparison>(), COMPARISON_KEYS, "update COMPARISON_KEYS in src/load/raw.rs");
    }
}
