//! What makes `dist/` ready to upload to a CDN as it is: the security and
//! cache headers (`_headers`, read by Netlify and Cloudflare Pages, and by
//! `dispatch-server`), the fallback to the app shell (`_redirects`), and
//! the same rules for nginx (`_nginx.conf`).

use std::{fs, path::Path};

use base64::Engine as _;
use dispatch_model::{
    check_href,
    escape::{header_value, nginx_string},
    newsletter::NewsletterConfig,
    paths, routes, Edition, Moved, Redirects, Site,
};
use serde::Deserialize;
use sha2::{Digest, Sha256};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    pub newsletter: NewsletterConfig,
}

impl Settings {
    /// Every listmonk list of every edition, English first.
    pub fn lists(&self) -> Vec<&str> {
        let newsletter = &self.newsletter;
        let mut lists = vec![newsletter.daily_list.as_str(), newsletter.weekly_list.as_str()];
        for edition in newsletter.editions.values() {
            lists.extend([edition.daily_list.as_str(), edition.weekly_list.as_str()]);
        }
        lists
    }

    /// The newsletter's origin when it is not the site's own.
    pub fn newsletter_origin(&self) -> Option<&str> {
        let endpoint = &self.newsletter.endpoint;
        let rest = endpoint.strip_prefix("https://").or_else(|| endpoint.strip_prefix("http://"))?;
        let host_end = rest.find('/').unwrap_or(rest.len());
        Some(&endpoint[..endpoint.len() - rest.len() + host_end])
    }
}

pub fn settings(root: &Path) -> Result<Settings, String> {
    let text = fs::read_to_string(root.join("deploy.toml")).map_err(|err| format!("cannot read deploy.toml: {err}"))?;
    let settings: Settings = toml::from_str(&text).map_err(|err| format!("deploy.toml: {err}"))?;
    check(&settings)?;
    // A reader of an edition subscribes to its own digests, so an edition
    // in content/ needs its lists here.
    for edition in Edition::ALL.into_iter().filter(|edition| !edition.folder().is_empty()) {
        let present = root.join("content").join(edition.folder()).join("site.toml").is_file();
        if present && !settings.newsletter.editions.contains_key(&edition) {
            let name = serde_json::to_string(&edition).unwrap_or_default();
            return Err(format!(
                "deploy.toml: content/{}/ is an edition, and its readers subscribe to its own lists: add [newsletter.editions.{}] with daily_list and weekly_list",
                edition.folder(),
                name.trim_matches('"')
            ));
        }
    }
    Ok(settings)
}

fn check(settings: &Settings) -> Result<(), String> {
    let NewsletterConfig { endpoint, .. } = &settings.newsletter;
    let plain = |text: &str| {
        !text.is_empty() && !text.contains(|c: char| c.is_whitespace() || c.is_control() || "'\"<>;,`".contains(c))
    };
    // The URL rule every address in the site follows, and then only a
    // path on the site or an http(s) URL (not mailto: or a #fragment).
    let kind_ok = endpoint.starts_with('/') || settings.newsletter_origin().is_some();
    if let Err(reason) = check_href(endpoint).and_then(|()| {
        if kind_ok && plain(endpoint) {
            Ok(())
        } else {
            Err("it must be a path on the site (/api/public/subscription) or an http(s) URL".into())
        }
    }) {
        return Err(format!("deploy.toml: newsletter.endpoint `{}`: {reason}", endpoint.escape_debug()));
    }
    for list in settings.lists() {
        if !plain(list) {
            return Err(format!("deploy.toml: every newsletter list must be a listmonk list UUID, not `{list}`"));
        }
    }
    Ok(())
}

/// `newsletter.json`, which the app reads when a reader signs up.
pub fn newsletter_json(settings: &Settings) -> String {
    serde_json::to_string_pretty(&settings.newsletter).expect("plain strings serialise") + "\n"
}

