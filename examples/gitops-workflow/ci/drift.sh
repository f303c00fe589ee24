#!/usr/bin/env bash
# The drift job: on a schedule (and after every merge), on main, with the Kore.ai credential and the state.
#
# 1. `pulumi refresh` reads every campaign and list from Kore.ai and writes what it found to state.
# 2. `pulumi preview` (no refresh: state is fresh) shows what the next `up` would change, which is what
#    changed outside git (a console edit); `kore-campaigns review` turns it into drift.md. A console stop
#    stands and is no change to the next up: the refreshed state's `stoppedOutsideGit` outputs list those.
#    `drift=true` goes to $GITHUB_OUTPUT when anything would change or was stopped outside git.
# 3. The snapshot for pull-request jobs: `pulumi stack export` (secrets stay encrypted) and
#    `pulumi stack history --json` (when this refresh ran) in $OUT/snapshot.
#
# Environment: PULUMI_STACK, OUT (default .kore-drift); the deploy credentials.
set -euo pipefail

die() { echo "drift.sh: $*" >&2; exit 1; }
[[ -n "${PULUMI_STACK:-}" ]] || die "PULUMI_STACK is not set"
OUT="$(mkdir -p "${OUT:-.kore-drift}" && cd "${OUT:-.kore-drift}" && pwd)"
kore() { npx --no kore-campaigns "$@"; }

pulumi refresh --yes --skip-preview --stack "$PULUMI_STACK" --non-interactive >"$OUT/refresh.log" || { cat "$OUT/refresh.log" >&2; die "pulumi refresh failed"; }
pulumi preview --json --stack "$PULUMI_STACK" --non-interactive >"$OUT/preview.json" || { cat "$OUT/preview.json" >&2; die "pulumi preview failed"; }
kore review --preview "$OUT/preview.json" --format json >"$OUT/drift.json"
mkdir -p "$OUT/snapshot"
pulumi stack export --stack "$PULUMI_STACK" --file "$OUT/snapshot/state.json" --non-interactive
changes="$(node -e 'process.stdout.write(String(JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).changes.length))' "$OUT/drift.json")"
# A stop made outside git stands (the provider never plays it again on its own), so the preview shows no change
# for it: the refreshed state's `stoppedOutsideGit` output is where it shows, one line per campaign.
node -e '
  const state = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  for (const r of (state.deployment && state.deployment.resources) || []) {
    const s = r.outputs && r.outputs.stoppedOutsideGit;
    if (!s || typeof s !== "object") continue;
    const name = String(r.urn).split("::").pop().replace(/[^\w .:-]/g, "?").slice(0, 80);
    console.log(`- **${name}**: ${String(s.status).replace(/[^\w]/g, "?")} since ${String(s.seenAt).replace(/[^\w:.-]/g, "?")}, stopped outside git; it stays stopped until a reviewed change sets a new \`restartedAt\` (with \`started: true\`)`);
  }' "$OUT/snapshot/state.json" >"$OUT/stopped.md"
if [[ "$changes" -gt 0 || -s "$OUT/stopped.md" ]]; then
  { echo "### Campaigns changed outside git"; echo;
    if [[ -s "$OUT/stopped.md" ]]; then echo "Stopped outside git (the next \`pulumi up\` leaves them stopped):"; echo; cat "$OUT/stopped.md"; echo; fi
    if [[ "$changes" -gt 0 ]]; then echo "The next \`pulumi up\` (the next merge) would make these changes to put back what git says:"; echo;
      kore review --preview "$OUT/preview.json" | tail -n +2; fi; } >"$OUT/drift.md"
  drift=true
else
  echo "No drift: Kore.ai matches the definitions on main." >"$OUT/drift.md"
  drift=false
fi
[[ -z "${GITHUB_OUTPUT:-}" ]] || echo "drift=$drift" >>"$GITHUB_OUTPUT"

pulumi stack history --json --stack "$PULUMI_STACK" --non-interactive >"$OUT/snapshot/history.json"
echo "drift.sh: drift=$drift ($changes changes); snapshot in $OUT/snapshot" >&2
