//! The client-side search index, emitted as JavaScript files that assign
//! globals, so it loads with a `<script>` element and works from file://
//! (browsers refuse `fetch` there).
//!
//! It is split so a search on a 10 000-entry site downloads under 300 KB in
//! all (issue 16; Pagefind's figure for 10 000 pages):
//! - `assets/search-index.js`: the shard boundaries and the distinct words
//!   of titles and aliases (for typo-tolerant matching) and the numbers of
//!   deprecated entries (ranked last), loaded when the search box is first
//!   focused;
//! - `assets/search/t-N.js`: every word as postings lists per field (title,
//!   abbreviation, alias, tag, summary, body), in word order, cut into shards
//!   of about `SHARD_BYTES`; a query loads only the shards that hold its
//!   own words, the words they begin and the names it nearly spells;
//! - `assets/search/s-N.js`: title, URL, abbreviation, kind, summary (and
//!   status, unless approved) of [`BLOCK`] entries, loaded for the results
//!   on screen.
//!
//! Title and alias postings are filed by the name's word count (`t2` holds
//! the words of two-word titles) so the script can tell a query that spells
//! a whole name from one that shares a word with it.

use super::views::Views;
use crate::markdown::terms::Terms;
use crate::output::OutputFile;
use crate::resolve::EntryId;
use foldhash::{HashMap, HashMapExt as _};
use rayon::prelude::*;
use serde::Serialize;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::fmt::Write as _;

pub use crate::markdown::terms::words;

/// Entries per result block.
pub const BLOCK: usize = 20;
/// A term shard is closed once it holds about this many bytes.
const SHARD_BYTES: usize = 10_000;
/// Field names of title words by the title's word count (capped).
const TITLE_FIELDS: [&str; 9] = ["t1", "t2", "t3", "t4", "t5", "t6", "t7", "t8", "t9"];
/// Field names of alias words by the alias's word count (capped).
const ALIAS_FIELDS: [&str; 9] = ["l1", "l2", "l3", "l4", "l5", "l6", "l7", "l8", "l9"];
/// Most body words indexed per entry (the most distinctive ones).
const BODY_TERMS: usize = 200;
/// One searchable record: an entry or a comparison.
struct Record<'a> {
    title: &'a str,
    url: String,
    abbr: &'a str,
    aliases: Vec<&'a str>,
    kind: usize,
    tags: &'a [String],
    summary: &'a str,
    /// Word counts of the body, from its one parse at load.
    terms: &'a Terms,
    /// `proposed` or `deprecated`; `None` for approved entries and comparisons.
    status: Option<&'static str>,
}

/// The terms of a record without a body.
static NO_TERMS: Terms = Terms::EMPTY;

/// Builds every search file for the published entries (`sorted`) and comparisons.
pub fn files(views: &Views<'_>, sorted: &[EntryId]) -> Vec<OutputFile> {
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
                aliases: e.aliases.iter().map(String::as_str).collect(),
                kind: views.config.kinds.iter().position(|k| k.key == e.kind).unwrap_or(0),
                tags: &e.tags,
                summary: &e.summary,
                terms: &e.prose.body.terms,
                status: (e.status != crate::resolve::Status::Approved).then(|| e.status.as_str()),
            }
        })
        .collect();
    let comparison_kind = kinds.len();
    kinds.push("Comparison");
    // A comparison is found by the names it compares too ("dpo" finds
    // "Data Product Manager vs Data Product Owner").
    records.extend(kb.comparisons.iter().filter(|c| kb.include_drafts || !c.draft).map(|c| {
        Record {
            title: &c.title,
            url: format!("compare/{}", c.slug),
            abbr: "",
            aliases: c
                .entries
                .iter()
                .flat_map(|&id| {
                    let e = &kb.entries[id];
                    e.abbr.as_deref().into_iter().chain(e.aliases.iter().map(String::as_str))
                })
                .collect(),
            kind: comparison_kind,
            tags: &c.tags,
            summary: &c.summary,
            terms: c.prose.as_ref().map_or(&NO_TERMS, |p| &p.body.terms),
            status: None,
        }
    }));
    let names = name_postings(&records);
    let (shards, shard_files) = term_shards(&records, &names);
    let mut files = vec![index_file(&records, &kinds, &shards)];
    files.extend(shard_files);
    files.extend(result_files(&records));
    files
}