/// The app shell: Trunk's page with no content, which boots the app. The
/// prerenderer makes every page but the search page from it, `404.html` among them; it stays
/// in the build for the next prerender (nginx hides `_` files; other hosts
/// would serve it, harmlessly).
pub const SHELL: &str = "_shell.html";

/// The search page's shell: [`SHELL`] loading the search page's own app
/// (`build::search_app`), from which the prerenderer writes `/search`
/// in every edition.
pub const SEARCH_SHELL: &str = "_search_shell.html";

/// The shell of the pages a reader comes to read (articles and the
/// newsletter page): it starts a page's own module, which fetches the app
/// when it is needed (`build::page_module`).
pub const PAGE_SHELL: &str = "_page_shell.html";

/// Every shell, which the prerenderer needs in a site's folder.
pub const SHELLS: [&str; 3] = [SHELL, SEARCH_SHELL, PAGE_SHELL];

/// Copies both shells from the built site `dist` into the folder `site`
/// (a site built elsewhere, to prerender).
pub fn copy_shells(dist: &Path, site: &Path) -> Result<(), String> {
    for shell in SHELLS {
        fs::copy(dist.join(shell), site.join(shell)).map_err(|err| format!("cannot copy {shell}: {err}"))?;
    }
    Ok(())
}

/// Writes `_headers`, `_redirects`, `_nginx.conf` and `newsletter.json`
/// into `dist`: everything deploy.toml decides, so that
/// `cargo xtask configure` can apply a changed deploy.toml to a built site
/// without touching the wasm.
pub fn finish(dist: &Path, settings: &Settings) -> Result<(), String> {
    // Every page the site serves is prerendered from one of three shells
    // the same way, so the front page's scripts (the app's), the search
    // page's (its own app's) and the newsletter page's (a page's own
    // module's, as on every article) are every page's.
    let mut hashes = Vec::new();
    for name in ["index.html", "search.html", "newsletter.html"] {
        let page = fs::read_to_string(dist.join(name)).map_err(|err| format!("cannot read dist/{name}: {err}"))?;
        let found = inline_script_hashes(&page);
        if found.is_empty() {
            return Err(format!("dist/{name} has no inline bootstrap script to hash; did Trunk's output change?"));
        }
        hashes.extend(found.into_iter().filter(|hash| !hashes.contains(hash)).collect::<Vec<_>>());
    }
    let csp = content_security_policy(&hashes, settings);
    let addresses = Addresses::read(dist)?;
    write(dist, "_headers", &headers_file(&csp)?)?;
    write(dist, "_redirects", &redirects_file(&addresses))?;
    write(dist, "_nginx.conf", &nginx(&csp, &addresses)?)?;
    write(dist, "newsletter.json", &newsletter_json(settings))?;
    Ok(())
}

fn write(dist: &Path, name: &str, text: &str) -> Result<(), String> {
    fs::write(dist.join(name), text).map_err(|err| format!("cannot write dist/{name}: {err}"))
}

/// `'sha256-…'` of every inline script that runs (not JSON data blocks).
pub fn inline_script_hashes(html: &str) -> Vec<String> {
    let mut hashes = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<script") {
        let after = &rest[start..];
        let Some(open_end) = after.find('>') else { break };
        let tag = &after[..open_end];
        let body_and_rest = &after[open_end + 1..];
        let Some(close) = body_and_rest.find("</script>") else { break };
        let body = &body_and_rest[..close];
        let runs = !tag.contains(" src=") && !tag.contains("application/json") && !tag.contains("application/ld+json");
        if runs {
            let digest = Sha256::digest(body.as_bytes());
            hashes.push(format!("'sha256-{}'", base64::engine::general_purpose::STANDARD.encode(digest)));
        }
        rest = &body_and_rest[close + "</script>".len()..];
    }
    hashes
}

