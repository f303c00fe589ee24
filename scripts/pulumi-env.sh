# scripts/pulumi-env.sh — source me:  source scripts/pulumi-env.sh   (bash or zsh)
#
# Makes the Pulumi CLI available (scripts/pulumi-cli.sh builds or finds it), puts its bin dir first
# on PATH, and sets up a local-only environment: state in <repo>/.pulumi-state (file backend),
# a throwaway passphrase, no update checks, no plugin downloads, and PULUMI_HOME inside
# .pulumi-cli/ so ~/.pulumi is left alone. Each variable is set only if you have not set it already.
# See the header of scripts/pulumi-cli.sh for what each variable does.

if [ -n "${BASH_SOURCE:-}" ]; then
  _pulumi_env_script="${BASH_SOURCE[0]}"
elif [ -n "${ZSH_VERSION:-}" ]; then
  # shellcheck disable=SC2296
  _pulumi_env_script="${(%):-%x}"
else
  _pulumi_env_script="$0"
fi
_pulumi_env_repo="$(cd "$(dirname "$_pulumi_env_script")/.." && pwd -P)"

if _pulumi_env_bin="$(bash "$_pulumi_env_repo/scripts/pulumi-cli.sh")" &&
  _pulumi_env_bin="$(printf '%s\n' "$_pulumi_env_bin" | tail -n 1)" && [ -x "$_pulumi_env_bin/pulumi" ]; then
  case ":$PATH:" in
    *":$_pulumi_env_bin:"*) ;;
    *) PATH="$_pulumi_env_bin:$PATH"; export PATH ;;
  esac

  : "${PULUMI_BACKEND_URL:=file://$_pulumi_env_repo/.pulumi-state}"
  : "${PULUMI_CONFIG_PASSPHRASE:=local-dev-only}"
  : "${PULUMI_SKIP_UPDATE_CHECK:=true}"
  : "${PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION:=true}"
  : "${PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK:=true}"
  : "${PULUMI_HOME:=$_pulumi_env_repo/.pulumi-cli/home}"
  : "${PULUMI_DIY_BACKEND_NO_LEGACY_WARNING:=true}"
  export PULUMI_BACKEND_URL PULUMI_CONFIG_PASSPHRASE PULUMI_SKIP_UPDATE_CHECK \
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK \
    PULUMI_HOME PULUMI_DIY_BACKEND_NO_LEGACY_WARNING
  case "$PULUMI_BACKEND_URL" in
    file://*) mkdir -p "${PULUMI_BACKEND_URL#file://}" ;;
  esac
  mkdir -p "$PULUMI_HOME"
  echo "pulumi-env: pulumi $_pulumi_env_bin/pulumi, state $PULUMI_BACKEND_URL, PULUMI_HOME $PULUMI_HOME" >&2
  _pulumi_env_rc=0
else
  echo "pulumi-env: scripts/pulumi-cli.sh failed; environment unchanged" >&2
  _pulumi_env_rc=1
fi
unset _pulumi_env_script _pulumi_env_repo _pulumi_env_bin
# Expanded before it runs, so the status survives the unset.
eval "unset _pulumi_env_rc; return $_pulumi_env_rc"
