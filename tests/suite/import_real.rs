//! `rolebook import` on glossaries written by others (issue 14): a Hugo
//! glossary, a documentation platform's glossary with KumaScript macros and
//! the real Obsidian vault all build on the first try, with sensible kinds,
//! abbreviations taken from titles, shared ones reported, and no template
//! syntax left in the output.

use crate::util::{Run, TestSite};
use std::path::{Path, PathBuf};

/// Imports `source` into `out/<into>` and builds the result.
fn import_and_build(out: &TestSite, source: &Path, into: &str) -> (Run, Run) {
    let import = out.run(&["import", source.to_str().unwrap_or("."), "--into", into]);
    assert_eq!(import.code, 0, "{import:?}");
    let build = out.run(&["build", "--root", into]);
    assert_eq!(build.code, 0, "the import does not build at once: {build:?}");
    (import, build)
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

/// Pages of the built site that still show `{{`.
fn pages_with_braces(public: &Path) -> Vec<String> {
    let mut found = Vec::new();
    for item in std::fs::read_dir(public).unwrap_or_else(|e| panic!("{e}")).flatten() {
        let path = item.path();
        let html = path.extension().is_some_and(|e| e == "html");
        if html && std::fs::read_to_string(&path).unwrap_or_default().contains("{{") {
            found.push(path.display().to_string());
        }
    }
    found
}

/// `summary:` lines of written entries that still hold source markup.
fn summaries_with_markup(content: &Path) -> Vec<String> {
    let mut found = Vec::new();
    for item in walk(content) {
        let text = std::fs::read_to_string(&item).unwrap_or_default();
        for line in text.lines().filter(|l| l.starts_with("summary:")) {
            if ["[[", "{{", "{%", "<", "](", " ^", "%%"].iter().any(|m| line.contains(m)) {
                found.push(format!("{}: {line}", item.display()));
            }
        }
    }
    found
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for item in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = item.path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else if path.extension().is_some_and(|e| e == "md") {
            out.push(path);
        }
    }
    out
}

#[test]
fn a_hugo_glossary_builds_at_once_with_kinds_from_its_categories() {
    let out = TestSite::empty();
    let (import, build) = import_and_build(&out, &fixture("import-hugo-glossary"), "site");
    let report = &import.stdout;
    assert!(report.contains("kinds: practice 5, role 3, tool 1"), "{report}");
    assert!(report.contains("from front-matter `categories`"), "{report}");
    for left_out in [
        "glossary/_index.md: a section index",
        "glossary/_TEMPLATE.md: a template",
        "glossary/templates/role.md: a template",
        "search.md: a search page",
        "CONTRIBUTING.md: a project file",
        "_index.md: the home page",
    ] {
        assert!(report.contains(left_out), "{left_out} is not reported: {report}");
    }
    assert!(report.contains("`CD`: glossary/continuous-delivery/index.md, glossary/continuous-deployment.md"));
    assert!(report.contains("wanted pages") && report.contains("site-reliability-engineer.md: observability"));
    assert!(report.contains("kept as inline code: 1 (badge ×1)"), "{report}");
    assert!(report.contains("unwrapped (content kept): 2 (tab ×1, tabs ×1)"), "{report}");
    assert!(build.stdout.contains("built 9 entries"), "{}", build.stdout);
    assert_eq!(pages_with_braces(&out.path("site/public")), Vec::<String>::new());
    assert_eq!(summaries_with_markup(&out.path("site/content")), Vec::<String>::new());

    let toml = out.read("site/site.toml");
    assert!(toml.contains("[kinds.practice]\nlabel = \"Practice\"\nplural = \"Practices\""), "{toml}");
    assert!(toml.contains("broken-link = \"warn\"") && toml.contains("missing-sources = \"allow\""), "{toml}");
    assert!(!build.stdout.contains("missing-sources"), "{}", build.stdout);

    let delivery = out.read("site/content/glossary/continuous-delivery.md");
    assert!(delivery.contains("title: Continuous Delivery\n") && !delivery.contains("abbr:"), "{delivery}");
    assert!(delivery.contains("left out: CD"), "{delivery}");
    assert!(
        delivery.contains("summary: Continuous Delivery keeps every change"),
        "a summary made of markup: {delivery}"
    );
    assert!(delivery.contains("](continuous-delivery/pipeline.png"), "{delivery}");
    assert!(delivery.contains("[Release Manager](release-manager.md)"), "{delivery}");
    assert!(delivery.contains("(https://handbook.example.com/docs/release-checklist/)"), "{delivery}");
    assert!(!delivery.contains("Reviewed by the platform team"), "an HTML comment stayed: {delivery}");
    let copied = std::fs::read(out.path("site/content/glossary/continuous-delivery/pipeline.png"));
    let original = std::fs::read(fixture("import-hugo-glossary/content/glossary/continuous-delivery/pipeline.png"));
    assert_eq!(copied.ok(), original.ok(), "the image was not copied as it is");
    assert!(out.path("site/content/images/team-topology.png").is_file());
    let iac = out.read("site/content/glossary/infrastructure-as-code.md");
    assert!(iac.contains("title: Infrastructure as Code\nabbr: IaC\n"), "{iac}");
    assert!(iac.contains("[team topology](../images/team-topology.png)"), "{iac}");
    let manager = out.read("site/content/glossary/release-manager.md");
    assert!(manager.contains("(https://handbook.example.com/policies/release-policy/)"), "{manager}");
    let ci = out.read("site/content/glossary/continuous-integration.md");
    assert!(ci.contains("```yaml\non: [push]"), "{ci}");
    let flag = out.read("site/content/glossary/feature-flag.md");
    assert!(flag.contains("summary: A Feature Flag turns a piece of behaviour on or off"), "{flag}");
}