pub fn content_security_policy(hashes: &[String], settings: &Settings) -> String {
    let newsletter = settings.newsletter_origin().map(|origin| format!(" {origin}")).unwrap_or_default();
    [
        "default-src 'none'".to_string(),
        format!("script-src 'self' 'wasm-unsafe-eval' {}", hashes.join(" ")),
        "style-src 'self'".to_string(),
        "img-src 'self'".to_string(),
        "font-src 'self'".to_string(),
        format!("connect-src 'self'{newsletter}"),
        "manifest-src 'self'".to_string(),
        // The site search runs Pagefind in a worker of its own script.
        "worker-src 'self'".to_string(),
        "base-uri 'none'".to_string(),
        "object-src 'none'".to_string(),
        "frame-ancestors 'none'".to_string(),
        format!("form-action 'self'{newsletter}"),
    ]
    .join("; ")
}

/// Headers for every response. Each rule below sets headers no other rule
/// sets, because hosts differ in how they merge a header set twice.
pub fn security_headers(csp: &str) -> Vec<(&'static str, String)> {
    vec![
        ("Content-Security-Policy", csp.to_string()),
        ("Strict-Transport-Security", "max-age=63072000; includeSubDomains".to_string()),
        ("X-Content-Type-Options", "nosniff".to_string()),
        ("Referrer-Policy", "strict-origin-when-cross-origin".to_string()),
        ("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=()".to_string()),
        ("Cross-Origin-Opener-Policy", "same-origin".to_string()),
    ]
}

/// Cache rules: Trunk's content-hashed assets never change; the HTML must
/// be revalidated on every visit; content JSON, images and feeds are fresh
/// for a minute and may be served stale for a day while revalidating.
/// Client routes get the host's default for HTML (Netlify and Cloudflare
/// Pages both revalidate), which `dispatch-server` mirrors.
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";
pub const REVALIDATE: &str = "no-cache";
pub const SHORT_LIVED: &str = "public, max-age=60, stale-while-revalidate=86400";

/// The paths of an edition's own data files and feeds, under its folder
/// for every edition but English (`/ar/content/…`, `/ar/feed.json`).
const EDITION_SHORT_LIVED: [&str; 5] = ["/content/*", "/feed.json", "/rss.xml", "/sitemap.xml", "/sitemap-*"];

fn cache_rules() -> Vec<(String, &'static str)> {
    let rules = vec![
        ("/*.wasm", IMMUTABLE),
        ("/*.js", IMMUTABLE),
        ("/*.css", IMMUTABLE),
        ("/favicon-*", IMMUTABLE),
        // Processed photographs: their folder is named by the source's hash.
        ("/img/*", IMMUTABLE),
        ("/", REVALIDATE),
        ("/index.html", REVALIDATE),
        ("/404.html", REVALIDATE),
        ("/robots.txt", SHORT_LIVED),
        ("/newsletter.json", SHORT_LIVED),
    ];
    let editions =
        Edition::ALL.into_iter().flat_map(|edition| EDITION_SHORT_LIVED.map(|path| (edition.path(path), SHORT_LIVED)));
    rules.into_iter().map(|(path, cache)| (path.to_string(), cache)).chain(editions).collect()
}

/// `_headers`; every value passes [`header_value`], since the CSP
/// carries the newsletter's origin from deploy.toml.
fn headers_file(csp: &str) -> Result<String, String> {
    let mut out = String::from("# Written by `cargo xtask build` from deploy.toml; see README.md, Deploying.\n/*\n");
    for (name, value) in security_headers(csp) {
        out.push_str(&format!("  {name}: {}\n", header_value(&value)?));
    }
    for (path, value) in cache_rules() {
        out.push_str(&format!("{path}\n  Cache-Control: {}\n", header_value(value)?));
    }
    Ok(out)
}

