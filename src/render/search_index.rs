//! The client-side search index, emitted as JavaScript files that assign
//! globals, so it loads with a `<script>` element and works from file://
//! (browsers refuse `fetch` there).
//!
//! It is split so a search on a 10 000-entry site downloads well under 1 MB
//! (issue 4):
//! - `assets/search-index.js`: names only (title, URL when it differs from
//!   the title's simple slug, abbreviation, aliases, kind, tags), loaded when
//!   the search box is first focused;
//! - `assets/search/t-N.js`: the words of summaries and bodies as postings
//!   lists, in word order, cut into shards of about 24 KB; a query loads only
//!   the shards that hold its own words (and words they begin);
//! - `assets/search/s-N.js`: summaries in blocks of [`BLOCK`] entries, loaded
//!   for the results on screen.

use super::views::Views;
use crate::load::Document;
use crate::resolve::EntryId;
use crate::write::OutputFile;
use pulldown_cmark::{Event, Parser};
use serde::Serialize;
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

/// Entries per summary block.
pub const BLOCK: usize = 50;
/// A term shard is closed once it holds about this many bytes.
const SHARD_BYTES: usize = 24_000;
/// Most body words indexed per entry (the most distinctive ones).
const BODY_TERMS: usize = 200;
/// Words too common to help.
const STOPWORDS: &[&str] = &[
    "a", "about", "after", "all", "also", "an", "and", "any", "are", "as", "at", "be", "been", "but", "by", "can",
    "do", "does", "each", "for", "from", "has", "have", "how", "if", "in", "into", "is", "it", "its", "may", "more",
    "most", "not", "of", "on", "one", "or", "other", "our", "so", "such", "than", "that", "the", "their", "them",
    "then", "there", "these", "they", "this", "to", "was", "we", "were", "what", "when", "which", "who", "will",
    "with", "would", "you", "your",
];

/// One searchable record: an entry or a comparison.
struct Record<'a> {
    title: &'a str,
    url: String,
    abbr: &'a str,
    aliases: &'a [String],
    kind: usize,
    tags: &'a [String],
    summary: &'a str,
    body: &'a str,
}

/// Builds every search file for the published entries (`sorted`) and comparisons.
pub fn files(views: &Views<'_>, documents: &[Document], sorted: &[EntryId]) -> Vec<OutputFile> {
    let kb = views.kb;
    let mut kinds: Vec<&str> = views.config.kinds.iter().map(|k| k.label.as_str()).collect();
    let mut records: Vec<Record<'_>> = sorted
        .iter()
        .map(|&id| {
            let e = &kb.entries[id];
            Record {
                title: &e.title,
                url: e.slug.clone(),
                abbr: e.abbr.as_deref().unwrap_or(""),
                aliases: &e.aliases,
                kind: views.config.kinds.iter().position(|k| k.key == e.kind).unwrap_or(0),
                tags: &e.tags,
                summary: &e.summary,
                body: documents.get(e.document).map_or("", Document::body_text),
            }
        })
        .collect();
    let comparison_kind = kinds.len();
    kinds.push("Comparison");
    records.extend(kb.comparisons.iter().filter(|c| kb.include_drafts || !c.draft).map(|c| Record {
        title: &c.title,
        url: format!("compare/{}", c.slug),
        abbr: "",
        aliases: &[],
        kind: comparison_kind,
        tags: &c.tags,
        summary: &c.summary,
        body: c.document.and_then(|d| documents.get(d)).map_or("", Document::body_text),
    }));
    let (shards, shard_files) = term_shards(&records);
    let mut files = vec![names_file(&records, &kinds, &shards)];
    files.extend(shard_files);
    files.extend(summary_files(&records));
    files
}

