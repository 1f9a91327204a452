//! KumaScript-style template macros of documentation platforms (MDN's
//! `{{Glossary("term", "text")}}`, `{{GlossarySidebar}}`, `{{domxref("X")}}`)
//! → Markdown. Glossary links become wikilinks, cross-references inline
//! code, layout macros (sidebars, sub-page lists, compatibility tables)
//! disappear, and a macro nobody knows is kept as inline code, so no raw
//! `{{` reaches the output. Every macro is counted in the report.

use super::body::{Edit, Layout};
use super::convert::Ctx;
use super::report::Report;

/// One `{{ name(args) }}` in a body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Macro {
    /// Byte range of the whole macro.
    pub range: std::ops::Range<usize>,
    /// Its name as written.
    pub name: String,
    /// String, number and boolean arguments, unquoted.
    pub args: Vec<String>,
}

/// What a macro becomes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// A link to a glossary term (`Glossary`): term and text.
    Term(String, String),
    /// A cross-reference shown as code (`domxref`, `HTMLElement`).
    Code(String),
    /// A link to an outside page: text and URL.
    Link(String, String),
    /// Italic label (`deprecated_inline` → *Deprecated*).
    Label(String),
    /// Sidebars, sub-page lists, compatibility tables: nothing.
    Drop,
    /// Not known: shown as inline code without the braces.
    Unknown,
}

/// Every macro outside code, in order.
pub fn find(body: &str, layout: &Layout) -> Vec<Macro> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some(at) = body[from..].find("{{").map(|i| from + i) {
        from = at + 2;
        if layout.in_code(at) {
            continue;
        }
        if let Some(m) = parse(body, at) {
            from = m.range.end;
            found.push(m);
        }
    }
    found
}

fn parse(body: &str, at: usize) -> Option<Macro> {
    let rest = &body[at + 2..];
    let close = rest.find("}}")?;
    let inner = rest[..close].trim();
    if inner.contains('\n') {
        return None;
    }
    let name_end = inner.find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '-'))).unwrap_or(inner.len());
    let name = &inner[..name_end];
    let after = inner[name_end..].trim();
    if name.is_empty() || !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    let args = match after {
        "" => Vec::new(),
        _ => arguments(after.strip_prefix('(')?.strip_suffix(')')?)?,
    };
    Some(Macro { range: at..at + 2 + close + 2, name: name.to_owned(), args })
}

/// `"a", 'b', 3` → `[a, b, 3]`.
fn arguments(text: &str) -> Option<Vec<String>> {
    let mut args = Vec::new();
    let mut chars = text.trim().chars().peekable();
    loop {
        while chars.peek().is_some_and(|c| c.is_whitespace()) {
            chars.next();
        }
        let Some(&first) = chars.peek() else { return Some(args) };
        let mut arg = String::new();
        if first == '"' || first == '\'' {
            chars.next();
            let mut closed = false;
            while let Some(c) = chars.next() {
                match c {
                    '\\' => arg.extend(chars.next()),
                    c if c == first => {
                        closed = true;
                        break;
                    }
                    c => arg.push(c),
                }
            }
            if !closed {
                return None;
            }
        } else {
            while chars.peek().is_some_and(|c| *c != ',') {
                arg.extend(chars.next());
            }
            arg = arg.trim().to_owned();
        }
        args.push(arg);
        while chars.peek().is_some_and(|c| c.is_whitespace()) {
            chars.next();
        }
        match chars.next() {
            Some(',') | None => {}
            Some(_) => return None,
        }
    }
}

/// Layout macros: dropped wherever they appear.
const LAYOUT: &[&str] = &[
    "specifications",
    "compat",
    "previous",
    "next",
    "previousnext",
    "previousmenu",
    "previousmenunext",
    "seecompattable",
    "glossarydisambiguation",
    "embedlivesample",
    "embedghlivesample",
    "embedinteractiveexample",
    "interactiveexample",
    "cssinfo",
    "toc",
    "outdated",
];

