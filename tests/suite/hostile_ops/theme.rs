//! A theme can only be read from `themes/<name>/`, never through a path or
//! a symlink that leads elsewhere; `base_url` cannot carry another scheme.

use crate::util::{snapshot, TestSite};

const SECRET: &str = "-----BEGIN OPENSSH PRIVATE KEY----- not for publishing";

/// Every file of the output that contains the secret.
fn leaks(site: &TestSite) -> Vec<String> {
    let files = snapshot(&site.path("public"));
    files.into_iter().filter(|(_, bytes)| String::from_utf8_lossy(bytes).contains(SECRET)).map(|(p, _)| p).collect()
}

fn use_theme(site: &TestSite, line: &str) {
    let config = site.read("site.toml");
    site.write("site.toml", &format!("{line}\n{config}"));
}

#[test]
fn a_theme_path_outside_themes_is_a_config_error() {
    let site = TestSite::fixture("good");
    let outer = TestSite::empty();
    outer.write("x/static/id_rsa", SECRET);
    outer.write("x/templates/base.html", SECRET);
    for name in ["../../x".to_owned(), "../x".to_owned(), outer.path("x").display().to_string()] {
        let theme = name.replace('\\', "\\\\");
        use_theme(&site, &format!("theme = \"{theme}\""));
        let check = site.run(&["check"]);
        assert_eq!(check.code, 1, "{check:?}");
        assert!(check.stderr.contains("invalid-config") && check.stderr.contains("folder under themes/"), "{check:?}");
        let build = site.run(&["build"]);
        assert_eq!(build.code, 1, "{build:?}");
        assert!(!site.path("public").exists(), "a build with a config error writes nothing");
        site.edit("site.toml", &format!("theme = \"{theme}\"\n"), "");
    }
}

#[cfg(unix)]
#[test]
fn symlinks_in_a_theme_are_reported_and_never_followed() {
    let site = TestSite::fixture("good");
    let victim = TestSite::empty();
    victim.write(".ssh/id_rsa", SECRET);
    victim.write("secret.html", SECRET);
    let link = |target: &std::path::Path, at: &str| {
        std::fs::create_dir_all(site.path(at).parent().expect("parent")).expect("mkdir");
        std::os::unix::fs::symlink(target, site.path(at)).expect("symlink");
    };
    link(&victim.path(".ssh"), "themes/evil/static");
    link(&victim.path("secret.html"), "themes/evil/templates/404.html");
    link(&victim.path(".ssh"), "themes/evil/templates/keys");
    use_theme(&site, "theme = \"evil\"");
    let build = site.run(&["build"]);
    assert_eq!(build.code, 0, "{build:?}");
    for skipped in ["themes/evil/static", "themes/evil/templates/404.html", "themes/evil/templates/keys"] {
        assert!(build.stderr.contains(&format!("--> {skipped}\n")), "no warning for {skipped}: {}", build.stderr);
    }
    let warnings =
        build.stderr.matches("warning[skipped-file]: skipped: it is a symbolic link, which is never followed");
    assert_eq!(warnings.count(), 3, "{}", build.stderr);
    assert_eq!(leaks(&site), Vec::<String>::new());
    assert!(site.path("public/assets/style.css").is_file(), "the default static files are still there");
    assert!(!site.path("public/assets/id_rsa").exists());
}

#[cfg(unix)]
#[test]
fn a_symlinked_theme_folder_is_not_read() {
    let site = TestSite::fixture("good");
    let victim = TestSite::empty();
    victim.write("static/id_rsa", SECRET);
    std::fs::create_dir_all(site.path("themes")).expect("mkdir");
    std::os::unix::fs::symlink(victim.root(), site.path("themes/evil")).expect("symlink");
    use_theme(&site, "theme = \"evil\"");
    let build = site.run(&["build"]);
    assert_eq!(build.code, 2, "{build:?}");
    assert!(build.stderr.contains("theme `evil` not found"), "{}", build.stderr);
    assert!(!site.path("public").exists());
    // A symlinked themes/ folder: the default theme is embedded, so the build goes on without it.
    let site = TestSite::fixture("good");
    std::os::unix::fs::symlink(victim.root(), site.path("themes")).expect("symlink");
    let build = site.run(&["build"]);
    assert_eq!(build.code, 0, "{build:?}");
    assert!(build.stderr.contains("skipped-file") && build.stderr.contains("themes"), "{}", build.stderr);
    assert_eq!(leaks(&site), Vec::<String>::new());
}

#[test]
fn a_base_url_of_another_scheme_is_a_config_error() {
    let site = TestSite::fixture("good");
    for url in ["javascript:alert(document.domain)//", "//evil.example/", "data:text/html,hi"] {
        use_theme(&site, &format!("base_url = \"{url}\""));
        let check = site.run(&["check"]);
        assert_eq!(check.code, 1, "{check:?}");
        assert!(check.stderr.contains("invalid-config") && check.stderr.contains("base_url"), "{check:?}");
        site.edit("site.toml", &format!("base_url = \"{url}\"\n"), "");
    }
    use_theme(&site, "base_url = \"https://wiki.example.com/roles/\"");
    assert_eq!(site.run(&["check"]).code, 0);
}
