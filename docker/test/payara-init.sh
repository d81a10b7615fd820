#!/bin/bash
# Test of the monitor image's start-up script, docker/payara/init_0_vigia.sh, without Docker (our
# machines cannot pull the official Payara image): a domain with the image's admin/admin in Payara
# Server from Maven (the image also has secure admin on, which the script does not touch; left off
# here to save a start), then the script as the image's entrypoint sources it, then the domain
# started as the image starts it (pre-boot commands, and docker/payara/production.asadmin as the
# post-boot command file). Checks: production.asadmin applied; the data grid's cluster name; the
# admin password replaced and the variable unset, the admin listener on loopback only
# (VIGIA_ADMIN_CONSOLE=true asks for every address instead), HTTPS serving the mounted
# certificate, refusal to open the console without a password. Prints "N passed, M failed" last. Part of ./vigia test (~1 min).
set -uo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
PAYARA_VERSION=${PAYARA_VERSION:-$(sed -n 's|.*<payara.version>\(.*\)</payara.version>.*|\1|p' "$REPO/pom.xml" | head -n 1)}
M2=${MAVEN_REPO:-$HOME/.m2/repository}
ZIP=$M2/fish/payara/distributions/payara/$PAYARA_VERSION/payara-$PAYARA_VERSION.zip
WORK=$(mktemp -d /tmp/vigia-payara-init.XXXXXX)
PASSED=0
FAILED=0
DOMAIN=vigiainit
# Payara 7 needs Java 21+: the JDK ./vigia finds, for asadmin and ImportCertificate.java alike
# (as the image's own JDK would be).
JAVA_HOME=$("$REPO/vigia" java-home) || { echo "no JDK 21+"; echo "0 passed, 1 failed"; exit 1; }
export JAVA_HOME AS_JAVA=$JAVA_HOME PATH=$JAVA_HOME/bin:$PATH

check() { # description, command...
  local what=$1; shift
  if "$@" > "$WORK/check.log" 2>&1; then
    PASSED=$((PASSED + 1)); echo "ok - $what"
  else
    FAILED=$((FAILED + 1)); echo "not ok - $what"; sed 's/^/    /' "$WORK/check.log" | tail -15
  fi
}

[ -f "$ZIP" ] || mvn -B -q dependency:get -Dartifact="fish.payara.distributions:payara:$PAYARA_VERSION:zip" > /dev/null
(cd "$WORK" && unzip -q "$ZIP")
PAYARA_DIR=$(find "$WORK" -mindepth 1 -maxdepth 1 -type d -name 'payara*' | head -n 1)
ASADMIN=$PAYARA_DIR/bin/asadmin

# A free port base (admin +48, HTTPS +81) away from the ranges other tests use.
BASE=
for b in $(shuf -i 330-389 -n 20); do
  b=$((b * 100))
  if ! ss -ltn | grep -qE ":($((b + 48))|$((b + 80))|$((b + 81))|$((b + 86))|$((b + 76))|$((b + 37))|$((b + 66)))\b"; then BASE=$b; break; fi
done
[ -n "$BASE" ] || { echo "no free port base"; echo "0 passed, 1 failed"; exit 1; }
ADMIN_PORT=$((BASE + 48))
HTTPS_PORT=$((BASE + 81))

cleanup() {
  "$ASADMIN" --user admin --passwordfile "$WORK/passwordFile" --port "$ADMIN_PORT" stop-domain "$DOMAIN" > /dev/null 2>&1
  local pid
  pid=$(cat "$PAYARA_DIR/glassfish/domains/$DOMAIN/config/pid" 2> /dev/null) && kill -9 "$pid" 2> /dev/null
  rm -rf "$WORK"
}
trap cleanup EXIT

# The image's domain: admin/admin.
printf 'AS_ADMIN_PASSWORD=admin\n' > "$WORK/passwordFile"
as() { "$ASADMIN" --user admin --passwordfile "$WORK/passwordFile" --port "$ADMIN_PORT" "$@" > "$WORK/asadmin.log" 2>&1; }
if ! as create-domain --portbase "$BASE" --nopassword=false "$DOMAIN"; then
  cat "$WORK/asadmin.log"; echo "0 passed, 1 failed"; exit 1
fi

mkdir -p "$WORK/tls" "$WORK/scripts"
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$WORK/tls/key.pem" -out "$WORK/tls/cert.pem" \
  -days 1 -subj "/CN=vigia-init-test" 2> /dev/null
cp "$REPO/docker/payara/init_0_vigia.sh" "$REPO/docker/payara/ImportCertificate.java" "$WORK/scripts/"

