//! The one Markdown parse of a body (issue 8). Every body is read by
//! pulldown-cmark exactly once, in the load stage (in parallel), into a
//! [`ParsedBody`] of plain data that the later stages share:
//!
//! - `resolve` checks its [`FoundLink`]s and records its headings;
//! - `render::markdown` fills the links into its HTML [`Template`];
//! - `render::search_index` weighs its word counts ([`Terms`]).
//!
//! The template is the body's HTML with every link's opening and closing tag
//! left as a slot, because what a link becomes depends on the resolved
//! target. Everything else that rendering decides is decided here: heading
//! ids, the nesting cap, the raw-HTML depth limit, unsafe image URLs.

use super::links::Heading;
use super::links::{is_unsafe_url, level_number, markdown_options, relative_path, Anchors, FoundLink};
use super::nesting::{Cap, RawDepth};
use super::notes::{Note, NoteKind};
use super::raw_html;
use super::terms::{Counter, Terms};
use pulldown_cmark::{CowStr, Event, LinkType, Parser, Tag, TagEnd};
use std::fmt;

/// A body, parsed once.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParsedBody {
    /// Every link, in order, nested ones included (even those the nesting
    /// cap renders as text: they still count as mentions).
    pub links: Vec<FoundLink>,
    /// Every image, in order (its `wiki` is false).
    pub images: Vec<FoundLink>,
    /// Headings with the ids the page gives them.
    pub headings: Vec<Heading>,
    /// Word counts for the search index.
    pub terms: Terms,
    /// The HTML, with slots for links.
    pub template: Template,
    /// Whether the HTML must go through the sanitizer (unless the site
    /// trusts raw HTML): the body has raw HTML, or a link or image URL with a
    /// scheme the sanitizer might not keep. Otherwise the HTML is safe by
    /// construction: pulldown-cmark escapes text and attributes, heading
    /// attributes other than the id are dropped, script URLs are removed.
    pub needs_sanitizer: bool,
    /// What the page shows less of than the source (raw HTML the allow-list
    /// drops, script image URLs), for `resolve` to report.
    pub notes: Vec<Note>,
}

/// The HTML of a body with slots for what only rendering can decide.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Template {
    /// The literal HTML between slots, all in one string.
    html: String,
    /// Where each slot goes in `html`, in order.
    slots: Vec<(usize, Slot)>,
    /// Raw HTML pieces that pass only on sites that trust raw HTML.
    raw: Vec<String>,
}

/// What fills a slot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Slot {
    LinkStart(usize),
    LinkEnd,
    Raw(usize),
    Trusted(usize),
    /// The `src` of an image with a relative path: an asset's output URL
    /// depends on the page that shows it.
    ImageSrc(usize),
}

