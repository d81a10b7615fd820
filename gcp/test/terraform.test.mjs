// Parses every Terraform file in gcp/ with HashiCorp's HCL parser (@cdktf/hcl2json, no Terraform
// or provider needed) and checks what the deployment relies on: the autoscaled group of watched
// VMs, the firewall, the startup scripts wired in, secrets kept out of the configuration.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync, existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "@cdktf/hcl2json";

const GCP = join(dirname(fileURLToPath(import.meta.url)), "..");
const files = readdirSync(GCP).filter((f) => f.endsWith(".tf")).sort();

// Every file parsed, merged into one view: resources[type][name] = body.
const parsed = {};
for (const f of files) parsed[f] = await parse(f, readFileSync(join(GCP, f), "utf8"));
const resources = {};
const variables = {};
const outputs = {};
const locals = {};
for (const doc of Object.values(parsed)) {
  for (const [type, byName] of Object.entries(doc.resource ?? {})) {
    for (const [name, bodies] of Object.entries(byName)) {
      resources[type] ??= {};
      assert.equal(resources[type][name], undefined, `${type}.${name} defined twice`);
      resources[type][name] = bodies[0];
    }
  }
  for (const [name, bodies] of Object.entries(doc.variable ?? {})) variables[name] = bodies[0];
  for (const [name, bodies] of Object.entries(doc.output ?? {})) outputs[name] = bodies[0];
  for (const block of doc.locals ?? []) Object.assign(locals, block);
}

const all = (type) => Object.values(resources[type] ?? {});
const one = (type) => {
  const found = all(type);
  assert.equal(found.length, 1, `exactly one ${type}, found ${found.length}`);
  return found[0];
};
const refName = (expr, type) => expr.match(new RegExp(`\\$\\{${type}\\.([a-z_]+)\\.`))?.[1];
const fileRef = (expr) => expr.match(/file\(\\?"\$\{path\.module\}\/([^"\\]+)\\?"\)/)?.[1];
const resolve = (value) => {
  // "${var.x}" and "${local.x}" to their defaults, so limits are checked as they will apply.
  if (typeof value !== "string") return value;
  const v = value.match(/^\$\{var\.([a-z_]+)\}$/);
  if (v) return variables[v[1]]?.default;
  const l = value.match(/^\$\{(?:tostring\()?local\.([a-z_]+)\)?\}$/);
  if (l) return locals[l[1]];
  return value;
};

test("every .tf file parses", () => {
  assert.ok(files.length >= 5, `found ${files.join(", ")}`);
  for (const f of files) assert.equal(typeof parsed[f], "object", f);
});

test("autoscaler keeps the watched VMs at 60 % CPU with 1 to 4 instances", () => {
  const autoscaler = one("google_compute_autoscaler");
  const policy = autoscaler.autoscaling_policy[0];
  assert.equal(policy.cpu_utilization[0].target, 0.6);
  assert.equal(policy.min_replicas, 1);
  assert.equal(policy.max_replicas, 4);
  const group = refName(autoscaler.target, "google_compute_instance_group_manager");
  assert.ok(resources.google_compute_instance_group_manager?.[group], "targets the group of watched VMs");
});

test("the group leaves its size to the autoscaler and heals after boot", () => {
  const group = one("google_compute_instance_group_manager");
  assert.equal(group.target_size, undefined, "target_size would fight the autoscaler at every apply");
  const healing = group.auto_healing_policies[0];
  const check = resources.google_compute_health_check[refName(healing.health_check, "google_compute_health_check")];
  assert.ok(check, "auto-healing names a health check of this configuration");
  const delay = resolve(healing.initial_delay_sec);
  const cooldown = resolve(one("google_compute_autoscaler").autoscaling_policy[0].cooldown_period);
  assert.ok(delay >= 300, `initial delay ${delay} s leaves time for apt, headers and the DKMS build`);
  assert.ok(delay > cooldown, "judged healthy only after the autoscaler counts it");
  const template = refName(group.version[0].instance_template, "google_compute_instance_template");
  assert.ok(resources.google_compute_instance_template[template]);
});

test("instance template is replaceable and runs the agent's startup script", () => {
  const template = one("google_compute_instance_template");
  assert.equal(template.name, undefined, "a fixed name cannot be replaced before it is destroyed");
  assert.match(template.name_prefix, /-$/);
  assert.equal(template.lifecycle[0].create_before_destroy, true);
  assert.deepEqual(template.tags, ["vigia-agent"]);
  assert.equal(template.network_interface[0].access_config, undefined, "watched VMs have no public address");
  const script = fileRef(template.metadata["startup-script"]);
  assert.equal(script, "agent-startup.sh");
  const text = readFileSync(join(GCP, script), "utf8");
  for (const step of ["vigia-dkms.deb", "vigia-agent.deb", "linux-headers-", " enroll ", "secretmanager.googleapis.com", "systemctl enable --now vigia-agent", "modprobe vigia_ram"]) {
    assert.ok(text.includes(step), `agent-startup.sh does '${step}'`);
  }
  for (const key of ["vigia-server", "vigia-monitor-cert", "vigia-fleet-key-secret", "vigia-packages-bucket", "vigia-agent-deb", "vigia-dkms-deb", "vigia-health-port"]) {
    assert.ok(template.metadata[key], `metadata ${key} is set`);
    assert.ok(text.includes(`attr ${key}`), `agent-startup.sh reads ${key}`);
  }
  assert.match(template.metadata["vigia-fleet-key-secret"], /google_secret_manager_secret\./, "the key is named, not given");
});

