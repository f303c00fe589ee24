#!/usr/bin/env bash
# npm run demo: the main job. Makes the Pulumi CLI available, starts the built-in Kore.ai emulator
# (data kept in .emulator-data/), runs `pulumi up` on the root project (the contact-lists/ folder: the
# list the campaigns dial; the campaigns/ folder: one campaign per dialing mode, one of them started),
# prints the campaigns' ids and statuses, and stops
# the emulator. A second run changes nothing: the preview shows no changes and no API call is made.
#
# Against a real Kore.ai tenant instead: set kore:host (or KORE_HOST) and the other settings (see the
# README); the emulator is then not started.
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$(pwd -P)"

# shellcheck source=scripts/pulumi-env.sh
source scripts/pulumi-env.sh
npm run build --silent

stack="${KORE_DEMO_STACK:-demo}"
pulumi stack select "$stack" --create --non-interactive >/dev/null

emulator_pid=""
stop_emulator() {
  if [ -n "$emulator_pid" ] && kill -0 "$emulator_pid" 2>/dev/null; then
    kill -TERM "$emulator_pid" && wait "$emulator_pid" 2>/dev/null || true
  fi
}
trap stop_emulator EXIT

if [ -z "${KORE_HOST:-}" ] && [ -z "$(pulumi config get kore:host 2>/dev/null || true)" ]; then
  # A fixed port: the campaigns' target app (host included) is part of their state.
  port="${KORE_EMULATOR_PORT:-47017}"
  mkdir -p .emulator-data
  # No seeded contact list: the stack creates the one the campaigns dial (contact-lists/).
  node dist/emulator/main.js --port "$port" --data-dir .emulator-data >.emulator-data/emulator.log 2>&1 &
  emulator_pid=$!
  for _ in $(seq 1 100); do
    grep -q "^listening on " .emulator-data/emulator.log 2>/dev/null && break
    kill -0 "$emulator_pid" 2>/dev/null || { cat .emulator-data/emulator.log >&2; echo "demo: the emulator did not start (is port $port free? set KORE_EMULATOR_PORT)" >&2; exit 1; }
    sleep 0.1
  done
  emulator_url="$(sed -n 's/^listening on //p' .emulator-data/emulator.log | head -n1)"
  echo "demo: Kore.ai emulator at $emulator_url (demo credentials; data in .emulator-data/)"
  # The emulator's demo credentials (emulator/README.md); never use them for a real tenant.
  export KORE_HOST="$emulator_url"
  export KORE_APP_ID="${KORE_APP_ID:-st-emulator-demo-app}"
  export KORE_ACCOUNT_ID="${KORE_ACCOUNT_ID:-emulator-demo-account}"
  export KORE_CLIENT_ID="${KORE_CLIENT_ID:-cs-emulator-demo-client}"
  export KORE_CLIENT_SECRET="${KORE_CLIENT_SECRET:-emulator-demo-secret-do-not-use-in-production}"
  node -e 'fetch(process.argv[1], { method: "DELETE" }).catch(() => {})' "$emulator_url/__emulator/requests"
fi

# The definitions, with the compliance rules for their recipients (docs/compliance.md), before any write.
node dist/provider/cli/main.js validate --policy "${COMPLIANCE_POLICY:-in}" campaigns
pulumi up --yes --non-interactive --stack "$stack"

echo
echo "Campaigns (stack $stack):"
pulumi stack output --json --stack "$stack" | node -e '
  let text = ""; process.stdin.on("data", (c) => (text += c)).on("end", () => {
    const outputs = JSON.parse(text || "{}");
    const rows = [...Object.entries(outputs.campaigns ?? {}).map(([r, c]) => [r, c, c.dialingMode]), ...Object.entries(outputs.smsCampaigns ?? {}).map(([r, c]) => [r, c, `SMS ${c.format}`])];
    for (const [resource, c, kind] of rows) {
      console.log(`  ${resource.padEnd(20)} ${String(c.id).padEnd(42)} ${String(c.status).padEnd(10)} ${kind ?? ""}${c.started ? " (started)" : ""}  "${c.name}"`);
    }
  });'
if [ -n "$emulator_pid" ]; then
  calls="$(node -e 'fetch(process.argv[1]).then((r) => r.json()).then((r) => console.log((Array.isArray(r) ? r : r.requests ?? []).length))' "$KORE_HOST/__emulator/requests")"
  echo "Kore.ai API calls during this run: $calls"
fi
