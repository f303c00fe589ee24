#!/usr/bin/env bash
# The pull-request job: a preview and a review of a pull request, with no credential of any kind.
#
# Runs in a checkout of the BASE commit: its program, package.json, lock file, node_modules (installed
# with `npm ci --ignore-scripts` before this script) and this script are trusted. From the pull request
# it takes only the definition folders, campaigns/, sms-campaigns/ and contact-lists/, as data (the loader treats them
# as hostile: no links followed, sizes capped, every value checked). Nothing of the pull request runs.
#
# The state comes as data too: the snapshot the drift job publishes (`pulumi stack export` and
# `pulumi stack history --json`), imported into a throwaway local backend. So this job holds no Kore.ai
# credential, no state backend credential and no stack passphrase, and NO_KORE_CALLS makes any Kore.ai
# call an error (a preview without --refresh needs none).
#
# Environment (all required but OUT):
#   BASE_SHA       the base commit (checked out here)
#   HEAD_SHA       the pull request's head commit, as the event names it
#   HEAD_REF       where to fetch it from origin (GitHub: refs/pull/<number>/head)
#   SNAPSHOT_DIR   the drift job's snapshot: state.json, history.json
#   PULUMI_STACK   the stack (org/project/stack or a bare name); the local copy uses its last part
#   OUT            where the results go (default .kore-review): changed-files, preview.json, comment.md
#   COMPLIANCE_POLICY  the compliance policies (docs/compliance.md; default "in", the demo's recipients; empty: none).
#                      From this trusted script's environment, never from the pull request. merge.sh must use the same.
set -euo pipefail

die() { echo "pull-request.sh: $*" >&2; exit 1; }
for name in BASE_SHA HEAD_SHA HEAD_REF SNAPSHOT_DIR PULUMI_STACK; do
  [[ -n "${!name:-}" ]] || die "$name is not set"
done
OUT="$(mkdir -p "${OUT:-.kore-review}" && cd "${OUT:-.kore-review}" && pwd)"
STACK="${PULUMI_STACK##*/}"
DEFINITION_FOLDERS=(campaigns sms-campaigns contact-lists)
kore() { npx --no kore-campaigns "$@"; }
POLICY=(); [[ -n "${COMPLIANCE_POLICY-in}" ]] && POLICY=(--policy "${COMPLIANCE_POLICY-in}")

# Nothing secret reaches this job; refuse to run if one did (a misconfigured workflow), before anything runs.
for name in KORE_CLIENT_SECRET KORE_JWT KORE_CLIENT_ID PULUMI_ACCESS_TOKEN PULUMI_CONFIG_PASSPHRASE_FILE AWS_SECRET_ACCESS_KEY PGPASSWORD; do
  [[ -z "${!name:-}" ]] || die "$name is set in this job: the pull-request job must hold no credential (see docs/security.md, the threat model)"
done
[[ -z "${PULUMI_CONFIG_PASSPHRASE:-}" ]] || die "PULUMI_CONFIG_PASSPHRASE is set in this job: the pull-request job must not hold the stack passphrase"

[[ "$(git rev-parse HEAD)" == "$(git rev-parse "$BASE_SHA^{commit}")" ]] || die "the checkout is not the base commit $BASE_SHA"
git fetch --quiet --no-tags origin "+$HEAD_REF:refs/kore/pr-head"
[[ "$(git rev-parse refs/kore/pr-head)" == "$(git rev-parse "$HEAD_SHA^{commit}")" ]] || die "$HEAD_REF is not $HEAD_SHA (pushed again since the event?)"

# 1. What the pull request changes (code-changed is raised for every path outside the definition folders).
git diff --name-only --no-renames -z "$BASE_SHA...refs/kore/pr-head" >"$OUT/changed-files"

# 2. The definition folders of the head, as data; everything else stays the base's.
for folder in "${DEFINITION_FOLDERS[@]}"; do
  rm -rf -- "$folder"
  if git cat-file -e "refs/kore/pr-head:$folder" 2>/dev/null; then
    [[ "$(git cat-file -t "refs/kore/pr-head:$folder")" == tree ]] || die "$folder in the pull request is not a folder"
    git archive --format=tar refs/kore/pr-head -- "$folder" | tar -x
  fi
done

# 3. The state, from the snapshot, in a local backend of this job. No passphrase: the stack file's salt is
#    dropped and an empty passphrase given, so Pulumi can decrypt nothing (a secret in config or state
#    would fail the preview with "failed to decrypt"; credentials belong in the deploy jobs' environment).
[[ -f "$SNAPSHOT_DIR/state.json" && -f "$SNAPSHOT_DIR/history.json" ]] || die "no snapshot in $SNAPSHOT_DIR (state.json, history.json): has the drift job run on main?"
if [[ -f "Pulumi.$STACK.yaml" ]]; then sed -i '/^encryptionsalt:/d' "Pulumi.$STACK.yaml"; fi
export PULUMI_BACKEND_URL="file://$OUT/state" PULUMI_CONFIG_PASSPHRASE="" NO_KORE_CALLS=pull-request
export PULUMI_HOME="${PULUMI_HOME:-$OUT/pulumi-home}"
rm -rf "$OUT/state"; mkdir -p "$OUT/state"
pulumi stack init "$STACK" --non-interactive >/dev/null
pulumi stack import --stack "$STACK" --file "$SNAPSHOT_DIR/state.json" --non-interactive >/dev/null

# 4. Validate (annotated on the lines), preview without refresh, review.
kore validate --format github "${POLICY[@]}" "${DEFINITION_FOLDERS[0]}" || die "definitions are not valid (see above)"
pulumi preview --json --stack "$STACK" --non-interactive >"$OUT/preview.json" || { cat "$OUT/preview.json" >&2; die "pulumi preview failed"; }
kore review "${POLICY[@]}" --preview "$OUT/preview.json" --changed-files "$OUT/changed-files" --history "$SNAPSHOT_DIR/history.json" --record >"$OUT/comment.md"
echo "pull-request.sh: review written to $OUT/comment.md" >&2
