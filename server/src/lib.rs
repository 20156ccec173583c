//! The static side of the CDN, as the end-to-end tests and the dev loop
//! see it: files from the build output, their precompressed `.br`/`.gz`
//! variants chosen by `Accept-Encoding`, client routes answered with the
//! app shell (status 200), and unknown files answered with 404.

use std::path::{Path, PathBuf};

use axum::{
    body::Body,
    extract::{Request, State},
    http::Uri,
    response::Response,
    Router,
};
use tower::ServiceExt;
use tower_http::services::ServeDir;

#[derive(Clone, Debug)]
pub struct Settings {
    pub root: PathBuf,
    pub port: u16,
}

impl Settings {
    pub fn from_args(mut args: impl Iterator<Item = String>) -> Result<Settings, String> {
        let mut root = None;
        let mut port = 8081;
        while let Some(flag) = args.next() {
            let mut value = || args.next().ok_or_else(|| format!("{flag} needs a value"));
            match flag.as_str() {
                "--root" => root = Some(PathBuf::from(value()?)),
                "--port" => {
                    let raw = value()?;
                    port = raw.parse().map_err(|_| format!("--port: not a port number: {raw}"))?;
                }
                other => return Err(format!("unknown argument: {other}")),
            }
        }
        let root = root.ok_or("--root is required")?;
        if !root.join("index.html").is_file() {
            return Err(format!("{} has no index.html: build the site first", root.display()));
        }
        Ok(Settings { root, port })
    }
}

pub fn app(settings: Settings) -> Router {
    Router::new().fallback(serve_static).with_state(settings)
}

/// A path whose last segment has no dot is a client route (`/section/slug`);
/// one with a dot is a file (`/content/articles/x.json`), which must 404
/// when missing so the app can tell "not found" from the shell.
pub fn is_client_route(path: &str) -> bool {
    let last = path.rsplit('/').next().unwrap_or_default();
    !last.contains('.')
}

async fn serve_static(State(settings): State<Settings>, mut request: Request) -> Response {
    let path = request.uri().path().to_owned();
    if is_client_route(&path) && !exists(&settings.root, &path) {
        *request.uri_mut() = Uri::from_static("/index.html");
    }
    let files = ServeDir::new(&settings.root)
        .precompressed_br()
        .precompressed_gzip();
    match files.oneshot(request).await {
        Ok(response) => response.map(Body::new),
        Err(never) => match never {},
    }
}

fn exists(root: &Path, path: &str) -> bool {
    let relative = path.trim_start_matches('/');
    // ServeDir itself refuses `..`; this only decides about the fallback.
    !relative.split('/').any(|part| part == "..") && root.join(relative).is_file()
}

#[cfg(test)]
mod tests {
    use super::is_client_route;

    #[test]
    fn routes_have_no_extension_files_do() {
        assert!(is_client_route("/"));
        assert!(is_client_route("/cyberattacks-data-breaches/some-slug"));
        assert!(!is_client_route("/content/articles/some-slug.json"));
        assert!(!is_client_route("/dispatch-1a2b.wasm"));
    }
}