/// One piece of a template, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Piece<'t> {
    /// Literal HTML.
    Html(&'t str),
    /// The opening tag of this link.
    LinkStart(&'t FoundLink),
    /// The closing tag of the link opened last.
    LinkEnd,
    /// Raw HTML that would leave too many elements open: written as is only
    /// when the site trusts raw HTML, else as text.
    Raw(&'t str),
    /// An opening tag that would swallow the rest of the page
    /// ([`raw_html`]): written only when the site trusts raw HTML.
    Trusted(&'t str),
    /// The `src` attribute value of this image (inside the quotes).
    ImageSrc(&'t FoundLink),
}

impl ParsedBody {
    /// The template's pieces, in order.
    pub fn pieces(&self) -> impl Iterator<Item = Piece<'_>> + '_ {
        let template = &self.template;
        let mut at = 0;
        let mut slots = template.slots.iter().peekable();
        std::iter::from_fn(move || {
            let end = slots.peek().map_or(template.html.len(), |(position, _)| *position);
            if at < end {
                let html = &template.html[at..end];
                at = end;
                return Some(Piece::Html(html));
            }
            let (_, slot) = slots.next()?;
            Some(match *slot {
                Slot::LinkStart(link) => self.links.get(link).map_or(Piece::Html(""), Piece::LinkStart),
                Slot::LinkEnd => Piece::LinkEnd,
                Slot::Raw(piece) => Piece::Raw(template.raw.get(piece).map_or("", String::as_str)),
                Slot::Trusted(piece) => Piece::Trusted(template.raw.get(piece).map_or("", String::as_str)),
                Slot::ImageSrc(image) => self.images.get(image).map_or(Piece::Html(""), Piece::ImageSrc),
            })
        })
    }

    /// Bytes of literal HTML in the template.
    pub fn html_len(&self) -> usize {
        self.template.html.len()
    }
}

/// Parses a body: the only place a body meets the Markdown parser.
pub fn parse(body: &str) -> ParsedBody {
    #[cfg(test)]
    PARSES.with(|count| count.set(count.get() + 1));
    // About one event per 16 bytes of an ordinary body: sized once instead
    // of doubling.
    let mut pass = Pass { source: body, events: Vec::with_capacity(body.len() / 16), ..Pass::default() };
    for (event, range) in Parser::new_ext(body, markdown_options()).into_offset_iter() {
        pass.event(event, range);
    }
    let Pass { mut events, pending, raw, links, found_images, counter, needs_sanitizer, notes, .. } = pass;
    let headings = assign_heading_ids(&mut events);
    // The HTML is about as long as the Markdown (and shrunk to fit after).
    let template = write_template(events, &pending, raw, body.len() + body.len() / 4);
    ParsedBody { links, images: found_images, headings, terms: counter.finish(), template, needs_sanitizer, notes }
}

#[cfg(test)]
thread_local! {
    /// How many bodies this thread has parsed (tests prove "once per body").
    pub(crate) static PARSES: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// A slot waiting for its place: the event it replaces, and whether what
/// fills it ends a line (the HTML writer starts blocks on a new line).
struct Pending {
    event: usize,
    slot: Slot,
    ends_line: bool,
}

/// State of the single walk over a body's events.
#[derive(Default)]
struct Pass<'a> {
    /// The body text.
    source: &'a str,
    events: Vec<Event<'a>>,
    pending: Vec<Pending>,
    raw: Vec<String>,
    links: Vec<FoundLink>,
    found_images: Vec<FoundLink>,
    counter: Counter,
    cap: Cap,
    raw_depth: RawDepth,
    /// Images open among the kept events (their text becomes `alt`).
    images: usize,
    needs_sanitizer: bool,
    notes: Vec<Note>,
}

impl<'a> Pass<'a> {
    fn event(&mut self, event: Event<'a>, range: std::ops::Range<usize>) {
        let block = matches!(event, Event::Html(_));
        match &event {
            Event::Text(text) | Event::Code(text) => self.counter.add(text),
            Event::Start(Tag::Link { link_type, dest_url, title, .. }) => {
                let wiki = matches!(link_type, LinkType::WikiLink { .. });
                self.needs_sanitizer |= !wiki && unusual_scheme(dest_url);
                let (dest, title) = (dest_url.to_string(), title.to_string());
                self.links.push(FoundLink { range: range.clone(), dest, title, wiki });
            }
            Event::Start(Tag::Image { dest_url, title, .. }) => {
                let (dest, title) = (dest_url.to_string(), title.to_string());
                self.found_images.push(FoundLink { range: range.clone(), dest, title, wiki: false });
            }
            _ => {}
        }
        if !self.cap.keep(&event) {
            return;
        }
        let event = match event {
            Event::Start(Tag::Link { .. }) => return self.slot(Slot::LinkStart(self.links.len() - 1), false),
            Event::End(TagEnd::Link) => return self.slot(Slot::LinkEnd, false),
            Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
                self.images += 1;
                self.needs_sanitizer |= unusual_scheme(&dest_url);
                let dest_url = if is_unsafe_url(&dest_url) {
                    let kind = NoteKind::UnsafeImage { dest: dest_url.to_string() };
                    self.notes.push(Note { range: range.clone(), kind });
                    CowStr::Borrowed("")
                } else {
                    dest_url
                };
                let slot = relative_path(&dest_url).is_some();
                self.events.push(Event::Start(Tag::Image { link_type, dest_url, title, id }));
                if slot {
                    let image = self.found_images.len() - 1;
                    self.pending.push(Pending {
                        event: self.events.len() - 1,
                        slot: Slot::ImageSrc(image),
                        ends_line: false,
                    });
                }
                return;
            }
            Event::End(TagEnd::Image) => {
                self.images = self.images.saturating_sub(1);
                event
            }
            Event::Html(html) | Event::InlineHtml(html) => {
                self.needs_sanitizer = true;
                // Inside an image only the text of raw HTML reaches `alt`, escaped
                // either way.
                if self.images > 0 {
                    return self.events.push(Event::Html(html));
                }
                return self.raw_html(html, range, block);
            }
            other => other,
        };
        self.events.push(event);
    }

    /// A piece of raw HTML: every element the allow-list drops is noted,
    /// and its opening tag cut out into a slot kept only on sites that
    /// trust raw HTML, unless it is a closed text-reading element
    /// ([`raw_html`]).
    fn raw_html(&mut self, html: CowStr<'a>, range: std::ops::Range<usize>, block: bool) {
        let source = self.source.get(range.clone()).unwrap_or("");
        let mut kept = 0;
        for tag in raw_html::tags(&html).into_iter().filter(|t| !t.closing && !raw_html::is_kept(&t.name)) {
            let text = &html[tag.range.clone()];
            let start = range.start + source.find(text).unwrap_or(0);
            let end = (start + text.len()).min(range.end.max(start));
            let swallows = raw_html::swallows(&tag.name);
            let closed = !swallows || raw_html::is_closed_in_block(self.source, end, &tag.name, block);
            self.notes.push(Note { range: start..end, kind: NoteKind::RawHtml { name: tag.name.clone(), closed } });
            // A closed text-reading element goes to the sanitizer, which
            // drops it with its content; any other dropped tag is cut out
            // here, its text left in place (see `raw_html`).
            if swallows && closed {
                continue;
            }
            self.admit_html(&html[kept..tag.range.start]);
            self.raw.push(text.to_owned());
            self.slot(Slot::Trusted(self.raw.len() - 1), false);
            kept = tag.range.end;
        }
        match kept {
            0 => self.admit_html_owned(html),
            _ => self.admit_html(&html[kept..]),
        }
    }

    fn admit_html(&mut self, html: &str) {
        if !html.is_empty() {
            self.admit_html_owned(CowStr::from(html.to_owned()));
        }
    }

    /// A piece over the depth limit waits for the site's `trust_html`.
    fn admit_html_owned(&mut self, html: CowStr<'a>) {
        if self.raw_depth.admit(&html) {
            return self.events.push(Event::Html(html));
        }
        let ends_line = html.ends_with('\n');
        self.raw.push(html.into_string());
        self.slot(Slot::Raw(self.raw.len() - 1), ends_line);
    }

    /// Holds the place of a slot with an empty event for now.
    fn slot(&mut self, slot: Slot, ends_line: bool) {
        self.pending.push(Pending { event: self.events.len(), slot, ends_line });
        self.events.push(Event::Html(CowStr::Borrowed("")));
    }
}

/// Whether a link or image URL has a scheme other than the everyday ones
/// (script URLs excepted: they are removed anyway). The sanitizer drops
/// schemes outside its list; such rare bodies keep going through it.
fn unusual_scheme(url: &str) -> bool {
    let Some(colon) = url.find(':') else { return false };
    let scheme = &url[..colon];
    if scheme.contains(['/', '?', '#']) || is_unsafe_url(url) {
        return false;
    }
    !["http", "https", "mailto", "tel"].iter().any(|s| s.eq_ignore_ascii_case(scheme))
}

/// Gives every heading its unique id (its `{#id}`, else the slug of its
/// text) and drops other heading attributes (`{.class onclick=x}`): the id is
/// all the page needs, and on the sanitizer-free path nothing else may pass.
fn assign_heading_ids(events: &mut [Event<'_>]) -> Vec<Heading> {
    let mut anchors = Anchors::default();
    let mut headings = Vec::new();
    let mut index = 0;
    while index < events.len() {
        if let Event::Start(Tag::Heading { .. }) = &events[index] {
            let mut text = String::new();
            let mut end = index + 1;
            while end < events.len() && !matches!(events[end], Event::End(TagEnd::Heading(_))) {
                if let Event::Text(t) | Event::Code(t) = &events[end] {
                    text.push_str(t);
                }
                end += 1;
            }
            if let Event::Start(Tag::Heading { level, id, classes, attrs }) = &mut events[index] {
                let anchor = anchors.claim(id.as_deref(), &text);
                *id = Some(CowStr::from(anchor.clone()));
                classes.clear();
                attrs.clear();
                headings.push(Heading { level: level_number(*level), text, anchor });
            }
            index = end;
        }
        index += 1;
    }
    headings
}

/// Renders the events to HTML with pulldown-cmark's writer, cutting out the
/// slots. Each slot's event is raw HTML borrowed from one `marks` string, so
/// the writer recognizes a slot by its address, which no text of the body
/// can have: the template cannot be forged from the body.
fn write_template(events: Vec<Event<'_>>, pending: &[Pending], raw: Vec<String>, html_hint: usize) -> Template {
    let marks: String = pending.iter().map(|p| if p.ends_line { '\n' } else { '-' }).collect();
    // The events may borrow `marks` from here on.
    let mut events: Vec<Event<'_>> = events;
    for (index, slot) in pending.iter().enumerate() {
        let mark = CowStr::Borrowed(&marks[index..index + 1]);
        match (events.get_mut(slot.event), slot.slot) {
            // The writer writes an image's URL as one piece when it needs no
            // escaping, as `-` does not: the mark comes through whole.
            (Some(Event::Start(Tag::Image { dest_url, .. })), Slot::ImageSrc(_)) => *dest_url = mark,
            (Some(event), _) => *event = Event::Html(mark),
            (None, _) => {}
        }
    }
    let mut writer = SlotWriter { marks: &marks, html: String::with_capacity(html_hint), slots: Vec::new() };
    // Writing to a String never fails.
    let _ = pulldown_cmark::html::write_html_fmt(&mut writer, events.into_iter());
    let mut html = writer.html;
    html.shrink_to_fit();
    let slots = writer.slots.into_iter().filter_map(|(at, mark)| Some((at, pending.get(mark)?.slot))).collect();
    Template { html, slots, raw }
}

/// Collects the writer's output, turning slot marks into slot positions.
struct SlotWriter<'m> {
    marks: &'m str,
    html: String,
    slots: Vec<(usize, usize)>,
}

impl fmt::Write for SlotWriter<'_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        let start = self.marks.as_ptr() as usize;
        let at = (s.as_ptr() as usize).wrapping_sub(start);
        if s.len() == 1 && at < self.marks.len() {
            self.slots.push((self.html.len(), at));
        } else {
            self.html.push_str(s);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(parsed: &ParsedBody) -> Vec<String> {
        parsed
            .pieces()
            .map(|piece| match piece {
                Piece::Html(html) => html.to_owned(),
                Piece::LinkStart(link) => format!("[{}]", link.dest),
                Piece::LinkEnd => "[/]".to_owned(),
                Piece::Raw(raw) => format!("[raw {raw}]"),
                Piece::Trusted(raw) => format!("[trusted {raw}]"),
                Piece::ImageSrc(image) => format!("[src {}]", image.dest),
            })
            .collect()
    }

    #[test]
    fn leaves_a_slot_for_each_link_tag() {
        let parsed = parse("See [[Data Mesh]] and [x](a.md \"T\").\n");
        assert_eq!(
            pieces(&parsed),
            ["<p>See ", "[Data Mesh]", "Data Mesh", "[/]", " and ", "[a.md]", "x", "[/]", ".</p>\n"]
        );
        assert_eq!(parsed.links[1].title, "T");
        assert_eq!(&"See [[Data Mesh]] and [x](a.md \"T\").\n"[parsed.links[0].range.clone()], "[[Data Mesh]]");
        assert!(!parsed.needs_sanitizer);
    }

    #[test]
    fn finds_links_and_headings_but_not_in_code() {
        let body = "## Intro\n\nSee [[Data Mesh]] and [x](a.md).\n\n```mermaid\nA[[Not a link]]-->B\n```\n\n## Intro\n";
        let parsed = parse(body);
        let dests: Vec<&str> = parsed.links.iter().map(|l| l.dest.as_str()).collect();
        assert_eq!(dests, ["Data Mesh", "a.md"]);
        let anchors: Vec<&str> = parsed.headings.iter().map(|h| h.anchor.as_str()).collect();
        assert_eq!(anchors, ["intro", "intro-1"]);
        assert!(pieces(&parsed).concat().contains("<h2 id=\"intro-1\">Intro</h2>"));
    }

    #[test]
    fn text_that_looks_like_a_slot_mark_stays_text() {
        // The marks are `-` and a line break; the body's own never make slots.
        let parsed = parse("\\-\n\n- \\-\n\n---\n\nx  \ny\n");
        assert!(parsed.template.slots.is_empty(), "{:?}", parsed.template);
        assert_eq!(pieces(&parsed).concat(), "<p>-</p>\n<ul>\n<li>-</li>\n</ul>\n<hr />\n<p>x<br />\ny</p>\n");
    }

    #[test]
    fn links_inside_image_descriptions_leave_no_slot() {
        let parsed = parse("![a [b](b.md) c](x.png)\n");
        assert_eq!(pieces(&parsed), ["<p><img src=\"", "[src x.png]", "\" alt=\"a b c\" /></p>\n"]);
        assert_eq!(parsed.links.len(), 1, "still a mention");
    }

    #[test]
    fn leaves_a_slot_for_relative_image_urls_only() {
        let body = "![a](img/a%20b.png \"T\") ![b](https://x.example/b.png) ![c](/c.png)\n";
        let parsed = parse(body);
        assert_eq!(
            pieces(&parsed).concat(),
            "<p><img src=\"[src img/a%20b.png]\" alt=\"a\" title=\"T\" /> \
             <img src=\"https://x.example/b.png\" alt=\"b\" /> <img src=\"/c.png\" alt=\"c\" /></p>\n"
        );
        let dests: Vec<&str> = parsed.images.iter().map(|i| i.dest.as_str()).collect();
        assert_eq!(dests, ["img/a%20b.png", "https://x.example/b.png", "/c.png"]);
        assert_eq!(&body[parsed.images[0].range.clone()], "![a](img/a%20b.png \"T\")");
    }

    #[test]
    fn keeps_only_the_id_of_a_heading() {
        let parsed = parse("# T {#top .c onclick=alert(1) style=x}\n");
        assert_eq!(pieces(&parsed).concat(), "<h1 id=\"top\">T</h1>\n");
        assert!(!parsed.needs_sanitizer);
    }

    #[test]
    fn raw_html_past_the_depth_limit_waits_for_trust() {
        let body = "<span>".repeat(crate::markdown::nesting::MAX_RAW_DEPTH + 1);
        let parsed = parse(&body);
        assert!(parsed.needs_sanitizer);
        let raw: Vec<String> = pieces(&parsed).into_iter().filter(|p| p.starts_with("[raw")).collect();
        assert_eq!(raw, ["[raw <span>]"]);
    }

    #[test]
    fn hostile_round3_tags_named_like_svg_or_mathml_never_reach_the_sanitizer() {
        // ammonia drops these with everything inside: left open, the rest
        // of the page; `<math><mtext><table>` never returns to HTML at all.
        let parsed = parse("A <text> b\n\n<math><mtext><table><mglyph><style>x</style></mtext></math>\n\nC\n");
        assert_eq!(
            pieces(&parsed).concat(),
            "<p>A [trusted <text>] b</p>\n<p>[trusted <math>][trusted <mtext>]<table>[trusted <mglyph>]<style>x</style></mtext></math></p>\n<p>C</p>\n"
        );
        let names: Vec<&NoteKind> = parsed.notes.iter().map(|n| &n.kind).collect();
        assert_eq!(names.len(), 5, "{names:?}");
    }

    #[test]
    fn an_unclosed_swallowing_tag_is_cut_out_and_noted() {
        let parsed = parse("Before <style> after.\n\nNext <b>kept</b> <form>x</form>\n");
        assert_eq!(
            pieces(&parsed).concat(),
            "<p>Before [trusted <style>] after.</p>\n<p>Next <b>kept</b> [trusted <form>]x</form></p>\n"
        );
        let notes: Vec<(std::ops::Range<usize>, &NoteKind)> =
            parsed.notes.iter().map(|n| (n.range.clone(), &n.kind)).collect();
        assert_eq!(
            notes,
            [
                (7..14, &NoteKind::RawHtml { name: "style".into(), closed: false }),
                (40..46, &NoteKind::RawHtml { name: "form".into(), closed: true }),
            ]
        );
    }

    #[test]
    fn a_closed_swallowing_element_is_left_to_the_sanitizer() {
        let parsed = parse("A <script>x()</script> B\n");
        assert!(!pieces(&parsed).concat().contains("[trusted"));
        assert_eq!(parsed.notes[0].kind, NoteKind::RawHtml { name: "script".into(), closed: true });
    }

    #[test]
    fn script_image_urls_are_emptied_and_noted() {
        let parsed = parse("![x](javascript:alert(1))\n");
        assert!(pieces(&parsed).concat().contains("src=\"\""));
        assert_eq!(parsed.notes[0].kind, NoteKind::UnsafeImage { dest: "javascript:alert(1)".into() });
        assert_eq!(parsed.notes[0].range, 0..25);
    }

    #[test]
    fn counts_words_of_text_and_code_but_not_urls_or_tags() {
        let parsed = parse("Owner `owner` [owner](https://owner.example) <b class=x>bold</b>\n");
        let mut terms: Vec<(&str, u32)> = parsed.terms.iter().collect();
        terms.sort_unstable();
        assert_eq!(terms, [("bold", 1), ("owner", 3)]);
    }

    #[test]
    fn unusual_url_schemes_send_the_body_to_the_sanitizer() {
        assert!(parse("[x](file:///etc/passwd)").needs_sanitizer);
        assert!(parse("![x](ftp://a/b.png)").needs_sanitizer);
        for safe in ["[x](https://a.example)", "[x](../a.md#b)", "[x](mailto:a@b.c)", "[[Not: a URL]]", "[x](a/b:c)"] {
            assert!(!parse(safe).needs_sanitizer, "{safe}");
        }
    }

    #[test]
    fn the_same_body_parses_to_the_same_value() {
        let body = "# A\n\nzeta alpha [[B]] beta alpha\n";
        assert_eq!(parse(body), parse(body));
    }
}
