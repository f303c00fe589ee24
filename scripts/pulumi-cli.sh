#!/usr/bin/env bash
# scripts/pulumi-cli.sh — make the Pulumi CLI available for this repo, offline-friendly.
#
# Usage:  bin_dir="$(scripts/pulumi-cli.sh | tail -n1)"; PATH="$bin_dir:$PATH"
#         or simply:  source scripts/pulumi-env.sh   (does that and sets the local-only env below)
#
# The LAST line of stdout is the absolute path of a bin directory holding `pulumi`,
# `pulumi-language-nodejs` and `pulumi-resource-pulumi-nodejs` (the dynamic-provider plugin).
# All progress and warnings go to stderr. Exit status is non-zero if no CLI could be provided.
#
# What it does, in order:
#  1. Reads the wanted version from package-lock.json (the installed @pulumi/pulumi SDK).
#  2. If a `pulumi` is on PATH (outside .pulumi-cli/) at that version or newer, uses it
#     (warns when the version differs). An older one is ignored, with a warning.
#  3. Else, if .pulumi-cli/v<version>/bin is already built (stamp file matches), prints it: instant.
#     If it was built with another scripts/pulumi-cli/langhost/main.go (another checkout shares the cache),
#     compiles only the language host into .pulumi-cli/v<version>/shim-<cksum>/ (beside a hard link of the
#     same pulumi) and prints that folder (see 3b below).
#  4. Else, with Go: builds the CLI from the Go module proxy into .pulumi-cli/v<version>/ (git-ignored):
#     - `go install module@version` refuses github.com/pulumi/pulumi/pkg/v3 (its go.mod has replace
#       directives), so a throwaway wrapper module is generated in .pulumi-cli/v<version>/build/ that
#       requires pkg/v3 + sdk/v3 at <version> (as `tool` directives) and copies the non-local
#       `replace` lines from pkg/v3's own go.mod (github.com/atotto/clipboard => tgummerer/clipboard).
#     - go build -trimpath -ldflags "-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v<version>"
#       (that variable is what `pulumi version` prints; checked in pkg/v3 cmd/pulumi at v3.248.0).
#     - Language host: the upstream module github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3
#       has no version tags, so it is pinned by commit: the commit of the SDK release tag, taken from the
#       `Origin.Hash` of `go mod download -json github.com/pulumi/pulumi/sdk/v3@v<version>` (falls back to
#       the pkg/v3 tag's Origin.Hash, the release commit a few hours later, when the proxy omits Origin),
#       and resolved to a pseudo-version with `go list -m -json <module>@<commit>`.
#       If the proxy does not serve that module (the proxy reachable from this project's machines answers
#       403 "This module version is not available" for it), the minimal language host in
#       scripts/pulumi-cli/langhost/main.go is built instead (enough for preview/up/refresh/destroy of
#       Node.js programs, dynamic providers included; see that file). Force one with PULUMI_LANGHOST=upstream|shim.
#     - pkg/v3 is missing from the checksum database mirror here (404 on lookup), so when verifying it
#       fails, it is retried with GONOSUMDB=github.com/pulumi/pulumi/pkg (a warning says so).
#     The first build takes a few minutes (downloads ~300 modules, compiles ~1500 packages; ~2 GB RAM).
#  5. Without Go: falls back to Pulumi's official installer (needs internet to get.pulumi.com):
#     curl -fsSL https://get.pulumi.com | sh -s -- --version <version> --install-root .pulumi-cli/v<version>/official
#  6. Links node_modules/@pulumi/pulumi/pulumi-resource-pulumi-nodejs (the dynamic-provider plugin, a small
#     shell script shipped in the npm package) into the bin dir. pulumi-analyzer-policy and other plugins
#     are not needed for `pulumi up` of a Node.js program with dynamic resources, nor for
#     `pulumi preview --policy-pack policy`: CLI v3.248 starts a nodejs policy pack through the language
#     host's RunPlugin, which the minimal host implements (docs/compliance.md, "Policy pack").
#
# Knobs (all optional):
#   PULUMI_CLI_VERSION=3.248.0   build/use this version instead of the one in package-lock.json
#   PULUMI_CLI_DIR=<dir>         cache folder (default <repo>/.pulumi-cli)
#   PULUMI_CLI_IGNORE_PATH=1     never use a `pulumi` found on PATH
#   PULUMI_CLI_FORCE=1           rebuild even if the cached build looks fine
#   PULUMI_LANGHOST=auto|upstream|shim,  PULUMI_LANGHOST_COMMIT=<sha>  (see step 4)
#   GOFLAGS=-p=1                 passed through to go; the default parallelism fits in 2 cores / 24 GiB
#
# Environment for running the CLI locally, without Pulumi Cloud or network
# (scripts/pulumi-env.sh exports these when sourced, each only if not already set):
#   PULUMI_BACKEND_URL=file://<repo>/.pulumi-state      local state, no `pulumi login` needed (git-ignored)
#   PULUMI_CONFIG_PASSPHRASE=local-dev-only              throwaway passphrase for the file backend's secrets
#   PULUMI_SKIP_UPDATE_CHECK=true                        no call home for newer CLI versions
#   PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true     never try to download plugins (no network here)
#   PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK=true        Automation API accepts this CLI's version
#   PULUMI_HOME=<repo>/.pulumi-cli/home                  keeps workspaces/plugins/credentials out of ~/.pulumi
#   PULUMI_DIY_BACKEND_NO_LEGACY_WARNING=true            (cosmetic) silence the file-backend legacy-layout warning
# Do not set PULUMI_IGNORE_AMBIENT_PLUGINS=true: the language host and the dynamic-provider plugin are
# found on PATH (beside `pulumi`). A program's folder needs node_modules with @pulumi/pulumi (a symlink
# to this repo's node_modules works) and a package.json (without one, every run warns "Could not find
# a package.json ... for the program"). Only PATH and PULUMI_CONFIG_PASSPHRASE (or a passphrase-free
# secrets provider) are strictly required; PULUMI_HOME only keeps `pulumi login`'s credentials.json and
# the selected-stack workspaces/ out of ~/.pulumi.
set -euo pipefail