#[test]
fn a_summary_taken_from_the_first_paragraph_is_shown_once() {
    let out = TestSite::empty();
    import_and_build(&out, &fixture("import-hugo-glossary"), "site");
    let manager = out.read("site/public/release-manager.html");
    assert!(!manager.contains("<p class=\"summary\">"), "the summary is printed twice: {manager}");
    assert_eq!(manager.matches("<p>The Release Manager plans release dates").count(), 1, "{manager}");
    let ci = out.read("site/public/continuous-integration.html");
    assert!(ci.contains("<p class=\"summary\">Everyone merges small changes"), "an own summary is shown");
}

#[test]
fn a_kumascript_glossary_builds_with_its_macros_converted() {
    let out = TestSite::empty();
    let (import, build) = import_and_build(&out, &fixture("import-mdn-glossary"), "docs");
    let report = &import.stdout;
    assert!(report.contains("format: mdn"), "{report}");
    assert!(report.contains("kinds: glossary-definition 8, glossary-disambiguation 1"), "{report}");
    assert!(report.contains("files/en-us/glossary/index.md: a section index"), "{report}");
    assert!(report.contains("dropped: 11 (GlossaryDisambiguation ×1, GlossarySidebar ×9, QuickLinksWithSubpages ×1)"));
    assert!(report.contains("`SomeFutureMacro` in files/en-us/glossary/cors/index.md"), "{report}");
    assert!(report.contains("`CA`: files/en-us/glossary/certificate_authority/index.md"), "{report}");
    assert!(build.stdout.contains("built 9 entries"), "{}", build.stdout);
    assert_eq!(pages_with_braces(&out.path("docs/public")), Vec::<String>::new());
    assert_eq!(summaries_with_markup(&out.path("docs/content")), Vec::<String>::new());

    let cors = out.read("docs/content/glossary/cors.md");
    assert!(cors.contains("title: Cross-Origin Resource Sharing\nabbr: CORS\n"), "{cors}");
    assert!(cors.contains("[[origin|origins]]") && cors.contains("[[same-origin-policy|same-origin policy]]"));
    assert!(cors.contains("[[HTTP|HTTP]]"), "a wanted page is not kept as a link: {cors}");
    assert!(cors.contains("`SomeFutureMacro(\"cors\", \"2\")`") && cors.contains("`Access-Control-Allow-Origin`"));
    assert!(cors.contains("](cors/cors-flow.svg)") && out.path("docs/content/glossary/cors/cors-flow.svg").is_file());
    assert!(!cors.contains("GlossarySidebar") && !cors.contains("docs team"), "{cors}");
    let policy = out.read("docs/content/glossary/same-origin-policy.md");
    assert!(policy.contains("> **Note**\n>\n> Pages served from"), "a GitHub alert: {policy}");
    let context = out.read("docs/content/glossary/browsing-context.md");
    assert!(context.contains("[Cross-origin rules](cors.md)"), "a site-absolute link by slug: {context}");
    assert!(context.contains("(/en-US/docs/Web/API/Navigation_API)"), "a link outside the glossary: {context}");
    assert!(context.contains("summary: 'A browsing context is the environment"), "{context}");
    let html = out.read("docs/public/browsing-context.html");
    assert!(!html.contains("Navigation_API.md") && html.contains("href=\"cors.html\""), "{html}");
}

#[test]
fn a_base_url_makes_outside_links_absolute() {
    let out = TestSite::empty();
    let source = fixture("import-mdn-glossary");
    let run = out.run(&[
        "import",
        source.to_str().unwrap_or("."),
        "--into",
        "docs",
        "--base-url",
        "https://developer.example.org",
    ]);
    assert_eq!(run.code, 0, "{run:?}");
    let context = out.read("docs/content/glossary/browsing-context.md");
    assert!(context.contains("(https://developer.example.org/en-US/docs/Web/API/Navigation_API)"), "{context}");
}

