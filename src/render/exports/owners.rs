//! Owners as data catalogs see them: people and groups. `@org/team` is
//! the group `team`, `@handle` and e-mail addresses are people, and free
//! text ("Data Office") is taken as a group's name.

/// One owner, split for a catalog.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Owner<'a> {
    /// A person: a user ID or e-mail address.
    User(&'a str),
    /// A team or group.
    Group(&'a str),
}

/// Classifies one `owners` value.
pub(super) fn classify(owner: &str) -> Owner<'_> {
    let owner = owner.trim();
    match owner.strip_prefix('@') {
        Some(handle) => match handle.rsplit_once('/') {
            Some((_, team)) if !team.is_empty() => Owner::Group(team),
            _ => Owner::User(handle),
        },
        None if owner.contains('@') && !owner.contains(char::is_whitespace) => Owner::User(owner),
        None => Owner::Group(owner),
    }
}

/// The users and the groups among `owners`, each in order, without repeats.
pub(super) fn split(owners: &[String]) -> (Vec<&str>, Vec<&str>) {
    let (mut users, mut groups) = (Vec::new(), Vec::new());
    for owner in owners {
        match classify(owner) {
            Owner::User(u) if !u.is_empty() && !users.contains(&u) => users.push(u),
            Owner::Group(g) if !g.is_empty() && !groups.contains(&g) => groups.push(g),
            _ => {}
        }
    }
    (users, groups)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn handles_teams_addresses_and_names() {
        assert_eq!(classify("@jane"), Owner::User("jane"));
        assert_eq!(classify("@acme/data-office"), Owner::Group("data-office"));
        assert_eq!(classify("jane@example.org"), Owner::User("jane@example.org"));
        assert_eq!(classify("Data Office"), Owner::Group("Data Office"));
        let owners = ["@jane".to_owned(), "@acme/x".to_owned(), "@jane".to_owned()];
        assert_eq!(split(&owners), (vec!["jane"], vec!["x"]));
    }
}
