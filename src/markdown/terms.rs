//! The words of a body, as the search index weighs them: lower-case ASCII
//! (accents folded), 3 to 24 letters, stopwords left out, each with how often
//! it occurs. Counted once per body during the one Markdown parse
//! ([`super::body`]), so the search index never reads Markdown.

/// Words too common to help.
pub const STOPWORDS: &[&str] = &[
    "a", "about", "after", "all", "also", "an", "and", "any", "are", "as", "at", "be", "been", "but", "by", "can",
    "do", "does", "each", "for", "from", "has", "have", "how", "if", "in", "into", "is", "it", "its", "may", "more",
    "most", "not", "of", "on", "one", "or", "other", "our", "so", "such", "than", "that", "the", "their", "them",
    "then", "there", "these", "they", "this", "to", "was", "we", "were", "what", "when", "which", "who", "will",
    "with", "would", "you", "your",
];

/// Word counts of one body, in an order fixed by the body alone (the
/// counting table's; every reader is indifferent to order, so nothing
/// sorts them: sorting was a fifth of counting). Each word is kept in one
/// string followed by one control byte, which a word never holds: bytes 1
/// to 30 are its count, byte 31 says the count is the next one in `large`.
/// A body thus costs about its distinct words' bytes plus one byte each
/// (a separate count vector took four more: a fifth of the memory a 10k
/// build holds after loading).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Terms {
    words: String,
    large: Vec<u32>,
}

/// The highest count written as the byte after a word.
const SMALL_COUNT: u32 = 30;
/// The byte after a word whose count is in `large`.
const LARGE_COUNT: u8 = 31;

impl Terms {
    /// No words.
    pub const EMPTY: Terms = Terms { words: String::new(), large: Vec::new() };

    /// Each distinct word with its count.
    pub fn iter(&self) -> impl Iterator<Item = (&str, u32)> + '_ {
        let mut rest = self.words.as_str();
        let mut large = self.large.iter().copied();
        std::iter::from_fn(move || {
            let end = rest.bytes().position(|b| b <= LARGE_COUNT)?;
            let word = &rest[..end];
            let mark = rest.as_bytes()[end];
            rest = &rest[end + 1..];
            let count = if mark == LARGE_COUNT { large.next().unwrap_or(u32::MAX) } else { u32::from(mark) };
            Some((word, count))
        })
    }

    /// How many distinct words.
    pub fn len(&self) -> usize {
        self.words.bytes().filter(|&b| b <= LARGE_COUNT).count()
    }

    /// Whether the body has no countable word.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

/// Whether a byte is an ASCII letter or digit: one load per byte in the
/// scan over every body, instead of three range checks.
const WORD_BYTE: [bool; 256] = {
    let mut table = [false; 256];
    let mut byte = 0;
    while byte < 256 {
        table[byte] = (byte as u8).is_ascii_alphanumeric();
        byte += 1;
    }
    table
};

/// Longest word counted.
const MAX_WORD: usize = 24;

/// A counted word: its lower-case bytes, zero-padded (words never hold a
/// zero byte), packed big-endian into three integers, so counting needs no
/// allocation, comparing is three integer compares, and integer order is
/// word order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Word([u64; 3]);

impl std::hash::Hash for Word {
    /// The three integers folded into one, so the hasher mixes once
    /// (hashing is a good part of counting).
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        let [a, b, c] = self.0;
        state.write_u64(a ^ b.rotate_left(21) ^ c.rotate_left(42));
    }
}

impl Word {
    /// Packs the run of `len` (1 to [`MAX_WORD`]) ASCII letters and digits
    /// at `start` of `text`, lower-cased. Reads a fixed-size window and
    /// masks off what follows the run, which is cheaper than copying a run
    /// of varying length.
    fn at(text: &[u8], start: usize, len: usize) -> Word {
        let window: [u8; MAX_WORD] = match text.get(start..start + MAX_WORD) {
            Some(window) => window.try_into().unwrap_or([0; MAX_WORD]),
            None => {
                let mut padded = [0; MAX_WORD];
                let rest = text.get(start..).unwrap_or_default();
                padded[..rest.len()].copy_from_slice(rest);
                padded
            }
        };
        // Spelled out rather than `[0, 8, 16].map(..)`: the array map was
        // not inlined and cost a call per counted word (1 % of a build).
        let part = |at: usize| {
            let mut eight = [0; 8];
            eight.copy_from_slice(&window[at..at + 8]);
            let kept = len.saturating_sub(at).min(8);
            let mask = if kept == 0 { 0 } else { u64::MAX << (64 - 8 * kept) };
            lower_case(u64::from_be_bytes(eight) & mask)
        };
        Word([part(0), part(8), part(16)])
    }

    /// Packs a whole run of ASCII letters and digits (see [`Word::at`]).
    #[cfg(test)]
    fn new(run: &[u8]) -> Word {
        Word::at(run, 0, run.len())
    }