/// What the host rules need from the compiled content: the listings that
/// have pages (for `?page=N`), and the addresses that moved.
pub struct Addresses {
    /// Each listing's address as a host matches it, percent-encoded: a
    /// placeholder pattern such as `/tag/:slug`, and every section's
    /// `/{slug}`.
    pub listings: Vec<String>,
    /// From `content/redirects.json`.
    pub moved: Vec<Moved>,
    /// The editions besides the English one: each answers an address of
    /// its own that has no page with its own "Page not found"
    /// (`/ar/404.html`).
    pub editions: Vec<Edition>,
}

impl Addresses {
    /// Reads each edition's `content/site.json` and
    /// `content/redirects.json` from `dist` (`ar/content/…` for the Arabic
    /// edition, when the site has one).
    ///
    /// # Errors
    /// A file that cannot be read or decoded, or a section slug that is not
    /// a slug (the compiler refuses those, so the file was altered).
    pub fn read(dist: &Path) -> Result<Addresses, String> {
        let mut listings = Vec::new();
        let mut moved = Vec::new();
        let mut editions = Vec::new();
        for edition in Edition::ALL {
            let path = |path: &str| edition.path(path);
            let file = |path: &str| dist.join(path.trim_start_matches('/'));
            if edition != Edition::English && !file(&path(paths::SITE)).is_file() {
                continue;
            }
            let read = |path: &str| {
                fs::read_to_string(file(path)).map_err(|err| format!("cannot read {}: {err}", file(path).display()))
            };
            let site: Site = serde_json::from_str(&read(&path(paths::SITE))?)
                .map_err(|err| format!("{}: {err}", path(paths::SITE)))?;
            let redirects: Redirects = serde_json::from_str(&read(&path(paths::REDIRECTS))?)
                .map_err(|err| format!("{}: {err}", path(paths::REDIRECTS)))?;
            listings.extend(["region", "tag", "author"].iter().map(|kind| path(&format!("/{kind}/:slug"))));
            for section in &site.sections {
                let encoded = routes::encode(&routes::section(&section.slug));
                if !encoded[1..].bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'%') {
                    return Err(format!("{}: section slug `{}` is not a slug", path(paths::SITE), section.slug));
                }
                listings.push(path(&encoded));
            }
            moved.extend(redirects.moved);
            if edition != Edition::English {
                editions.push(edition);
            }
        }
        Ok(Addresses { listings, moved, editions })
    }
}

/// `_redirects`, in the syntax Netlify and Cloudflare Pages share, plus
/// Netlify's query matching:
///
/// 1. A listing's `?page=N` redirects (301) to its page's own address,
///    `{listing}/page/N`, forced (`!`) because the listing's own page
///    exists. Cloudflare Pages matches no queries and skips these lines;
///    there the app moves to the page's address itself.
/// 2. `{listing}/page/1` is the listing itself.
/// 3. Every moved address (`content/redirects.json`), percent-encoded.
/// 4. Every page a reader can reach has its own file (`/policy` is
///    `policy.html`), so an address without one is not found: the shell
///    answers it with status 404. (Netlify and Cloudflare Pages serve
///    `404.html` so on their own; the rule says it for every host that
///    reads the file.)
///
/// Rules 2 to 4 apply only where no file exists. Cloudflare Pages allows
/// 2,000 static and 100 dynamic rules (its documented limit); an archive
/// with more moved addresses needs nginx or Netlify.
pub fn redirects_file(addresses: &Addresses) -> String {
    let mut out = String::from("# Written by `cargo xtask build`; see README.md, Deploying.\n");
    for listing in &addresses.listings {
        out.push_str(&format!("{listing}  page=:page  {listing}/page/:page  301!\n"));
    }
    for listing in &addresses.listings {
        out.push_str(&format!("{listing}/page/1  {listing}  301\n"));
    }
    for Moved { from, to } in &addresses.moved {
        out.push_str(&format!("{}  {}  301\n", routes::encode(from), routes::encode(to)));
    }
    for edition in &addresses.editions {
        out.push_str(&format!("{}/*  {}  404\n", edition.prefix(), edition.path("/404.html")));
    }
    out.push_str("/*  /404.html  404\n");
    out
}

