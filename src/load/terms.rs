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

/// Word counts of one body, sorted by word. The words are kept in one
/// string (space-separated: a word is only ASCII letters and digits), so a
/// body costs about its distinct words' bytes plus four bytes each.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Terms {
    words: String,
    counts: Vec<u32>,
}

impl Terms {
    /// No words.
    pub const EMPTY: Terms = Terms { words: String::new(), counts: Vec::new() };

    /// Each distinct word with its count, in word order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, u32)> + '_ {
        self.words.split(' ').filter(|w| !w.is_empty()).zip(self.counts.iter().copied())
    }

    /// How many distinct words.
    pub fn len(&self) -> usize {
        self.counts.len()
    }

    /// Whether the body has no countable word.
    pub fn is_empty(&self) -> bool {
        self.counts.is_empty()
    }
}

/// Longest word counted.
const MAX_WORD: usize = 24;

/// A counted word: its lower-case bytes, zero-padded (words never hold a
/// zero byte), packed big-endian into three integers, so counting needs no
/// allocation, comparing is three integer compares, and integer order is
/// word order.
type Word = [u64; 3];

/// [`STOPWORDS`], packed as the first integer of a [`Word`] (none is longer
/// than 8 letters), in the same sorted order.
const STOP_KEYS: [u64; STOPWORDS.len()] = {
    let mut keys = [0; STOPWORDS.len()];
    let mut index = 0;
    while index < STOPWORDS.len() {
        let bytes = STOPWORDS[index].as_bytes();
        let mut at = 0;
        while at < bytes.len() {
            keys[index] |= (bytes[at] as u64) << (56 - 8 * at);
            at += 1;
        }
        index += 1;
    }
    keys
};

/// Counts the words of the text pieces of one body.
#[derive(Debug)]
pub(crate) struct Counter {
    counts: foldhash::HashMap<Word, u32>,
}

impl Default for Counter {
    fn default() -> Self {
        // A typical body has a few hundred distinct words: no rehashing.
        Counter { counts: foldhash::HashMap::with_capacity_and_hasher(512, Default::default()) }
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
        let mut at = 0;
        while at < text.len() {
            let start = at;
            while at < text.len() && text[at].is_ascii_alphanumeric() {
                at += 1;
            }
            let run = &text[start..at];
            at += 1;
            if run.len() < 3 || run.len() > MAX_WORD {
                continue;
            }
            let mut word: Word = [0; 3];
            for (index, byte) in run.iter().enumerate() {
                word[index / 8] |= u64::from(byte.to_ascii_lowercase()) << (56 - 8 * (index % 8));
            }
            let stopword = run.len() <= 8 && STOP_KEYS.binary_search(&word[0]).is_ok();
            if !stopword {
                *self.counts.entry(word).or_insert(0) += 1;
            }
        }
    }

    /// The counts, sorted by word.
    pub(crate) fn finish(self) -> Terms {
        let mut pairs: Vec<(Word, u32)> = self.counts.into_iter().collect();
        pairs.sort_unstable();
        let mut words = String::with_capacity(pairs.len() * 9);
        for (word, _) in &pairs {
            if !words.is_empty() {
                words.push(' ');
            }
            let bytes = word.iter().flat_map(|part| part.to_be_bytes()).take_while(|&b| b != 0);
            words.extend(bytes.map(char::from));
        }
        Terms { words, counts: pairs.into_iter().map(|(_, n)| n).collect() }
    }
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
        counter.finish().iter().map(|(w, n)| (w.to_owned(), n)).collect()
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
    fn skips_words_longer_than_24_letters() {
        assert!(count(&[&"x".repeat(25)]).is_empty());
        assert_eq!(count(&[&"x".repeat(24)]).len(), 1);
    }

    #[test]
    fn splits_text_into_lower_case_ascii_words() {
        assert_eq!(words("Über-Owner, SQL!"), ["uber", "owner", "sql"]);
    }

    #[test]
    fn stopwords_are_sorted_for_binary_search_and_fit_one_integer() {
        assert!(STOPWORDS.windows(2).all(|w| w[0] < w[1]));
        assert!(STOPWORDS.iter().all(|w| w.len() <= 8));
        assert!(STOP_KEYS.windows(2).all(|k| k[0] < k[1]));
    }
}
