#!/usr/bin/env bash
# The merge job: apply only what was reviewed. Runs on main with the Kore.ai credential and the state.
#
# 1. `pulumi preview --refresh` reads the server now and saves an update plan of what it would do.
# 2. `kore-campaigns review --approved` compares that preview's review with the record the approved
#    pull-request comment carries: a campaign more or less, another operation, other values (a console
#    edit since the review), a flag raised or gone: each is named and nothing is applied.
# 3. `pulumi up --refresh --plan` applies that plan only: a change on the server in the seconds between
#    1 and 3 makes the engine refuse ("violates plan") before any write.
#
# Environment: PULUMI_STACK, APPROVED (the approved review comment, with its record), OUT (default
# .kore-merge); COMPLIANCE_POLICY as in pull-request.sh (the same policies, or the flags differ from the record);
# the deploy credentials (KORE_CLIENT_ID, KORE_CLIENT_SECRET, the backend's, the passphrase).
set -euo pipefail

die() { echo "merge.sh: $*" >&2; exit 1; }
[[ -n "${PULUMI_STACK:-}" ]] || die "PULUMI_STACK is not set"
[[ -n "${APPROVED:-}" && -s "$APPROVED" ]] || die "no approved review (APPROVED): a change reaches main only through a reviewed pull request; nothing is applied"
OUT="$(mkdir -p "${OUT:-.kore-merge}" && cd "${OUT:-.kore-merge}" && pwd)"
export PULUMI_EXPERIMENTAL=true # update plans (--save-plan, --plan) are experimental in Pulumi 3.248

pulumi preview --refresh --json --save-plan "$OUT/plan.json" --stack "$PULUMI_STACK" --non-interactive >"$OUT/preview.json" ||
  { cat "$OUT/preview.json" >&2; die "pulumi preview --refresh failed; nothing is applied"; }
status=0
POLICY=(); [[ -n "${COMPLIANCE_POLICY-in}" ]] && POLICY=(--policy "${COMPLIANCE_POLICY-in}")
npx --no kore-campaigns review --preview "$OUT/preview.json" --approved "$APPROVED" "${POLICY[@]}" >"$OUT/review.md" || status=$?
if [[ $status -eq 3 ]]; then die "the server or the definitions changed since the review; nothing is applied. Push to the pull request again (or re-run its review) and approve the new review"; fi
[[ $status -eq 0 ]] || die "kore-campaigns review failed (exit $status); nothing is applied"
pulumi up --yes --refresh --plan "$OUT/plan.json" --stack "$PULUMI_STACK" --non-interactive
