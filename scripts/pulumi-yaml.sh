#!/usr/bin/env bash
# scripts/pulumi-yaml.sh — make the Pulumi YAML language host (pulumi-language-yaml) available, for Pulumi YAML
# programs that declare kore:index:* resources (README "The native provider").
#
# Usage:  bin_dir="$(bash scripts/pulumi-yaml.sh | tail -n1)"; PATH="$bin_dir:$PATH"
#
# It is not in any npm or Debian package: built from the Go module proxy with
#   go install github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml@v1.25.0
# into .pulumi-cli/yaml-v<version>/bin (git-ignored), once (about two minutes here); later runs print the folder at
# once. v1.25.0 pins its own Pulumi SDK and works with the CLI scripts/pulumi-cli.sh builds (3.248); pkg/v3 is
# missing from the checksum database mirror here, so it is fetched with GONOSUMDB=github.com/pulumi/pulumi/pkg.
# A pulumi-language-yaml already on PATH is used as it is. Knobs: PULUMI_YAML_VERSION, PULUMI_CLI_DIR.
set -euo pipefail
main() {
  log() { printf 'pulumi-yaml: %s\n' "$*" >&2; }
  local repo version dir
  repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
  version="${PULUMI_YAML_VERSION:-1.25.0}"
  dir="${PULUMI_CLI_DIR:-$repo/.pulumi-cli}/yaml-v$version/bin"
  if found="$(command -v pulumi-language-yaml 2>/dev/null)" && [[ "$found" != "$dir/"* ]]; then
    dirname "$found"
    return
  fi
  if [[ -x "$dir/pulumi-language-yaml" ]]; then
    echo "$dir"
    return
  fi
  command -v go >/dev/null 2>&1 || { log "error: go is needed to build pulumi-language-yaml (no package ships it)"; exit 1; }
  log "building pulumi-language-yaml v$version from the Go module proxy (about two minutes)..."
  mkdir -p "$dir"
  GOBIN="$dir" GONOSUMDB="github.com/pulumi/pulumi/pkg${GONOSUMDB:+,$GONOSUMDB}" GOFLAGS="${GOFLAGS:-} -mod=mod" \
    go install "github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml@v$version" >&2 ||
    { log "error: go install github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml@v$version failed (above)"; rm -rf "$dir"; exit 1; }
  echo "$dir"
}
main "$@"
