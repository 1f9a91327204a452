//! Stable diagnostic codes: what CI configurations and `[rules]` refer to.

use super::Severity;
use serde::{Deserialize, Serialize};

macro_rules! codes {
    ($($variant:ident = $name:literal, $severity:ident;)*) => {
        /// A stable diagnostic identifier.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        pub enum Code {
            $(
                #[doc = concat!("`", $name, "`")]
                #[serde(rename = $name)]
                $variant,
            )*
        }

        impl Code {
            /// Every code, in declaration order.
            pub const ALL: &'static [Code] = &[$(Code::$variant),*];

            /// The kebab-case name used in output and in `[rules]`.
            pub fn as_str(self) -> &'static str {
                match self { $(Code::$variant => $name),* }
            }

            /// The severity before `[rules]` apply.
            pub fn default_severity(self) -> Severity {
                match self { $(Code::$variant => Severity::$severity),* }
            }
        }
    };
}

codes! {
    InvalidConfig = "invalid-config", Error;
    InvalidUtf8 = "invalid-utf8", Error;
    MissingFrontMatter = "missing-front-matter", Error;
    UnclosedFrontMatter = "unclosed-front-matter", Error;
    InvalidYaml = "invalid-yaml", Error;
    InvalidField = "invalid-field", Error;
    FieldTooLong = "field-too-long", Error;
    FrontMatterTooLarge = "front-matter-too-large", Error;
    UnknownField = "unknown-field", Warning;
    MissingField = "missing-field", Error;
    SummaryFromBody = "summary-from-body", Warning;
    InvalidSlug = "invalid-slug", Error;
    SlugTooLong = "slug-too-long", Error;
    SkippedFile = "skipped-file", Warning;
    DuplicateSlug = "duplicate-slug", Error;
    AmbiguousName = "ambiguous-name", Error;
    UnknownKind = "unknown-kind", Error;
    UnknownRelation = "unknown-relation", Error;
    UnknownFacet = "unknown-facet", Warning;
    BrokenLink = "broken-link", Error;
    BrokenAnchor = "broken-anchor", Warning;
    SelfLink = "self-link", Warning;
    RelationKind = "relation-kind", Error;
    RelationMax = "relation-max", Error;
    DuplicateLink = "duplicate-link", Warning;
    LinkToDraft = "link-to-draft", Warning;
    UnsafeUrl = "unsafe-url", Warning;
    RawHtmlRemoved = "raw-html-removed", Warning;
    ControlCharacter = "control-character", Warning;
    InvalidDate = "invalid-date", Error;
    InvalidDecision = "invalid-decision", Error;
    CompareArity = "compare-arity", Error;
    DuplicateComparison = "duplicate-comparison", Warning;
    Orphan = "orphan", Warning;
    ContrastNotMutual = "contrast-not-mutual", Warning;
    MissingFacets = "missing-facets", Warning;
    MissingSources = "missing-sources", Warning;
    Stale = "stale", Warning;
    DuplicateSummary = "duplicate-summary", Warning;
    UnknownRule = "unknown-rule", Warning;
    Placeholder = "placeholder", Warning;
    ConfusableName = "confusable-name", Warning;
    BrokenAsset = "broken-asset", Error;
    UnusedAsset = "unused-asset", Warning;
    OutputCollision = "output-collision", Error;
    MovedFromConflict = "moved-from-conflict", Error;
    Template = "template", Error;
    LinkToDeprecated = "link-to-deprecated", Warning;
    SupersededChain = "superseded-chain", Warning;
    SupersededCycle = "superseded-cycle", Error;
    SupersededNotDeprecated = "superseded-not-deprecated", Warning;
    ReviewOverdue = "review-overdue", Warning;
    CodeownersOutdated = "codeowners-outdated", Error;
}

impl Code {
    /// Looks a code up by its kebab-case name.
    pub fn parse(name: &str) -> Option<Code> {
        Code::ALL.iter().copied().find(|c| c.as_str() == name)
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}
