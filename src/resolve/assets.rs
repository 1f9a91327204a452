//! Image and file references in bodies (`![chart](img/chart.png)`,
//! `[the PDF](handbook.pdf)`): resolved against the site's files exactly as
//! GitHub resolves them in the source tree, relative to the Markdown file.
//! A file under `content/` is published at its path below `content/`, a
//! file under `static/` at its path below `static/`; nothing outside those
//! folders, and no symbolic link, is ever published.

use crate::diag::{suggest, Code, Diagnostic, Diagnostics};
use crate::load::Document;
use crate::markdown::links::{percent_decode, percent_encode, relative_path, FoundLink, LinkDest};
use crate::site_files::{SiteFiles, CONTENT_DIR, STATIC_DIR};
use std::collections::BTreeSet;

/// Where a relative reference points, below the site root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Located {
    /// A path below `content/`.
    Asset(String),
    /// A path below `static/`.
    Static(String),
    /// Above the site root, or in a folder that is not published.
    Outside,
}

/// Resolves `path` (percent-encoded, as written in Markdown) against the
/// folder of the document at `document` (`content/roles/a.md`).
pub fn locate(document: &str, path: &str) -> Located {
    let decoded = percent_decode(path);
    let mut parts: Vec<&str> = document.split('/').collect();
    parts.pop();
    for part in decoded.split(['/', '\\']) {
        match part {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    return Located::Outside;
                }
            }
            other => parts.push(other),
        }
    }
    let rest = |parts: &[&str]| parts[1..].join("/");
    match parts.first() {
        Some(&CONTENT_DIR) if parts.len() > 1 => Located::Asset(rest(&parts)),
        Some(&STATIC_DIR) if parts.len() > 1 => Located::Static(rest(&parts)),
        _ => Located::Outside,
    }
}

/// What a body reference is, for checking and rewriting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reference {
    /// A published file: its path in the output.
    Found(String),
    /// A file reference to nothing that is published.
    Missing(Located),
    /// Not a file reference (a URL, an entry link, a page link).
    NotFile,
}

/// Resolves an image (`image`) or link destination in the body of the
/// document at `document`. Every relative image is a file reference; a
/// link only when its file name has an extension other than `.html` (a
/// link to a page of the site is left alone) or it names a published file.
pub fn reference(files: &SiteFiles, document: &str, dest: &str, image: bool) -> Reference {
    let Some(path) = relative_path(dest) else { return Reference::NotFile };
    let located = locate(document, path);
    let found = match &located {
        Located::Asset(p) if files.has_asset(p) => Some(p),
        Located::Static(p) if files.has_static(p) => Some(p),
        _ => None,
    };
    match found {
        Some(path) => Reference::Found(path.clone()),
        // `www.…` is a web address written without its scheme: broken too.
        None if image || names_a_file(path) || path.starts_with("www.") => Reference::Missing(located),
        None => Reference::NotFile,
    }
}

/// A link's output URL relative to the site root when it names a
/// published file (query and fragment kept), else `None`.
pub fn output_url(files: &SiteFiles, document: &str, dest: &str, image: bool) -> Option<String> {
    let Reference::Found(path) = reference(files, document, dest, image) else { return None };
    let mut url = percent_encode(&path);
    if let Some(at) = dest.find(['?', '#']) {
        url.push_str(&dest[at..]);
    }
    Some(url)
}

/// Whether a link path ends in a file name with an extension that is not
/// a page's (`handbook.pdf`, not `tags/index.html`, `folder/` or `guide`).
fn names_a_file(path: &str) -> bool {
    let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
    match name.rsplit_once('.') {
        Some((stem, ext)) => {
            !stem.is_empty() && !ext.is_empty() && !["html", "htm"].iter().any(|e| e.eq_ignore_ascii_case(ext))
        }
        None => false,
    }
}

/// The file references of a body: images, and links that are not entry
/// links.
fn file_references(document: &Document) -> impl Iterator<Item = (&FoundLink, bool)> {
    let links = document.parsed.links.iter().filter(|l| matches!(l.destination(), LinkDest::Other));
    document.parsed.images.iter().map(|i| (i, true)).chain(links.map(|l| (l, false)))
}

