//! Installs what the build and the tests need, at pinned versions, only
//! when it is missing. Every install says what it is and how long it
//! usually takes; every failure says what to run by hand.

use std::{
    ffi::OsString,
    fs,
    path::{Path, PathBuf},
    process::{Command, Stdio},
    time::Instant,
};

/// Trunk 0.22 needs a newer rustc than the project's machines have.
pub const TRUNK_VERSION: &str = "0.21.14";
const WASM_TARGET: &str = "wasm32-unknown-unknown";
pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
pub const NGINX: &str = "/usr/sbin/nginx";
pub const NGINX_BROTLI: &str = "/usr/lib/nginx/modules/ngx_http_brotli_static_module.so";
pub const SQLITE3: &str = "/usr/bin/sqlite3";

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Needs {
    /// What `dev` and `build` need: the wasm toolchain.
    Build,
    /// Also the browser and the end-to-end packages, for `test`.
    All,
}

/// Where the installed tools are, for the commands that use them.
pub struct Tools {
    /// `node_modules/.bin`, which holds binaryen's `wasm-opt` and
    /// Pagefind's launcher.
    node_bin: PathBuf,
}

impl Tools {
    /// `PATH` with the project's node tools first, so Trunk finds the
    /// pinned wasm-opt and never tries to download one.
    pub fn path_with_tools(&self) -> OsString {
        let mut paths = vec![self.node_bin.clone()];
        paths.extend(std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()));
        std::env::join_paths(paths).expect("PATH entries contain no separator")
    }

    /// Pagefind's launcher, which runs the binary of this platform's
    /// `@pagefind/…` package.
    pub fn pagefind(&self) -> PathBuf {
        self.node_bin.join("pagefind")
    }
}

pub fn ensure(root: &Path, needs: Needs) -> Result<Tools, String> {
    let started = Instant::now();
    require("node", "Node.js 20 and npm are needed: apt-get install -y nodejs npm")?;
    require("npm", "npm is needed: apt-get install -y npm")?;
    wasm_target()?;
    trunk(root)?;
    wasm_bindgen(root)?;
    node_packages(root)?;
    if needs == Needs::All {
        browser()?;
        nginx()?;
        sqlite_shell()?;
        java()?;
    }
    let seconds = started.elapsed().as_secs();
    if seconds > 5 {
        println!("setup: tools ready after {seconds} s");
    }
    Ok(Tools { node_bin: root.join("node_modules/.bin") })
}

fn require(program: &str, advice: &str) -> Result<(), String> {
    let found = Command::new(program)
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|status| status.success());
    if found {
        Ok(())
    } else {
        Err(format!("{program} was not found. {advice}"))
    }
}

/// What `program --version` prints, or `None` when it is not installed.
fn version_of(program: &str) -> Option<String> {
    let output = Command::new(program).arg("--version").output().ok()?;
    output.status.success().then(|| String::from_utf8_lossy(&output.stdout).trim().to_string())
}

fn install(what: &str, how_long: &str, command: &mut Command, by_hand: &str) -> Result<(), String> {
    println!("setup: installing {what} (usually {how_long})…");
    let started = Instant::now();
    let ok = command.status().is_ok_and(|status| status.success());
    if !ok {
        return Err(format!(
            "could not install {what} (is the package registry reachable?). Run this by hand, then try again:\n    {by_hand}"
        ));
    }
    println!("setup: {what} installed in {} s", started.elapsed().as_secs());
    Ok(())
}

fn wasm_target() -> Result<(), String> {
    let installed = Command::new("rustup")
        .args(["target", "list", "--installed"])
        .output()
        .map_err(|_| "rustup was not found; install Rust with rustup first".to_string())?;
    if String::from_utf8_lossy(&installed.stdout).lines().any(|line| line.trim() == WASM_TARGET) {
        return Ok(());
    }
    install(
        "the wasm32-unknown-unknown Rust target",
        "under a minute",
        Command::new("rustup").args(["target", "add", WASM_TARGET]),
        "rustup target add wasm32-unknown-unknown",
    )
}