/// `assets/search-index.js`.
fn names_file(records: &[Record<'_>], kinds: &[&str], shards: &[String]) -> OutputFile {
    let tags: BTreeSet<&str> = records.iter().flat_map(|r| r.tags.iter().map(String::as_str)).collect();
    let tags: Vec<&str> = tags.into_iter().collect();
    let rows: Vec<Value> = records
        .iter()
        .map(|r| {
            let url = if simple_slug(r.title) == r.url { Value::from(0) } else { Value::from(r.url.as_str()) };
            let tag_ids: Vec<usize> = r.tags.iter().filter_map(|t| tags.binary_search(&t.as_str()).ok()).collect();
            json!([r.title, url, r.abbr, r.aliases, r.kind, tag_ids])
        })
        .collect();
    #[derive(Serialize)]
    struct Names<'a> {
        v: u8,
        block: usize,
        kinds: &'a [&'a str],
        tags: &'a [&'a str],
        shards: &'a [String],
        e: Vec<Value>,
    }
    let names = Names { v: 1, block: BLOCK, kinds, tags: &tags, shards, e: rows };
    js_file("assets/search-index.js", "window.ROLEBOOK_SEARCH=", &names)
}

/// `assets/search/s-N.js`: summaries, [`BLOCK`] per file.
fn summary_files(records: &[Record<'_>]) -> Vec<OutputFile> {
    records
        .chunks(BLOCK)
        .enumerate()
        .map(|(n, chunk)| {
            let summaries: Vec<&str> = chunk.iter().map(|r| r.summary).collect();
            let prefix = format!("(window.ROLEBOOK_SUMMARIES=window.ROLEBOOK_SUMMARIES||{{}})[{n}]=");
            js_file(&format!("assets/search/s-{n}.js"), &prefix, &summaries)
        })
        .collect()
}

/// Postings of every word, in word order, cut into shards of about
/// [`SHARD_BYTES`]; returns each shard's first word and the shard files.
fn term_shards(records: &[Record<'_>]) -> (Vec<String>, Vec<OutputFile>) {
    // word → (summary postings, body postings), entry ids ascending.
    let mut postings: BTreeMap<String, (Vec<usize>, Vec<usize>)> = BTreeMap::new();
    let bodies: Vec<BTreeMap<String, usize>> = records.iter().map(|r| body_counts(r.body)).collect();
    let mut frequency: BTreeMap<&str, usize> = BTreeMap::new();
    for word in bodies.iter().flat_map(BTreeMap::keys) {
        *frequency.entry(word).or_insert(0) += 1;
    }
    for (index, record) in records.iter().enumerate() {
        let summary: BTreeSet<String> = words(record.summary).into_iter().filter(|w| w.len() >= 2).collect();
        for word in &summary {
            postings.entry(word.clone()).or_default().0.push(index);
        }
        for word in distinctive(&bodies[index], &frequency, records.len()).into_iter().filter(|w| !summary.contains(*w))
        {
            postings.entry(word.to_owned()).or_default().1.push(index);
        }
    }
    let mut starts = Vec::new();
    let mut files = Vec::new();
    let mut shard: (BTreeMap<&str, String>, BTreeMap<&str, String>) = Default::default();
    let mut size = 0;
    for (word, (in_summary, in_body)) in &postings {
        if size >= SHARD_BYTES {
            files.push(shard_file(files.len(), &shard));
            shard = Default::default();
            size = 0;
        }
        if size == 0 {
            starts.push(word.clone());
        }
        for (map, ids) in [(&mut shard.0, in_summary), (&mut shard.1, in_body)] {
            if !ids.is_empty() {
                let encoded = encode(ids);
                size += word.len() + encoded.len() + 6;
                map.insert(word, encoded);
            }
        }
    }
    if size > 0 {
        files.push(shard_file(files.len(), &shard));
    }
    (starts, files)
}

fn shard_file(n: usize, shard: &(BTreeMap<&str, String>, BTreeMap<&str, String>)) -> OutputFile {
    let prefix = format!("(window.ROLEBOOK_TERMS=window.ROLEBOOK_TERMS||{{}})[{n}]=");
    js_file(&format!("assets/search/t-{n}.js"), &prefix, &json!({ "s": shard.0, "b": shard.1 }))
}

/// Ascending ids as base-36 gaps joined by commas (`3,1,a`).
fn encode(ids: &[usize]) -> String {
    let mut out = String::with_capacity(ids.len() * 3);
    let mut previous = 0;
    for (i, &id) in ids.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_base36(&mut out, id - previous);
        previous = id;
    }
    out
}

fn push_base36(out: &mut String, mut n: usize) {
    let mut digits = Vec::new();
    loop {
        digits.push(char::from_digit((n % 36) as u32, 36).unwrap_or('0'));
        n /= 36;
        if n == 0 {
            break;
        }
    }
    out.extend(digits.iter().rev());
}

/// Lower-case ASCII words of a text (accents folded), as the search script
/// splits queries.
pub fn words(text: &str) -> Vec<String> {
    let folded = deunicode::deunicode(text).to_ascii_lowercase();
    folded.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_owned).collect()
}

