//! `glossary.csv`: one row per published entry (term, abbreviation,
//! aliases, kind, summary, URL), RFC 4180: CRLF line ends, fields quoted
//! when they hold a comma, quote or line break, quotes doubled.

use super::page_url;
use crate::config::SiteConfig;
use crate::render::urls;
use crate::resolve::{EntryId, KnowledgeBase};

/// The header row.
const HEADER: [&str; 6] = ["term", "abbreviation", "aliases", "kind", "summary", "url"];

/// Separator between aliases inside the one `aliases` field.
const ALIAS_SEPARATOR: &str = "; ";

/// The glossary as CSV bytes (UTF-8, no BOM).
pub(super) fn render(kb: &KnowledgeBase, config: &SiteConfig, published: &[EntryId]) -> Vec<u8> {
    let mut out = String::new();
    push_row(&mut out, &HEADER.map(str::to_owned));
    for &id in published {
        let e = &kb.entries[id];
        let kind = config.kind(&e.kind).map_or(e.kind.as_str(), |k| k.label.as_str());
        push_row(
            &mut out,
            &[
                e.title.clone(),
                e.abbr.clone().unwrap_or_default(),
                e.aliases.join(ALIAS_SEPARATOR),
                kind.to_owned(),
                e.summary.clone(),
                page_url(config, &urls::entry(&e.slug)),
            ],
        );
    }
    out.into_bytes()
}

fn push_row(out: &mut String, fields: &[String]) {
    for (i, field) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&field_text(field));
    }
    out.push_str("\r\n");
}

/// One field, quoted when needed. A leading `=`, `+`, `-` or `@` gets a `'`
/// so spreadsheets opening the file do not run it as a formula.
fn field_text(field: &str) -> String {
    let guarded = if field.starts_with(['=', '+', '-', '@']) { format!("'{field}") } else { field.to_owned() };
    if guarded.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_fields_with_commas_quotes_and_line_breaks() {
        assert_eq!(field_text("plain"), "plain");
        assert_eq!(field_text("a, b"), "\"a, b\"");
        assert_eq!(field_text("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field_text("two\nlines"), "\"two\nlines\"");
    }

    #[test]
    fn defuses_spreadsheet_formulas() {
        assert_eq!(field_text("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(field_text("@cmd"), "'@cmd");
    }
}
