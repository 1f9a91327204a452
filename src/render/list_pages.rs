//! The pages that list many entries: the index, the kind, tag and
//! comparison lists, A–Z, the map, the decision matrix, the compare picker,
//! and 404. Their data is built first and fingerprinted, so an incremental
//! rebuild renders only the list pages whose data changed since the last
//! (a template is a pure function of its data and path, and the data it
//! sees is what serializes).

use super::a_z::{self, AzPage};
use super::changes_page::{self, ChangesPage};
use super::compare_data::{self, PickerPage};
use super::lists::{self, IndexPage, ListPage};
use super::matrix::{self, MatrixPage};
use super::site_map::{self, MapPage};
use super::views::Views;
use crate::resolve::EntryId;
use foldhash::quality::{FixedState, FoldHasher};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;
use std::hash::{BuildHasher, Hasher};

/// The data of one list page.
#[derive(Debug, PartialEq)]
pub enum ListData<'a> {
    /// `index.html`.
    Index(IndexPage<'a>),
    /// A page of a kind, tag or comparison list, or the tag overview.
    List(ListPage<'a>),
    /// An A–Z page.
    Az(AzPage<'a>),
    /// `map.html`.
    Map(MapPage<'a>),
    /// `matrix.html`.
    Matrix(MatrixPage<'a>),
    /// `compare.html`, the picker.
    Picker(PickerPage<'a>),
    /// `changes.html`, when git has history.
    Changes(ChangesPage<'a>),
    /// `404.html`.
    NotFound,
}

/// A group of list pages built by one function: the unit an incremental
/// rebuild builds again or keeps (see `serve::affected`, which knows what
/// each one reads).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Family {
    /// `index.html`.
    Index,
    /// The paged kind lists.
    Kinds,
    /// The paged tag lists and the tag overview.
    Tags,
    /// The paged list of every comparison.
    Comparisons,
    /// The A–Z pages.
    Az,
    /// `map.html`.
    Map,
    /// `matrix.html`.
    Matrix,
    /// `compare.html`, the picker.
    Picker,
    /// `changes.html`.
    Changes,
    /// `404.html`.
    NotFound,
}

/// A set of [`Family`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Families(u16);

impl Families {
    /// Every family.
    pub const ALL: Families = Families((1 << (Family::NotFound as u16 + 1)) - 1);
    /// No family.
    pub const NONE: Families = Families(0);

    /// This set and `family`.
    #[must_use]
    pub const fn with(self, family: Family) -> Families {
        Families(self.0 | 1 << family as u16)
    }

    /// This set and `other`.
    #[must_use]
    pub const fn union(self, other: Families) -> Families {
        Families(self.0 | other.0)
    }

    /// Whether `family` is in the set.
    pub const fn contains(self, family: Family) -> bool {
        self.0 & (1 << family as u16) != 0
    }

    /// Whether the set is empty.
    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }
}

/// Every list page: (output path, data).
pub fn all<'a>(views: &Views<'a>) -> Vec<(String, ListData<'a>)> {
    some(views, Families::ALL).into_iter().map(|(path, _, data)| (path, data)).collect()
}

/// The kinds and tags whose list pages a rebuild builds again, as 256 bits
/// each of a hash of the key in their pages' paths ([`key_of`]): a kind or
/// tag whose bit is clear keeps the pages it had (a collision only builds
/// a few pages more). The tag overview is always built.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageScope(Option<([u64; 4], [u64; 4])>);

impl PageScope {
    /// Every kind and tag.
    pub const ALL: PageScope = PageScope(None);

    /// The kinds `kinds` and the tags `tags` (as written on entries).
    pub fn of<'t>(
        kinds: impl IntoIterator<Item = &'t String>,
        tags: impl IntoIterator<Item = &'t String>,
    ) -> PageScope {
        let set = |paths: &mut dyn Iterator<Item = String>| {
            let mut bits = [0u64; 4];
            for path in paths {
                let bit = bit_of(key_of(&path));
                bits[bit / 64] |= 1 << (bit % 64);
            }
            bits
        };
        let kinds = set(&mut kinds.into_iter().map(|k| super::urls::kind(k)));
        let tags = set(&mut tags.into_iter().map(|t| super::urls::tag(t)));
        PageScope(Some((kinds, tags)))
    }

    /// Whether the page of `family` at `path` is built.
    pub fn holds(self, family: Family, path: &str) -> bool {
        let Some((kinds, tags)) = self.0 else { return true };
        let bits = match family {
            Family::Kinds => kinds,
            Family::Tags if path != TAG_OVERVIEW => tags,
            _ => return true,
        };
        let bit = bit_of(key_of(path));
        bits[bit / 64] >> (bit % 64) & 1 == 1
    }
}

/// The tag overview's path.
const TAG_OVERVIEW: &str = "tags/index.html";

/// The kind or tag a page of theirs is of: `x` for `tags/x.html` and
/// `tags/x/2.html` (`kinds/` alike).
fn key_of(path: &str) -> &str {
    let rest = path.split_once('/').map_or(path, |(_, rest)| rest);
    rest.split(['/', '.']).next().unwrap_or(rest)
}

/// One of 256 bits for a key (FNV-1a: fixed across runs).
fn bit_of(key: &str) -> usize {
    let hash = key.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3));
    (hash % 256) as usize
}