    /// Whether the word is one of the [`STOPWORDS`].
    fn is_stopword(self) -> bool {
        let [first, rest @ ..] = self.0;
        rest == [0, 0] && STOP_TABLE[stop_slot(first)] == first
    }

    /// How many letters the word has (see [`Word::push_to`]).
    fn len(self) -> usize {
        self.0.iter().take_while(|&&part| part != 0).map(|part| 8 - part.trailing_zeros() as usize / 8).sum()
    }

    /// Appends the word's letters. The zero padding sits in the low bytes
    /// of the integers, so each one's letter count is its trailing zero bits
    /// away from eight (no byte-by-byte search).
    fn push_to(self, out: &mut Vec<u8>) {
        for part in self.0 {
            if part == 0 {
                break;
            }
            let letters = 8 - part.trailing_zeros() as usize / 8;
            out.extend_from_slice(&part.to_be_bytes()[..letters]);
        }
    }
}

/// Lower-cases eight packed ASCII letters, digits or zero bytes at once.
/// Every letter and digit has bit 5 or bit 6 set, and setting bit 5
/// lower-cases a letter and leaves a digit as it is; so bit 5 is set in
/// every byte that has bit 5 or 6, which keeps zero bytes zero.
fn lower_case(eight: u64) -> u64 {
    eight | ((eight | eight >> 1) & 0x2020_2020_2020_2020)
}

/// A multiplier that sends each of the [`STOPWORDS`] to its own slot of
/// [`STOP_TABLE`] (found by trying; [`STOP_TABLE`] fails to compile if a
/// change of the list makes two share one).
const STOP_MULTIPLIER: u64 = 0x903c_b041_c83e_98c1;

/// The slot of a word's first integer in [`STOP_TABLE`].
const fn stop_slot(first: u64) -> usize {
    (first.wrapping_mul(STOP_MULTIPLIER) >> 56) as usize
}

/// [`STOPWORDS`] as a perfect hash table of their packed first integers
/// (none is longer than 8 letters), so telling a stopword costs one
/// multiplication and one comparison. Empty slots hold 0, which no word
/// packs to.
const STOP_TABLE: [u64; 256] = {
    let mut table = [0; 256];
    let mut index = 0;
    while index < STOPWORDS.len() {
        let bytes = STOPWORDS[index].as_bytes();
        assert!(bytes.len() <= 8, "a stopword longer than 8 letters");
        let mut first = 0;
        let mut at = 0;
        while at < bytes.len() {
            first |= (bytes[at] as u64) << (56 - 8 * at);
            at += 1;
        }
        let slot = stop_slot(first);
        assert!(table[slot] == 0, "two stopwords share a slot: pick another STOP_MULTIPLIER");
        table[slot] = first;
        index += 1;
    }
    table
};

/// The counting table. A fixed hasher seed: the table's order is the
/// words' order, and it must be the same on every run.
type Table = std::collections::HashMap<Word, u32, foldhash::fast::FixedState>;

/// A typical body has a few hundred distinct words: no rehashing.
const TABLE_CAPACITY: usize = 512;

thread_local! {
    /// An emptied table of the first size, kept for the thread's next body:
    /// allocating (and page-faulting) 33 KB per body showed in profiles.
    static SPARE: std::cell::Cell<Option<Table>> = const { std::cell::Cell::new(None) };
}

/// Counts the words of the text pieces of one body.
#[derive(Debug)]
pub(crate) struct Counter {
    counts: Table,
}

impl Default for Counter {
    fn default() -> Self {
        let counts =
            SPARE.take().unwrap_or_else(|| Table::with_capacity_and_hasher(TABLE_CAPACITY, Default::default()));
        Counter { counts }
    }
}

impl Counter {
    /// Counts the words of one piece of text.
    pub(crate) fn add(&mut self, text: &str) {
        if text.is_ascii() {
            self.add_ascii(text.as_bytes());
        } else {
            self.add_ascii(deunicode::deunicode(text).as_bytes());
        }
    }

    /// Counts the runs of ASCII letters and digits of 3 to 24 bytes that
    /// are not stopwords.
    fn add_ascii(&mut self, text: &[u8]) {
        let mut start = 0;
        while start < text.len() {
            let rest = &text[start..];
            let len = rest.iter().position(|&byte| !WORD_BYTE[usize::from(byte)]).unwrap_or(rest.len());
            if (3..=MAX_WORD).contains(&len) {
                let word = Word::at(text, start, len);
                if !word.is_stopword() {
                    *self.counts.entry(word).or_insert(0) += 1;
                }
            }
            start += len + 1;
        }
    }

    /// The counts, in the table's order.
    pub(crate) fn finish(mut self) -> Terms {
        // Sized exactly: a body's terms live until the search index is built.
        let bytes: usize = self.counts.keys().map(|word| word.len() + 1).sum();
        let mut words = Vec::with_capacity(bytes);
        let mut large = Vec::new();
        for (word, n) in self.counts.drain() {
            word.push_to(&mut words);
            if n <= SMALL_COUNT {
                // At most 30: fits the byte.
                words.push(n as u8);
            } else {
                words.push(LARGE_COUNT);
                large.push(n);
            }
        }
        // Only a table of the first size goes back: an emptied table keeps
        // its size, and the order of the next body's words must depend on
        // that body alone, which holds only for tables of one size.
        if self.counts.capacity() == fresh_capacity() {
            SPARE.set(Some(self.counts));
        }
        // Letters, digits and control bytes: always ASCII.
        let words = String::from_utf8(words).unwrap_or_default();
        Terms { words, large }
    }
}