/// The Data Engineering Wiki from `../shared` beside the checkout; skipped
/// when it is not there unless `CI` is set.
#[test]
fn the_real_obsidian_vault_builds_at_once_with_folder_kinds() {
    let vault = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora/data-engineering-wiki/vault");
    if !vault.is_dir() {
        let ci = std::env::var_os("CI").is_some_and(|v| !v.is_empty() && v != "false" && v != "0");
        assert!(!ci, "CI is set but {} is missing", vault.display());
        eprintln!("skipped: {} is not here", vault.display());
        return;
    }
    let out = TestSite::empty();
    let (import, build) = import_and_build(&out, &vault, "wiki");
    let report = &import.stdout;
    assert!(report.contains("185 notes read, 164 entries written (3 drafts)"), "{report}");
    assert!(report.contains("kinds: community 5, concept 64, entry 1, faq 9, guide 8, tool 77"), "{report}");
    assert!(report.contains("`IaC`: Concepts/Software Engineering/Infrastructure as Code.md, Tools/Terraform.md"));
    assert!(report.contains("Templates/Concept Template.md: a template"), "{report}");
    assert!(report.contains("Concepts/Concepts.md: a section index"), "{report}");
    assert!(report.contains("CONTRIBUTING.md: a project file"), "{report}");
    assert!(report.contains("wanted pages: links to notes that do not exist"), "{report}");
    assert!(build.stdout.contains("built 161 entries"), "{}", build.stdout);
    assert_eq!(pages_with_braces(&out.path("wiki/public")), Vec::<String>::new());
    assert_eq!(summaries_with_markup(&out.path("wiki/content")), Vec::<String>::new());
    let toml = out.read("wiki/site.toml");
    for kind in ["[kinds.concept]", "[kinds.tool]", "[kinds.faq]", "[kinds.guide]", "[kinds.community]"] {
        assert!(toml.contains(kind), "{kind}: {toml}");
    }
    assert!(!toml.contains("asynchronou") && !toml.contains("[kinds.template]"), "{toml}");
}

/// A glossary folder copied out of a Hugo docs site (one term per file,
/// `short_description`, `aka`, `glossary_tooltip` shortcodes, `<!--more-->`),
/// with no site configuration beside it.
#[test]
fn a_glossary_folder_from_a_hugo_docs_site_builds_at_once() {
    let site = TestSite::empty();
    site.write("glossary/index.md", "---\ntitle: Standardized Glossary\nlayout: glossary\nweight: 70\n---\n\n");
    site.write(
        "glossary/workload.md",
        "---\ntitle: Workload\nid: workload\nshort_description: >\n  An application running on the cluster.\n\naka:\n\
         tags:\n- fundamental\n---\n An application running on the cluster.\n\n<!--more-->\n\n\
         Workloads run inside {{< glossary_tooltip text=\"containers\" term_id=\"container\" >}}, \
         usually managed by a {{< glossary_tooltip term_id=\"controller\" >}}.\n",
    );
    site.write(
        "glossary/container.md",
        "---\ntitle: Container\nid: container\nshort_description: >\n  A portable image with software and all it needs.\n\n\
         aka:\n- Linux container\ntags:\n- fundamental\n---\n A portable image with software and all it needs.\n\n\
         <!--more-->\n\nSee {{< glossary_tooltip text=\"workloads\" term_id=\"workload\" >}}.\n",
    );
    let (import, build) = import_and_build(&site, &site.path("glossary"), "out");
    assert!(import.stdout.contains("format: hugo (found Hugo shortcodes"), "{}", import.stdout);
    assert!(import.stdout.contains("index.md: the home page"), "{}", import.stdout);
    assert!(import.stdout.contains("workload.md: controller"), "a wanted page: {}", import.stdout);
    assert!(build.stdout.contains("built 2 entries"), "{}", build.stdout);
    assert_eq!(pages_with_braces(&site.path("out/public")), Vec::<String>::new());
    let workload = site.read("out/content/workload.md");
    assert!(workload.contains("summary: An application running on the cluster."), "{workload}");
    assert!(workload.contains("[[container|containers]]") && workload.contains("[[controller|controller]]"));
    assert!(!workload.contains("more-->"), "{workload}");
    let container = site.read("out/content/container.md");
    assert!(container.contains("aliases:\n- Linux container"), "{container}");
    let page = site.read("out/public/workload.html");
    assert!(!page.contains("<p class=\"summary\">"), "the summary is printed twice");
}

#[test]
fn importing_twice_writes_the_same_site() {
    let out = TestSite::empty();
    let source = fixture("import-hugo-glossary");
    let source = source.to_str().unwrap_or(".");
    assert_eq!(out.run(&["import", source, "--into", "a"]).code, 0);
    assert_eq!(out.run(&["import", source, "--into", "b"]).code, 0);
    let a = crate::util::snapshot(&out.path("a"));
    let b = crate::util::snapshot(&out.path("b"));
    assert_eq!(a, b, "two imports differ");
    assert_eq!(out.run(&["import", source, "--into", "a"]).code, 0, "a re-import into its own folder");
    assert_eq!(crate::util::snapshot(&out.path("a")), b);
}
