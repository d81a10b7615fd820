#!/bin/sh
# Entry point of the agent image: enrols once with VIGIA_FLEET_KEY (kept in the environment, never
# on a command line), retrying while the monitor is not up yet, then runs the agent with the same
# low-footprint JVM flags as the systemd unit. The host token stays in $VIGIA_STATE_DIR.
set -eu

JAR=/opt/vigia/vigia-agent.jar
STATE=${VIGIA_STATE_DIR:-/var/lib/vigia}

if [ ! -s "$STATE/token" ]; then
	: "${VIGIA_FLEET_KEY:?no host token in $STATE yet: set VIGIA_FLEET_KEY to enrol}"
	until java -Xmx32m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar "$JAR" enroll; do
		echo "vigia-agent: enrolment failed (monitor not up yet?); again in 10 s" >&2
		sleep 10
	done
fi
unset VIGIA_FLEET_KEY

exec java -Xmx32m -Xms8m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 \
	-Xss256k -XX:MaxMetaspaceSize=48m -XX:+UseSerialGC -XX:-UsePerfData \
	-XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -XX:ReservedCodeCacheSize=16m \
	-jar "$JAR" "$@"
