//! What the prerenderer's tests share: the shell as Trunk 0.21 writes it,
//! and the sample newsroom compiled into a folder.

use std::{fs, path::Path};

use dispatch_model::Site;

/// The parts of Trunk 0.21's `index.html` that the prerenderer reads.
pub const SHELL: &str = "<!DOCTYPE html><html lang=\"en\" dir=\"ltr\"><head><title>Dispatch</title>\
    <link rel=\"alternate\" type=\"application/feed+json\" title=\"Dispatch\" href=\"/feed.json\">\
    <link rel=\"alternate\" type=\"application/rss+xml\" title=\"Dispatch\" href=\"/rss.xml\">\
    <script type=\"module\">\nimport init, * as bindings from '/app-1.js';\nconst wasm = await init({ module_or_path: '/app-1_bg.wasm' });\n</script>\
    </head><body>\n<p id=\"boot\">Loading Dispatch…</p>\n</body></html>";

/// The search page's shell: [`SHELL`] loading the search page's own app.
#[allow(dead_code)]
pub fn search_shell() -> String {
    SHELL.replace("/app-1", "/search-app-1")
}

/// The shell of articles and the newsletter page: [`SHELL`] loading a
/// page's own module, and naming the app it fetches when needed.
#[allow(dead_code)]
pub fn page_shell() -> String {
    SHELL.replace("/app-1", "/page-1").replace("</head>", "<meta name=\"dispatch-app\" content=\"/app-1.js\">\n</head>")
}

/// Compiles the sample newsroom (`content/`) into `root`, emptied first,
/// and returns its site settings.
#[allow(dead_code)] // Each test crate uses what it needs of this module.
pub fn sample_into(root: &Path) -> Site {
    let _ = fs::remove_dir_all(root);
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("../content");
    let edition = dispatch_press::compile(&content).expect("the sample newsroom compiles");
    dispatch_press::write::write(&edition, root).unwrap();
    dispatch_prerender::init();
    serde_json::from_str(&fs::read_to_string(root.join("content/site.json")).unwrap()).unwrap()
}