/// `assets/search-index.js`: what the first keystroke needs.
fn index_file(records: &[Record<'_>], kinds: &[&str], shards: &[String]) -> OutputFile {
    let mut names: Vec<String> = records
        .iter()
        .flat_map(|r| std::iter::once(r.title).chain(r.aliases.iter().copied()))
        .flat_map(words)
        .filter(|w| w.len() >= 3)
        .collect();
    names.sort_unstable();
    names.dedup();
    #[derive(Serialize)]
    struct Index<'a> {
        v: u8,
        n: usize,
        block: usize,
        kinds: &'a [&'a str],
        shards: &'a [String],
        w: Vec<String>,
        /// Deprecated records, which the script ranks last.
        #[serde(skip_serializing_if = "Vec::is_empty")]
        dep: Vec<usize>,
    }
    let dep = records.iter().enumerate().filter(|(_, r)| r.status == Some("deprecated")).map(|(i, _)| i).collect();
    let index = Index { v: 2, n: records.len(), block: BLOCK, kinds, shards, w: names, dep };
    js_file("assets/search-index.js", "window.ROLEBOOK_SEARCH=", &index)
}

/// `assets/search/s-N.js`: what a result shows, [`BLOCK`] entries per file:
/// title, URL (0 when it is the title's simple slug), abbreviation, kind,
/// summary, and the status of a proposed or deprecated entry (for its badge).
fn result_files(records: &[Record<'_>]) -> Vec<OutputFile> {
    records
        .chunks(BLOCK)
        .enumerate()
        .map(|(n, chunk)| {
            let rows: Vec<Value> = chunk
                .iter()
                .map(|r| {
                    let url = if simple_slug(r.title) == r.url { Value::from(0) } else { Value::from(r.url.as_str()) };
                    match r.status {
                        Some(status) => json!([r.title, url, r.abbr, r.kind, r.summary, status]),
                        None => json!([r.title, url, r.abbr, r.kind, r.summary]),
                    }
                })
                .collect();
            js_part_file("assets/search/s", "ROLEBOOK_RESULTS", n, &rows)
        })
        .collect()
}

/// Word → field → the records holding it there, for the name fields (title,
/// abbreviation, alias, tag); small next to the body words.
type NamePostings = BTreeMap<String, BTreeMap<&'static str, Vec<u32>>>;

fn name_postings(records: &[Record<'_>]) -> NamePostings {
    let mut out = NamePostings::new();
    let mut add = |text: &str, field: &'static str, id: u32| {
        for word in words(text) {
            let ids = out.entry(word).or_default().entry(field).or_default();
            if ids.last() != Some(&id) {
                ids.push(id);
            }
        }
    };
    for (id, record) in records.iter().enumerate() {
        let id = u32::try_from(id).unwrap_or(u32::MAX);
        let capped = |text: &str| words(text).len().clamp(1, 9) - 1;
        add(record.title, TITLE_FIELDS[capped(record.title)], id);
        add(record.abbr, "a", id);
        for alias in &record.aliases {
            add(alias, ALIAS_FIELDS[capped(alias)], id);
        }
        for tag in record.tags {
            add(tag, "g", id);
        }
    }
    out
}

/// Records whose index words are chosen at once (bounds the memory).
const CHOOSE_AT_ONCE: usize = 4096;

/// Every body word, numbered in word order, with the number of bodies that
/// hold it, and each record's body words as those numbers: postings are
/// then filled by index instead of by a string lookup each, come out in word
/// order, and a body's words are hashed once here (not once for counting
/// bodies and again for ranking them).
struct Vocabulary<'a> {
    /// Word → word number (for summary words).
    ids: HashMap<&'a str, u32>,
    /// Words by number.
    words: Vec<&'a str>,
    /// Each word's inverse document frequency, by word number; `None` for
    /// a word too common to rank.
    idf: Vec<Option<f64>>,
    /// Each record's body words as word numbers, in [`Terms::iter`] order.
    terms: Vec<Vec<u32>>,
}

/// The index words one record contributes.
struct Chosen {
    /// Summary words that also occur in some body, as word numbers.
    summary: Vec<u32>,
    /// Summary words no body has.
    summary_only: Vec<String>,
    /// The distinctive body words its summary lacks, as word numbers.
    body: Vec<u32>,
}

