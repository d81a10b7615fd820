#!/bin/bash
# Startup script of the monitor VM (metadata `startup-script`, run as root at every boot).
#
# Mounts the persistent data disk on /var/lib/docker (so MySQL's named volume survives a new VM),
# installs Debian's Docker Engine and docker-compose, writes docker/compose.yaml (from metadata)
# and its .env (secrets read from Secret Manager, mode 0600) into /opt/vigia, the monitor's TLS
# certificate and key into /opt/vigia/tls, and starts the stack. Idempotent: later boots rewrite
# the files (new secrets or versions take effect) and `up -d` changes only what changed.
set -euo pipefail

MD=http://metadata.google.internal/computeMetadata/v1
DIR=/opt/vigia
DISK=/dev/disk/by-id/google-vigia-data

log() { echo "vigia-startup: $*"; }
md() { curl -fsS --retry 10 --retry-connrefused -H 'Metadata-Flavor: Google' "$MD/$1"; }
attr() { md "instance/attributes/$1"; }
# The value of a string field in Google's JSON answers (tokens and base64 hold no quotes or
# spaces); no python or jq needed on the image.
json_string() { tr -d ' \n' | sed -n "s/.*\"$1\":\"\([^\"]*\)\".*/\1/p"; }

# The token reaches curl on its standard input, never its command line.
api_get() {
  local token
  token=$(md instance/service-accounts/default/token | json_string access_token)
  printf 'header = "Authorization: Bearer %s"\n' "$token" | curl -fsS --retry 5 -K - "$@"
}

secret() { # short name (fleet-key, ...) -> value on stdout
  api_get "https://secretmanager.googleapis.com/v1/projects/$(md project/project-id)/secrets/$(attr vigia-secret-prefix)-$1/versions/latest:access" |
    json_string data | base64 -d
}

mount_data_disk() {
  if ! blkid "$DISK" > /dev/null 2>&1; then
    log "formatting the new data disk"
    mkfs.ext4 -q -L vigia-data "$DISK"
  fi
  mkdir -p /var/lib/docker
  if ! grep -q ' /var/lib/docker ' /etc/fstab; then
    echo "LABEL=vigia-data /var/lib/docker ext4 defaults,nofail 0 2" >> /etc/fstab
  fi
  mountpoint -q /var/lib/docker || mount /var/lib/docker
}

install_docker() {
  if ! command -v docker-compose > /dev/null; then
    log "installing docker.io and docker-compose"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    apt-get install -y -q --no-install-recommends docker.io docker-compose
  fi
  systemctl enable --now docker
}

write_files() {
  mkdir -p "$DIR/tls"
  attr vigia-compose > "$DIR/compose.yaml"
  (
    umask 077
    {
      echo "VIGIA_IMAGE_PREFIX=$(attr vigia-image-prefix)"
      echo "VIGIA_VERSION=$(attr vigia-version)"
      echo "VIGIA_HTTPS_BIND=0.0.0.0"
      echo "VIGIA_HTTPS_PORT=443"
      echo "VIGIA_TLS_DIR=$DIR/tls"
      echo "VIGIA_AGENT_HOST=$(hostname)"
      echo "MYSQL_ROOT_PASSWORD=$(secret db-root-password)"
      echo "MYSQL_PASSWORD=$(secret db-password)"
      echo "VIGIA_FLEET_KEY=$(secret fleet-key)"
      echo "VIGIA_ADMIN_INITIAL_PASSWORD=$(secret admin-password)"
      echo "PAYARA_ADMIN_PASSWORD=$(secret payara-admin-password)"
    } > "$DIR/.env.new"
    mv "$DIR/.env.new" "$DIR/.env"
    secret monitor-tls-key > "$DIR/tls/key.pem"
  )
  attr vigia-monitor-cert > "$DIR/tls/cert.pem"
  # The monitor container runs as the Payara image's user (uid 1000), which must read the key.
  chown 1000:1000 "$DIR/tls/key.pem" "$DIR/tls/cert.pem"
}

mount_data_disk
install_docker
write_files
log "starting the stack"
cd "$DIR"
# Pull first: compose.yaml also says how to build the images, and docker-compose 1.x builds,
# rather than pulls, an image it does not have when a service has a build section.
docker-compose --project-name vigia pull --quiet
# The agent waits for the monitor's health check, which a first start (schema, JIT on a small VM)
# can fail for a while: try again rather than leave the agent down.
for attempt in 1 2 3 4 5 6; do
  docker-compose --project-name vigia up -d --remove-orphans && break
  log "stack not healthy yet (attempt $attempt); again in 30 s"
  sleep 30
done
log "done; monitor at $(attr vigia-monitor-public-url)"
