//! The files the app fetches ahead of a click (`dispatch::routes::files::files_for`)
//! are exactly those each page's render reads: checked here on every page
//! of the sample newsroom, as the prerenderer renders them.

// As in the app: its views nest deeper than the default when rendered natively.
#![recursion_limit = "256"]

mod support;

use std::fs;

use dispatch::routes::files::files_for;
use dispatch_model::{paths, Edition, Site};
use dispatch_prerender::{article_address, render, routes, Kind, Shell};

use support::{sample_into, SHELL};

#[test]
fn the_files_fetched_ahead_of_a_page_are_the_files_it_reads() {
    let root = std::env::temp_dir().join(format!("dispatch-page-files-{}", std::process::id()));
    sample_into(&root);
    let shell = Shell::parse(SHELL).unwrap();
    let routes = routes(&root, &mut |file| article_address(&root, file)).unwrap();
    let mut kinds = std::collections::HashSet::new();
    for route in routes.iter().filter(|route| !matches!(route.kind, Kind::NotFound)) {
        let edition = Edition::split(&route.path).0;
        let site = edition.path(paths::SITE);
        let settings: Site = serde_json::from_str(&fs::read_to_string(root.join(&site[1..])).unwrap()).unwrap();
        let read: Vec<String> = render(&shell, &root, &settings, route)
            .unwrap()
            .read
            .into_iter()
            .map(|(path, _)| format!("/{path}"))
            .filter(|path| path != &site)
            .collect();
        assert_eq!(files_for(&route.path), read, "{}", route.path);
        kinds.insert((edition, std::mem::discriminant(&route.kind)));
    }
    let _ = fs::remove_dir_all(&root);
    assert_eq!(kinds.len(), 12, "the front, newsletter, search, article, author and listing pages of both editions");
}
