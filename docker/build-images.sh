#!/bin/bash
# Builds Vigia's three images from this repository's own build outputs and, with --push, pushes
# them to Docker Hub (after `docker login`) under VERSION and latest:
#
#   docker/build-images.sh [--push] [--prefix NAMESPACE] [--version VERSION] [--no-build]
#                          [--payara-version V --payara-jdk jdk21]
#
#   PREFIX/monitor:VERSION        the EAR on Payara Server   (Dockerfile.monitor)
#   PREFIX/monitor-micro:VERSION  the WAR on Payara Micro    (Dockerfile.monitor-micro)
#   PREFIX/agent:VERSION          the agent on a JRE         (Dockerfile.agent)
#
# Defaults: prefix vigia, version the POM's (a -SNAPSHOT version is pushed only as itself, never
# as latest), Payara the POM's payara.version with the JDK it needs (jdk17 for 6, jdk21 for 7).
# Runs `mvn -B -q package -DskipTests` first unless --no-build.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
pom_value() { sed -n "s|.*<$1>\(.*\)</$1>.*|\1|p" "$ROOT/pom.xml" | head -n 1; }

PUSH=no
BUILD=yes
PREFIX=${VIGIA_IMAGE_PREFIX:-vigia}
VERSION=$(pom_value version)
PAYARA_VERSION=$(pom_value payara.version)
PAYARA_JDK=
while [ $# -gt 0 ]; do
  case "$1" in
    --push) PUSH=yes ;;
    --no-build) BUILD=no ;;
    --prefix) PREFIX=${2:?--prefix needs a namespace}; shift ;;
    --version) VERSION=${2:?--version needs a tag}; shift ;;
    --payara-version) PAYARA_VERSION=${2:?}; shift ;;
    --payara-jdk) PAYARA_JDK=${2:?}; shift ;;
    -h|--help) sed -n '2,/^set -euo/{/^#/p}' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "build-images.sh: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
case "$VERSION" in ''|*[!A-Za-z0-9_.-]*) echo "build-images.sh: '$VERSION' is not a Docker tag" >&2; exit 2 ;; esac
if [ -z "$PAYARA_JDK" ]; then
  case "$PAYARA_VERSION" in 6.*) PAYARA_JDK=jdk17 ;; *) PAYARA_JDK=jdk21 ;; esac
fi

if [ "$BUILD" = yes ]; then
  # The monitor compiles for Java 21: build with the JDK 21+ that ./vigia finds.
  (cd "$ROOT" && JAVA_HOME=$("$ROOT/vigia" java-home) mvn -B -q package -DskipTests)
fi
for f in monitor-ear/target/vigia-monitor.ear monitor-micro/target/vigia-monitor.war agent-jar/target/vigia-agent.jar; do
  [ -f "$ROOT/$f" ] || { echo "build-images.sh: $f is missing (mvn package)" >&2; exit 1; }
done

tags=()
build() { # name dockerfile [build args...]
  local name=$1 dockerfile=$2
  local image=$PREFIX/$name:$VERSION
  shift 2
  echo "build-images.sh: $image (docker/$dockerfile)"
  docker build -f "$ROOT/docker/$dockerfile" "$@" \
    --label "org.opencontainers.image.version=$VERSION" \
    --label "org.opencontainers.image.revision=$(git -C "$ROOT" rev-parse HEAD 2> /dev/null || echo unknown)" \
    -t "$image" "$ROOT"
  tags+=("$image")
  case "$VERSION" in
    *SNAPSHOT*) ;;
    *) docker tag "$image" "$PREFIX/$name:latest"; tags+=("$PREFIX/$name:latest") ;;
  esac
}
payara_args=(--build-arg "PAYARA_VERSION=$PAYARA_VERSION" --build-arg "PAYARA_JDK=$PAYARA_JDK")
build monitor Dockerfile.monitor "${payara_args[@]}"
build monitor-micro Dockerfile.monitor-micro "${payara_args[@]}"
build agent Dockerfile.agent

if [ "$PUSH" = yes ]; then
  for tag in "${tags[@]}"; do
    docker push "$tag"
  done
fi
printf 'build-images.sh: %s\n' "${tags[@]}"