/// The same headers, cache rules and fallback for nginx: include it in a
/// `server` block whose `root` is the uploaded `dist/`. (`add_header` in a
/// location replaces the server's, so each location repeats them all.)
/// Every header value is written by [`nginx_string`].
fn nginx(csp: &str, addresses: &Addresses) -> Result<String, String> {
    let mut security = String::new();
    for (name, value) in security_headers(csp) {
        security.push_str(&format!("    add_header {name} {} always;\n", nginx_string(&value)?));
    }
    let cache_strings = [REVALIDATE, IMMUTABLE, SHORT_LIVED, HOST_DEFAULT]
        .into_iter()
        .map(|cache| Ok((cache, nginx_string(cache)?)))
        .collect::<Result<Vec<_>, String>>()?;
    let location = |pattern: &str, cache: &str, body: &str| {
        let quoted = &cache_strings.iter().find(|(value, _)| *value == cache).expect("a known cache rule").1;
        format!("location {pattern} {{\n{security}    add_header Cache-Control {quoted} always;\n    {body}\n}}\n")
    };
    let mut out = String::from(
        "# Written by `cargo xtask build` from deploy.toml; see README.md, Deploying.\n\
         # Precompressed files: gzip_static is built into Debian's nginx; for the\n\
         # .br files load ngx_brotli's static module and add `brotli_static on;`.\n\
         gzip_static on;\n\
         # Redirects name the path only, as the preview's and the CDNs' do.\n\
         absolute_redirect off;\n\
         charset utf-8;\n\
         charset_types application/json text/javascript text/css image/svg+xml application/xml text/xml text/plain;\n\
         error_page 404 /404.html;\n\n",
    );
    let try_file = "try_files $uri =404;";
    out.push_str(&location("~ ^/_", REVALIDATE, "return 404;"));
    // One canonical address per page, as dispatch-server and the pretty
    // URLs of Cloudflare Pages and Netlify give it: a trailing slash, and a
    // page's `.html`, redirect to the address without them. The Location
    // is cut from `$request_uri`, still percent-encoded, so a non-ASCII
    // address stays ASCII.
    out.push_str(&location(
        "~ .+/$",
        HOST_DEFAULT,
        "if ($request_uri ~ \"^(?<canonical>[^?]*?)/+(?:\\?.*)?$\") { return 308 $canonical$is_args$args; }\n    return 404;",
    ));
    out.push_str(&location(
        "~ \\.html$",
        HOST_DEFAULT,
        "if (!-f $request_filename) { return 404; }\n    if ($request_uri ~ \"^(?<page>[^?]*)\\.html(?:\\?.*)?$\") { return 308 $page$is_args$args; }\n    return 404;",
    ));
    out.push_str(&location("~ \\.(wasm|css)$", IMMUTABLE, try_file));
    // RFC 9239's type for JavaScript, as Netlify, Cloudflare and the preview send.
    out.push_str(&location("~ \\.js$", IMMUTABLE, "types { text/javascript js; }\n    try_files $uri =404;"));
    out.push_str(&location("^~ /favicon-", IMMUTABLE, try_file));
    out.push_str(&location("^~ /img/", IMMUTABLE, try_file));
    out.push_str(&location("~ ^/(robots\\.txt|newsletter\\.json)$", SHORT_LIVED, try_file));
    // Each edition's own (EDITION_SHORT_LIVED); its folder is a slug.
    for edition in Edition::ALL {
        let prefix = edition.prefix();
        out.push_str(&location(&format!("^~ {prefix}/content/"), SHORT_LIVED, try_file));
        out.push_str(&location(
            &format!("~ ^{prefix}/(feed\\.json|rss\\.xml|sitemap(-[0-9]+)?\\.xml)$"),
            SHORT_LIVED,
            try_file,
        ));
    }
    out.push_str(&location("= /", REVALIDATE, "try_files /index.html =404;"));
    out.push_str(&location("= /index.html", REVALIDATE, "return 308 /$is_args$args;"));
    // The answer to an address with no page: the hosts' default for HTML.
    out.push_str(&location("= /404.html", HOST_DEFAULT, "internal;"));
    // Moved addresses: nginx matches `location =` against the decoded
    // path, so a reader's browser may encode it as it likes.
    for Moved { from, to } in &addresses.moved {
        let body = format!("return 301 {};", nginx_string(&routes::encode(to))?);
        out.push_str(&location(&format!("= {}", nginx_string(from)?), HOST_DEFAULT, &body));
    }
    // A page's prerendered file (`/policy` is `policy.html`); anything
    // else is the shell with status 404, through `error_page`. Before
    // that, a listing's `?page=N` and `/page/1` redirect to the page's own
    // address, cut from `$request_uri` so that it stays percent-encoded.
    // Each listing pattern is letters, digits, `-` and `%` (checked in
    // `Addresses::read`), so it is safe in a regular expression.
    let listing =
        addresses.listings.iter().map(|listing| listing.replace(":slug", "[^/?]+")).collect::<Vec<_>>().join("|");
    let paged = format!(
        "if ($request_uri ~ \"^(?<listing>{listing})(?:/page/1|\\?(?:[^#]*&)?page=1)(?:[?&].*)?$\") {{ return 301 $listing; }}\n    \
         if ($request_uri ~ \"^(?<listing>{listing})\\?(?:[^#]*&)?page=(?<n>[1-9][0-9]*)(?:&.*)?$\") {{ return 301 $listing/page/$n; }}\n    \
         try_files $uri $uri.html =404;"
    );
    out.push_str(&location("/", HOST_DEFAULT, &paged));
    // An edition's addresses with no page get its own "Page not found".
    for edition in &addresses.editions {
        let own = edition.path("/404.html");
        out.push_str(&location(&format!("= {own}"), HOST_DEFAULT, "internal;"));
        out.push_str(&location(
            &format!("{}/", edition.prefix()),
            HOST_DEFAULT,
            &format!("error_page 404 {own};\n    {paged}"),
        ));
    }
    Ok(out)
}