/// `broken-asset` errors for the file references of one body that name
/// nothing published, each with a did-you-mean on the file name. `push`
/// gets a maker per problem, so a body over the diagnostic budget does not
/// pay for suggestions that are never shown.
pub(crate) fn check_body(files: &SiteFiles, document: &Document, push: &mut dyn FnMut(&dyn Fn() -> Diagnostic)) {
    for (link, image) in file_references(document) {
        if let Reference::Missing(located) = reference(files, &document.source.path, &link.dest, image) {
            push(&|| broken(files, document, link, image, &located));
        }
    }
}

fn broken(files: &SiteFiles, document: &Document, link: &FoundLink, image: bool, located: &Located) -> Diagnostic {
    let path = &document.source.path;
    let written = relative_path(&link.dest).unwrap_or(&link.dest);
    let what = if image { "image" } else { "file" };
    let (message, hint) = match located {
        Located::Outside => (
            format!("{what} `{written}` is outside the site's content/ and static/ folders"),
            "files outside content/ and static/ are never published; copy the file into content/".to_owned(),
        ),
        Located::Asset(p) | Located::Static(p) if is_symlink(files, located) => (
            format!("{what} `{written}` is a symbolic link"),
            format!("symbolic links are never published; replace `{p}` with the file itself"),
        ),
        Located::Asset(p) if written.starts_with("www.") => (
            format!("no {what} `{written}` (content/{p})"),
            format!("a web address needs its scheme: `https://{written}`"),
        ),
        Located::Asset(p) => (format!("no {what} `{written}` (content/{p})"), did_you_mean(files, path, p, written)),
        Located::Static(p) => (
            format!("no {what} `{written}` ({STATIC_DIR}/{p})"),
            format!("add the file to {STATIC_DIR}/ or fix the path"),
        ),
    };
    let source = &document.source;
    let range = &link.range;
    let within = source.text.get(document.body + range.start..document.body + range.end).unwrap_or("");
    let (offset, width) = match within.rfind(written) {
        Some(at) => (document.body + range.start + at, written.chars().count()),
        None => (document.body + range.start, range.len().min(200)),
    };
    Diagnostic::new(Code::BrokenAsset, path.clone(), message)
        .at_offset(&source.index, &source.text, offset, width)
        .suggest(hint)
}

fn is_symlink(files: &SiteFiles, located: &Located) -> bool {
    match located {
        Located::Asset(p) => files.asset(p).is_some_and(|f| f.symlink),
        Located::Static(p) => files.static_file(p).is_some_and(|f| f.symlink),
        Located::Outside => false,
    }
}

/// "did you mean …?" on the file name: the closest published asset's name,
/// written as a path from the referring document.
fn did_you_mean(files: &SiteFiles, document: &str, wanted: &str, written: &str) -> String {
    let name = |path: &str| path.rsplit('/').next().unwrap_or(path).to_owned();
    let wanted_name = name(wanted);
    let published: Vec<&str> = files.assets.iter().filter(|f| !f.symlink).map(|f| f.path.as_str()).collect();
    let names: BTreeSet<String> = published.iter().map(|p| name(p)).collect();
    let Some(best) = suggest::closest(&wanted_name, names.iter().map(String::as_str)) else {
        return format!("add the file beside {} or fix the path", document.rsplit('/').next().unwrap_or(document));
    };
    // Of the files with that name, the one nearest the wanted path.
    let folder = wanted.rsplit_once('/').map_or("", |(f, _)| f);
    let candidates = published.iter().filter(|p| name(p) == best);
    let target = candidates.min_by_key(|p| (p.rsplit_once('/').map_or("", |(f, _)| f) != folder, **p));
    let Some(target) = target else { return String::new() };
    let from = document.strip_prefix("content/").unwrap_or(document);
    let suggestion = relative_from(from.rsplit_once('/').map_or("", |(f, _)| f), target);
    if suggestion == written {
        format!("the name differs in case: did you mean `{best}`?")
    } else {
        format!("did you mean `{suggestion}`?")
    }
}

