//! Images and files the imported notes use (`![](diagram.png)`,
//! `[the PDF](handbook.pdf)`, Obsidian embeds, Hugo figures): found in the
//! source, placed under the new site's `content/` with safe names, and each
//! reference rewritten to a path relative to the written entry, so it works
//! as it did in the source tree.

use super::body::{apply, Edit};
use super::links::{self, decode};
use super::report::Report;
use crate::markdown::links::markdown_options;
use crate::slug::slugify;
use pulldown_cmark::{Event, Parser, Tag};
use std::collections::{BTreeMap, BTreeSet};

/// Where each used source file goes in the new site.
#[derive(Debug, Default)]
pub struct Assets {
    /// Source path (relative to the source root) → path under `content/`.
    pub placed: BTreeMap<String, String>,
    taken: BTreeSet<String>,
}

/// Where a note sits, for resolving and rewriting its references.
#[derive(Debug, Clone, Copy)]
pub struct Place<'a> {
    /// The note's file, relative to the source root.
    pub source_path: &'a str,
    /// The content folder relative to the source root (`content` or ``).
    pub content_root: &'a str,
    /// The written entry's folder under `content/` (`tools/databases`).
    pub entry_folder: &'a str,
}

impl Assets {
    /// Rewrites the body's references to source files, recording each file.
    pub fn rewrite(&mut self, body: &str, place: Place<'_>, files: &[String], report: &mut Report) -> String {
        let mut edits = Vec::new();
        for (event, range) in Parser::new_ext(body, markdown_options()).into_offset_iter() {
            let dest = match event {
                Event::Start(Tag::Image { dest_url, .. } | Tag::Link { dest_url, .. }) => dest_url,
                _ => continue,
            };
            if !is_file_reference(&dest) {
                continue;
            }
            let Some(span) = dest_span(body, range) else { continue };
            match find(&dest, place, files) {
                Some(source) => {
                    let target = self.place(&source, place.content_root);
                    report.images.push(format!("{}: {source}", place.source_path));
                    edits.push(Edit::new(span, relative(place.entry_folder, &target)));
                }
                None => report.missing_images.push(format!("{}: {dest}", place.source_path)),
            }
        }
        apply(body, edits)
    }

    fn place(&mut self, source: &str, content_root: &str) -> String {
        if let Some(done) = self.placed.get(source) {
            return done.clone();
        }
        let inside =
            source.strip_prefix(content_root).and_then(|s| s.strip_prefix('/')).filter(|_| !content_root.is_empty());
        let relative = inside.or_else(|| source.strip_prefix("static/")).unwrap_or(source);
        let mut parts: Vec<String> = relative.split('/').map(str::to_owned).collect();
        let file = parts.pop().unwrap_or_default();
        // Entries drop leading language and content-root folders; so do files.
        let generic = parts.iter().take_while(|p| super::kinds::is_generic_folder(p)).count();
        parts.drain(..generic);
        let mut folders: Vec<String> = parts.iter().map(|p| slugify(p)).filter(|p| !p.is_empty()).collect();
        if folders.first().is_some_and(|f| f == "compare") {
            folders[0] = "compare-files".to_owned();
        }
        let (stem, extension) = file.rsplit_once('.').unwrap_or((&file, ""));
        let stem = Some(slugify(stem)).filter(|s| !s.is_empty()).unwrap_or_else(|| "file".to_owned());
        let extension: String = extension.to_lowercase().chars().filter(char::is_ascii_alphanumeric).collect();
        let base = folders.iter().map(|f| format!("{f}/")).collect::<String>() + &stem;
        let name = |n: usize| {
            let suffix = if n > 1 { format!("-{n}") } else { String::new() };
            if extension.is_empty() {
                format!("{base}{suffix}")
            } else {
                format!("{base}{suffix}.{extension}")
            }
        };
        let mut n = 1;
        while self.taken.contains(&name(n)) {
            n += 1;
        }
        let target = name(n);
        self.taken.insert(target.clone());
        self.placed.insert(source.to_owned(), target.clone());
        target
    }
}

/// A relative or site-absolute path with a file extension other than a page's.
fn is_file_reference(dest: &str) -> bool {
    let dest = dest.trim();
    let scheme = dest.find(':').is_some_and(|c| dest[..c].chars().all(|ch| ch.is_ascii_alphabetic()) && c > 0);
    if dest.is_empty() || dest.starts_with('#') || dest.starts_with("//") || dest.starts_with("@/") || scheme {
        return false;
    }
    let path = dest.split(['#', '?']).next().unwrap_or("");
    let file = path.rsplit('/').next().unwrap_or("");
    match file.rsplit_once('.') {
        Some((stem, ext)) => {
            let ext = ext.to_lowercase();
            !stem.is_empty() && !matches!(ext.as_str(), "md" | "markdown" | "html" | "htm" | "php")
        }
        None => false,
    }
}