/// The capacity of a new table (hashbrown rounds [`TABLE_CAPACITY`] up).
fn fresh_capacity() -> usize {
    static CAPACITY: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *CAPACITY.get_or_init(|| Table::with_capacity_and_hasher(TABLE_CAPACITY, Default::default()).capacity())
}

/// Lower-case ASCII words of a text (accents folded), as the search script
/// splits queries.
pub fn words(text: &str) -> Vec<String> {
    let split = |folded: &str| -> Vec<String> {
        folded
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_ascii_lowercase)
            .collect()
    };
    if text.is_ascii() {
        split(text)
    } else {
        split(&deunicode::deunicode(text))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn count(texts: &[&str]) -> Vec<(String, u32)> {
        let mut counter = Counter::default();
        for text in texts {
            counter.add(text);
        }
        let mut counted: Vec<(String, u32)> = counter.finish().iter().map(|(w, n)| (w.to_owned(), n)).collect();
        counted.sort();
        counted
    }

    #[test]
    fn counts_in_the_same_order_every_time() {
        let text = "zebra yak xenon walrus vole urchin tapir shrew raven quail";
        let once = |_| {
            let mut counter = Counter::default();
            counter.add(text);
            counter.finish()
        };
        assert_eq!(once(1), once(2));
    }

    #[test]
    fn a_reused_table_counts_in_the_order_of_a_new_one() {
        let text = "zebra yak xenon walrus vole urchin tapir shrew raven quail";
        let counted = |text: &str| {
            let mut counter = Counter::default();
            counter.add(text);
            counter.finish()
        };
        SPARE.set(None);
        let first = counted(text);
        counted("other words entirely");
        assert_eq!(counted(text), first, "after reuse");
        // A body with more words than the first size grows its table, which
        // must then not be reused.
        let many: Vec<String> = (0..2_000).map(|n| format!("w{n:04}x")).collect();
        counted(&many.join(" "));
        assert_eq!(counted(text), first, "after a grown table");
    }

    #[test]
    fn counts_words_folds_case_and_accents_and_drops_stopwords() {
        assert_eq!(
            count(&["The Owner owns", " the backlog; the OWNER orders it. ", "Café sql ab"]),
            [("backlog", 1), ("cafe", 1), ("orders", 1), ("owner", 2), ("owns", 1), ("sql", 1)]
                .map(|(w, n)| (w.to_owned(), n))
        );
    }

    #[test]
    fn keeps_counts_of_any_size_with_their_words() {
        let text = format!("{} {} {} gamma", "alpha ".repeat(30), "beta ".repeat(31), "delta ".repeat(70_000));
        let expected = [("alpha", 30), ("beta", 31), ("delta", 70_000), ("gamma", 1)].map(|(w, n)| (w.to_owned(), n));
        assert_eq!(count(&[&text]), expected);
        let mut counter = Counter::default();
        counter.add(&text);
        let terms = counter.finish();
        assert_eq!(terms.len(), 4);
        assert!(!terms.is_empty() && Terms::EMPTY.is_empty() && Terms::EMPTY.iter().next().is_none());
        assert_eq!(terms.words.len(), "alphabetadeltagamma".len() + 4, "one byte per word besides its letters");
    }

    #[test]
    fn skips_words_longer_than_24_letters() {
        assert!(count(&[&"x".repeat(25)]).is_empty());
        assert_eq!(count(&[&"x".repeat(24)]).len(), 1);
    }

    #[test]
    fn splits_text_into_lower_case_ascii_words() {
        assert_eq!(words("Über-Owner, SQL!"), ["uber", "owner", "sql"]);
    }

    #[test]
    fn tells_every_stopword_in_any_case_and_nothing_else() {
        for stopword in STOPWORDS {
            assert!(Word::new(stopword.as_bytes()).is_stopword(), "{stopword}");
            assert!(Word::new(stopword.to_ascii_uppercase().as_bytes()).is_stopword(), "{stopword}");
        }
        for word in ["owner", "thes", "them1", "whichever", "o", "tha"] {
            assert!(!Word::new(word.as_bytes()).is_stopword(), "{word}");
        }
    }

    #[test]
    fn packs_words_lower_cased_in_word_order() {
        let mut letters = Vec::new();
        Word::new(b"AZaz09MixedCASE012345678").push_to(&mut letters);
        assert_eq!(letters, b"azaz09mixedcase012345678");
        assert!(Word::new(b"ab") < Word::new(b"ab0") && Word::new(b"ab0") < Word::new(b"abc"));
    }
}