/// The path from `folder` to `target` (both below one root).
fn relative_from(folder: &str, target: &str) -> String {
    let from: Vec<&str> = folder.split('/').filter(|p| !p.is_empty()).collect();
    let to: Vec<&str> = target.split('/').collect();
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count().min(to.len().saturating_sub(1));
    let mut parts: Vec<&str> = vec![".."; from.len() - common];
    parts.extend(&to[common..]);
    parts.join("/")
}

/// `unused-asset` warnings: assets under `content/` that no body refers
/// to. (Symbolic links are never published: `load` reports them as
/// skipped files.)
pub(crate) fn unused(files: &SiteFiles, documents: &[Document], diagnostics: &mut Diagnostics) {
    if files.assets.is_empty() {
        return;
    }
    let mut used: BTreeSet<String> = BTreeSet::new();
    for document in documents {
        for (link, image) in file_references(document) {
            if let Some(path) = relative_path(&link.dest) {
                if let Located::Asset(p) = locate(&document.source.path, path) {
                    if image || files.asset(&p).is_some() {
                        used.insert(p);
                    }
                }
            }
        }
    }
    for file in files.assets.iter().filter(|f| !f.symlink && !used.contains(&f.path)) {
        let message = format!("no page refers to `{}`; it is published all the same", file.path);
        diagnostics.push(
            Diagnostic::new(Code::UnusedAsset, format!("content/{}", file.path), message)
                .suggest("link it from an entry, or delete it"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::site_files::SiteFile;

    fn files() -> SiteFiles {
        let file = |path: &str, symlink| SiteFile { path: path.into(), symlink };
        SiteFiles {
            assets: vec![file("img/org chart.png", false), file("linked.png", true), file("roles/handbook.pdf", false)],
            statics: vec![file("logo.svg", false)],
        }
    }

    #[test]
    fn locates_references_as_github_does() {
        assert_eq!(locate("content/roles/a.md", "../img/x.svg"), Located::Asset("img/x.svg".into()));
        assert_eq!(locate("content/a.md", "./x%20y.png"), Located::Asset("x y.png".into()));
        assert_eq!(locate("content/a.md", "../static/logo.svg"), Located::Static("logo.svg".into()));
        assert_eq!(locate("content/a.md", "../../etc/passwd"), Located::Outside);
        assert_eq!(locate("content/a.md", "../site.toml"), Located::Outside);
        assert_eq!(locate("content/a.md", ".."), Located::Outside);
    }

    #[test]
    fn resolves_images_files_and_leaves_pages_alone() {
        let files = files();
        let found = |path: &str| Reference::Found(path.into());
        assert_eq!(reference(&files, "content/roles/a.md", "handbook.pdf#page=2", false), found("roles/handbook.pdf"));
        assert_eq!(reference(&files, "content/roles/a.md", "../img/org%20chart.png", true), found("img/org chart.png"));
        assert_eq!(reference(&files, "content/a.md", "../static/logo.svg", true), found("logo.svg"));
        assert!(matches!(reference(&files, "content/a.md", "nope.png", false), Reference::Missing(_)));
        assert!(matches!(reference(&files, "content/a.md", "linked.png", true), Reference::Missing(_)));
        for other in ["tags/index.html", "guide", "folder/", "https://x.example/a.pdf", "/favicon.ico"] {
            assert_eq!(reference(&files, "content/a.md", other, false), Reference::NotFile, "{other}");
        }
        assert_eq!(
            output_url(&files, "content/roles/a.md", "../img/org%20chart.png?v=1#x", true).as_deref(),
            Some("img/org%20chart.png?v=1#x")
        );
    }

    #[test]
    fn suggests_the_closest_file_name_as_a_path() {
        let files = files();
        assert_eq!(
            did_you_mean(&files, "content/roles/a.md", "roles/handbok.pdf", "handbok.pdf"),
            "did you mean `handbook.pdf`?"
        );
        assert_eq!(
            did_you_mean(&files, "content/roles/a.md", "roles/org-chart.png", "org-chart.png"),
            "did you mean `../img/org chart.png`?"
        );
        assert_eq!(relative_from("", "a/b.png"), "a/b.png");
        assert_eq!(relative_from("a/b", "a/c/d.png"), "../c/d.png");
    }

    #[test]
    fn encodes_paths() {
        assert_eq!(percent_encode("img/a b+é.png"), "img/a%20b%2B%C3%A9.png");
    }
}