# Everything runs inside main(), so bash has read the whole file before running any of it
# (editing or checking out this file during a long build cannot break the running build).
main() {

log() { printf 'pulumi-cli: %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
CLI_DIR="${PULUMI_CLI_DIR:-$REPO/.pulumi-cli}"
SHIM_SRC="$REPO/scripts/pulumi-cli/langhost/main.go"

command -v node >/dev/null 2>&1 || die "node is required (it runs Pulumi programs and reads package-lock.json)"

# ---- 1. wanted version -------------------------------------------------------------------------
VERSION="${PULUMI_CLI_VERSION:-}"
if [[ -z "$VERSION" ]]; then
  VERSION="$(node -e '
    const fs = require("fs"), path = require("path"), repo = process.argv[1];
    let v = "";
    try { const l = JSON.parse(fs.readFileSync(path.join(repo, "package-lock.json"), "utf8"));
          v = ((l.packages || {})["node_modules/@pulumi/pulumi"] || (l.dependencies || {})["@pulumi/pulumi"] || {}).version || ""; } catch (e) {}
    if (!v) { try { v = require(path.join(repo, "node_modules/@pulumi/pulumi/package.json")).version; } catch (e) {} }
    process.stdout.write(v);' "$REPO")"
fi
VERSION="${VERSION#v}"
[[ "$VERSION" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || die "could not read the @pulumi/pulumi version from package-lock.json (got '$VERSION'); set PULUMI_CLI_VERSION"
WANT="v$VERSION"

DYN_PLUGIN="$REPO/node_modules/@pulumi/pulumi/pulumi-resource-pulumi-nodejs"

link_dynamic_provider() { # $1 = bin dir
  if [[ -f "$DYN_PLUGIN" ]]; then
    [[ -x "$DYN_PLUGIN" ]] || chmod +x "$DYN_PLUGIN" 2>/dev/null || true
    ln -sfn "$DYN_PLUGIN" "$1/pulumi-resource-pulumi-nodejs"
  elif [[ ! -x "$1/pulumi-resource-pulumi-nodejs" ]]; then
    log "warning: $DYN_PLUGIN not found (run npm install): dynamic resources will not work"
  fi
}

# ---- 2. a pulumi already on PATH ---------------------------------------------------------------
check_plugins_beside() { # official installs ship both beside `pulumi`
  local p
  for p in pulumi-language-nodejs pulumi-resource-pulumi-nodejs; do
    [[ -x "$1/$p" ]] || command -v "$p" >/dev/null 2>&1 || log "warning: $p is neither beside $1/pulumi nor on PATH"
  done
}
if [[ -z "${PULUMI_CLI_IGNORE_PATH:-}" ]]; then
  cli_dir_real="$(cd "$CLI_DIR" 2>/dev/null && pwd -P || echo "$CLI_DIR")"
  IFS=: read -r -a path_entries <<<"${PATH:-}"
  for d in "${path_entries[@]}"; do
    [[ -n "$d" && -x "$d/pulumi" && ! -d "$d/pulumi" ]] || continue
    d="$(cd "$d" && pwd -P)"
    case "$d/" in "$cli_dir_real"/*) continue ;; esac # our own build (e.g. PATH set by pulumi-env.sh)
    have="$(PULUMI_SKIP_UPDATE_CHECK=true "$d/pulumi" version 2>/dev/null | tail -n1 | tr -d '[:space:]' || true)"
    have="${have#v}"; have="${have%%[-+]*}"
    if [[ ! "$have" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]]; then
      log "warning: ignoring $d/pulumi: could not read its version"
    elif [[ "$have" == "$VERSION" ]]; then
      log "using pulumi v$have found on PATH in $d"
      check_plugins_beside "$d"; echo "$d"; exit 0
    elif [[ "$(printf '%s\n%s\n' "$have" "$VERSION" | sort -V | tail -n1)" == "$have" ]]; then
      log "warning: using pulumi v$have from $d; package-lock.json has @pulumi/pulumi $VERSION (newer CLIs are compatible). Set PULUMI_CLI_IGNORE_PATH=1 to build $WANT instead."
      check_plugins_beside "$d"; echo "$d"; exit 0
    else
      log "warning: ignoring pulumi v$have on PATH ($d): older than @pulumi/pulumi $VERSION in package-lock.json"
    fi
    break
  done
fi

# ---- 3. cached build ---------------------------------------------------------------------------
ROOT="$CLI_DIR/$WANT"
BIN="$ROOT/bin"
STAMP="$ROOT/.stamp"
shim_hash() { if [[ -f "$SHIM_SRC" ]]; then cksum <"$SHIM_SRC" | cut -d' ' -f1; else echo none; fi; }

cache_ok() {
  [[ -f "$STAMP" && -x "$BIN/pulumi" && -x "$BIN/pulumi-language-nodejs" ]] || return 1
  local stamp; stamp="$(cat "$STAMP")"
  case "$stamp" in
    "$WANT official"*|"$WANT upstream"*) return 0 ;;
    "$WANT shim $(shim_hash)") return 0 ;; # rebuilt when scripts/pulumi-cli/langhost/main.go changes
  esac
  return 1
}

if [[ -z "${PULUMI_CLI_FORCE:-}" ]] && cache_ok; then
  link_dynamic_provider "$BIN"
  echo "$BIN"; exit 0
fi

# ---- 3b. cached CLI, other minimal language host --------------------------------------------
# The CLI in $BIN was built with another version of scripts/pulumi-cli/langhost/main.go (another
# branch or an older checkout shares this cache). Instead of rebuilding everything (and taking the
# other checkout's language host away from it), only the language host is compiled, into
# $ROOT/shim-<hash>/, beside a hard link of the same `pulumi` (a hard link, not a symlink: the CLI looks
# for its bundled language host next to its own resolved path, and warns when PATH gives another).
# Each version of main.go gets its own folder; the bin dir printed is that folder.
shim_only_ok() {
  [[ -f "$STAMP" && -x "$BIN/pulumi" && -f "$SHIM_SRC" ]] || return 1
  case "$(cat "$STAMP")" in "$WANT shim "*) return 0 ;; esac
  return 1
}
SHIM_BIN="$ROOT/shim-$(shim_hash)"
build_shim_only() {
  local go_bin src tmp
  go_bin="$(command -v go || true)"; [[ -z "$go_bin" && -x /usr/local/go/bin/go ]] && go_bin=/usr/local/go/bin/go
  [[ -n "$go_bin" && -f "$ROOT/build/go.mod" && -f "$ROOT/build/go.sum" ]] || return 1
  log "the cached CLI was built with another langhost/main.go: compiling only the language host into $SHIM_BIN"
  tmp="$ROOT/shim-build.$$"; rm -rf "$tmp"; mkdir -p "$tmp/langhost" "$tmp/out"
  cp "$ROOT/build/go.mod" "$ROOT/build/go.sum" "$tmp/"
  cp "$SHIM_SRC" "$tmp/langhost/main.go"
  if ! (cd "$tmp" && GOWORK=off GOFLAGS="${GOFLAGS:-} -mod=mod" "$go_bin" build -trimpath -ldflags "-s -w -X main.version=$WANT" \
        -o "$tmp/out/pulumi-language-nodejs" ./langhost >&2); then
    rm -rf "$tmp"; return 1
  fi
  ln "$BIN/pulumi" "$tmp/out/pulumi" 2>/dev/null || cp "$BIN/pulumi" "$tmp/out/pulumi"
  rm -rf "$SHIM_BIN"; mv "$tmp/out" "$SHIM_BIN"; rm -rf "$tmp"
  echo "$WANT shim $(shim_hash)" >"$SHIM_BIN/.stamp"
}
shim_bin_ok() { [[ -f "$SHIM_BIN/.stamp" && -x "$SHIM_BIN/pulumi" && -x "$SHIM_BIN/pulumi-language-nodejs" ]]; }
if [[ -z "${PULUMI_CLI_FORCE:-}" ]] && shim_only_ok; then
  if ! shim_bin_ok; then
    mkdir -p "$CLI_DIR"
    if command -v flock >/dev/null 2>&1; then exec 8>"$CLI_DIR/.shim-lock"; flock 8; fi
  fi
  if shim_bin_ok || build_shim_only; then
    link_dynamic_provider "$SHIM_BIN"
    echo "$SHIM_BIN"; exit 0
  fi
  log "warning: could not compile only the language host into $SHIM_BIN; rebuilding the whole CLI instead"
fi

mkdir -p "$CLI_DIR"
# One build at a time (parallel test workers may call this script concurrently).
if command -v flock >/dev/null 2>&1; then
  exec 9>"$CLI_DIR/.lock"
  if ! flock -n 9; then
    log "another build is running; waiting for it..."
    flock 9
  fi
  if [[ -z "${PULUMI_CLI_FORCE:-}" ]] && cache_ok; then
    link_dynamic_provider "$BIN"; echo "$BIN"; exit 0
  fi
fi

# ---- 5. no Go: official installer --------------------------------------------------------------
GO="$(command -v go || true)"
[[ -z "$GO" && -x /usr/local/go/bin/go ]] && GO=/usr/local/go/bin/go
if [[ -z "$GO" ]]; then
  log "Go not found: falling back to Pulumi's official installer (needs https://get.pulumi.com)"
  command -v curl >/dev/null 2>&1 || die "neither Go nor curl is available"
  rm -rf "$ROOT/official"
  curl -fsSL https://get.pulumi.com | sh -s -- --version "$VERSION" --install-root "$ROOT/official" --no-edit-path >&2 \
    || die "the official installer failed (no internet?). Install Go >= 1.25 and re-run, or put pulumi $VERSION on PATH."
  mkdir -p "$BIN"
  for f in "$ROOT/official/bin/"*; do ln -sfn "$f" "$BIN/$(basename "$f")"; done
  link_dynamic_provider "$BIN"
  echo "$WANT official" >"$STAMP"
  echo "$BIN"; exit 0
fi

# ---- 4. build from the Go module proxy ---------------------------------------------------------
START=$SECONDS
BUILD="$ROOT/build"
export GOWORK=off
cd "$CLI_DIR" # go commands below must not pick up some other module from the caller's cwd
PKG=github.com/pulumi/pulumi/pkg/v3
SDK=github.com/pulumi/pulumi/sdk/v3
LANGHOST=github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3
LDVAR=github.com/pulumi/pulumi/sdk/v3/go/common/version.Version
log "building pulumi $WANT from the Go module proxy into $ROOT ($("$GO" version | cut -d' ' -f3)); the first build takes a few minutes"

json_field() { # $1 = JS expression on `j` (one JSON object on stdin)
  node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{let j={};try{j=JSON.parse(s)}catch(e){};let v;try{v=('"$1"')}catch(e){};process.stdout.write(v==null?"":String(v))})'
}

mod_download() { "$GO" mod download -json "$1" 2>/dev/null || true; }

log "resolving $PKG@$WANT"
pkg_json="$(mod_download "$PKG@$WANT")"
if [[ -n "$(json_field 'j.Error' <<<"$pkg_json")" ]]; then
  err="$(json_field 'j.Error' <<<"$pkg_json")"
  if [[ "$err" == *verifying* || "$err" == *sumdb* || "$err" == *sum.golang.org* ]]; then
    log "warning: the checksum database has no entry for $PKG@$WANT ($err)"
    log "warning: continuing with GONOSUMDB=github.com/pulumi/pulumi/pkg (hashes are still recorded in the wrapper's go.sum)"
    export GONOSUMDB="${GONOSUMDB:+$GONOSUMDB,}github.com/pulumi/pulumi/pkg"
    pkg_json="$(mod_download "$PKG@$WANT")"
  fi
fi
err="$(json_field 'j.Error' <<<"$pkg_json")"
[[ -z "$err" ]] || die "cannot download $PKG@$WANT: $err"
pkg_gomod="$(json_field 'j.GoMod' <<<"$pkg_json")"
[[ -f "$pkg_gomod" ]] || die "no go.mod for $PKG@$WANT in the module cache"

# Non-local replace directives of pkg/v3 (local ones like `=> ../sdk` only make sense inside pulumi's repo).
replaces="$(node -e '
  const src = require("fs").readFileSync(process.argv[1], "utf8");
  const out = [];
  const add = (l) => { l = l.replace(/\/\/.*$/, "").trim(); const m = l.match(/=>\s*(\S+)(\s+\S+)?$/);
                       if (m && !m[1].startsWith(".") && !m[1].startsWith("/")) out.push("replace " + l); };
  for (const b of src.matchAll(/^replace\s*\(([\s\S]*?)^\)/gm)) b[1].split("\n").forEach(l => l.trim() && add(l));
  for (const m of src.matchAll(/^replace\s+([^(\n].*)$/gm)) add(m[1]);
  process.stdout.write(out.join("\n"));' "$pkg_gomod")"
go_line="$(grep -m1 -E '^go [0-9]' "$pkg_gomod" || echo 'go 1.25')"

# Language host: upstream (pinned by the SDK release commit) or the minimal shim.
mode="${PULUMI_LANGHOST:-auto}"
langhost_ver=""
if [[ "$mode" != shim ]]; then
  commit="${PULUMI_LANGHOST_COMMIT:-}"
  if [[ -z "$commit" ]]; then
    commit="$(mod_download "$SDK@$WANT" | json_field 'j.Origin && j.Origin.Hash')"
    [[ -n "$commit" ]] && log "SDK tag sdk/$WANT is commit $commit"
  fi
  if [[ -z "$commit" ]]; then
    commit="$(json_field 'j.Origin && j.Origin.Hash' <<<"$pkg_json")"
    [[ -n "$commit" ]] && log "the proxy gives no commit for sdk/$WANT; using the pkg/$WANT tag's commit $commit"
  fi
  if [[ -n "$commit" ]]; then
    lh_json="$("$GO" list -m -json "$LANGHOST@${commit:0:12}" 2>&1 || true)"
    langhost_ver="$(json_field 'j.Version' <<<"$lh_json")"
    if [[ -n "$langhost_ver" ]]; then
      log "language host: $LANGHOST@$langhost_ver"
    else
      log "the module proxy does not serve $LANGHOST@${commit:0:12}: $(printf '%s' "$lh_json" | tr '\n' ' ' | cut -c1-300)"
    fi
  fi
  if [[ -z "$langhost_ver" ]]; then
    [[ "$mode" == upstream ]] && die "PULUMI_LANGHOST=upstream but the upstream language host could not be resolved"
    log "language host: building the minimal one from scripts/pulumi-cli/langhost/main.go instead"
  fi
fi
[[ -n "$langhost_ver" || -f "$SHIM_SRC" ]] || die "missing $SHIM_SRC"

# Generate the wrapper module.
rm -rf "$BUILD"; mkdir -p "$BUILD"
{
  echo "// Generated by scripts/pulumi-cli.sh: builds the Pulumi CLI $WANT. Not committed (.pulumi-cli/ is git-ignored)."
  echo "module pulumi-cli-wrapper"
  echo
  echo "$go_line"
  echo
  echo "require ("
  echo "	$PKG $WANT"
  echo "	$SDK $WANT"
  if [[ -n "$langhost_ver" ]]; then echo "	$LANGHOST $langhost_ver"; fi
  echo ")"
  echo
  echo "tool $PKG/cmd/pulumi"
  if [[ -n "$langhost_ver" ]]; then echo "tool $LANGHOST"; fi
  echo
  if [[ -n "$replaces" ]]; then echo "$replaces"; fi
} >"$BUILD/go.mod"
if [[ -z "$langhost_ver" ]]; then
  mkdir -p "$BUILD/langhost"
  cp "$SHIM_SRC" "$BUILD/langhost/main.go"
fi
log "wrapper module: $BUILD/go.mod ($(grep -c '^replace' "$BUILD/go.mod" || true) replace line(s) copied from pkg/v3's go.mod)"

log "downloading dependencies (go mod tidy)..."
(cd "$BUILD" && "$GO" mod tidy >&2) || die "go mod tidy failed in $BUILD"
# pulumi's go.mod pins sdk/v3 to the same version; make sure MVS did not move it.
for m in "$PKG" "$SDK"; do
  got="$(cd "$BUILD" && "$GO" list -m -f '{{.Version}}' "$m")"
  [[ "$got" == "$WANT" ]] || die "$m resolved to $got, expected $WANT"
done

# Heartbeat while compiling (go build prints nothing until it is done). Short sleeps, so that
# killing it leaves no sleep holding the caller's stderr open.
heartbeat() {
  local t0=$SECONDS
  while sleep 1; do
    if (( (SECONDS - t0) % 30 == 0 )); then log "  still compiling... $((SECONDS - t0))s"; sleep 1; fi
  done
}

HEARTBEAT_PID=""
stop_heartbeat() {
  if [[ -n "$HEARTBEAT_PID" ]]; then kill "$HEARTBEAT_PID" 2>/dev/null || true; wait "$HEARTBEAT_PID" 2>/dev/null || true; fi
  HEARTBEAT_PID=""
}
trap stop_heartbeat EXIT
trap 'exit 130' INT TERM

TMPBIN="$ROOT/bin.tmp"
rm -rf "$TMPBIN"; mkdir -p "$TMPBIN"
build() { # $1 = output name, $2 = package, $3 = ldflags -X
  log "compiling $1 ($2)..."
  heartbeat >/dev/null & HEARTBEAT_PID=$!
  local rc=0
  (cd "$BUILD" && "$GO" build -trimpath -ldflags "-s -w -X $3" -o "$TMPBIN/$1" "$2") || rc=$?
  stop_heartbeat
  [[ $rc -eq 0 ]] || die "go build of $2 failed"
}
build pulumi "$PKG/cmd/pulumi" "$LDVAR=$WANT"
if [[ -n "$langhost_ver" ]]; then
  build pulumi-language-nodejs "$LANGHOST" "$LDVAR=$WANT"
  stamp="$WANT upstream $langhost_ver"
else
  build pulumi-language-nodejs ./langhost "main.version=$WANT"
  stamp="$WANT shim $(shim_hash)"
fi

printed="$(PULUMI_SKIP_UPDATE_CHECK=true "$TMPBIN/pulumi" version 2>/dev/null | tail -n1 | tr -d '[:space:]')"
[[ "$printed" == "$WANT" ]] || die "built pulumi reports version '$printed', expected $WANT"

rm -rf "$BIN"; mv "$TMPBIN" "$BIN"
link_dynamic_provider "$BIN"
echo "$stamp" >"$STAMP"
log "done in $((SECONDS - START))s: $(du -sh "$BIN/pulumi" | cut -f1) pulumi, $(du -sh "$BIN/pulumi-language-nodejs" | cut -f1) pulumi-language-nodejs"
echo "$BIN"
}

main "$@"; exit $? # one line: nothing after it is read once main starts
