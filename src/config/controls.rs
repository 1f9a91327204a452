//! Control characters and noncharacters in site.toml. TOML allows C1
//! controls and noncharacters in strings as they are, and any code point
//! through `\u`/`\U` escapes, so the site title or a kind label could carry
//! an escape sequence into every page. They are removed from the parsed
//! tree (keys and string values) before it is read into the configuration,
//! each string reported once at its position.

use super::CONFIG_FILE;
use crate::diag::{Code, Diagnostic, Diagnostics, LineIndex};
use crate::invisible::is_removed;
use std::borrow::Cow;
use toml::de::{DeString, DeTable, DeValue};
use toml::Spanned;

/// Most `control-character` diagnostics for site.toml; the rest are counted.
const MAX_REPORTED: usize = 20;

/// Strings found carrying removed characters, by span.
struct Found<'t> {
    text: &'t str,
    index: LineIndex,
    spans: Vec<std::ops::Range<usize>>,
}

/// Removes control characters from every key and string in `table`,
/// reporting each string that had some.
pub(super) fn strip(text: &str, table: &mut DeTable<'_>, diagnostics: &mut Diagnostics) {
    let mut found = Found { text, index: LineIndex::new(text), spans: Vec::new() };
    strip_table(table, &mut found);
    for span in found.spans.iter().take(MAX_REPORTED) {
        let width = found.text.get(span.clone()).map_or(1, |s| s.lines().next().unwrap_or("").chars().count().max(1));
        let mut d =
            Diagnostic::new(Code::ControlCharacter, CONFIG_FILE, "invisible control characters removed".to_owned())
                .at_offset(&found.index, found.text, span.start, width)
                .suggest(
                    "delete them (or the `\\u` escapes that write them); they can rewrite a terminal or break pages",
                );
        d.snippet = d.snippet.map(|line| line.chars().filter(|&c| !is_removed(c)).collect());
        diagnostics.push(d);
    }
    if found.spans.len() > MAX_REPORTED {
        let message = format!("{} more strings with control characters in site.toml", found.spans.len() - MAX_REPORTED);
        diagnostics.push(Diagnostic::new(Code::ControlCharacter, CONFIG_FILE, message));
    }
}

fn strip_table(table: &mut DeTable<'_>, found: &mut Found<'_>) {
    let dirty_key = table.iter().any(|(key, _)| key.get_ref().chars().any(is_removed));
    if dirty_key {
        let old = std::mem::take(table);
        for (mut key, value) in old {
            strip_string(&mut key, found);
            table.insert(key, value);
        }
    }
    for (_, value) in table.iter_mut() {
        strip_value(value, found);
    }
}

fn strip_value(value: &mut Spanned<DeValue<'_>>, found: &mut Found<'_>) {
    let span = value.span();
    match value.get_mut() {
        DeValue::String(text) => {
            let mut spanned = Spanned::new(span, std::mem::take(text));
            strip_string(&mut spanned, found);
            *text = spanned.into_inner();
        }
        DeValue::Array(items) => items.iter_mut().for_each(|item| strip_value(item, found)),
        DeValue::Table(table) => strip_table(table, found),
        _ => {}
    }
}

fn strip_string(text: &mut Spanned<DeString<'_>>, found: &mut Found<'_>) {
    if text.get_ref().chars().any(is_removed) {
        found.spans.push(text.span());
        let kept: String = text.get_ref().chars().filter(|&c| !is_removed(c)).collect();
        *text.get_mut() = Cow::Owned(kept);
    }
}

#[cfg(test)]
mod tests {
    use crate::config::parse;
    use crate::diag::Diagnostics;

    #[test]
    fn escapes_and_raw_c1_characters_leave_no_trace_in_the_configuration() {
        let mut diagnostics = Diagnostics::new();
        let text = "title = \"A\\u001b]0;x\\u0007B\"\ndescription = \"C\u{85}D\\U0010FFFF\"\n\
                    [kinds.\"ro\\u009ble\"]\nlabel = \"R\\bole\"\nplural = \"Roles\"\n";
        let config = parse(text, &mut diagnostics);
        assert_eq!(config.title, "A]0;xB");
        assert_eq!(config.description, "CD");
        assert_eq!(
            config.kinds.iter().map(|k| (k.key.as_str(), k.label.as_str())).collect::<Vec<_>>(),
            [("role", "Role")]
        );
        let list = diagnostics.finish(&Default::default());
        let at: Vec<(&str, usize)> = list.iter().map(|d| (d.code.as_str(), d.location.map_or(0, |l| l.line))).collect();
        assert_eq!(
            at,
            [("control-character", 1), ("control-character", 2), ("control-character", 3), ("control-character", 4)]
        );
    }
}