/// Postings of every word, in word order, cut into shards of about
/// `SHARD_BYTES`; returns each shard's first word and the shard files.
fn term_shards(records: &[Record<'_>], names: &NamePostings) -> (Vec<String>, Vec<OutputFile>) {
    let vocabulary = vocabulary(records);
    let mut in_summary: Vec<Vec<u32>> = vec![Vec::new(); vocabulary.words.len()];
    let mut in_body: Vec<Vec<u32>> = vec![Vec::new(); vocabulary.words.len()];
    let mut summary_only: HashMap<String, Vec<u32>> = HashMap::new();
    // Choosing is independent per record, so in parallel, a slice of
    // records at a time so a large site's choices are never all held at once.
    for (slice, chunk) in records.chunks(CHOOSE_AT_ONCE).enumerate() {
        let start = slice * CHOOSE_AT_ONCE;
        let terms = &vocabulary.terms[start..start + chunk.len()];
        let chosen: Vec<Chosen> =
            chunk.par_iter().zip(terms).map(|(record, terms)| choose(record, terms, &vocabulary)).collect();
        for (offset, chosen) in chosen.into_iter().enumerate() {
            let index = u32::try_from(start + offset).unwrap_or(u32::MAX);
            for id in chosen.summary {
                in_summary[id as usize].push(index);
            }
            for id in chosen.body {
                in_body[id as usize].push(index);
            }
            for word in chosen.summary_only {
                summary_only.entry(word).or_default().push(index);
            }
        }
    }
    let mut extra: Vec<(String, Vec<u32>)> = summary_only.into_iter().collect();
    extra.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let known = vocabulary.words.iter().zip(in_summary.iter().zip(&in_body));
    let known = known.map(|(word, (s, b))| (*word, vec![("s", s.as_slice()), ("b", b.as_slice())]));
    let extra = extra.iter().map(|(word, s)| (word.as_str(), vec![("s", s.as_slice())]));
    let names = names
        .iter()
        .map(|(word, fields)| (word.as_str(), fields.iter().map(|(f, ids)| (*f, ids.as_slice())).collect()));
    shard_files(merge_by_word(merge_by_word(known, extra), names))
}

/// One word with its postings per field.
type WordPostings<'w> = (&'w str, Vec<(&'static str, &'w [u32])>);

/// The body words one thread numbered: its own numbers, in the order it
/// met the words, mapped to the vocabulary's once per thread and word.
#[derive(Default)]
struct Local<'a> {
    ids: HashMap<&'a str, u32>,
    words: Vec<&'a str>,
    /// Bodies holding each word, by local number.
    bodies: Vec<u32>,
    /// Record index and its body words as local numbers.
    terms: Vec<(usize, Vec<u32>)>,
}

impl<'a> Local<'a> {
    fn add(mut self, index: usize, record: &Record<'a>) -> Self {
        let ids = record
            .terms
            .iter()
            .map(|(word, _)| {
                let next = u32::try_from(self.words.len()).unwrap_or(u32::MAX);
                let id = *self.ids.entry(word).or_insert(next);
                if id == next {
                    self.words.push(word);
                    self.bodies.push(0);
                }
                self.bodies[id as usize] += 1;
                id
            })
            .collect();
        self.terms.push((index, ids));
        self
    }
}

/// Numbers every body word in word order, counts the bodies holding it and
/// turns each record's body words into word numbers.
fn vocabulary<'a>(records: &[Record<'a>]) -> Vocabulary<'a> {
    // One slice per thread: each slice's words are mapped to the
    // vocabulary once, so fewer slices means fewer lookups.
    let slice = records.len().div_ceil(rayon::current_num_threads()).max(1);
    let locals: Vec<Local<'a>> = records
        .par_chunks(slice)
        .enumerate()
        .map(|(n, chunk)| chunk.iter().enumerate().fold(Local::default(), |local, (i, r)| local.add(n * slice + i, r)))
        .collect();
    let mut words: Vec<&'a str> = locals.iter().flat_map(|local| local.words.iter().copied()).collect();
    words.par_sort_unstable();
    words.dedup();
    let mut ids: HashMap<&'a str, u32> = HashMap::with_capacity(words.len());
    for (id, word) in words.iter().enumerate() {
        ids.insert(word, u32::try_from(id).unwrap_or(u32::MAX));
    }
    let mut bodies = vec![0; words.len()];
    let mut terms = vec![Vec::new(); records.len()];
    for local in locals {
        let global: Vec<u32> = local.words.iter().map(|word| ids.get(word).copied().unwrap_or(0)).collect();
        for (id, n) in global.iter().zip(&local.bodies) {
            bodies[*id as usize] += n;
        }
        for (index, mut numbers) in local.terms {
            for id in &mut numbers {
                *id = global[*id as usize];
            }
            terms[index] = numbers;
        }
    }
    let idf = bodies.iter().map(|&found| idf(found as usize, records.len())).collect();
    Vocabulary { ids, words, idf, terms }
}

