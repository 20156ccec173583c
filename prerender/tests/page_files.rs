//! The files the app fetches ahead of a click (`dispatch::routes::files::files_for`)
//! are exactly those each page's render reads: checked here on every page
//! of the sample newsroom, as the prerenderer renders them.

// As in the app: its views nest deeper than the default when rendered natively.
#![recursion_limit = "256"]

use std::{fs, path::Path};

use dispatch::routes::files::files_for;
use dispatch_model::{paths, Site};
use dispatch_prerender::{article_address, init, render, routes, Kind, Shell};

const SHELL: &str = "<!DOCTYPE html><html><head><title>Dispatch</title>\
    <script type=\"module\">\nimport init, * as bindings from '/app-1.js';\nconst wasm = await init({ module_or_path: '/app-1_bg.wasm' });\n</script>\
    </head><body>\n<p id=\"boot\">Loading Dispatch…</p>\n</body></html>";

#[test]
fn the_files_fetched_ahead_of_a_page_are_the_files_it_reads() {
    let root = std::env::temp_dir().join(format!("dispatch-page-files-{}", std::process::id()));
    let _ = fs::remove_dir_all(&root);
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("../content");
    let edition = dispatch_press::compile(&content).expect("the sample newsroom compiles");
    dispatch_press::write::write(&edition, &root).unwrap();
    init();
    let site: Site = serde_json::from_str(&fs::read_to_string(root.join("content/site.json")).unwrap()).unwrap();
    let shell = Shell::parse(SHELL).unwrap();
    let routes = routes(&root, &mut |file| article_address(&root, file)).unwrap();
    let mut kinds = std::collections::HashSet::new();
    for route in routes.iter().filter(|route| !matches!(route.kind, Kind::NotFound)) {
        let read: Vec<String> = render(&shell, &root, &site, route)
            .unwrap()
            .read
            .into_iter()
            .map(|(path, _)| format!("/{path}"))
            .filter(|path| path != paths::SITE)
            .collect();
        assert_eq!(files_for(&route.path), read, "{}", route.path);
        kinds.insert(std::mem::discriminant(&route.kind));
    }
    let _ = fs::remove_dir_all(&root);
    assert_eq!(kinds.len(), 6, "the front, newsletter, search, article, author and listing pages");
}