/// Cross-reference macros: the first argument is the name shown.
const XREFS: &[&str] = &[
    "domxref",
    "jsxref",
    "cssxref",
    "httpheader",
    "httpmethod",
    "httpstatus",
    "svgattr",
    "htmlattrxref",
    "event",
    "webextapiref",
    "csp",
    "wasmxref",
];

/// What `m` becomes.
pub fn action(m: &Macro) -> Action {
    let name = m.name.to_lowercase();
    let arg = |i: usize| m.args.get(i).cloned().filter(|a| !a.is_empty());
    let first = arg(0).unwrap_or_default();
    match name.as_str() {
        "glossary" if !first.is_empty() => Action::Term(first.clone(), arg(1).unwrap_or(first)),
        "htmlelement" | "svgelement" | "mathmlelement" if !first.is_empty() => Action::Code(format!("<{first}>")),
        "rfc" if !first.is_empty() => {
            let number: String = first.chars().filter(char::is_ascii_digit).collect();
            let text = arg(1).map_or_else(|| format!("RFC {number}"), |t| format!("RFC {number}: {t}"));
            Action::Link(text, format!("https://datatracker.ietf.org/doc/html/rfc{number}"))
        }
        "embedyoutube" if !first.is_empty() => {
            Action::Link("Video".into(), format!("https://www.youtube.com/watch?v={}", url_part(&first)))
        }
        n if XREFS.contains(&n) && !first.is_empty() => Action::Code(arg(1).unwrap_or(first)),
        n if n.ends_with("_inline") || n.ends_with("inline") && n.len() > 6 => {
            let label = n.trim_end_matches("inline").trim_end_matches(['_', '-']).replace(['_', '-'], " ");
            Action::Label(crate::config::humanize(&label))
        }
        n if LAYOUT.contains(&n)
            || n.contains("sidebar")
            || n.contains("subpages")
            || n.starts_with("quicklinks")
            || n.ends_with("header")
            || n.ends_with("ref") && m.args.is_empty() =>
        {
            Action::Drop
        }
        _ => Action::Unknown,
    }
}

fn url_part(text: &str) -> String {
    text.chars().filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_')).collect()
}

/// The macro as inline code, braces left out: `` `foo("x")` ``.
pub fn as_code(m: &Macro) -> String {
    let args: Vec<String> = m.args.iter().map(|a| format!("{a:?}")).collect();
    let call = if args.is_empty() { m.name.clone() } else { format!("{}({})", m.name, args.join(", ")) };
    let call = call.replace('`', "'");
    format!("`{call}`")
}

/// Edits that turn every macro of a body into Markdown.
pub fn edits(body: &str, layout: &Layout, ctx: &Ctx<'_>, report: &mut Report) -> Vec<Edit> {
    let mut edits = Vec::new();
    for m in find(body, layout) {
        let action = action(&m);
        let text = match &action {
            Action::Term(term, text) => term_link(term, text, ctx, report),
            Action::Code(name) => format!("`{}`", name.replace('`', "'")),
            Action::Link(text, url) => format!("[{}]({url})", super::body::escape_markdown(text)),
            Action::Label(label) => format!("*{label}*"),
            Action::Drop => String::new(),
            Action::Unknown => {
                report.shortcodes.entry(m.name.clone()).or_default().push(ctx.path().to_owned());
                as_code(&m)
            }
        };
        report.count_macro(how(&action), &m.name);
        edits.push(Edit::new(whole_line(body, m.range.clone(), &action), text));
    }
    edits
}

/// A dropped macro alone on its line takes the line with it.
fn whole_line(body: &str, range: std::ops::Range<usize>, action: &Action) -> std::ops::Range<usize> {
    if *action != Action::Drop {
        return range;
    }
    let start = body[..range.start].rfind('\n').map_or(0, |i| i + 1);
    let end = body[range.end..].find('\n').map_or(body.len(), |i| range.end + i + 1);
    let alone = body[start..range.start].trim().is_empty() && body[range.end..end].trim().is_empty();
    if alone {
        start..end
    } else {
        range
    }
}

/// How the report counts an action.
pub fn how(action: &Action) -> &'static str {
    match action {
        Action::Term(..) | Action::Code(_) | Action::Link(..) | Action::Label(_) => "converted",
        Action::Drop => "dropped",
        Action::Unknown => "kept as inline code",
    }
}