/// A record's summary words (distinct, two letters or more) and the
/// distinctive body words its summary lacks.
fn choose(record: &Record<'_>, terms: &[u32], vocabulary: &Vocabulary<'_>) -> Chosen {
    let mut words: Vec<String> = words(record.summary).into_iter().filter(|w| w.len() >= 2).collect();
    words.sort_unstable();
    words.dedup();
    let mut summary = Vec::with_capacity(words.len());
    let mut summary_only = Vec::new();
    for word in words {
        match vocabulary.ids.get(word.as_str()) {
            Some(&id) => summary.push(id),
            None => summary_only.push(word),
        }
    }
    let mut sorted = summary.clone();
    sorted.sort_unstable();
    let body = distinctive(record.terms, terms, &vocabulary.idf)
        .into_iter()
        .filter(|id| sorted.binary_search(id).is_err())
        .collect();
    Chosen { summary, summary_only, body }
}

/// Two word-ordered lists of word postings as one word-ordered list; a
/// word in both gets the fields of both.
fn merge_by_word<'w>(
    a: impl Iterator<Item = WordPostings<'w>>,
    b: impl Iterator<Item = WordPostings<'w>>,
) -> impl Iterator<Item = WordPostings<'w>> {
    let (mut a, mut b) = (a.peekable(), b.peekable());
    std::iter::from_fn(move || match (a.peek(), b.peek()) {
        (Some(x), Some(y)) if y.0 < x.0 => b.next(),
        (Some(x), Some(y)) if y.0 == x.0 => {
            let (word, mut fields) = a.next()?;
            fields.extend(b.next()?.1);
            Some((word, fields))
        }
        (Some(_), _) => a.next(),
        (None, _) => b.next(),
    })
}

/// Cuts word-ordered postings into shard files; returns each shard's first
/// word and the files.
fn shard_files<'w>(postings: impl Iterator<Item = WordPostings<'w>>) -> (Vec<String>, Vec<OutputFile>) {
    let mut starts = Vec::new();
    let mut files = Vec::new();
    let mut shard = Shard::default();
    let mut size = 0;
    for (word, fields) in postings {
        if fields.iter().all(|(_, ids)| ids.is_empty()) {
            continue;
        }
        if size >= SHARD_BYTES {
            files.push(shard_file(files.len(), &shard));
            shard = Shard::default();
            size = 0;
        }
        if size == 0 {
            starts.push(word.to_owned());
        }
        for (field, ids) in fields {
            if !ids.is_empty() {
                let encoded = encode(ids);
                size += word.len() + encoded.len() + 6;
                shard.entry(field).or_default().insert(word, encoded);
            }
        }
    }
    if size > 0 {
        files.push(shard_file(files.len(), &shard));
    }
    (starts, files)
}

/// One term shard: field → word → encoded postings, in word order.
type Shard<'a> = BTreeMap<&'static str, BTreeMap<&'a str, String>>;

fn shard_file(n: usize, shard: &Shard<'_>) -> OutputFile {
    js_part_file("assets/search/t", "ROLEBOOK_TERMS", n, shard)
}

