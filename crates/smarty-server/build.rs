//! Bundles the web workbench (crates/smarty-server/web) and embeds it in the server.
//!
//! When `npm` is on PATH: `npm ci` from the lockfile into `<target>/web-workbench/deps-<hash>`
//! (keyed by package.json and the lockfile), then esbuild bundles the sources into
//! `<target>/web-workbench/dist-<hash>` (keyed by every input). Both live under the target
//! directory, not OUT_DIR, so every profile, `cargo clippy` and `cargo test` share one bundle and
//! npm runs once per change. Each is built in a temporary directory and renamed into place, so
//! two builds at once never see half a bundle.
//!
//! Without npm (or `SMARTY_KG_NO_WEB=1`, or when npm fails) the server embeds nothing and serves
//! a plain page saying how to get the workbench: the Rust build never fails because of npm.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How long `npm ci` or the bundler may take before the build gives up on them.
const NPM_TIMEOUT: Duration = Duration::from_secs(900);

fn main() {
    let web = PathBuf::from(env("CARGO_MANIFEST_DIR")).join("web");
    for input in ["package.json", "package-lock.json", "build.cjs", "src"] {
        println!("cargo:rerun-if-changed={}", web.join(input).display());
    }
    println!("cargo:rerun-if-env-changed=SMARTY_KG_NO_WEB");
    let out = PathBuf::from(env("OUT_DIR"));
    let files = match bundle(&web, &out) {
        Ok(dist) => list(&dist),
        Err(why) => {
            println!(
                "cargo:warning=the web workbench is not embedded ({why}); `serve` shows a plain page instead. Install Node.js and npm and rebuild to get it."
            );
            // Without npm nothing else reruns this script, so a later PATH can bring npm in.
            println!("cargo:rerun-if-env-changed=PATH");
            Vec::new()
        }
    };
    let mut code = String::from("/// The bundled workbench: (path under /assets/, bytes).\n");
    code.push_str("pub const FILES: &[(&str, &[u8])] = &[\n");
    for (name, path) in &files {
        code.push_str(&format!(
            "    ({name:?}, include_bytes!({:?})),\n",
            path.display().to_string()
        ));
    }
    code.push_str("];\n");
    if let Err(e) = fs::write(out.join("workbench.rs"), code) {
        panic!("cannot write {}: {e}", out.join("workbench.rs").display());
    }
}

fn env(name: &str) -> String {
    std::env::var(name).unwrap_or_default()
}

/// The bundle's directory, built if needed.
fn bundle(web: &Path, out: &Path) -> Result<PathBuf, String> {
    if !env("SMARTY_KG_NO_WEB").is_empty() && env("SMARTY_KG_NO_WEB") != "0" {
        return Err("SMARTY_KG_NO_WEB is set".into());
    }
    let npm = which("npm").ok_or("npm is not on PATH")?;
    let node = which("node").ok_or("node is not on PATH")?;
    let root = target_dir(out).join("web-workbench");
    let manifests = [web.join("package.json"), web.join("package-lock.json")];
    let deps_hash = hash_files(&manifests)?;
    let mut inputs = manifests.to_vec();
    inputs.push(web.join("build.cjs"));
    inputs.extend(walk(&web.join("src"))?);
    let dist_hash = hash_files(&inputs)?;
    let deps = root.join(format!("deps-{deps_hash:016x}"));
    let dist = root.join(format!("dist-{dist_hash:016x}"));
    if dist.join("index.html").is_file() {
        return Ok(dist);
    }
    if !deps.join("node_modules").is_dir() {
        in_place(&deps, |tmp| {
            for m in &manifests {
                copy(m, &tmp.join(m.file_name().unwrap_or_default()))?;
            }
            run(
                Command::new(&npm)
                    .args(["ci", "--no-audit", "--no-fund", "--prefer-offline"])
                    .current_dir(tmp),
                "npm ci",
            )
        })?;
    }
    in_place(&dist, |tmp| {
        run(
            Command::new(&node)
                .arg(web.join("build.cjs"))
                .arg(tmp)
                .env("NODE_PATH", deps.join("node_modules"))
                .current_dir(web),
            "the bundler",
        )
    })?;
    Ok(dist)
}

/// The target directory: CARGO_TARGET_DIR, else OUT_DIR's ancestor (`target/debug/build/x/out`).
fn target_dir(out: &Path) -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) if !dir.is_empty() => PathBuf::from(dir),
        _ => out
            .ancestors()
            .nth(4)
            .map(Path::to_path_buf)
            .unwrap_or_else(|| out.to_path_buf()),
    }
}

/// Builds `dir` through a temporary sibling renamed into place (a concurrent build may win).
fn in_place(dir: &Path, build: impl FnOnce(&Path) -> Result<(), String>) -> Result<(), String> {
    let tmp = dir.with_extension(format!("tmp-{}", std::process::id()));
    let _ = fs::remove_dir_all(&tmp);
    fs::create_dir_all(&tmp).map_err(|e| format!("cannot create {}: {e}", tmp.display()))?;
    let built = build(&tmp);
    if built.is_ok() && fs::rename(&tmp, dir).is_ok() {
        return Ok(());
    }
    let _ = fs::remove_dir_all(&tmp);
    built?;
    if dir.is_dir() {
        Ok(())
    } else {
        Err(format!("cannot move the bundle into {}", dir.display()))
    }
}

fn run(command: &mut Command, what: &str) -> Result<(), String> {
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("{what} did not start: {e}"))?;
    let started = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(status)) if status.success() => return Ok(()),
            Ok(Some(status)) => {
                let mut stderr = String::new();
                if let Some(mut e) = child.stderr.take() {
                    let _ = std::io::Read::read_to_string(&mut e, &mut stderr);
                }
                let tail: Vec<&str> = stderr.lines().rev().take(5).collect();
                let tail: Vec<&str> = tail.into_iter().rev().collect();
                return Err(format!("{what} failed ({status}): {}", tail.join(" | ")));
            }
            Ok(None) if started.elapsed() > NPM_TIMEOUT => {
                let _ = child.kill();
                return Err(format!("{what} took longer than {NPM_TIMEOUT:?}"));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(100)),
            Err(e) => return Err(format!("{what}: {e}")),
        }
    }
}

fn which(program: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(program))
        .find(|candidate| candidate.is_file())
}

fn copy(from: &Path, to: &Path) -> Result<(), String> {
    fs::copy(from, to)
        .map(|_| ())
        .map_err(|e| format!("cannot copy {}: {e}", from.display()))
}

/// Every file under `dir`, sorted (the hash must not depend on directory order).
fn walk(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut files = Vec::new();
    let entries = fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files.extend(walk(&path)?);
        } else {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

/// The bundle's files as (name under /assets/, absolute path).
fn list(dist: &Path) -> Vec<(String, PathBuf)> {
    walk(dist)
        .unwrap_or_default()
        .into_iter()
        .filter_map(|path| {
            let name = path.strip_prefix(dist).ok()?.to_str()?.replace('\\', "/");
            Some((name, path))
        })
        .collect()
}

/// FNV-1a over the files' names and bytes: enough to tell one set of inputs from another.
fn hash_files(files: &[PathBuf]) -> Result<u64, String> {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for file in files {
        let name = file.file_name().map(|n| n.to_string_lossy().into_owned());
        let bytes = fs::read(file).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
        for byte in name.unwrap_or_default().bytes().chain(bytes) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    Ok(hash)
}
