#!/bin/bash
# The deployment files' test (part of ./vigia test): parses every Terraform file in gcp/ and checks
# what the deployment relies on (terraform.test.mjs, with npm's @cdktf/hcl2json: no Terraform, no
# provider, no cloud account), checks Terraform's formatting when a terraform binary happens to be
# installed, runs shellcheck on every shell script of the deployment, and validates
# docker/compose.yaml (with and without compose.admin.yaml) with Debian's docker-compose, which
# needs no engine. Installs what it needs from Debian (shellcheck, nodejs, npm, docker-compose)
# and the npm registry (npm ci, from package-lock.json).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
GCP=$(dirname "$HERE")
REPO=$(dirname "$GCP")

missing=()
command -v shellcheck > /dev/null || missing+=(shellcheck)
command -v node > /dev/null || missing+=(nodejs)
command -v npm > /dev/null || missing+=(npm)
command -v docker-compose > /dev/null || missing+=(docker-compose)
if [ ${#missing[@]} -gt 0 ]; then
  [ "$(id -u)" = 0 ] || { echo "missing: ${missing[*]} (install them, or run as root)" >&2; exit 1; }
  apt-get update -q > /dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" > /dev/null
fi

# Every shell script the deployment adds (startup scripts, stress, image build, package scripts).
scripts=()
for f in "$GCP"/*.sh "$HERE"/*.sh "$REPO"/docker/*.sh "$REPO"/docker/payara/*.sh "$REPO"/docker/test/*.sh \
  "$REPO"/kernel-module/dkms/*.sh "$REPO"/kernel-module/deb/control/* "$REPO"/agent-jar/src/deb/control/*; do
  [ -f "$f" ] || continue
  case "$(head -n 1 "$f")" in '#!'*sh* | '# shellcheck shell='*) scripts+=("$f") ;; esac
done
echo "shellcheck: ${#scripts[@]} scripts"
shellcheck "${scripts[@]}"

# Compose: the example .env with every secret filled in, as a person would.
ENV_FILE=$(mktemp)
trap 'rm -f "$ENV_FILE"' EXIT
sed 's/CHANGE-ME/not-a-secret/' "$REPO/docker/.env.example" > "$ENV_FILE"
for files in "compose.yaml" "compose.yaml compose.admin.yaml"; do
  args=()
  for f in $files; do args+=(-f "$REPO/docker/$f"); done
  docker-compose --env-file "$ENV_FILE" "${args[@]}" config --quiet
  echo "docker-compose config: $files valid"
done
# And refuses to start without the secrets (no silent empty password).
if sed '/PASSWORD=/d' "$ENV_FILE" > "$ENV_FILE.nopw" &&
  docker-compose --env-file "$ENV_FILE.nopw" -f "$REPO/docker/compose.yaml" config --quiet 2> /dev/null; then
  echo "docker-compose accepted a .env without passwords" >&2
  exit 1
fi
rm -f "$ENV_FILE.nopw"

# The image workflow: valid YAML, and it pushes through build-images.sh (PyYAML comes with
# docker-compose).
python3 - "$REPO/.github/workflows/images.yml" << 'PY'
import sys, yaml
flow = yaml.safe_load(open(sys.argv[1]))
runs = [step.get("run", "") for job in flow["jobs"].values() for step in job["steps"]]
assert any("docker/build-images.sh --push" in run for run in runs), "the workflow pushes with build-images.sh"
print("workflow images.yml: valid, pushes with docker/build-images.sh")
PY

if command -v terraform > /dev/null; then
  terraform -chdir="$GCP" fmt -check -diff 2> /dev/null
  echo "terraform fmt: clean"
fi

cd "$HERE"
npm ci --no-audit --no-fund --loglevel=error
node --test
