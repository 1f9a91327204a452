//! Raw HTML that tries to run script, redirect or restyle the page, or
//! swallow the text after it: SVG and MathML, elements named like them,
//! `<base>`, `<meta http-equiv>`, forms, `style` with `url()`, and
//! `javascript:` split by entities, whitespace and control characters.

use crate::util::TestSite;
use serde_json::Value;

fn page(title: &str, body: &str) -> String {
    format!("---\ntitle: {title}\nkind: concept\nsummary: About {title}.\n---\nBEFORE\n\n{body}\n\nAFTER-MARK\n")
}

/// The body of a built entry page.
fn body(site: &TestSite, slug: &str) -> String {
    let html = site.read(&format!("public/{slug}.html"));
    let start = html.find("<div class=\"body prose\">").expect("a body");
    let end = html[start..].find("<footer").map_or(html.len(), |e| start + e);
    html[start..end].to_owned()
}

#[test]
fn elements_named_like_svg_or_mathml_never_swallow_the_rest_of_the_page() {
    let site = TestSite::fixture("good");
    let attacks = [
        "<svg><script>alert(1)</script><a xlink:href=\"javascript:alert(2)\">svg text</a></svg>",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(3)></style></mtext></math>",
        "Use the <text> element",
        "<table><mglyph>",
        "<mtext>open",
        "<desc>described",
        "<math>open math",
    ];
    for (i, attack) in attacks.iter().enumerate() {
        site.write(&format!("content/a{i}.md"), &page(&format!("Attack {i}"), attack));
    }
    assert_eq!(site.run(&["build"]).code, 0);
    for (i, attack) in attacks.iter().enumerate() {
        let html = body(&site, &format!("a{i}"));
        assert!(html.contains("BEFORE") && html.contains("AFTER-MARK"), "{attack}: {html}");
        for bad in ["<script", "onerror", "javascript:", "<svg", "<math", "<style", "<mglyph", "<mtext"] {
            assert!(!html.contains(bad), "{attack} left {bad}: {html}");
        }
    }
    assert!(body(&site, "a0").contains("svg text"));
    assert!(body(&site, "a2").contains("Use the  element"));
    let run = site.run(&["check", "--format", "json"]);
    let list: Vec<Value> = serde_json::from_str(&run.stdout).expect("json");
    let removed = |file: &str| list.iter().filter(|d| d["file"] == file && d["code"] == "raw-html-removed").count();
    assert!((0..attacks.len()).all(|i| removed(&format!("content/a{i}.md")) >= 1), "{list:#?}");
}

#[test]
fn base_refresh_forms_and_style_urls_never_reach_the_page() {
    let site = TestSite::fixture("good");
    site.write(
        "content/head.md",
        &page(
            "Head",
            "<base href=\"https://evil.example/\">\n<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example\">\n\
             <form action=\"https://evil.example\"><button formaction=\"javascript:alert(1)\">go</button></form>\n\
             <p style=\"background:url(javascript:alert(2))\">styled</p>\n<div style=\"background-image: url('https://evil.example/t.png')\">tracked</div>\n\
             <link rel=stylesheet href=\"https://evil.example/x.css\"><object data=\"javascript:alert(3)\"></object>\n\
             <iframe srcdoc=\"<script>alert(4)</script>\"></iframe><details open ontoggle=alert(5)>x</details>",
        ),
    );
    assert_eq!(site.run(&["build"]).code, 0);
    let html = body(&site, "head");
    for bad in [
        "<base",
        "<meta",
        "<form",
        "formaction",
        "style=",
        "url(",
        "<link",
        "<object",
        "<iframe",
        "srcdoc",
        "ontoggle",
        "evil",
    ] {
        assert!(!html.contains(bad), "{bad} survived: {html}");
    }
    for kept in ["styled", "tracked", "go", "AFTER-MARK"] {
        assert!(html.contains(kept), "{kept} was lost: {html}");
    }
}

#[test]
fn javascript_links_split_by_entities_whitespace_or_controls_are_inert_and_reported() {
    let site = TestSite::fixture("good");
    let links = [
        "[a](jav&#x09;ascript:alert(1))",
        "[b](&#106;avascript:alert(2))",
        "[c](<java script:alert(3)>)",
        "[d](JaVaScRiPt&colon;alert(4))",
        "[e]( javascript:alert(5))",
        "[f](java&#0;script:alert(6))",
        "<a href=\"java&#x0A;script:alert(7)\">g</a>",
        "<a href=\"&#x6A;avascript&#58;alert(8)\">h</a>",
        "[i](vbscript:msgbox)",
        "[j](data:text/html,<script>alert(9)</script>)",
        "![k](javascript:alert(10))",
    ];
    site.write("content/links.md", &page("Links", &links.join("\n")));
    assert_eq!(site.run(&["build"]).code, 0);
    let html = body(&site, "links");
    let squashed: String =
        html.chars().filter(|c| !c.is_whitespace() && !c.is_control()).collect::<String>().to_lowercase();
    for bad in [
        "javascript:",
        "javascript&#58;",
        "javascript&colon;",
        "vbscript:",
        "data:text",
        "alert(1",
        "alert(4",
        "alert(8",
    ] {
        assert!(!squashed.contains(&format!("href=\"{bad}")), "{bad}: {html}");
    }
    assert!(!squashed.contains("href=\"javascript") && !squashed.contains("src=\"javascript"), "{html}");
    let run = site.run(&["check", "--format", "json"]);
    let list: Vec<Value> = serde_json::from_str(&run.stdout).expect("json");
    let unsafe_urls = list.iter().filter(|d| d["file"] == "content/links.md" && d["code"] == "unsafe-url").count();
    assert!(unsafe_urls >= 7, "{list:#?}");
}