fn term_link(term: &str, text: &str, ctx: &Ctx<'_>, report: &mut Report) -> String {
    let spaced = term.replace('_', " ");
    let found = ctx
        .index
        .by_url(&format!("Glossary/{term}"))
        .or_else(|| ctx.index.by_url(term))
        .or_else(|| ctx.resolve(&spaced, report));
    let text = text.replace('|', "\\|").replace(['[', ']'], "");
    match found {
        Some(id) => {
            report.links_resolved += 1;
            format!("[[{}|{text}]]", ctx.index.slugs[id])
        }
        None => {
            report.broken_links.push(format!("{}: {spaced}", ctx.path()));
            let name = spaced.replace(['[', ']', '|', '#'], "");
            let name = crate::config::humanize(&name);
            format!("[[{name}|{text}]]")
        }
    }
}

/// The body as plain prose for finding a summary: glossary and
/// cross-reference macros become their text, the rest disappears.
pub fn plain(body: &str) -> String {
    let layout = Layout::of(body);
    let edits = find(body, &layout)
        .into_iter()
        .map(|m| {
            let text = match action(&m) {
                Action::Term(_, text) | Action::Code(text) | Action::Link(text, _) => text,
                _ => String::new(),
            };
            Edit::new(m.range, text)
        })
        .collect();
    super::body::apply(body, edits)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> Macro {
        find(text, &Layout::of(text)).into_iter().next().unwrap_or_else(|| panic!("no macro in {text}"))
    }

    #[test]
    fn parses_names_and_arguments() {
        let m = one("see {{ Glossary(\"Browsing_context\", 'browsing context') }} here");
        assert_eq!(m.name, "Glossary");
        assert_eq!(m.args, ["Browsing_context", "browsing context"]);
        assert_eq!(one("{{GlossarySidebar}}").args, Vec::<String>::new());
        assert_eq!(one("{{RFC(9110, \"HTTP\")}}").args, ["9110", "HTTP"]);
        assert!(find("`{{Glossary(\"x\")}}` and {{title", &Layout::of("`{{Glossary(\"x\")}}` and {{title")).is_empty());
    }

    #[test]
    fn sorts_macros_into_actions() {
        assert_eq!(action(&one("{{Glossary(\"CORS\")}}")), Action::Term("CORS".into(), "CORS".into()));
        assert_eq!(action(&one("{{GlossarySidebar}}")), Action::Drop);
        assert_eq!(action(&one("{{QuickLinksWithSubpages(\"/x\")}}")), Action::Drop);
        assert_eq!(action(&one("{{APIRef}}")), Action::Drop);
        assert_eq!(action(&one("{{HTMLElement(\"div\")}}")), Action::Code("<div>".into()));
        assert_eq!(action(&one("{{domxref(\"Window\")}}")), Action::Code("Window".into()));
        assert_eq!(action(&one("{{Deprecated_Inline}}")), Action::Label("Deprecated".into()));
        assert_eq!(action(&one("{{SomethingNew(1)}}")), Action::Unknown);
        assert_eq!(as_code(&one("{{SomethingNew(1)}}")), "`SomethingNew(\"1\")`");
    }

    #[test]
    fn survives_broken_and_odd_macros() {
        for text in [
            "{{",
            "{{}}",
            "{{ (",
            "{{Glossary(\"x}}",
            "{{é(\"ü\")}}",
            "a {{ b \n c }}",
            "{{X(\"a\\\"b\")}}",
            "{{{{x}}}}",
        ] {
            let _ = plain(text);
            let _ = find(text, &Layout::of(text));
        }
        assert_eq!(one("{{X(\"a\\\"b\")}}").args, ["a\"b"]);
    }

    #[test]
    fn plain_text_keeps_the_words() {
        let body =
            "{{GlossarySidebar}}\n\nA {{Glossary(\"Browser\", \"web browser\")}} shows {{HTMLElement(\"p\")}}.\n";
        assert_eq!(plain(body), "\n\nA web browser shows <p>.\n");
    }
}
