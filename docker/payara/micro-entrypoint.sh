#!/bin/sh
# Entrypoint of the Payara Micro node image (Dockerfile.monitor-micro): names the node's data grid
# (Hazelcast cluster), then starts Payara Micro as the official image does. Nodes with the same
# VIGIA_CLUSTER_NAME form one cluster; without it a node gets a name of its own at each start and
# stays alone: under Payara's default name, "development", it would join any Payara on the
# network (README, "The data grid"). Payara Micro reads the name from its environment
# (payaramicro_clusterName), so no command line shows it.
if [ -z "${VIGIA_CLUSTER_NAME:-}" ]; then
  VIGIA_CLUSTER_NAME=vigia-$(head -c 9 /dev/urandom | base64 | tr -d '/+=')
  echo "[vigia] VIGIA_CLUSTER_NAME is not set: this node keeps a data grid of its own ($VIGIA_CLUSTER_NAME)"
fi
payaramicro_clusterName=$VIGIA_CLUSTER_NAME
export payaramicro_clusterName
exec /opt/payara/entrypoint.sh "$@"
