//! Moved addresses (issue 14): the old paths that still lead to a page.
//!
//! Two sources claim them:
//! - an article's `aliases` in front matter, the paths it was published
//!   at before (another section, another slug, an old CMS's address);
//! - a section's `aliases` in `site.toml`, its slugs before a rename:
//!   every article of the section, and the section page, keep their old
//!   addresses.
//!
//! Every claim is checked against the site as compiled: an old path that
//! is some page's address today, or that two claims want for different
//! pages, is refused with `file:line`, naming both. The result is
//! `content/redirects.json` ([`dispatch_model::Redirects`]), which the
//! deploy step writes as `_redirects` lines and nginx locations.

use std::{
    collections::{BTreeMap, HashMap},
    path::PathBuf,
};

use dispatch_model::{check_href, routes, Moved, Redirects, SCHEMA_VERSION};

use crate::problem::Problem;

/// Files the build writes at the top of the site, besides its pages.
const BUILT: &[&str] =
    &["/feed.json", "/rss.xml", "/sitemap.xml", "/robots.txt", "/newsletter.json", "/index.html", "/404", "/404.html"];

/// One old path that should lead to `to`, and who asked for it.
pub struct Claim {
    pub from: String,
    pub to: String,
    pub file: PathBuf,
    pub line: usize,
}

/// An alias as a path that hosts can match: the URL rule's site path
/// (`dispatch_model::check_href`), with no query or fragment (hosts match
/// the path alone), no trailing slash (hosts redirect that to the path
/// without it first), and no `$` (nginx would read it as a variable).
/// A percent-encoded alias is decoded, so `/tag/caf%C3%A9` and
/// `/tag/café` are one path.
///
/// # Errors
/// What is wrong and what to write instead, for the writer.
pub fn check_alias(alias: &str) -> Result<String, String> {
    const EXAMPLE: &str = "such as /analysis/old-headline";
    check_href(alias)?;
    if !alias.starts_with('/') {
        return Err(format!("an alias is a path on this site, {EXAMPLE}"));
    }
    if alias.contains(['?', '#']) {
        return Err(format!(
            "hosts match a path, never its query or fragment: an alias is the path alone, {EXAMPLE} (an old address told apart only by its query, such as /story.php?id=3, cannot redirect)"
        ));
    }
    if alias.len() > 1 && alias.ends_with('/') {
        return Err("write the alias without its trailing slash: hosts redirect that address already".into());
    }
    if alias.contains('$') {
        return Err(
            "an alias cannot contain `$`, which nginx reads as a variable; write it percent-encoded as %24".into()
        );
    }
    let path = percent_encoding::percent_decode_str(alias)
        .decode_utf8()
        .map_err(|_| "the alias's percent-encoding is not UTF-8 text".to_string())?
        .into_owned();
    if path != alias {
        check_href(&path)?;
    }
    if path == "/content" || path.starts_with("/content/") {
        return Err("/content/ holds the site's data files, not pages: an alias cannot be there".into());
    }
    if path.starts_with("/_") {
        return Err("paths starting /_ are the host's rule files and the app shell: an alias cannot be there".into());
    }
    let built = BUILT.contains(&path.as_str()) || (path.starts_with("/sitemap-") && path.ends_with(".xml"));
    if built {
        return Err(format!("the build writes {path} itself: an alias there would hide it"));
    }
    Ok(path)
}

/// The redirects for every claim, or the problems that stop them: a claim
/// on a page's current address (`live`: each address, with what is there
/// for the message), or on a later page of a listing there, and two
/// claims on one path for different pages. Claims that agree (an
/// article's alias that its section's rename also implies) are one
/// redirect.
pub fn resolve(claims: Vec<Claim>, live: &HashMap<String, String>, problems: &mut Vec<Problem>) -> Redirects {
    let mut kept: BTreeMap<String, Claim> = BTreeMap::new();
    for claim in claims {
        let problem = |message: String| Problem { file: claim.file.clone(), line: claim.line, message };
        let listing_page = routes::split_page(&claim.from).and_then(|(base, _)| live.get(base));
        if let Some(what) = live.get(&claim.from) {
            problems.push(problem(format!(
                "alias `{}` is the address of {what}: an alias must be an address that no longer has a page",
                claim.from
            )));
            continue;
        }
        if let Some(what) = listing_page {
            problems.push(problem(format!(
                "alias `{}` is the address of a later page of {what}: an alias must be an address that no longer has a page",
                claim.from
            )));
            continue;
        }
        match kept.get(&claim.from) {
            Some(first) if first.to != claim.to => problems.push(problem(format!(
                "alias `{}` leads to {}, but {}:{} sends it to {}: an old address can lead to one page only",
                claim.from,
                claim.to,
                first.file.display(),
                first.line,
                first.to
            ))),
            Some(_) => {}
            None => {
                kept.insert(claim.from.clone(), claim);
            }
        }
    }
    Redirects {
        schema_version: SCHEMA_VERSION,
        moved: kept.into_values().map(|claim| Moved { from: claim.from, to: claim.to }).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_are_site_paths_hosts_can_match() {
        assert_eq!(check_alias("/analysis/old-story").unwrap(), "/analysis/old-story");
        assert_eq!(check_alias("/2019/05/story.html").unwrap(), "/2019/05/story.html");
        assert_eq!(check_alias("/tag/caf%C3%A9").unwrap(), "/tag/café");
        for (bad, says) in [
            ("analysis/old", "relative to the page"),
            ("https://old.example/a", "a path on this site"),
            ("/a?b=1", "query"),
            ("/a#b", "query or fragment"),
            ("/a/", "trailing slash"),
            ("/a$b", "%24"),
            ("/content/articles/x.json", "data files"),
            ("//evil.example/x", "//"),
            ("/a%FF", "UTF-8"),
            ("/a%0Ab", "control"),
            ("/feed.json", "the build writes /feed.json"),
            ("/sitemap-2.xml", "the build writes"),
            ("/_redirects", "host's rule files"),
        ] {
            let err = check_alias(bad).unwrap_err();
            assert!(err.contains(says), "{bad}: {err}");
        }
    }

    fn claim(from: &str, to: &str, line: usize) -> Claim {
        Claim { from: from.into(), to: to.into(), file: PathBuf::from("a.md"), line }
    }

    #[test]
    fn a_live_address_or_a_contested_one_is_refused() {
        let live: HashMap<String, String> = [
            ("/policy/now".to_string(), "the article now.md".to_string()),
            ("/tag/ai".to_string(), "the tag page AI".to_string()),
        ]
        .into();
        let mut problems = Vec::new();
        let redirects = resolve(
            vec![
                claim("/old/a", "/policy/a", 2),
                claim("/old/a", "/policy/a", 3),
                claim("/policy/now", "/policy/a", 4),
                claim("/old/a", "/policy/b", 5),
                claim("/tag/ai/page/3", "/policy/a", 6),
            ],
            &live,
            &mut problems,
        );
        assert_eq!(redirects.moved, vec![Moved { from: "/old/a".into(), to: "/policy/a".into() }]);
        let messages: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert_eq!(messages.len(), 3, "{messages:?}");
        assert!(
            messages[0].starts_with("a.md:4: alias `/policy/now` is the address of the article now.md"),
            "{messages:?}"
        );
        assert!(
            messages[2].starts_with("a.md:6: alias `/tag/ai/page/3` is the address of a later page of the tag page AI"),
            "{messages:?}"
        );
        assert!(messages[1].starts_with("a.md:5: alias `/old/a` leads to /policy/b, but a.md:2 sends it to /policy/a"));
    }
}
