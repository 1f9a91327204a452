//! Pages of a source that are not glossary entries: section indexes
//! (`_index.md`, an `index.md` or folder note that only lists the notes
//! under it), the home page, templates, search pages and the project's own
//! files (read-me, contribution guide, code of conduct). They are left out
//! of the import and listed in the report with the reason.

use super::source::Note;

/// Project files, matched whatever their capitalization.
const PROJECT_FILES: &[&str] =
    &["readme", "contributing", "code_of_conduct", "code-of-conduct", "pull_request_template", "issue_template"];

/// Project files only when written in capitals (`Security.md` may be an entry).
const PROJECT_FILES_CAPS: &[&str] =
    &["SECURITY", "CHANGELOG", "LICENSE", "SUPPORT", "GOVERNANCE", "MAINTAINERS", "AUTHORS", "BACKERS", "SPONSORS"];

/// Folders that hold templates, not content.
const TEMPLATE_FOLDERS: &[&str] = &["templates", "_templates", "template", "archetypes"];

/// Front-matter values (`page-type`, `layout`, `type`) of listing pages.
const LISTING_TYPES: &[&str] = &["landing-page", "landing", "list", "listing", "section", "index", "search"];

/// Why `note` is not an entry, or `None` when it is one. `has_prose` tells
/// whether a body has a paragraph of its own (a listing page has none).
pub fn why_not_entry(note: &Note, notes: &[Note], has_prose: impl Fn(&Note) -> bool) -> Option<&'static str> {
    let stem = note.stem.to_lowercase();
    let folders = note.folders();
    if stem == "_index" {
        return Some(if folders.is_empty() { "the home page" } else { "a section index" });
    }
    if folders.is_empty() && matches!(stem.as_str(), "index" | "home" | "_home") {
        return Some("the home page");
    }
    if folders.iter().any(|f| TEMPLATE_FOLDERS.contains(&f.to_lowercase().as_str()))
        || stem.starts_with("_template")
        || stem == "template"
    {
        return Some("a template");
    }
    let kind_of_page = ["page-type", "layout", "type"]
        .iter()
        .filter_map(|k| note.field(k).and_then(|v| v.as_str()).map(str::to_lowercase))
        .collect::<Vec<_>>();
    if stem == "search" || kind_of_page.iter().any(|k| k == "search") {
        return Some("a search page");
    }
    if PROJECT_FILES.contains(&stem.as_str()) || PROJECT_FILES_CAPS.contains(&note.stem.as_str()) {
        return Some("a project file (read-me, contribution guide, code of conduct…)");
    }
    let folder = folders.last()?;
    let folder_page = stem == "index" || stem == folder.to_lowercase();
    if !folder_page || !has_children(note, notes) {
        return None;
    }
    let top_folder_note = folders.len() == 1 && stem != "index";
    let listing = kind_of_page.iter().any(|k| LISTING_TYPES.contains(&k.as_str()));
    if top_folder_note || listing || !has_prose(note) {
        return Some("a section index (it lists the notes under it)");
    }
    None
}

/// Whether other notes sit in the note's folder or below it (for `index.md`,
/// below its own folder only).
fn has_children(note: &Note, notes: &[Note]) -> bool {
    let folders = note.folders();
    let prefix = format!("{}/", folders.join("/"));
    let bundle = note.stem.eq_ignore_ascii_case("index");
    notes.iter().any(|other| {
        other.path != note.path
            && other.path.starts_with(&prefix)
            && (!bundle || other.path[prefix.len()..].contains('/'))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::report::Report;

    fn notes(files: &[(&str, &str)]) -> Vec<Note> {
        files.iter().map(|(p, text)| crate::import::source::parse((*p).into(), text, &mut Report::default())).collect()
    }

    fn reasons(files: &[(&str, &str)]) -> Vec<Option<&'static str>> {
        let all = notes(files);
        all.iter().map(|n| why_not_entry(n, &all, |n| n.body.contains("prose"))).collect()
    }

    #[test]
    fn leaves_out_indexes_templates_search_and_project_files() {
        let found = reasons(&[
            ("_index.md", ""),
            ("roles/_index.md", "prose"),
            ("Templates/Concept Template.md", ""),
            ("glossary/_TEMPLATE.md", ""),
            ("search.md", ""),
            ("CONTRIBUTING.md", ""),
            ("README.md", ""),
            ("Security.md", "prose"),
            ("Index.md", ""),
        ]);
        assert_eq!(found[0], Some("the home page"));
        assert_eq!(found[1], Some("a section index"));
        assert_eq!(found[2..4], [Some("a template"), Some("a template")]);
        assert_eq!(found[4], Some("a search page"));
        assert!(found[5].is_some() && found[6].is_some() && found[7].is_none());
        assert_eq!(found[8], Some("the home page"));
    }

    #[test]
    fn a_folder_page_is_an_entry_unless_it_only_lists_children() {
        let found = reasons(&[
            ("Concepts/Concepts.md", "prose"),
            ("Concepts/Data Modeling/Data Modeling.md", "prose"),
            ("Concepts/Data Modeling/Star Schema.md", "prose"),
            ("Concepts/Data Storage/Data Storage.md", "- [[a]]"),
            ("Concepts/Data Storage/Blob.md", "prose"),
            ("glossary/index.md", "---\npage-type: landing-page\n---\nprose"),
            ("glossary/cors/index.md", "prose"),
            ("roles/owner/index.md", "no text"),
        ]);
        assert_eq!(found[0], Some("a section index (it lists the notes under it)"));
        assert_eq!(found[1], None);
        assert!(found[3].is_some());
        assert!(found[5].is_some());
        assert_eq!(found[6], None);
        assert_eq!(found[7], None, "a page bundle without children is an entry");
    }
}
