//! Which files the output gets as copies (static files at the root, assets
//! at their path below `content/`), and the paths that would collide with
//! a generated file: an error naming both, as one would hide the other.

use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::site_files::{CopyFile, SiteFiles, CONTENT_DIR, STATIC_DIR};
use std::collections::BTreeMap;
use std::path::Path;

/// Every published asset and static file of the site at `root`, by output
/// path (a path both have is reported by [`collisions`]; the static file
/// is kept).
pub fn copies(root: &Path, files: &SiteFiles) -> Vec<CopyFile> {
    let mut by_path: BTreeMap<&str, CopyFile> = BTreeMap::new();
    for (folder, list) in [(CONTENT_DIR, &files.assets), (STATIC_DIR, &files.statics)] {
        for file in list.iter().filter(|f| !f.symlink) {
            let source = file.path.split('/').fold(root.join(folder), |path, part| path.join(part));
            by_path.insert(&file.path, CopyFile { path: file.path.clone(), source });
        }
    }
    by_path.into_values().collect()
}

/// `output-collision` errors for copied files whose output path is also a
/// generated file's (`generated`, sorted) or each other's.
pub fn collisions(files: &SiteFiles, generated: &[String], diagnostics: &mut Diagnostics) {
    let made = |path: &str| generated.binary_search_by(|g| g.as_str().cmp(path)).is_ok();
    for (folder, list) in [(STATIC_DIR, &files.statics), (CONTENT_DIR, &files.assets)] {
        for file in list.iter().filter(|f| !f.symlink && made(&f.path)) {
            let message = format!("`{folder}/{}` and the generated `{}` have one output path", file.path, file.path);
            diagnostics.push(
                Diagnostic::new(Code::OutputCollision, format!("{folder}/{}", file.path), message)
                    .suggest("rename or move the file: one would replace the other"),
            );
        }
    }
    for file in files.assets.iter().filter(|f| !f.symlink && files.has_static(&f.path)) {
        let message = format!("`content/{}` and `{STATIC_DIR}/{}` have one output path", file.path, file.path);
        diagnostics.push(
            Diagnostic::new(Code::OutputCollision, format!("content/{}", file.path), message)
                .suggest("rename or move one of them"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::site_files::SiteFile;

    #[test]
    fn copies_files_but_no_symlink_and_names_both_sides_of_a_collision() {
        let file = |path: &str, symlink| SiteFile { path: path.into(), symlink };
        let files = SiteFiles {
            assets: vec![file("a.png", false), file("CNAME", false), file("s.png", true)],
            statics: vec![file("CNAME", false), file("index.html", false)],
        };
        let copies = copies(Path::new("/site"), &files);
        let paths: Vec<(&str, &Path)> = copies.iter().map(|c| (c.path.as_str(), c.source.as_path())).collect();
        assert_eq!(
            paths,
            [
                ("CNAME", Path::new("/site/static/CNAME")),
                ("a.png", Path::new("/site/content/a.png")),
                ("index.html", Path::new("/site/static/index.html")),
            ]
        );
        let mut diagnostics = Diagnostics::new();
        collisions(&files, &["index.html".to_owned(), "x.html".to_owned()], &mut diagnostics);
        let found = diagnostics.finish(&Default::default());
        let messages: Vec<&str> = found.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "`content/CNAME` and `static/CNAME` have one output path",
                "`static/index.html` and the generated `index.html` have one output path"
            ]
        );
    }
}
