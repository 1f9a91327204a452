//! Builds that run at the same time, or die halfway.

use crate::util::{snapshot, TestSite};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;

fn build_command(site: &TestSite) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_rolebook"));
    command.arg("build").current_dir(site.root()).env("NO_COLOR", "1");
    command
}

/// Names in the site folder that start with `.public.`: staging folders and the lock file.
fn staging_leftovers(site: &TestSite) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(site.root())
        .expect("read the site folder")
        .map(|i| i.expect("item").file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".public."))
        .collect();
    names.sort();
    names
}

#[test]
fn a_build_removes_staging_folders_of_killed_builds() {
    let site = TestSite::fixture("good");
    assert_eq!(site.run(&["build"]).code, 0);
    // A process that has ended: its id is free, as after `kill -9`.
    let mut gone =
        Command::new(env!("CARGO_BIN_EXE_rolebook")).arg("--version").stdout(Stdio::null()).spawn().expect("spawn");
    let dead = gone.id();
    gone.wait().expect("wait");
    site.write(&format!(".public.tmp-{dead}/index.html"), "half a build");
    site.write(&format!(".public.old-{dead}/index.html"), "a previous output");
    // And a real kill -9 at some point of a build: whatever it left is cleared too.
    let mut killed = build_command(&site).stdout(Stdio::null()).stderr(Stdio::null()).spawn().expect("spawn");
    std::thread::sleep(std::time::Duration::from_millis(5));
    let _ = killed.kill();
    killed.wait().expect("wait");
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(staging_leftovers(&site), Vec::<String>::new());
    assert!(site.read("public/index.html").contains("Fixture Roles"));
}

#[test]
fn eight_builds_at_once_take_turns_and_leave_a_complete_output() {
    let site = TestSite::fixture("good");
    let reference = TestSite::fixture("good");
    assert_eq!(reference.run(&["build"]).code, 0);
    let children: Vec<_> = (0..8)
        .map(|_| build_command(&site).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("spawn"))
        .collect();
    for child in children {
        let output = child.wait_with_output().expect("wait");
        let (stdout, stderr) = (String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
        assert_eq!(output.status.code(), Some(0), "stdout: {stdout}\nstderr: {stderr}");
        assert!(stdout.contains("built 3 entries"), "{stdout}");
        assert!(stderr.is_empty(), "{stderr}");
    }
    assert_eq!(snapshot(&site.path("public")), snapshot(&reference.path("public")));
    assert_eq!(staging_leftovers(&site), Vec::<String>::new());
}

#[test]
fn the_output_never_vanishes_while_builds_replace_it() {
    let site = TestSite::fixture("good");
    assert_eq!(site.run(&["build"]).code, 0);
    let index = site.path("public/index.html");
    let done = Arc::new(AtomicBool::new(false));
    let (polls, missing) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
    let poller = {
        let (done, polls, missing) = (Arc::clone(&done), Arc::clone(&polls), Arc::clone(&missing));
        std::thread::spawn(move || {
            while !done.load(Ordering::SeqCst) {
                if std::fs::metadata(&index).is_err() {
                    missing.fetch_add(1, Ordering::SeqCst);
                }
                polls.fetch_add(1, Ordering::SeqCst);
            }
        })
    };
    let original = site.read("content/owner.md");
    for round in 0..50 {
        // Every other build changes a page, so both paths of the writer run.
        if round % 2 == 0 {
            site.write("content/owner.md", &original.replace("accepts the work", &format!("ships {round}")));
        }
        let run = site.run(&["build", "--quiet"]);
        assert_eq!(run.code, 0, "{run:?}");
    }
    done.store(true, Ordering::SeqCst);
    poller.join().expect("poller");
    assert!(polls.load(Ordering::SeqCst) > 0);
    assert_eq!(missing.load(Ordering::SeqCst), 0, "public/index.html was missing during a swap");
}
