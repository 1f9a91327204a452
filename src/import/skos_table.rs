//! `--from skos`: a SKOS vocabulary in Turtle → [`Record`]s. Each
//! `skos:Concept` (or subject with a `skos:prefLabel`) is a record: the
//! preferred label is its title (the one without a language tag, or in
//! English, else the first), `altLabel`s its aliases, `definition` its
//! summary (`scopeNote` when there is none), `notation` its abbreviation;
//! `broader`, `narrower` and `related` become relations of those names,
//! naming other concepts by IRI. Problems name the concept by its place in
//! the file and its IRI; syntax errors by line.
//!
//! Turtle is read by [`super::turtle`], which reports every syntax error
//! with its line and reads on after it.

use super::table::{Problem, Record};
use super::turtle::{self, Literal, Term, RDF_TYPE};
use std::collections::BTreeMap;

const SKOS: &str = "http://www.w3.org/2004/02/skos/core#";

/// What one concept says, as read.
#[derive(Default)]
struct Concept {
    order: usize,
    is_concept: bool,
    /// Typed as something else (a `skos:ConceptScheme`, a collection).
    is_other: bool,
    labels: Vec<(String, String)>,
    alt: Vec<String>,
    definition: Vec<(String, String)>,
    scope: Vec<(String, String)>,
    notation: Option<String>,
    links: BTreeMap<String, Vec<String>>,
}

/// Reads the Turtle text into records and the problems found while reading.
pub fn read(text: &str) -> (Vec<Record>, Vec<Problem>) {
    let mut problems = Vec::new();
    let mut concepts: BTreeMap<String, Concept> = BTreeMap::new();
    let parsed = turtle::parse(text);
    for error in parsed.errors {
        let message = format!("not Turtle: {} (column {})", error.message, error.column);
        problems.push(Problem::new(format!("line {}", error.line), message));
    }
    for triple in parsed.triples {
        let Term::Iri(subject) = &triple.subject else { continue };
        let next = concepts.len() + 1;
        let concept =
            concepts.entry(subject.to_string()).or_insert_with(|| Concept { order: next, ..Concept::default() });
        let predicate: &str = &triple.predicate;
        if predicate == RDF_TYPE {
            let is_concept = matches!(&triple.object, Term::Iri(n) if n.strip_prefix(SKOS) == Some("Concept"));
            concept.is_concept |= is_concept;
            concept.is_other |= !is_concept;
            continue;
        }
        let Some(property) = predicate.strip_prefix(SKOS) else { continue };
        match (&triple.object, property) {
            (Term::Literal(l), "prefLabel") => concept.labels.push((lang(l), l.value.clone())),
            (Term::Literal(l), "altLabel") => concept.alt.push(l.value.clone()),
            (Term::Literal(l), "definition") => concept.definition.push((lang(l), l.value.clone())),
            (Term::Literal(l), "scopeNote") => concept.scope.push((lang(l), l.value.clone())),
            (Term::Literal(l), "notation") => concept.notation = Some(l.value.clone()),
            (Term::Iri(n), "broader" | "narrower" | "related") => {
                concept.links.entry(property.to_owned()).or_default().push(n.to_string());
            }
            _ => {}
        }
    }
    let mut list: Vec<(String, Concept)> =
        concepts.into_iter().filter(|(_, c)| c.is_concept || (!c.is_other && !c.labels.is_empty())).collect();
    list.sort_by_key(|(_, c)| c.order);
    let records = list
        .into_iter()
        .enumerate()
        .map(|(n, (iri, concept))| {
            let place = format!("concept {} <{iri}>", n + 1);
            if concept.labels.len() > 1 && concept.labels.iter().filter(|(l, _)| l.is_empty()).count() > 1 {
                problems.push(Problem::new(&place, "several prefLabels without a language: the first is the title"));
            }
            Record {
                place,
                title: preferred(&concept.labels).unwrap_or_default(),
                abbr: concept.notation,
                aliases: concept.alt,
                summary: preferred(&concept.definition).or_else(|| preferred(&concept.scope)),
                links: concept.links,
                id: Some(iri),
                ..Record::default()
            }
        })
        .collect();
    (records, problems)
}

fn lang(literal: &Literal) -> String {
    literal.language.as_deref().unwrap_or("").to_lowercase()
}

/// The value without a language tag, else in English, else the first.
fn preferred(values: &[(String, String)]) -> Option<String> {
    let pick = |wanted: &dyn Fn(&str) -> bool| values.iter().find(|(l, _)| wanted(l)).map(|(_, v)| v.clone());
    pick(&|l| l.is_empty())
        .or_else(|| pick(&|l| l == "en" || l.starts_with("en-")))
        .or_else(|| values.first().map(|(_, v)| v.clone()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_concepts_labels_and_links() {
        let text = "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n@prefix ex: <http://example.org/> .\n\
                    ex:owner a skos:Concept ; skos:prefLabel \"Data Owner\"@en, \"Dateneigner\"@de ;\n\
                    skos:altLabel \"Owner\" ; skos:definition \"Answers for data.\"@en ; skos:related ex:steward .\n\
                    ex:steward a skos:Concept ; skos:prefLabel \"Data Steward\" .\n";
        let (records, problems) = read(text);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(records.len(), 2);
        assert_eq!(records[0].title, "Data Owner");
        assert_eq!(records[0].links["related"], ["http://example.org/steward"]);
        assert_eq!(records[1].place, "concept 2 <http://example.org/steward>");
        assert_eq!(records[1].summary, None);
    }

    #[test]
    fn reports_syntax_errors_by_line() {
        let (_, problems) = read("@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n<a> skos:prefLabel \"x\n");
        assert!(problems.iter().any(|p| p.place.starts_with("line ")), "{problems:?}");
    }
}