/// What Netlify and Cloudflare Pages send for HTML that no rule covers
/// (the prerendered pages); nginx is told to do the same.
pub const HOST_DEFAULT: &str = "public, max-age=0, must-revalidate";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_files_write_values_through_their_escapes() {
        let csp = content_security_policy(&["'sha256-x'".into()], &newsletter_at("/api/public/subscription"));
        let headers = headers_file(&csp).unwrap();
        assert!(headers.contains(&format!("  Content-Security-Policy: {csp}\n")));
        let conf = nginx(&csp, &addresses()).unwrap();
        assert!(conf.contains(&format!("add_header Content-Security-Policy \"{csp}\" always;")));
        assert!(conf.contains("add_header Cache-Control \"no-cache\" always;"));
        assert!(headers_file("default-src 'none'\r\nX-Injected: 1").is_err());
        assert!(nginx("default-src 'none'; x $uri", &addresses()).is_err());
        let mut moved_with_a_variable = addresses();
        moved_with_a_variable.moved.push(Moved { from: "/a$uri".into(), to: "/b".into() });
        assert!(nginx(&csp, &moved_with_a_variable).is_err());
    }

    fn addresses() -> Addresses {
        Addresses {
            listings: vec!["/tag/:slug".into(), "/policy".into(), "/%D8%A3%D9%85%D9%86".into()],
            moved: vec![Moved { from: "/analysis/café".into(), to: "/policy/café".into() }],
            editions: vec![Edition::Arabic],
        }
    }

    #[test]
    fn moved_addresses_and_listing_pages_become_host_rules() {
        let redirects = redirects_file(&addresses());
        let lines: Vec<&str> = redirects.lines().skip(1).collect();
        assert_eq!(
            lines,
            [
                "/tag/:slug  page=:page  /tag/:slug/page/:page  301!",
                "/policy  page=:page  /policy/page/:page  301!",
                "/%D8%A3%D9%85%D9%86  page=:page  /%D8%A3%D9%85%D9%86/page/:page  301!",
                "/tag/:slug/page/1  /tag/:slug  301",
                "/policy/page/1  /policy  301",
                "/%D8%A3%D9%85%D9%86/page/1  /%D8%A3%D9%85%D9%86  301",
                "/analysis/caf%C3%A9  /policy/caf%C3%A9  301",
                "/ar/*  /ar/404.html  404",
                "/*  /404.html  404",
            ]
        );
        let conf = nginx("default-src 'none'", &addresses()).unwrap();
        assert!(conf.contains("location = \"/analysis/café\" {"), "{conf}");
        assert!(conf.contains("return 301 \"/policy/caf%C3%A9\";"), "{conf}");
        assert!(conf.contains("(?<listing>/tag/[^/?]+|/policy|/%D8%A3%D9%85%D9%86)"), "{conf}");
        assert!(conf.contains("location /ar/ {") && conf.contains("error_page 404 /ar/404.html;"), "{conf}");
    }

    #[test]
    fn hashes_only_inline_scripts_that_run() {
        let html = "<script type=\"module\">init()</script><script src=\"/a.js\"></script><script type=\"application/json\" id=\"d\">{}</script>";
        let hashes = inline_script_hashes(html);
        // sha256("init()") in base64.
        let expected = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(b"init()"));
        assert_eq!(hashes, vec![format!("'sha256-{expected}'")]);
    }

    fn newsletter_at(endpoint: &str) -> Settings {
        Settings {
            newsletter: NewsletterConfig {
                endpoint: endpoint.into(),
                daily_list: "d-1".into(),
                weekly_list: "w-1".into(),
                editions: Default::default(),
            },
        }
    }

    #[test]
    fn the_policy_is_strict() {
        let csp = content_security_policy(
            &["'sha256-x'".into()],
            &newsletter_at("https://l.example/api/public/subscription"),
        );
        assert!(csp.starts_with("default-src 'none'; script-src 'self' 'wasm-unsafe-eval' 'sha256-x'"));
        assert!(csp.contains("connect-src 'self' https://l.example;"));
        assert!(csp.contains("form-action 'self' https://l.example"));
        assert!(!csp.contains("unsafe-inline") && !csp.contains("'unsafe-eval'"));
        let same_origin = content_security_policy(&[], &newsletter_at("/api/public/subscription"));
        assert!(same_origin.contains("connect-src 'self';"), "{same_origin}");
    }

    #[test]
    fn endpoints_and_lists_are_checked() {
        assert!(check(&newsletter_at("/api/public/subscription")).is_ok());
        assert!(check(&newsletter_at("http://127.0.0.1:9000/api/public/subscription")).is_ok());
        assert_eq!(newsletter_at("https://l.example:8443/api/x").newsletter_origin(), Some("https://l.example:8443"));
        for bad in [
            "lists.example/api",
            "//lists.example/api",
            "https://",
            "https://a.example; script-src *",
            "javascript:alert(1)",
            "/\\lists.example/api",
            "/%5Clists.example/api",
            "https://l.example/api\r\nX-Injected: 1",
            "mailto:list@l.example",
            "#subscribe",
            "",
        ] {
            assert!(check(&newsletter_at(bad)).is_err(), "{bad:?}");
        }
        assert!(check(&newsletter_at("/\\l.example")).unwrap_err().contains("backslash"));
        let mut settings = newsletter_at("/api/public/subscription");
        settings.newsletter.weekly_list = "w 1".into();
        assert!(check(&settings).is_err());
        assert!(newsletter_json(&newsletter_at("/a")).contains("\"daily_list\": \"d-1\""));
    }
}
