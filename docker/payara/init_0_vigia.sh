# shellcheck shell=bash
# Vigia's part of the monitor container's start. The Payara Server image's entrypoint sources
# every ${SCRIPT_DIR}/init_* file in order before it starts the domain, as the user payara; this
# one runs before the image's own init_1 (which turns ${DEPLOY_DIR} into deploy commands).
#
#  1. The admin password: PAYARA_ADMIN_PASSWORD, or the file PAYARA_ADMIN_PASSWORD_FILE (a Docker
#     secret), replaces the image's admin/admin; with neither, a random one nobody knows (the
#     console stays shut). The variable is then unset, so the server's JVM does not carry it.
#  2. The admin listener (4848) listens on the container's loopback only, unless
#     VIGIA_ADMIN_CONSOLE=true: publishing the port alone does not open the console.
#  3. cert.pem and key.pem (PKCS#8) in /run/secrets/vigia-tls, when present, become the HTTPS
#     certificate (alias s1as in the domain's keystore), for 8181 and the console.
#  4. The data grid (Hazelcast) gets a cluster name of its own, VIGIA_CLUSTER_NAME or a new one
#     at each start, before it starts: under Payara's default name, "development", it would take
#     in any other Payara on the network that looks for a grid (README, "The data grid").
# The database settings (VIGIA_DB_*) stay in the environment: the application reads them.

vigia_init() {
  local config="${PAYARA_DIR}/glassfish/domains/${DOMAIN_NAME}/config"
  local tls=${VIGIA_TLS_DIR:-/run/secrets/vigia-tls}
  local console=${VIGIA_ADMIN_CONSOLE:-false}
  local password=${PAYARA_ADMIN_PASSWORD:-}

  if [ -z "$password" ] && [ -n "${PAYARA_ADMIN_PASSWORD_FILE:-}" ]; then
    password=$(cat "$PAYARA_ADMIN_PASSWORD_FILE") || return 1
  fi
  if [ -z "$password" ]; then
    if [ "$console" = true ]; then
      echo "[vigia] VIGIA_ADMIN_CONSOLE=true needs PAYARA_ADMIN_PASSWORD" >&2
      return 1
    fi
    password=$(head -c 24 /dev/urandom | base64 | tr -d '/+=')
  fi
  local current
  current=$(sed -n 's/^AS_ADMIN_PASSWORD=//p' "$PASSWORD_FILE")
  if [ "$password" != "$current" ]; then
    local change
    change=$(mktemp)
    printf 'AS_ADMIN_PASSWORD=%s\nAS_ADMIN_NEWPASSWORD=%s\n' "$current" "$password" > "$change"
    if ! "${PAYARA_DIR}/bin/asadmin" --user="$ADMIN_USER" --passwordfile="$change" \
      change-admin-password --domain_name="$DOMAIN_NAME" > /dev/null; then
      rm -f "$change"
      echo "[vigia] could not set the admin password" >&2
      return 1
    fi
    rm -f "$change"
    { grep -v '^AS_ADMIN_PASSWORD=' "$PASSWORD_FILE"; printf 'AS_ADMIN_PASSWORD=%s\n' "$password"; } > "$PASSWORD_FILE.new"
    mv "$PASSWORD_FILE.new" "$PASSWORD_FILE"
    echo "[vigia] admin password set"
  fi

  local address=127.0.0.1
  [ "$console" = true ] && address=0.0.0.0
  echo "set configs.config.server-config.network-config.network-listeners.network-listener.admin-listener.address=$address" > "$PREBOOT_COMMANDS"
  echo "[vigia] admin console listens on $address"

  local cluster=${VIGIA_CLUSTER_NAME:-}
  [ -n "$cluster" ] || cluster=vigia-$(head -c 9 /dev/urandom | base64 | tr -d '/+=')
  case "$cluster" in
    *[!A-Za-z0-9._-]*)
      echo "[vigia] VIGIA_CLUSTER_NAME may hold only letters, digits, '.', '_' and '-'" >&2
      return 1 ;;
  esac
  echo "set hazelcast-runtime-configuration.cluster-group-name=$cluster" >> "$PREBOOT_COMMANDS"
  echo "[vigia] data grid cluster name: $cluster"

  if [ -r "$tls/cert.pem" ] && [ -r "$tls/key.pem" ]; then
    local keystore="$config/keystore.p12"
    [ -f "$keystore" ] || keystore="$config/keystore.jks"
    # The image sets JAVA_HOME; its PATH does not necessarily hold java.
    local java=java
    [ -x "${JAVA_HOME:-}/bin/java" ] && java=$JAVA_HOME/bin/java
    "$java" "${SCRIPT_DIR}/ImportCertificate.java" "$keystore" "${AS_ADMIN_MASTERPASSWORD:-changeit}" \
      s1as "$tls/cert.pem" "$tls/key.pem" || return 1
  fi
}

vigia_init || exit 1
unset PAYARA_ADMIN_PASSWORD PAYARA_ADMIN_PASSWORD_FILE