test("monitor VM runs the Compose stack from docker/compose.yaml", () => {
  const monitor = one("google_compute_instance");
  assert.deepEqual(monitor.tags, ["vigia-monitor"]);
  assert.equal(fileRef(monitor.metadata["startup-script"]), "monitor-startup.sh");
  const compose = fileRef(monitor.metadata["vigia-compose"]);
  assert.equal(compose, "../docker/compose.yaml");
  assert.ok(existsSync(join(GCP, compose)), "docker/compose.yaml exists");
  const text = readFileSync(join(GCP, "monitor-startup.sh"), "utf8");
  assert.ok(text.includes("docker-compose --project-name vigia pull"), "pulls (1.x would build a service it lacks)");
  assert.ok(text.includes("docker-compose --project-name vigia up -d"));
  for (const key of Object.keys(monitor.metadata).filter((k) => k.startsWith("vigia-"))) {
    assert.ok(text.includes(`attr ${key}`), `monitor-startup.sh reads ${key}`);
  }
  assert.ok(monitor.attached_disk?.length === 1, "MySQL's data on its own persistent disk");
});

test("every file the configuration reads exists", () => {
  const text = files.map((f) => readFileSync(join(GCP, f), "utf8")).join("\n");
  for (const m of text.matchAll(/file\("\$\{path\.module\}\/([^"]+)"\)/g)) {
    assert.ok(existsSync(join(GCP, m[1])), m[1]);
  }
});

const rules = () => all("google_compute_firewall");
const allowsPort = (rule, port) =>
  (rule.allow ?? []).some((a) => a.protocol === "all" || (a.ports ?? []).map((p) => resolve(p)).map(String).includes(String(port)));

test("firewall: HTTPS reaches the monitor, from people and from agents", () => {
  const toMonitor = rules().filter((r) => r.target_tags?.includes("vigia-monitor") && allowsPort(r, 443));
  assert.ok(toMonitor.some((r) => resolve(r.source_ranges) !== undefined), "people (source ranges)");
  assert.ok(toMonitor.some((r) => r.source_tags?.includes("vigia-agent")), "agents (source tag)");
  assert.ok(!rules().some((r) => r.target_tags?.includes("vigia-monitor") && allowsPort(r, 4848)), "the admin console is not opened");
});

test("firewall: only Google's health checkers (and SSH) reach the agents", () => {
  const port = locals.agent_health_port;
  const toAgents = rules().filter((r) => r.target_tags?.includes("vigia-agent") && r.allow);
  const health = toAgents.filter((r) => allowsPort(r, port));
  assert.equal(health.length, 1);
  assert.deepEqual([...health[0].source_ranges].sort(), ["130.211.0.0/22", "35.191.0.0/16"]);
  const check = one("google_compute_health_check");
  assert.equal(resolve(check.http_health_check[0].port), port, "the checked port is the opened one");
  for (const rule of toAgents.filter((r) => r !== health[0])) {
    assert.deepEqual(rule.allow.flatMap((a) => a.ports), ["22"], "only SSH otherwise");
    assert.deepEqual(resolve(rule.source_ranges), ["35.235.240.0/20"], "SSH through IAP by default");
  }
  const deny = rules().find((r) => r.deny && r.target_tags?.includes("vigia-agent"));
  assert.ok(deny, "everything else to the agents is denied explicitly");
  assert.ok(toAgents.every((r) => r.priority < deny.priority), "allows come before the deny");
});

test("secrets are generated and kept in Secret Manager, never written in the configuration", () => {
  for (const version of all("google_secret_manager_secret_version")) {
    assert.match(version.secret_data, /^\$\{/, "secret_data comes from a generated value");
  }
  const names = Object.keys(resources.random_password?.secret ? { x: 1 } : {});
  assert.equal(names.length, 1, "passwords come from random_password");
  const text = files.map((f) => readFileSync(join(GCP, f), "utf8")).join("\n");
  assert.doesNotMatch(text, /password\s*=\s*"[^$"][^"]*"/i);
});

test("variables are described and outputs give the monitor's URL", () => {
  for (const name of ["project", "region", "zone", "monitor_machine_type", "agent_machine_type"]) {
    assert.ok(variables[name], `variable ${name}`);
  }
  for (const [name, v] of Object.entries(variables)) assert.ok(v.description, `variable ${name} has a description`);
  assert.match(outputs.monitor_url.value, /^https:\/\//);
});
