# shellcheck shell=bash
# Sourced by the benchmarks that time ./vigia itself (startup.sh, restart.sh).

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

# The PID of the monitor a home runs (Payara Micro's pidfile holds "PID START"; the domain's, a PID).
server_pid() { # home runtime
  if [ "$2" = micro ]; then
    cut -d' ' -f1 "$1/micro.pid"
  else
    cat "$1"/payara*/glassfish/domains/vigia/config/pid
  fi
}

# Waits until this host is listed online by the monitor on PORT; fails after SECONDS, or as soon as
# the process UP_PID (the `./vigia up` being timed, when given) has ended without it.
wait_host_online() { # home port seconds [up_pid]
  local deadline=$((SECONDS + $3)) host state
  host=$(hostname)
  until [ -f "$1/secrets.env" ] && curl -fsS -u "admin:$(sed -n 's/^VIGIA_ADMIN_INITIAL_PASSWORD=//p' "$1/secrets.env")" \
      "http://127.0.0.1:$2/api/v1/hosts" 2> /dev/null \
      | grep -q "\"name\":\"$host\",\"online\":true"; do
    [ $SECONDS -lt "$deadline" ] || return 1
    if [ -n "${4:-}" ]; then
      state=$(awk '{print $3}' "/proc/$4/stat" 2> /dev/null || true)
      # ended (a zombie until reaped): give the agent a few seconds to show up, then give up
      [ -n "$state" ] && [ "$state" != Z ] || deadline=$((SECONDS < deadline - 10 ? SECONDS + 10 : deadline))
    fi
    sleep 0.2
  done
}