fn trunk(root: &Path) -> Result<(), String> {
    if version_of("trunk").is_some_and(|v| v == format!("trunk {TRUNK_VERSION}")) {
        return Ok(());
    }
    let by_hand = format!("cargo install trunk --version {TRUNK_VERSION} --locked");
    install(
        &format!("Trunk {TRUNK_VERSION}"),
        "about 5 minutes on 2 cores",
        Command::new("cargo").current_dir(root).args(["install", "trunk", "--version", TRUNK_VERSION, "--locked"]),
        &by_hand,
    )
}

/// The wasm-bindgen CLI must equal the wasm-bindgen crate in Cargo.lock,
/// and Trunk.toml must name the same version, or Trunk tries a download.
fn wasm_bindgen(root: &Path) -> Result<(), String> {
    let lock = fs::read_to_string(root.join("Cargo.lock")).map_err(|err| format!("cannot read Cargo.lock: {err}"))?;
    let version = locked_version(&lock, "wasm-bindgen").ok_or("Cargo.lock names no wasm-bindgen version")?;
    let trunk_toml =
        fs::read_to_string(root.join("Trunk.toml")).map_err(|err| format!("cannot read Trunk.toml: {err}"))?;
    if !trunk_toml.contains(&format!("wasm_bindgen = \"{version}\"")) {
        return Err(format!("Trunk.toml must pin wasm_bindgen = \"{version}\", the version in Cargo.lock"));
    }
    let have_cli = version_of("wasm-bindgen").is_some_and(|v| v == format!("wasm-bindgen {version}"));
    let have_runner =
        version_of("wasm-bindgen-test-runner").is_some_and(|v| v == format!("wasm-bindgen-test-runner {version}"));
    if have_cli && have_runner {
        return Ok(());
    }
    // Not `--locked`: the CLI's own lockfile names a crate version that
    // the registry no longer serves.
    install(
        &format!("wasm-bindgen-cli {version}"),
        "about 2 minutes on 2 cores",
        Command::new("cargo").current_dir(root).args(["install", "wasm-bindgen-cli", "--version", &version, "--force"]),
        &format!("cargo install wasm-bindgen-cli --version {version} --force"),
    )
}

/// The version of `name` in a Cargo.lock.
pub fn locked_version(lock: &str, name: &str) -> Option<String> {
    let header = format!("name = \"{name}\"");
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == header {
            let next = lines.next()?.trim();
            return next.strip_prefix("version = \"").and_then(|rest| rest.strip_suffix('"')).map(str::to_string);
        }
    }
    None
}

/// `npm ci` from the committed package-lock.json, skipped when the
/// installed tree was made from this very lockfile.
fn node_packages(root: &Path) -> Result<(), String> {
    let lock =
        fs::read(root.join("package-lock.json")).map_err(|err| format!("cannot read package-lock.json: {err}"))?;
    let stamp_path = root.join("node_modules/.dispatch-lock");
    let stamp = fingerprint(&lock);
    if fs::read_to_string(&stamp_path).is_ok_and(|old| old == stamp) {
        return Ok(());
    }
    install(
        "the node packages (binaryen's wasm-opt, playwright-core)",
        "under a minute",
        Command::new("npm").current_dir(root).args(["ci", "--no-audit", "--no-fund"]),
        "npm ci",
    )?;
    fs::write(&stamp_path, stamp).map_err(|err| format!("cannot write {}: {err}", stamp_path.display()))
}

/// FNV-1a: enough to tell whether a lockfile changed.
fn fingerprint(bytes: &[u8]) -> String {
    let hash = bytes
        .iter()
        .fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| (hash ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3));
    format!("{hash:016x}")
}