/// Ascending ids as base-36 gaps joined by commas (`3,1,a`).
fn encode(ids: &[u32]) -> String {
    let mut out = String::with_capacity(ids.len() * 3);
    let mut previous = 0;
    for (i, &id) in ids.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_base36(&mut out, (id - previous) as usize);
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

/// The inverse document frequency of a word `found` in that many of
/// `total` bodies; `None` when it is too common to tell bodies apart.
fn idf(found: usize, total: usize) -> Option<f64> {
    // On a large site a word in more than a quarter of the bodies tells
    // nothing apart; leave it to titles and summaries.
    let too_common = total >= 400 && found * 4 > total;
    (!too_common).then(|| ((1 + total) as f64 / found.max(1) as f64).ln())
}

/// The [`BODY_TERMS`] words of a body that best tell it apart (term
/// frequency × inverse document frequency), so rare words survive the cap;
/// as word numbers (`ids`, one per word of `terms`, numbered in word order),
/// best first.
fn distinctive(terms: &Terms, ids: &[u32], idf: &[Option<f64>]) -> Vec<u32> {
    // ln(n) of the counts most words have, computed once.
    let small: [f64; 8] = std::array::from_fn(|n| (n as f64).ln());
    let mut ranked: Vec<(f64, u32)> = terms
        .iter()
        .zip(ids)
        .filter_map(|((_, n), &id)| {
            let idf = idf.get(id as usize).copied().flatten()?;
            let ln = small.get(n as usize).copied().unwrap_or_else(|| f64::from(n).ln());
            Some(((1.0 + ln) * idf, id))
        })
        .collect();
    // Word numbers follow word order, so ties fall to the word as before.
    let order = |a: &(f64, u32), b: &(f64, u32)| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1));
    // Only the best BODY_TERMS need sorting (words are distinct: a total order).
    if ranked.len() > BODY_TERMS {
        ranked.select_nth_unstable_by(BODY_TERMS - 1, order);
        ranked.truncate(BODY_TERMS);
    }
    ranked.sort_unstable_by(order);
    ranked.into_iter().map(|(_, id)| id).collect()
}

/// The slug the search script derives from a title: ASCII letters and digits
/// lower-cased, runs of anything else as one `-`. Non-ASCII titles never
/// match, so their URL is always spelled out.
pub(super) fn simple_slug(title: &str) -> String {
    if title.is_ascii() {
        crate::slug::slugify_ascii(title)
    } else {
        String::new()
    }
}

/// Part `n` of data loaded in parts: `{stem}-{n}.js`, which stores `value`
/// as `window[global][n]`.
pub(super) fn js_part_file(stem: &str, global: &str, n: usize, value: &impl Serialize) -> OutputFile {
    let prefix = format!("(window.{global}=window.{global}||{{}})[{n}]=");
    js_file(&format!("{stem}-{n}.js"), &prefix, value)
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
    fn counts_body_words_and_drops_stopwords() {
        let terms = crate::markdown::body::parse("The owner **owns** the backlog; the owner orders it. `sql`").terms;
        let counts: BTreeMap<&str, u32> = terms.iter().collect();
        assert_eq!(counts.get("owner"), Some(&2));
        assert!(counts.contains_key("sql") && !counts.contains_key("the"), "{counts:?}");
    }

    #[test]
    fn prefers_rare_words_when_capping() {
        let terms = crate::markdown::body::parse("common common common common common foreman").terms;
        let ids: Vec<u32> = terms.iter().map(|(word, _)| u32::from(word == "foreman")).collect();
        assert_eq!(distinctive(&terms, &ids, &[idf(100, 100), idf(1, 100)]), vec![1, 0], "foreman first");
        assert_eq!(idf(101, 400), None, "in over a quarter of 400 bodies");
    }

    #[test]
    fn merges_word_lists_in_word_order_joining_the_fields_of_a_shared_word() {
        let (one, two) = ([1u32], [2u32]);
        let known = [("apple", vec![("s", &one[..])]), ("cherry", vec![("b", &two[..])])].into_iter();
        let extra =
            [("banana", vec![("s", &two[..])]), ("cherry", vec![("t1", &one[..])]), ("date", vec![("s", &one[..])])];
        let words: Vec<(&str, usize)> = merge_by_word(known, extra.into_iter()).map(|(w, f)| (w, f.len())).collect();
        assert_eq!(words, [("apple", 1), ("banana", 1), ("cherry", 2), ("date", 1)]);
    }

    #[test]
    fn escapes_closing_tags_in_emitted_scripts() {
        let file = js_file("x.js", "window.X=", &"</script><b>");
        assert_eq!(String::from_utf8(file.bytes).unwrap_or_default(), "window.X=\"<\\/script><b>\";\n");
    }
}
