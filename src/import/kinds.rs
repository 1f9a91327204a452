//! Where an imported entry's kind comes from when nobody said (`--kind-from
//! auto`): a category-like front-matter field when notes have one, else the
//! top folder when the folders look like kinds (few of them, and not a
//! language or content-root folder), else the default kind.

use super::source::Note;
use super::KindRule;
use crate::slug::slugify;

/// Front-matter fields that name a category, most specific first.
pub const CATEGORY_FIELDS: &[&str] = &["kind", "category", "categories", "type", "page-type", "pagetype"];

/// More top folders than this are topics, not kinds.
pub const MAX_FOLDER_KINDS: usize = 12;

/// Folders that hold content without saying what it is.
const GENERIC_FOLDERS: &[&str] = &["content", "docs", "doc", "files", "pages", "posts", "wiki", "src", "vault"];

/// The rule `auto` stands for in this source, and why (for the report).
pub fn choose(notes: &[Note]) -> (KindRule, String) {
    let field = CATEGORY_FIELDS
        .iter()
        .map(|f| (*f, notes.iter().filter(|n| category_value(n, f).is_some()).count()))
        .filter(|(_, count)| *count > 0)
        .max_by_key(|(field, count)| (*count, std::cmp::Reverse(CATEGORY_FIELDS.iter().position(|f| f == field))));
    let mut folders: Vec<String> = notes.iter().filter_map(|n| kind_folder(n).map(slugify)).collect();
    folders.sort();
    folders.dedup();
    let use_folders = !folders.is_empty() && folders.len() <= MAX_FOLDER_KINDS;
    // One value everywhere (Docsy's `type: docs`) says nothing when the
    // folders tell kinds apart.
    let field = field.filter(|(f, _)| !(use_folders && distinct_values(notes, f) < 2));
    let folder_why = if use_folders {
        let n = folders.len();
        format!("the top folder ({n} {})", if n == 1 { "folder" } else { "folders" })
    } else if folders.is_empty() {
        "no folders".to_owned()
    } else {
        format!("not the folders: {} top folders are topics, not kinds (at most {MAX_FOLDER_KINDS})", folders.len())
    };
    let why = match field {
        Some((field, count)) => format!("front-matter `{field}` ({count} notes), else {folder_why}"),
        None => folder_why,
    };
    (KindRule::Auto { field: field.map(|(f, _)| f.to_owned()), folders: use_folders }, why)
}

fn distinct_values(notes: &[Note], field: &str) -> usize {
    let mut values: Vec<String> = notes.iter().filter_map(|n| category_value(n, field)).map(|v| slugify(&v)).collect();
    values.sort();
    values.dedup();
    values.len()
}

/// A note's first value of a category-like field (Hugo and Zola taxonomies
/// included), when it has one.
pub fn category_value(note: &Note, field: &str) -> Option<String> {
    let value = note.field(field).or_else(|| match note.field("taxonomies") {
        Some(serde_json::Value::Object(map)) => map.iter().find(|(k, _)| k.eq_ignore_ascii_case(field)).map(|(_, v)| v),
        _ => None,
    })?;
    let first = match value {
        serde_json::Value::Array(items) => items.first()?,
        other => other,
    };
    let text = first.as_str()?.trim();
    (!slugify(text).is_empty()).then(|| text.to_owned())
}

/// The folder that names a note's kind: the first one that is not a
/// language (`en`, `en-us`) or a content root (`docs`, `content`), and not
/// the note's own page-bundle folder.
pub fn kind_folder(note: &Note) -> Option<&str> {
    let mut folders = note.folders();
    if matches!(note.stem.to_lowercase().as_str(), "index" | "_index") {
        folders.pop();
    }
    folders.into_iter().find(|f| !is_generic_folder(f))
}

/// A language or content-root folder (`en`, `en-US`, `docs`, `content`).
pub fn is_generic_folder(name: &str) -> bool {
    GENERIC_FOLDERS.contains(&name.to_lowercase().as_str()) || is_language(name)
}

/// Language codes content folders are named after (`IT/` or `AI/` in
/// capitals are topics, so a bare code must be written in lower case).
const LANGUAGES: &[&str] = &[
    "ar", "bg", "ca", "cs", "da", "de", "el", "en", "es", "fa", "fi", "fr", "he", "hi", "hu", "id", "it", "ja", "ko",
    "nb", "nl", "no", "pl", "pt", "ro", "ru", "sk", "sv", "th", "tr", "uk", "vi", "zh",
];

/// `en`, `de`, `en-US`, `pt_br`, `zh-Hans`: a language tag.
fn is_language(name: &str) -> bool {
    let mut parts = name.split(['-', '_']);
    let primary = parts.next().unwrap_or("");
    let region_ok = |p: &str| (2..=4).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric());
    let regions: Vec<&str> = parts.collect();
    let known = LANGUAGES.contains(&primary.to_lowercase().as_str());
    let lower = primary.chars().all(|c| c.is_ascii_lowercase());
    known && (lower || !regions.is_empty()) && regions.iter().all(|r| region_ok(r))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::report::Report;

    fn notes(files: &[(&str, &str)]) -> Vec<Note> {
        files
            .iter()
            .map(|(path, front)| {
                crate::import::source::parse((*path).into(), &format!("---\n{front}---\nx\n"), &mut Report::default())
            })
            .collect()
    }

    #[test]
    fn a_category_field_wins_over_folders() {
        let found =
            notes(&[("a/x.md", "categories: [Practices]\n"), ("b/y.md", "categories: Roles\n"), ("b/z.md", "")]);
        assert_eq!(choose(&found).0, KindRule::Auto { field: Some("categories".into()), folders: true });
        let mdn = notes(&[
            ("en-us/glossary/cors/index.md", "page-type: glossary-definition\n"),
            ("en-us/glossary/header/index.md", "page-type: glossary-disambiguation\n"),
        ]);
        assert_eq!(choose(&mdn).0, KindRule::Auto { field: Some("page-type".into()), folders: true });
        let one_value = notes(&[("en-us/glossary/cors/index.md", "page-type: glossary-definition\n")]);
        assert_eq!(choose(&one_value).0, KindRule::Auto { field: None, folders: true });
        let docsy = notes(&[("roles/x.md", "type: docs\n"), ("concepts/y.md", "type: docs\n")]);
        assert_eq!(choose(&docsy).0, KindRule::Auto { field: None, folders: true });
        let zola = notes(&[("x.md", "taxonomies:\n  categories: [Roles]\n")]);
        assert_eq!(category_value(&zola[0], "categories").as_deref(), Some("Roles"));
    }

    #[test]
    fn folders_only_when_few_and_not_generic() {
        let many: Vec<(String, &str)> = (0..13).map(|i| (format!("topic{i}/x.md"), "")).collect();
        let many: Vec<(&str, &str)> = many.iter().map(|(p, f)| (p.as_str(), *f)).collect();
        assert_eq!(choose(&notes(&many)).0, KindRule::Auto { field: None, folders: false });
        let found = notes(&[("en/docs/roles/x.md", ""), ("content/roles/owner/index.md", ""), ("cors/index.md", "")]);
        assert_eq!(kind_folder(&found[0]), Some("roles"));
        assert_eq!(kind_folder(&found[1]), Some("roles"));
        assert_eq!(kind_folder(&found[2]), None);
        assert!(is_language("en-us") && is_language("en-US") && is_language("pt_br") && is_language("fr"));
        assert!(!is_language("roles") && !is_language("eng") && !is_language("IT") && !is_language("ai"));
    }
}
