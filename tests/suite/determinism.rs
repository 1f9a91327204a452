//! Issue 6: output is byte-identical across thread counts and whatever
//! order the file system lists the content in.

use crate::util::{snapshot, TestSite};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The bundled knowledge base (site.toml, content/, themes/) as (path, bytes).
fn bundled_site() -> Vec<(PathBuf, Vec<u8>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = vec![(PathBuf::from("site.toml"), std::fs::read(root.join("site.toml")).expect("site.toml"))];
    for folder in ["content", "themes"] {
        for (relative, bytes) in snapshot(&root.join(folder)) {
            files.push((Path::new(folder).join(relative), bytes));
        }
    }
    files.sort();
    files
}

/// Writes `files` under `root` in the given order, each folder created
/// only when its first file is written.
fn write_in_order(root: &Path, files: &[(PathBuf, Vec<u8>)]) {
    for (path, bytes) in files {
        let target = root.join(path);
        std::fs::create_dir_all(target.parent().expect("parent")).expect("mkdir");
        std::fs::write(target, bytes).expect("write");
    }
}

/// Builds `root` into `output` with the given rayon thread count (`None`: default).
fn build(root: &Path, output: &Path, threads: Option<&str>) -> Vec<(String, Vec<u8>)> {
    let mut command = Command::new(env!("CARGO_BIN_EXE_rolebook"));
    command.args(["build", "--drafts", "--output"]).arg(output).current_dir(root).env("NO_COLOR", "1");
    match threads {
        Some(n) => command.env("RAYON_NUM_THREADS", n),
        None => command.env_remove("RAYON_NUM_THREADS"),
    };
    let run = command.output().expect("run rolebook");
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let files = snapshot(output);
    assert!(files.len() > 20, "too small a site to tell: {} files", files.len());
    files
}

#[test]
fn issue_6_output_is_byte_identical_across_threads_and_file_order() {
    let files = bundled_site();
    assert!(files.iter().filter(|(p, _)| p.starts_with("content")).count() > 10);
    let sorted = TestSite::empty();
    write_in_order(sorted.root(), &files);
    let mut reversed_files = files.clone();
    reversed_files.reverse();
    let reversed = TestSite::empty();
    write_in_order(reversed.root(), &reversed_files);

    let one_thread = build(sorted.root(), &sorted.path("one"), Some("1"));
    let default = build(sorted.root(), &sorted.path("default"), None);
    let many = build(sorted.root(), &sorted.path("many"), Some("7"));
    let other_copy = build(reversed.root(), &reversed.path("public"), None);

    for (name, other) in [("default threads", &default), ("7 threads", &many), ("reversed copy", &other_copy)] {
        let paths = |files: &[(String, Vec<u8>)]| files.iter().map(|(p, _)| p.clone()).collect::<Vec<_>>();
        assert_eq!(paths(&one_thread), paths(other), "{name}: different file lists");
        for ((path, a), (_, b)) in one_thread.iter().zip(other.iter()) {
            assert!(a == b, "{name}: {path} differs");
        }
    }
}
