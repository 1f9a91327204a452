//! Body tables scroll in their own box, so a wide one never makes the page
//! wider than the screen (issue 16). The box is a focusable, named region so
//! keyboard readers can scroll it too; the theme makes its first column sticky.

/// Wraps every `<table>` of rendered body HTML in a scroll box. Leaves the
/// HTML alone when its tables do not pair up (trusted raw HTML may not).
/// Most bodies have no table: they are returned as they are, without a copy.
pub fn wrap_tables(html: String) -> String {
    const OPEN: &str = "<table>";
    const CLOSE: &str = "</table>";
    let opens = memchr::memmem::find_iter(html.as_bytes(), OPEN).count();
    if opens == 0 || opens != memchr::memmem::find_iter(html.as_bytes(), CLOSE).count() {
        return html;
    }
    let (open_finder, close_finder) = (memchr::memmem::Finder::new(OPEN), memchr::memmem::Finder::new(CLOSE));
    let mut out = String::with_capacity(html.len() + opens * 90);
    let mut number = 0;
    let mut rest = html.as_str();
    while let Some(at) = open_finder.find(rest.as_bytes()) {
        number += 1;
        out.push_str(&rest[..at]);
        out.push_str("<div class=\"table-wrap\" role=\"region\" aria-label=\"Table ");
        out.push_str(&number.to_string());
        out.push_str("\" tabindex=\"0\">");
        out.push_str(OPEN);
        rest = &rest[at + OPEN.len()..];
        let Some(end) = close_finder.find(rest.as_bytes()) else { break };
        out.push_str(&rest[..end + CLOSE.len()]);
        out.push_str("</div>");
        rest = &rest[end + CLOSE.len()..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_each_table_in_a_named_scroll_box() {
        let html = "<p>a</p><table><tr><td>1</td></tr></table><table></table>";
        assert_eq!(
            wrap_tables(html.to_owned()),
            "<p>a</p><div class=\"table-wrap\" role=\"region\" aria-label=\"Table 1\" tabindex=\"0\">\
             <table><tr><td>1</td></tr></table></div>\
             <div class=\"table-wrap\" role=\"region\" aria-label=\"Table 2\" tabindex=\"0\"><table></table></div>"
        );
    }

    #[test]
    fn leaves_unpaired_or_absent_tables_alone() {
        assert_eq!(wrap_tables("<table><tr>".into()), "<table><tr>");
        assert_eq!(wrap_tables("<p>x</p>".into()), "<p>x</p>");
    }
}