/// How often each useful word occurs in a Markdown body.
fn body_counts(markdown: &str) -> BTreeMap<String, usize> {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for event in Parser::new_ext(markdown, crate::resolve::body_links::markdown_options()) {
        if let Event::Text(text) | Event::Code(text) = event {
            for word in words(&text) {
                if word.len() >= 3 && word.len() <= 24 && STOPWORDS.binary_search(&word.as_str()).is_err() {
                    *counts.entry(word).or_insert(0) += 1;
                }
            }
        }
    }
    counts
}

/// The [`BODY_TERMS`] words of a body that best tell it apart (term
/// frequency × inverse document frequency), so rare words survive the cap.
fn distinctive<'a>(
    counts: &'a BTreeMap<String, usize>,
    frequency: &BTreeMap<&str, usize>,
    total: usize,
) -> Vec<&'a str> {
    let mut ranked: Vec<(f64, &str)> = counts
        .iter()
        .map(|(word, &n)| {
            let df = frequency.get(word.as_str()).copied().unwrap_or(1).max(1);
            ((1.0 + (n as f64).ln()) * ((1 + total) as f64 / df as f64).ln(), word.as_str())
        })
        .collect();
    // On a large site a word in more than a quarter of the bodies tells
    // nothing apart; leave it to titles and summaries.
    if total >= 400 {
        ranked.retain(|(_, word)| frequency.get(word).copied().unwrap_or(0) * 4 <= total);
    }
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1)));
    ranked.truncate(BODY_TERMS);
    ranked.into_iter().map(|(_, word)| word).collect()
}

/// The slug the search script derives from a title: ASCII letters and digits
/// lower-cased, runs of anything else as one `-`. Non-ASCII titles never
/// match, so their URL is always spelled out.
fn simple_slug(title: &str) -> String {
    if title.is_ascii() {
        crate::resolve::slug::slugify_ascii(title)
    } else {
        String::new()
    }
}

/// A `.js` file: `prefix` + JSON + `;`.
pub fn js_file(path: &str, prefix: &str, value: &impl Serialize) -> OutputFile {
    let mut text = String::from(prefix);
    let json = serde_json::to_string(value).unwrap_or_else(|_| "null".into());
    // `</script` cannot end anything in a .js file, but keep the output safe
    // to inline anyway.
    let _ = writeln!(text, "{};", json.replace("</", "<\\/"));
    OutputFile { path: path.to_owned(), bytes: text.into_bytes() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_postings_as_base36_gaps() {
        assert_eq!(encode(&[3, 4, 40]), "3,1,10");
        assert_eq!(encode(&[0]), "0");
    }

    #[test]
    fn derives_the_simple_slug_only_for_ascii_titles() {
        assert_eq!(simple_slug("Data Product Owner (DPO)"), "data-product-owner-dpo");
        assert_eq!(simple_slug("Über"), "");
    }

    #[test]
    fn counts_words_and_drops_stopwords() {
        let counts = body_counts("The owner **owns** the backlog; the owner orders it. `sql`");
        assert_eq!(counts.get("owner"), Some(&2));
        assert!(counts.contains_key("sql") && !counts.contains_key("the"), "{counts:?}");
    }

    #[test]
    fn prefers_rare_words_when_capping() {
        let counts: BTreeMap<String, usize> = [("common".to_owned(), 5), ("foreman".to_owned(), 1)].into();
        let frequency: BTreeMap<&str, usize> = [("common", 100), ("foreman", 1)].into();
        assert_eq!(distinctive(&counts, &frequency, 100), vec!["foreman", "common"]);
    }

    #[test]
    fn stopwords_are_sorted_for_binary_search() {
        assert!(STOPWORDS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn escapes_closing_tags_in_emitted_scripts() {
        let file = js_file("x.js", "window.X=", &"</script><b>");
        assert_eq!(String::from_utf8(file.bytes).unwrap_or_default(), "window.X=\"<\\/script><b>\";\n");
    }
}