/// The list pages of `families`: (output path, family, data), in the order
/// of [`all`].
pub fn some<'a>(views: &Views<'a>, families: Families) -> Vec<(String, Family, ListData<'a>)> {
    some_within(views, families, PageScope::ALL)
}

/// [`some`], with only the kind and tag pages in `scope`.
pub fn some_within<'a>(views: &Views<'a>, families: Families, scope: PageScope) -> Vec<(String, Family, ListData<'a>)> {
    let sorted: Vec<EntryId> = lists::alphabetical(views);
    let sorted = sorted.as_slice();
    let want = |family: Family| families.contains(family);
    // Independent lists over every entry: build them side by side.
    let ((index, kinds), ((tags, az), (map, (matrix, picker)))) = rayon::join(
        || {
            rayon::join(
                || want(Family::Index).then(|| lists::index(views, sorted)),
                || {
                    if want(Family::Kinds) {
                        lists::kinds(views, sorted, |p| scope.holds(Family::Kinds, p))
                    } else {
                        Vec::new()
                    }
                },
            )
        },
        || {
            rayon::join(
                || {
                    rayon::join(
                        || {
                            if want(Family::Tags) {
                                lists::tags(views, sorted, |p| scope.holds(Family::Tags, p))
                            } else {
                                Vec::new()
                            }
                        },
                        || if want(Family::Az) { a_z::pages(views, sorted) } else { Vec::new() },
                    )
                },
                || {
                    rayon::join(
                        || want(Family::Map).then(|| site_map::page(views, sorted)),
                        || {
                            (
                                want(Family::Matrix).then(|| matrix::page(views, sorted)),
                                want(Family::Picker).then(|| compare_data::page(views, sorted)),
                            )
                        },
                    )
                },
            )
        },
    );
    let mut pages = Vec::new();
    pages.extend(index.map(|index| ("index.html".to_owned(), Family::Index, ListData::Index(index))));
    let list = |family: Family| move |(path, data)| (path, family, ListData::List(data));
    pages.extend(kinds.into_iter().map(list(Family::Kinds)));
    pages.extend(tags.into_iter().map(list(Family::Tags)));
    if want(Family::Comparisons) {
        pages.extend(lists::comparisons(views).into_iter().map(list(Family::Comparisons)));
    }
    pages.extend(az.into_iter().map(|(path, data)| (path, Family::Az, ListData::Az(data))));
    pages.extend(map.map(|map| ("map.html".into(), Family::Map, ListData::Map(map))));
    pages.extend(matrix.map(|matrix| ("matrix.html".into(), Family::Matrix, ListData::Matrix(matrix))));
    pages.extend(picker.map(|picker| ("compare.html".into(), Family::Picker, ListData::Picker(picker))));
    if let Some(changes) = want(Family::Changes).then(|| changes_page::page(views)).flatten() {
        pages.push((changes_page::PATH.into(), Family::Changes, ListData::Changes(changes)));
    }
    if want(Family::NotFound) {
        pages.push(("404.html".into(), Family::NotFound, ListData::NotFound));
    }
    pages
}

/// A list page's fingerprint and the family it belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Print {
    /// Which function builds the page.
    pub family: Family,
    /// [`fingerprint`] of its data.
    pub hash: u64,
}

