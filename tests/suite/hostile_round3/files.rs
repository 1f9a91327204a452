//! Site files that are not what they seem: a symlinked site.toml (it could
//! print `~/.aws/credentials` into a CI log through a parse error), and a
//! content file swapped for a symlink while the site is read.

use crate::util::TestSite;

#[cfg(unix)]
#[test]
fn a_symlinked_site_toml_is_never_read() {
    let site = TestSite::fixture("good");
    let outside = TestSite::empty();
    outside.write("credentials", "[default]\naws_secret_access_key = TOP-SECRET\n");
    std::fs::remove_file(site.path("site.toml")).expect("remove");
    std::os::unix::fs::symlink(outside.path("credentials"), site.path("site.toml")).expect("symlink");
    for command in ["check", "build"] {
        let run = site.run(&[command]);
        assert_eq!(run.code, 1, "{run:?}");
        assert!(run.stderr.contains("site.toml is a symbolic link; it is never followed"), "{}", run.stderr);
        assert!(!run.stderr.contains("TOP-SECRET") && !run.stdout.contains("TOP-SECRET"), "{run:?}");
    }
    assert!(!site.path("public").exists());
}

/// Swaps `content/race.md` between a real file and a symlink to a secret
/// while builds run: no build may publish the secret.
#[cfg(unix)]
#[test]
fn a_content_file_swapped_for_a_symlink_mid_build_is_never_published() {
    use std::sync::atomic::{AtomicBool, Ordering};
    let site = TestSite::fixture("good");
    let outside = TestSite::empty();
    let secret = "---\ntitle: Stolen\nkind: concept\nsummary: TOP-SECRET\n---\nTOP-SECRET\n";
    outside.write("secret.md", secret);
    let real = "---\ntitle: Race\nkind: concept\nsummary: Plain.\n---\nText.\n";
    site.write("content/race.md", real);
    let done = AtomicBool::new(false);
    let (race, spare, target) = (site.path("content/race.md"), site.path("content/.spare"), outside.path("secret.md"));
    std::thread::scope(|scope| {
        scope.spawn(|| {
            let mut flip = false;
            while !done.load(Ordering::Relaxed) {
                let _ = std::fs::remove_file(&spare);
                if flip {
                    let _ = std::os::unix::fs::symlink(&target, &spare);
                } else {
                    let _ = std::fs::write(&spare, real);
                }
                let _ = std::fs::rename(&spare, &race);
                flip = !flip;
            }
        });
        // Asserted after the swapping thread stops, so a failure never hangs.
        let leaks: Vec<bool> = (0..8)
            .map(|_| {
                let run = site.run(&["build", "--quiet"]);
                run.stderr.contains("TOP-SECRET")
                    || crate::util::snapshot(&site.path("public"))
                        .into_iter()
                        .any(|(_, bytes)| String::from_utf8_lossy(&bytes).contains("TOP-SECRET"))
            })
            .collect();
        done.store(true, Ordering::Relaxed);
        assert_eq!(leaks, [false; 8], "a build published the symlink's target");
    });
}