init() { # sources the script as the image's entrypoint does; prints what the server would inherit
  # shellcheck disable=SC2016 # expanded by the inner bash, after the script ran
  env PAYARA_DIR="$PAYARA_DIR" DOMAIN_NAME="$DOMAIN" ADMIN_USER=admin PASSWORD_FILE="$WORK/passwordFile" \
    PREBOOT_COMMANDS="$WORK/pre-boot-commands.asadmin" SCRIPT_DIR="$WORK/scripts" VIGIA_TLS_DIR="$WORK/tls" \
    "$@" bash -c '. "$SCRIPT_DIR/init_0_vigia.sh" && echo "left: ${PAYARA_ADMIN_PASSWORD:-nothing}"'
}
# As the image starts it: init_0's pre-boot commands, production.asadmin as post-boot commands.
start() {
  as start-domain --prebootcommandfile "$WORK/pre-boot-commands.asadmin" \
    --postbootcommandfile "$REPO/docker/payara/production.asadmin" "$DOMAIN"
}
stop() { as stop-domain "$DOMAIN"; }
listens_on() { ss -ltn | grep -E "[: ]$1:$ADMIN_PORT\b" || { ss -ltn | grep ":$ADMIN_PORT"; return 1; }; }

PASSWORD=test-$(head -c 12 /dev/urandom | base64 | tr -d '/+=')
init_secure() {
  local out
  out=$(init PAYARA_ADMIN_PASSWORD="$PASSWORD" VIGIA_CLUSTER_NAME=vigia-init-test) || return 1
  echo "$out"
  echo "$out" | grep -q 'left: nothing' && echo "$out" | grep -q 'CN=vigia-init-test'
}
check "init: password set, certificate imported, variable unset" init_secure
check "the password file holds the new password" grep -qx "AS_ADMIN_PASSWORD=$PASSWORD" "$WORK/passwordFile"
check "domain starts with the pre-boot commands" start
check "asadmin works with the new password" as list-applications
old_refused() { ! "$ASADMIN" --user admin --passwordfile <(printf 'AS_ADMIN_PASSWORD=admin\n') --port "$ADMIN_PORT" list-applications; }
check "the image's admin/admin is refused" old_refused
check "admin listener on loopback only" listens_on '(127\.0\.0\.1|\[::ffff:127\.0\.0\.1\])'
serves_cert() { openssl s_client -connect "127.0.0.1:$HTTPS_PORT" < /dev/null 2> /dev/null | grep -q 'subject=CN *= *vigia-init-test'; }
check "HTTPS serves the mounted certificate" serves_cert
production_applied() {
  local out pattern
  for pattern in 'configs.config.server-config.monitoring-service.module-monitoring-levels.*' \
    configs.config.server-config.admin-service.das-config.dynamic-reload-enabled; do
    out+=$("$ASADMIN" --user admin --passwordfile "$WORK/passwordFile" --port "$ADMIN_PORT" get "$pattern") || return 1
    out+=$'\n'
  done
  echo "$out"
  echo "$out" | grep -q 'jdbc-connection-pool=HIGH' && echo "$out" | grep -q 'ejb-container=HIGH' &&
    echo "$out" | grep -q 'dynamic-reload-enabled=false' &&
    grep -q 'maxHistoryFiles=14' "$PAYARA_DIR/glassfish/domains/$DOMAIN/config/logging.properties"
}
check "production.asadmin applied at start (monitoring, no dynamic reload, log rotation)" production_applied
rest_api() { # the admin REST API answers with the new password (credentials through a file, not argv)
  printf 'machine 127.0.0.1 login admin password %s\n' "$PASSWORD" > "$WORK/netrc"
  curl -fsS --netrc-file "$WORK/netrc" -H 'Accept: application/json' \
    "http://127.0.0.1:$ADMIN_PORT/management/domain/configs/config/server-config/monitoring-service/module-monitoring-levels" |
    grep -q '"jdbcConnectionPool":"HIGH"'
}
check "admin REST API: the monitoring levels, with the new password" rest_api
grid_named() { # VIGIA_CLUSTER_NAME names the data grid, set before boot
  as get hazelcast-runtime-configuration.cluster-group-name
  cat "$WORK/asadmin.log"
  grep -qx 'hazelcast-runtime-configuration.cluster-group-name=vigia-init-test' "$WORK/asadmin.log"
}
check "the data grid's cluster name is VIGIA_CLUSTER_NAME" grid_named
stop
grid_name_made() { # without VIGIA_CLUSTER_NAME, a name of its own, never Payara's "development"
  init PAYARA_ADMIN_PASSWORD="$PASSWORD" > /dev/null &&
    grep -E '^set hazelcast-runtime-configuration.cluster-group-name=vigia-[A-Za-z0-9]+$' "$WORK/pre-boot-commands.asadmin"
}
check "no VIGIA_CLUSTER_NAME: the data grid gets a name of its own" grid_name_made
init_console() {
  init PAYARA_ADMIN_PASSWORD="$PASSWORD" VIGIA_ADMIN_CONSOLE=true &&
    grep -qx 'set configs.config.server-config.network-config.network-listeners.network-listener.admin-listener.address=0.0.0.0' \
      "$WORK/pre-boot-commands.asadmin"
}
check "VIGIA_ADMIN_CONSOLE=true: the pre-boot commands open the listener to every address" init_console
no_password_refused() { ! init VIGIA_ADMIN_CONSOLE=true; }
check "console without a password: refused" no_password_refused

echo "$PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