/// Output path → fingerprint of a list page's data.
pub type Fingerprints = BTreeMap<String, Print>;

/// The fingerprint of every page of [`some`].
pub fn fingerprints(pages: &[(String, Family, ListData<'_>)]) -> Fingerprints {
    pages
        .par_iter()
        .map(|(path, family, data)| (path.clone(), Print { family: *family, hash: fingerprint(data) }))
        .collect()
}

/// A hash of the data as the template receives it (serialized), with a
/// fixed seed: stable within a process, which is all `serve` needs.
pub fn fingerprint(data: &ListData<'_>) -> u64 {
    fn hash(value: &impl Serialize, tag: u8) -> u64 {
        let mut writer = HashWriter::default();
        writer.hasher.write_u8(tag);
        // Writing into a hasher cannot fail; a failing Serialize impl would
        // only make the page look changed, which is safe.
        let _ = serde_json::to_writer(&mut writer, value);
        writer.finish()
    }
    match data {
        ListData::Index(page) => hash(page, 0),
        ListData::List(page) => hash(page, 1),
        ListData::Az(page) => hash(page, 2),
        ListData::Map(page) => hash(page, 3),
        ListData::Matrix(page) => hash(page, 4),
        ListData::Picker(page) => hash(page, 5),
        ListData::NotFound => hash(&(), 6),
        ListData::Changes(page) => hash(page, 7),
    }
}

/// Feeds serialized bytes to a hasher in blocks: the serializer writes a
/// few bytes at a time, and hashing each piece alone cost more than the
/// serializing.
struct HashWriter {
    hasher: FoldHasher<'static>,
    block: Vec<u8>,
}

/// Bytes hashed at once.
const BLOCK: usize = 16 * 1024;

impl Default for HashWriter {
    fn default() -> Self {
        HashWriter { hasher: SEED.build_hasher(), block: Vec::with_capacity(BLOCK) }
    }
}

static SEED: FixedState = FixedState::with_seed(0x726f_6c65_626f_6f6b);

impl HashWriter {
    fn finish(mut self) -> u64 {
        self.hasher.write(&self.block);
        self.hasher.finish()
    }
}

impl std::io::Write for HashWriter {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.block.extend_from_slice(bytes);
        if self.block.len() >= BLOCK {
            self.hasher.write(&self.block);
            self.block.clear();
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::lists::ListPage;

    #[test]
    fn fingerprints_differ_with_the_data_and_repeat_with_it() {
        let page = |title: &str| {
            ListData::List(ListPage {
                title: title.to_owned(),
                intro: String::new(),
                entries: Vec::new(),
                tags: Vec::new(),
                comparisons: Vec::new(),
                pager: None,
            })
        };
        assert_eq!(fingerprint(&page("Roles")), fingerprint(&page("Roles")));
        assert_ne!(fingerprint(&page("Roles")), fingerprint(&page("Concepts")));
        assert_ne!(fingerprint(&ListData::NotFound), fingerprint(&page("")));
    }

    #[test]
    fn a_page_scope_holds_its_kinds_and_tags_pages_and_the_overview() {
        let (concept, delivery) = ("concept".to_owned(), "delivery".to_owned());
        let scope = PageScope::of([&concept], [&delivery]);
        for path in ["tags/delivery.html", "tags/delivery/2.html", "tags/index.html"] {
            assert!(scope.holds(Family::Tags, path), "{path}");
        }
        assert!(scope.holds(Family::Kinds, "kinds/concept/3.html") && scope.holds(Family::Az, "a-z/x.html"));
        let other = (0..100).map(|n| format!("tags/tag-{n}.html")).find(|p| bit_of(key_of(p)) != bit_of("delivery"));
        assert!(other.is_some_and(|p| !scope.holds(Family::Tags, &p)));
        let other = (0..100).map(|n| format!("kinds/k-{n}.html")).find(|p| bit_of(key_of(p)) != bit_of("concept"));
        assert!(other.is_some_and(|p| !scope.holds(Family::Kinds, &p)));
        let index = "index".to_owned();
        assert!(PageScope::of([], [&index]).holds(Family::Tags, "tags/index-tag/3.html"));
        assert!(PageScope::ALL.holds(Family::Tags, "tags/anything.html"));
    }
}