/// Debian's Chromium and its chromedriver. Debian ships one current build
/// per release through its security channel and drops old ones, so the
/// version is Debian's, not ours; `cargo xtask test` prints it.
fn browser() -> Result<(), String> {
    let present = Path::new(CHROMIUM).exists() && Path::new(CHROMEDRIVER).exists();
    debian(present, "Chromium and chromedriver", "2 to 3 minutes", &["chromium", "chromium-driver"], "")
}

/// Debian's nginx with ngx_brotli's static module, to prove the generated
/// nginx configuration serves the build like the CDN. The package starts
/// nginx as a service; the tests run their own, so it is stopped again.
fn nginx() -> Result<(), String> {
    let present = Path::new(NGINX).exists() && Path::new(NGINX_BROTLI).exists();
    let packages = ["nginx-light", "libnginx-mod-http-brotli-static"];
    debian(
        present,
        "nginx and its brotli module",
        "under a minute",
        &packages,
        " && (service nginx stop >/dev/null 2>&1 || true)",
    )
}

/// The sqlite3 shell, with which the newsletter tests read what the
/// service really stored.
fn sqlite_shell() -> Result<(), String> {
    debian(Path::new(SQLITE3).exists(), "the sqlite3 shell", "a few seconds", &["sqlite3"], "")
}

/// GNU time, with which `cargo xtask bench` reads each command's peak
/// memory.
pub fn gnu_time() -> Result<(), String> {
    debian(Path::new("/usr/bin/time").exists(), "GNU time", "a few seconds", &["time"], "")
}

/// Hugo, Debian's, for `cargo xtask bench`'s comparison (issue 18).
pub fn hugo() -> Result<(), String> {
    let present = Command::new("hugo").arg("version").output().is_ok_and(|output| output.status.success());
    debian(present, "Hugo", "under a minute", &["hugo"], "")
}

/// libvips' `vipsthumbnail`, the photograph pipeline's reference in
/// `cargo xtask bench`.
pub fn vips() -> Result<(), String> {
    let present = Command::new("vipsthumbnail").arg("--version").output().is_ok_and(|output| output.status.success());
    debian(present, "vipsthumbnail", "under a minute", &["libvips-tools"], "")
}

/// A Java runtime for the Nu Html Checker (vnu-jar, from npm).
fn java() -> Result<(), String> {
    debian(version_of("java").is_some(), "a Java runtime", "about a minute", &["openjdk-17-jre-headless"], "")
}

/// Installs Debian `packages` unless `present`, as root (the only one who
/// can); `then` is shell run after a successful install.
fn debian(present: bool, what: &str, how_long: &str, packages: &[&str], then: &str) -> Result<(), String> {
    if present {
        return Ok(());
    }
    let names = packages.join(" ");
    let by_hand = format!("apt-get update && apt-get install -y {names}");
    if !is_root() {
        return Err(format!("{what} is missing and only root can install it. Run as root:\n    {by_hand}"));
    }
    let script = format!(
        "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o Dpkg::Options::=--force-confold {names}{then}"
    );
    install(&format!("{what} from Debian"), how_long, Command::new("sh").args(["-c", &script]), &by_hand)
}

fn is_root() -> bool {
    Command::new("id").arg("-u").output().is_ok_and(|output| String::from_utf8_lossy(&output.stdout).trim() == "0")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_a_locked_version() {
        let lock = "[[package]]\nname = \"wasm-bindgen-futures\"\nversion = \"0.4.1\"\n\n[[package]]\nname = \"wasm-bindgen\"\nversion = \"0.2.130\"\n";
        assert_eq!(locked_version(lock, "wasm-bindgen").as_deref(), Some("0.2.130"));
        assert_eq!(locked_version(lock, "leptos"), None);
    }

    #[test]
    fn fingerprints_differ_when_the_lockfile_does() {
        assert_eq!(fingerprint(b"a"), fingerprint(b"a"));
        assert_ne!(fingerprint(b"a"), fingerprint(b"b"));
    }
}