/// The byte range of the destination inside `![alt](dest "title")`.
fn dest_span(body: &str, range: std::ops::Range<usize>) -> Option<std::ops::Range<usize>> {
    let text = &body[range.clone()];
    let open = text.rfind("](")? + 2;
    let rest = &text[open..];
    let lead = rest.len() - rest.trim_start().len();
    let start = range.start + open + lead;
    let rest = rest.trim_start();
    let len = if rest.starts_with('<') {
        rest.find('>')? + 1
    } else {
        rest.find(|c: char| c.is_whitespace() || c == ')').unwrap_or(rest.len())
    };
    Some(start..start + len)
}

/// The source file a reference names: beside the note, under `static/`
/// (site-absolute), from the source root (Obsidian), or by its file name.
fn find(dest: &str, place: Place<'_>, files: &[String]) -> Option<String> {
    let path = decode(dest.trim().trim_start_matches('<').trim_end_matches('>').split(['#', '?']).next()?);
    let folder = place.source_path.rsplit_once('/').map_or("", |(f, _)| f);
    let candidates = if let Some(absolute) = path.strip_prefix('/') {
        vec![format!("static/{absolute}"), absolute.to_owned(), join(place.content_root, absolute)]
    } else {
        vec![join(folder, &path), path.clone()]
    };
    let exact = candidates.iter().find(|c| files.binary_search(c).is_ok()).cloned();
    exact
        .or_else(|| {
            let lower: Vec<String> = candidates.iter().map(|c| c.to_lowercase()).collect();
            files.iter().find(|f| lower.contains(&f.to_lowercase())).cloned()
        })
        .or_else(|| only_file_named(&path, files))
}

/// The one file with this name anywhere in the source (Obsidian finds
/// `![](logo.png)` in `Assets/` so); none when several share it.
fn only_file_named(path: &str, files: &[String]) -> Option<String> {
    let name = path.rsplit('/').next()?.to_lowercase();
    let mut found = files.iter().filter(|f| f.rsplit('/').next().is_some_and(|n| n.to_lowercase() == name));
    let first = found.next()?;
    found.next().is_none().then(|| first.clone())
}

/// `path` below `folder`, a leading `/` read as relative like the rest.
fn join(folder: &str, path: &str) -> String {
    links::join(folder, path.trim_start_matches('/'))
}

/// `tools/databases` → `assets/x.png` = `../../assets/x.png`.
pub fn relative(from_folder: &str, to: &str) -> String {
    let from: Vec<&str> = from_folder.split('/').filter(|p| !p.is_empty()).collect();
    let to_parts: Vec<&str> = to.split('/').collect();
    let common = from.iter().zip(&to_parts).take_while(|(a, b)| a == b).count();
    let mut out: Vec<&str> = vec![".."; from.len() - common];
    out.extend(&to_parts[common..]);
    out.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copies_what_notes_use_and_rewrites_relative_paths() {
        let files: Vec<String> = ["Assets/Org Chart.PNG", "content/roles/owner/diagram.svg", "static/img/logo.png"]
            .iter()
            .map(|s| (*s).to_owned())
            .collect();
        let mut assets = Assets::default();
        let mut report = Report::default();
        let place = Place { source_path: "Tools/X.md", content_root: "", entry_folder: "tools" };
        let body = "![chart](<Assets/Org Chart.PNG>) and ![gone](nope.png) [site](https://x.org/a.png)\n";
        let out = assets.rewrite(body, place, &files, &mut report);
        assert_eq!(out, "![chart](../assets/org-chart.png) and ![gone](nope.png) [site](https://x.org/a.png)\n");
        assert_eq!(report.missing_images, ["Tools/X.md: nope.png"]);
        let place =
            Place { source_path: "content/roles/owner/index.md", content_root: "content", entry_folder: "roles" };
        let out = assets.rewrite("![d](diagram.svg \"t\") ![l](/img/logo.png)", place, &files, &mut report);
        assert_eq!(out, "![d](owner/diagram.svg \"t\") ![l](../img/logo.png)");
        assert_eq!(assets.placed.len(), 3);
        let place = Place { source_path: "Notes/Y.md", content_root: "", entry_folder: "notes" };
        let out = assets.rewrite("![](org%20chart.png)", place, &files, &mut report);
        assert_eq!(out, "![](../assets/org-chart.png)", "found by its name alone");
    }

    #[test]
    fn makes_relative_paths() {
        assert_eq!(relative("tools/databases", "assets/x.png"), "../../assets/x.png");
        assert_eq!(relative("", "assets/x.png"), "assets/x.png");
        assert_eq!(relative("roles", "roles/owner/d.svg"), "owner/d.svg");
    }
}
