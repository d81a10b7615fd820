#!/bin/bash
# Startup script of a watched VM (instance template metadata `startup-script`; Google's guest agent
# runs it as root at every boot, its output goes to the serial console and the journal).
#
# First boot: installs the kernel headers, the kernel module's DKMS package (built for this kernel
# now and for every later kernel by DKMS) and the agent's package from the deployment's bucket,
# trusts the monitor's certificate, enrols with the fleet key read from Secret Manager, starts the
# agent, and a small health responder for the instance group's autohealing. Later boots only make
# sure both run. Everything it needs comes from instance metadata (set by gcp/agents.tf); the fleet
# key is read through the API and never written to disk, a log or a command line.
set -euo pipefail

MD=http://metadata.google.internal/computeMetadata/v1
STATE=/var/lib/vigia-gcp
JAR=/usr/share/vigia-agent/vigia-agent.jar

log() { echo "vigia-startup: $*"; }
md() { curl -fsS --retry 10 --retry-connrefused -H 'Metadata-Flavor: Google' "$MD/$1"; }
attr() { md "instance/attributes/$1"; }
# The value of a string field in Google's JSON answers (tokens and base64 hold no quotes or
# spaces); no python or jq needed on the image.
json_string() { tr -d ' \n' | sed -n "s/.*\"$1\":\"\([^\"]*\)\".*/\1/p"; }

# GET a Google API URL with this VM's service-account token. The token reaches curl on its
# standard input (a config line), so it is never in a process list.
api_get() {
  local token
  token=$(md instance/service-accounts/default/token | json_string access_token)
  printf 'header = "Authorization: Bearer %s"\n' "$token" | curl -fsS --retry 5 -K - "$@"
}

secret() { # name -> the secret's value on stdout
  api_get "https://secretmanager.googleapis.com/v1/projects/$(md project/project-id)/secrets/$1/versions/latest:access" |
    json_string data | base64 -d
}

download() { # object file
  api_get "https://storage.googleapis.com/storage/v1/b/$(attr vigia-packages-bucket)/o/$1?alt=media" -o "$2"
}

install_packages() {
  local agent_deb dkms_deb flavour
  agent_deb=$(attr vigia-agent-deb)
  dkms_deb=$(attr vigia-dkms-deb)
  if [ "$(cat "$STATE/installed" 2>/dev/null)" = "$agent_deb $dkms_deb" ]; then
    return
  fi
  log "installing $dkms_deb and $agent_deb"
  mkdir -p "$STATE/debs"
  download "$agent_deb" "$STATE/debs/vigia-agent.deb"
  download "$dkms_deb" "$STATE/debs/vigia-dkms.deb"
  # Headers for this kernel, and the flavour's meta package so DKMS finds headers for the next
  # kernel too (6.1.0-28-cloud-amd64 -> linux-headers-cloud-amd64).
  flavour=$(uname -r | sed 's/^[0-9.]*-[0-9]*-//')
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends "linux-headers-$(uname -r)" "linux-headers-$flavour"
  apt-get install -y -q --no-install-recommends -o Dpkg::Options::=--force-confold \
    "$STATE/debs/vigia-dkms.deb" "$STATE/debs/vigia-agent.deb"
  echo "$agent_deb $dkms_deb" > "$STATE/installed"
}

load_module() {
  # The package lists both modules in /etc/modules-load.d, so later boots load them by themselves.
  if modprobe vigia_ram && modprobe vigia_cpu; then
    log "kernel module loaded ($(dkms status vigia | tr '\n' ' '))"
  else
    log "kernel module not loaded (Secure Boot on, or no headers): the agent reads plain /proc"
  fi
}

configure_agent() {
  local server
  server=$(attr vigia-server)
  attr vigia-monitor-cert > /etc/vigia/monitor-ca.pem
  chmod 0644 /etc/vigia/monitor-ca.pem
  # Settings for the service as a drop-in, so the package's own conffiles stay untouched.
  mkdir -p /etc/systemd/system/vigia-agent.service.d
  cat > /etc/systemd/system/vigia-agent.service.d/gcp.conf <<UNIT
[Service]
Environment=VIGIA_SERVER=$server
Environment=VIGIA_CA_FILE=/etc/vigia/monitor-ca.pem
UNIT
  systemctl daemon-reload
  if [ ! -s /var/lib/vigia/token ]; then
    log "enrolling $(hostname) with $server"
    local key
    key=$(secret "$(attr vigia-fleet-key-secret)")
    # The key travels in the environment of the enrolling JVM only (not visible to other users).
    until VIGIA_FLEET_KEY=$key runuser -u vigia -- java -jar "$JAR" enroll \
      --server="$server" --ca.file=/etc/vigia/monitor-ca.pem; do
      log "enrolment failed (monitor not up yet?); again in 20 s"
      sleep 20
    done
  fi
  systemctl enable --now vigia-agent
}

# The instance group's health check: HTTP 200 while vigia-agent is active, 503 otherwise. A
# socket-activated one-shot per request, run as a throwaway user; only Google's health checkers
# may reach the port (gcp/network.tf).
health_responder() {
  local port
  port=$(attr vigia-health-port)
  cat > /etc/systemd/system/vigia-health.socket <<UNIT
[Unit]
Description=Vigia agent health port for the instance group's health check
[Socket]
ListenStream=$port
Accept=yes
[Install]
WantedBy=sockets.target
UNIT
  cat > /etc/systemd/system/vigia-health@.service <<'UNIT'
[Unit]
Description=Vigia agent health answer
[Service]
DynamicUser=yes
StandardInput=socket
StandardOutput=socket
ExecStart=/bin/sh -c 'if systemctl is-active --quiet vigia-agent; then printf "HTTP/1.0 200 OK\r\nContent-Length: 3\r\n\r\nUP\n"; else printf "HTTP/1.0 503 Service Unavailable\r\nContent-Length: 5\r\n\r\nDOWN\n"; fi'
UNIT
  systemctl daemon-reload
  systemctl enable --now vigia-health.socket
}

mkdir -p "$STATE"
install_packages
load_module
configure_agent
health_responder
log "done: agent $(systemctl is-active vigia-agent)"
