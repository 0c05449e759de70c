// Offline checks of rendered manifests (called by deploy/validate.sh after `kubectl kustomize`):
//   node deploy/tools/validate.mjs <unit>=<rendered.yaml> ...
// Prints one line per check, `PASS <name>` or `FAIL <name>: <why>`, and exits 0 (validate.sh counts the lines).
//
// - schema: every object against the Kubernetes API schemas (npm `kubernetes-models`, plus its prometheus-operator
//   and external-secrets packages); operator objects without a published model (CloudNativePG, RabbitMQ) against
//   the fields this repository relies on;
// - policy: every workload runs as non-root on a read-only root file system with no privilege escalation and no
//   capabilities, has CPU and memory requests and limits, HTTP liveness and readiness probes, a pinned image and a
//   NetworkPolicy; every Brigade service also has its Service, PodDisruptionBudget and HorizontalPodAutoscaler, probes
//   on /health/live and /health/ready, a grace period longer than its drain, and secrets only by reference;
// - every project in src/Services (and src/Gateway) has a workload that passes the policy in every overlay;
// - only the gateway is reachable from outside, a default-deny NetworkPolicy exists, no secret value is committed;
// - the rules and the dashboard name only metrics the code exports; the collector's pipelines are complete.
import { readFileSync, readdirSync, existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import YAML from "yaml";

const deployDir = join(dirname(fileURLToPath(import.meta.url)), "..");
const repo = join(deployDir, "..");
const table = JSON.parse(readFileSync(join(deployDir, "services.json"), "utf8"));

let failed = 0;
let sink = null; // the self-test collects results here instead of printing them
function result(name, problems) {
  if (sink) {
    sink.push({ name, problems });
    return;
  }
  if (problems.length === 0) {
    console.log(`PASS ${name}`);
  } else {
    failed++;
    console.log(`FAIL ${name}: ${problems.slice(0, 5).join("; ")}${problems.length > 5 ? `; … ${problems.length - 5} more` : ""}`);
  }
}

// ---- schemas ------------------------------------------------------------------------------------------------
async function model(apiVersion, kind) {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
  const candidates = [];
  if (group === "monitoring.coreos.com") candidates.push(`@kubernetes-models/prometheus-operator/${group}/${version}/${kind}`);
  else if (group === "external-secrets.io") candidates.push(`@kubernetes-models/external-secrets/${group}/${version}/${kind}`);
  else candidates.push(`kubernetes-models/${group ? `${group}/` : ""}${version}/${kind}`);
  for (const path of candidates) {
    try {
      const mod = await import(path);
      return mod[kind] ?? mod.default;
    } catch {
      // not a published model
    }
  }
  return null;
}

// The models' validators accept fields the API does not know (a misspelt `readinesProbe` would pass), so field
// names are checked against the models' type declarations: every property of an object must be declared by its
// interface, recursively through the interfaces it names.
const nodeModules = join(deployDir, "tools/node_modules");
const declarations = new Map();
function declaration(file) {
  if (declarations.has(file)) return declarations.get(file);
  let parsed = null;
  if (existsSync(file)) {
    const text = readFileSync(file, "utf8");
    const imports = new Map();
    for (const m of text.matchAll(/import \{ ([^}]+) \} from "([^"]+)";/g)) {
      const target = m[2].startsWith(".") ? join(dirname(file), m[2].replace(/\.js$/, "") + ".d.ts") : join(nodeModules, m[2] + ".d.ts");
      for (const n of m[1].split(",")) imports.set(n.trim().split(/\s+as\s+/).pop(), target);
    }
    const start = text.search(/^export interface I\w+( extends [^{]+)? \{$/m);
    if (start >= 0) {
      const props = new Map();
      if (/^export interface I\w+ extends TypeMeta/m.test(text.slice(start, start + 200))) ["apiVersion", "kind"].forEach((k) => props.set(k, "string"));
      for (const line of text.slice(start).split("\n").slice(1)) {
        if (line === "}") break;
        const m = /^ {4}"([^"]+)"\??: (.*?);?$/.exec(line);
        if (m) props.set(m[1], m[2]);
      }
      parsed = { props, imports };
    }
  }
  declarations.set(file, parsed);
  return parsed;
}

function unknownFields(value, file, path, problems) {
  const decl = declaration(file);
  if (!decl || value === null || typeof value !== "object" || Array.isArray(value)) return;
  for (const [key, child] of Object.entries(value)) {
    if (!decl.props.has(key)) {
      problems.push(`${path}.${key} is not a field of ${file.split("/").slice(-3).join("/").replace(/\.d\.ts$/, "")}`);
      continue;
    }
    const type = decl.props.get(key);
    const single = /^(I\w+)$/.exec(type);
    const array = /^Array<(I\w+)>$/.exec(type);
    const ref = decl.imports.get((single ?? array)?.[1]);
    if (!ref) continue;
    if (single) unknownFields(child, ref, `${path}.${key}`, problems);
    else if (Array.isArray(child)) child.forEach((c, i) => unknownFields(c, ref, `${path}.${key}[${i}]`, problems));
  }
}

function modelFile(apiVersion, kind) {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
  if (group === "monitoring.coreos.com") return join(nodeModules, "@kubernetes-models/prometheus-operator", group, version, `${kind}.d.ts`);
  if (group === "external-secrets.io") return join(nodeModules, "@kubernetes-models/external-secrets", group, version, `${kind}.d.ts`);
  return join(nodeModules, "kubernetes-models", group, version, `${kind}.d.ts`);
}

/** Operator resources with no published schema: the fields our manifests depend on must be there and typed. */
const operatorShapes = {
  "postgresql.cnpg.io/v1/Cluster": (o) => [
    typeof o.spec?.instances === "number" && o.spec.instances >= 3 ? null : "spec.instances must be a number ≥ 3 (a cluster, not one server)",
    typeof o.spec?.storage?.size === "string" ? null : "spec.storage.size missing",
    o.spec?.backup?.barmanObjectStore?.destinationPath ? null : "spec.backup.barmanObjectStore.destinationPath missing (no backups)",
    Array.isArray(o.spec?.managed?.roles) ? null : "spec.managed.roles must list the services' roles",
  ],
  "postgresql.cnpg.io/v1/Database": (o) => [
    o.spec?.cluster?.name ? null : "spec.cluster.name missing",
    /^brigade_[a-z_]+$/.test(o.spec?.name ?? "") ? null : "spec.name must be brigade_<service>",
    o.spec?.owner ? null : "spec.owner missing",
  ],
  "postgresql.cnpg.io/v1/ScheduledBackup": (o) => [
    typeof o.spec?.schedule === "string" && o.spec.schedule.split(" ").length === 6 ? null : "spec.schedule must be a six-field cron expression",
    o.spec?.cluster?.name ? null : "spec.cluster.name missing",
  ],
  "rabbitmq.com/v1beta1/RabbitmqCluster": (o) => [
    typeof o.spec?.replicas === "number" && o.spec.replicas % 2 === 1 && o.spec.replicas >= 3 ? null : "spec.replicas must be odd and ≥ 3 (quorum queues)",
    /default_queue_type\s*=\s*quorum/.test(o.spec?.rabbitmq?.additionalConfig ?? "") ? null : "default_queue_type = quorum missing",
  ],
  "rabbitmq.com/v1beta1/Policy": (o) => [
    o.spec?.pattern && o.spec?.definition && o.spec?.rabbitmqClusterReference?.name ? null : "spec.pattern, definition and rabbitmqClusterReference are required",
  ],
};

async function checkSchemas(unit, objects) {
  const byKind = new Map();
  for (const o of objects) {
    const key = `${o.apiVersion}/${o.kind}`;
    if (!byKind.has(key)) byKind.set(key, []);
    byKind.get(key).push(o);
  }
  for (const [key, list] of [...byKind].sort()) {
    const problems = [];
    const shape = operatorShapes[key];
    const Model = shape ? null : await model(list[0].apiVersion, list[0].kind);
    for (const o of list) {
      const name = o.metadata?.name ?? "?";
      if (!o.metadata?.name) problems.push("an object without metadata.name");
      if (shape) {
        problems.push(...shape(o).filter(Boolean).map((p) => `${name}: ${p}`));
      } else if (!Model) {
        problems.push(`${name}: no schema known for ${key}`);
      } else {
        try {
          new Model(o).validate();
        } catch (e) {
          problems.push(`${name}: ${e.message.split("\n")[0]}`);
        }
        const unknown = [];
        unknownFields(o, modelFile(o.apiVersion, o.kind), "", unknown);
        problems.push(...unknown.map((p) => `${name}: ${p.slice(1)}`));
      }
    }
    result(`${unit}: schema: ${list[0].kind} ${list[0].apiVersion} (${list.length})`, problems);
  }
}

// ---- policy -------------------------------------------------------------------------------------------------
const selects = (selector, podLabels) =>
  selector && Object.entries(selector.matchLabels ?? {}).every(([k, v]) => podLabels[k] === v) && !(selector.matchExpressions?.length > 0);
const SECRET_NAME = /(password|secret|token|apikey|api_key|connectionstrings|keyencryptionkey|accesskey)/i;

function workloadPolicy(unit, objects, deployment, isService) {
  const problems = [];
  const name = deployment.metadata.name;
  const ns = deployment.metadata.namespace;
  const pod = deployment.spec?.template?.spec ?? {};
  const podLabels = deployment.spec?.template?.metadata?.labels ?? {};
  const sameNs = (o) => o.metadata?.namespace === ns;

  if (pod.securityContext?.runAsNonRoot !== true) problems.push("pod securityContext.runAsNonRoot is not true");
  if (pod.securityContext?.seccompProfile?.type !== "RuntimeDefault") problems.push("pod seccompProfile is not RuntimeDefault");
  if (pod.hostNetwork || pod.hostPID || pod.hostIPC) problems.push("uses the host's namespaces");
  if (pod.automountServiceAccountToken !== false) problems.push("mounts a service account token it does not need");
  for (const c of [...(pod.initContainers ?? []), ...(pod.containers ?? [])]) {
    const sc = c.securityContext ?? {};
    if (sc.readOnlyRootFilesystem !== true) problems.push(`${c.name}: root file system is not read-only`);
    if (sc.allowPrivilegeEscalation !== false) problems.push(`${c.name}: allowPrivilegeEscalation is not false`);
    if (sc.privileged) problems.push(`${c.name}: privileged`);
    if (!(sc.capabilities?.drop ?? []).includes("ALL")) problems.push(`${c.name}: capabilities are not dropped`);
    if (sc.runAsUser === 0) problems.push(`${c.name}: runs as root`);
    for (const kind of ["requests", "limits"]) {
      for (const r of ["cpu", "memory"]) {
        if (!c.resources?.[kind]?.[r]) problems.push(`${c.name}: no ${r} ${kind.replace(/s$/, "")}`);
      }
    }
    if (!c.livenessProbe?.httpGet) problems.push(`${c.name}: no HTTP liveness probe`);
    if (!c.readinessProbe?.httpGet) problems.push(`${c.name}: no HTTP readiness probe`);
    const image = c.image ?? "";
    const tag = image.includes("@") ? "digest" : image.slice(image.lastIndexOf("/") + 1).split(":")[1];
    if (!tag || tag === "latest") problems.push(`${c.name}: image ${image} is not pinned to a tag or digest`);
    for (const e of c.env ?? []) {
      if (e.value !== undefined && SECRET_NAME.test(e.name)) problems.push(`${c.name}: ${e.name} has a literal value; secrets come from a Secret`);
    }
    if (isService) {
      if (c.livenessProbe?.httpGet?.path !== "/health/live") problems.push(`${c.name}: liveness probe is not /health/live`);
      if (c.readinessProbe?.httpGet?.path !== "/health/ready") problems.push(`${c.name}: readiness probe is not /health/ready`);
      if (!c.lifecycle?.preStop) problems.push(`${c.name}: no preStop drain`);
    }
  }
  const policies = objects.filter((o) => o.kind === "NetworkPolicy" && sameNs(o) && selects(o.spec?.podSelector, podLabels) && Object.keys(o.spec.podSelector.matchLabels ?? {}).length > 0);
  if (policies.length === 0) problems.push("no NetworkPolicy of its own selects its pods");
  if (isService) {
    const grace = pod.terminationGracePeriodSeconds ?? 30;
    if (grace <= table.shutdownSeconds) problems.push(`terminationGracePeriodSeconds ${grace} does not cover the ${table.shutdownSeconds} s drain`);
    const svc = objects.find((o) => o.kind === "Service" && sameNs(o) && selects({ matchLabels: o.spec?.selector ?? {} }, podLabels) && Object.keys(o.spec?.selector ?? {}).length > 0);
    if (!svc) problems.push("no Service");
    if (!objects.some((o) => o.kind === "PodDisruptionBudget" && sameNs(o) && selects(o.spec?.selector, podLabels))) problems.push("no PodDisruptionBudget");
    const hpa = objects.find((o) => o.kind === "HorizontalPodAutoscaler" && sameNs(o) && o.spec?.scaleTargetRef?.kind === deployment.kind && o.spec.scaleTargetRef.name === name);
    if (!hpa) problems.push("no HorizontalPodAutoscaler");
    else if (!(hpa.spec.metrics ?? []).some((m) => m.resource?.name === "cpu")) problems.push("its HorizontalPodAutoscaler does not scale on CPU");
    if (!(pod.topologySpreadConstraints?.length > 0)) problems.push("no topology spread");
  }
  result(`${unit}: policy: ${name}`, problems);
}

function unitPolicies(unit, objects) {
  const deployments = objects.filter((o) => ["Deployment", "StatefulSet", "DaemonSet"].includes(o.kind));
  const brigadeNs = table.namespace;
  const services = new Set(table.services.map((s) => s.name));
  for (const d of deployments) workloadPolicy(unit, objects, d, d.metadata.namespace === brigadeNs && services.has(d.metadata.name));

  // No secret values: no Secret objects at all (ExternalSecrets or `kubectl create secret` make them), and no
  // secret-looking key in a ConfigMap.
  const leaks = [];
  for (const o of objects) {
    if (o.kind === "Secret" && (o.data || o.stringData)) leaks.push(`Secret ${o.metadata.name} carries values`);
    if (o.kind === "ConfigMap") {
      for (const key of Object.keys(o.data ?? {})) if (SECRET_NAME.test(key)) leaks.push(`ConfigMap ${o.metadata.name} has ${key}`);
    }
  }
  result(`${unit}: no secret values in the manifests`, leaks);

  const namespaces = new Set(deployments.map((d) => d.metadata.namespace));
  for (const ns of namespaces) {
    if (ns !== brigadeNs) continue;
    const deny = objects.find((o) => o.kind === "NetworkPolicy" && o.metadata.namespace === ns && Object.keys(o.spec?.podSelector ?? {}).length === 0
      && ["Ingress", "Egress"].every((t) => o.spec.policyTypes?.includes(t)) && !o.spec.ingress && !o.spec.egress);
    result(`${unit}: default-deny NetworkPolicy in ${ns}`, deny ? [] : ["no NetworkPolicy with an empty podSelector denying ingress and egress"]);

    // Only the gateway is reachable from outside the cluster.
    const exposure = [];
    for (const o of objects.filter((x) => x.metadata?.namespace === ns)) {
      if (o.kind === "Service" && ["LoadBalancer", "NodePort"].includes(o.spec?.type)) exposure.push(`Service ${o.metadata.name} is ${o.spec.type}`);
      if (o.kind === "Ingress") {
        for (const rule of o.spec?.rules ?? []) {
          for (const p of rule.http?.paths ?? []) if (p.backend?.service?.name !== "gateway") exposure.push(`Ingress ${o.metadata.name} routes to ${p.backend?.service?.name}`);
        }
        if (!(o.spec?.tls?.length > 0)) exposure.push(`Ingress ${o.metadata.name} has no TLS`);
      }
      if (o.kind === "NetworkPolicy" && o.metadata.name !== "gateway") {
        for (const rule of o.spec?.ingress ?? []) {
          for (const peer of rule.from ?? []) {
            const fromNs = peer.namespaceSelector?.matchLabels?.["kubernetes.io/metadata.name"];
            if (peer.ipBlock || fromNs === table.dependencies.ingressNamespace) exposure.push(`NetworkPolicy ${o.metadata.name} admits traffic from outside`);
          }
        }
      }
    }
    if (!objects.some((o) => o.kind === "Ingress" && o.metadata.namespace === ns)) exposure.push("no Ingress for the gateway");
    result(`${unit}: only the gateway is reachable from outside`, exposure);
  }
}

/**
 * Each service reaches only what services.json says: in-namespace egress only to the services it calls, other
 * egress only to the declared data services and collector, the internet only where it has external partners;
 * in-namespace ingress only from the services that call it.
 */
function networkScope(unit, objects) {
  const deps = table.dependencies;
  const allowedNs = new Set([deps.postgres, deps.rabbitmq, deps.redis, deps.otelCollector].map((d) => JSON.stringify({ ns: d.namespace, pods: d.podLabels })));
  allowedNs.add(JSON.stringify({ ns: "kube-system", pods: { "k8s-app": "kube-dns" } }));
  for (const s of table.services) {
    const policy = objects.find((o) => o.kind === "NetworkPolicy" && o.metadata.namespace === table.namespace && o.metadata.name === s.name);
    if (!policy) continue;
    const problems = [];
    const calls = new Set(s.calls);
    const callers = new Set(table.services.filter((c) => c.calls.includes(s.name)).map((c) => c.name));
    for (const rule of policy.spec.egress ?? []) {
      for (const peer of rule.to ?? []) {
        const target = peer.podSelector?.matchLabels?.["app.kubernetes.io/name"];
        if (peer.ipBlock) {
          if (!(s.external?.length > 0)) problems.push(`egress to ${peer.ipBlock.cidr}, but ${s.name} has no external partners`);
        } else if (peer.namespaceSelector) {
          const key = JSON.stringify({ ns: peer.namespaceSelector.matchLabels?.["kubernetes.io/metadata.name"], pods: peer.podSelector?.matchLabels });
          if (!allowedNs.has(key)) problems.push(`egress to ${key}, which is not a declared dependency`);
        } else if (!calls.has(target)) {
          problems.push(`egress to ${target ?? "every pod"}, which it does not call`);
        }
      }
      if (!(rule.to?.length > 0)) problems.push("an egress rule without `to` (anywhere)");
    }
    for (const rule of policy.spec.ingress ?? []) {
      for (const peer of rule.from ?? []) {
        const source = peer.podSelector?.matchLabels?.["app.kubernetes.io/name"];
        if (!peer.namespaceSelector && !peer.ipBlock && !callers.has(source)) problems.push(`ingress from ${source ?? "every pod"}, which does not call it`);
      }
      if (!(rule.from?.length > 0)) problems.push("an ingress rule without `from` (anyone)");
    }
    result(`${unit}: network scope: ${s.name}`, problems);
  }
}

/** Every service the code names as `http://<service>` is in its `calls` (else its NetworkPolicy would block the call). */
function callsCoverCode() {
  const names = table.services.map((s) => s.name);
  const pattern = new RegExp(`http://(${names.join("|")})\\b`, "g");
  for (const s of table.services) {
    const cap = s.name[0].toUpperCase() + s.name.slice(1);
    const dir = join(repo, s.project ?? `src/Services/${cap}`);
    if (!existsSync(dir)) continue;
    const found = new Set();
    const walk = (d) => {
      for (const e of readdirSync(d, { withFileTypes: true })) {
        if (e.isDirectory()) {
          if (!["bin", "obj", "node_modules", "wwwroot"].includes(e.name)) walk(join(d, e.name));
        } else if (/\.(cs|json)$/.test(e.name)) {
          for (const m of readFileSync(join(d, e.name), "utf8").matchAll(pattern)) if (m[1] !== s.name) found.add(m[1]);
        }
      }
    };
    walk(dir);
    // Every service but identity validates tokens against identity's JWKS and asks it for service tokens.
    if (s.name !== "identity") found.add("identity");
    const missing = [...found].filter((n) => !s.calls.includes(n));
    result(`services.json: calls of ${s.name} cover what its code calls`, missing.map((n) => `${s.project ?? `src/Services/${cap}`} calls http://${n}/ but services.json does not list it in calls`));
  }
}

/** The contract: every service project that exists has its manifests, with probes, a NetworkPolicy and limits. */
function projectsHaveWorkloads(unit, objects) {
  const projects = [
    ...(existsSync(join(repo, "src/Gateway")) ? ["gateway"] : []),
    ...(existsSync(join(repo, "src/Services")) ? readdirSync(join(repo, "src/Services"), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name.toLowerCase()) : []),
  ];
  for (const p of projects) {
    const d = objects.find((o) => ["Deployment", "StatefulSet"].includes(o.kind) && o.metadata.name === p && o.metadata.namespace === table.namespace);
    const problems = [];
    if (!d) problems.push(`src has the project but ${unit} has no Deployment ${p} (add it to deploy/services.json and run node deploy/tools/generate.mjs)`);
    else {
      const c = d.spec.template.spec.containers?.[0] ?? {};
      if (!c.livenessProbe || !c.readinessProbe) problems.push("no probes");
      if (!c.resources?.limits?.cpu || !c.resources?.limits?.memory) problems.push("no resource limits");
      if (!objects.some((o) => o.kind === "NetworkPolicy" && o.metadata.namespace === table.namespace && o.spec?.podSelector?.matchLabels?.["app.kubernetes.io/name"] === p)) problems.push("no NetworkPolicy");
    }
    result(`${unit}: project ${p} is deployed`, problems);
  }
}

// ---- metrics the code exports vs. metrics the rules and dashboard read ---------------------------------------
function exportedMetrics() {
  const names = new Set();
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.isDirectory()) {
        if (!["bin", "obj", "node_modules"].includes(e.name)) walk(join(dir, e.name));
      } else if (e.name.endsWith(".cs")) {
        const text = readFileSync(join(dir, e.name), "utf8");
        const re = /Create(Counter|Histogram|ObservableGauge|ObservableCounter|UpDownCounter|ObservableUpDownCounter|Gauge)\s*(?:<[^>]*>)?\s*\(\s*"(brigade\.[a-z0-9_.]+)"([^;]*)/g;
        for (const m of text.matchAll(re)) {
          const [, type, instrument, rest] = m;
          let base = instrument.replace(/\./g, "_");
          if (/(^|[\s,(])(unit:\s*)?"s"/.test(rest)) base += "_seconds";
          if (type.includes("Counter") && !type.includes("UpDown")) names.add(`${base}_total`);
          else if (type === "Histogram") ["_bucket", "_count", "_sum"].forEach((s) => names.add(base + s));
          else names.add(base);
        }
      }
    }
  };
  walk(join(repo, "src"));
  return names;
}

function checkMetricNames() {
  const exported = exportedMetrics();
  const problems = [];
  const rulesText = readFileSync(join(deployDir, "monitoring/prometheus/rules.yml"), "utf8");
  const dashboardText = readFileSync(join(deployDir, "monitoring/grafana/brigade-overview.json"), "utf8");
  for (const [what, text] of [["rules.yml", rulesText], ["brigade-overview.json", dashboardText]]) {
    for (const m of new Set(text.match(/\bbrigade_[a-z0-9_]+/g) ?? [])) {
      if (!exported.has(m)) problems.push(`${what} reads ${m}, which no meter in src exports`);
    }
  }
  if (exported.size === 0) problems.push("found no Brigade.* instruments in src");
  result(`monitoring: rules and dashboard read only exported metrics (${exported.size} exported)`, problems);

  const dashboard = JSON.parse(dashboardText);
  const recorded = new Set([...rulesText.matchAll(/- record: (\S+)/g)].map((m) => m[1]));
  const dashProblems = [];
  for (const p of dashboard.panels ?? []) {
    if (p.type === "row") continue;
    if (!(p.targets?.length > 0)) dashProblems.push(`panel ${p.title} has no query`);
    for (const t of p.targets ?? []) {
      for (const r of t.expr.match(/\b[a-z_]+:[a-z0-9_:]+/g) ?? []) if (!recorded.has(r)) dashProblems.push(`panel ${p.title} reads ${r}, which no rule records`);
    }
  }
  result(`monitoring: Grafana dashboard (${(dashboard.panels ?? []).filter((p) => p.type !== "row").length} panels)`, dashProblems);
}

function checkCollector() {
  const problems = [];
  const config = YAML.parse(readFileSync(join(deployDir, "monitoring/otel-collector.yaml"), "utf8"));
  for (const [name, pipeline] of Object.entries(config.service?.pipelines ?? {})) {
    for (const part of ["receivers", "processors", "exporters"]) {
      for (const id of pipeline[part] ?? []) if (!config[part]?.[id]) problems.push(`pipeline ${name} uses ${part.slice(0, -1)} ${id}, which is not defined`);
    }
    if (!(pipeline.receivers?.length > 0) || !(pipeline.exporters?.length > 0)) problems.push(`pipeline ${name} needs a receiver and an exporter`);
  }
  for (const id of config.service?.extensions ?? []) if (!config.extensions?.[id]) problems.push(`extension ${id} is not defined`);
  if (!config.service?.pipelines?.traces) problems.push("no traces pipeline");
  const endpoint = `:${table.dependencies.otelCollector.port}`;
  if (!String(config.receivers?.otlp?.protocols?.grpc?.endpoint ?? "").endsWith(endpoint)) problems.push(`the OTLP/gRPC receiver does not listen on ${endpoint}, where the services send`);
  result("monitoring: OpenTelemetry collector configuration", problems);
}

// ---- self-test: the checks notice what they are for ---------------------------------------------------------
// Breaks a copy of a rendered overlay in one way at a time and expects the named check to fail, so a check that
// silently stopped looking (a renamed field, a wrong selector) fails the run instead of passing everything.
async function selfTest(file) {
  const pristine = readFileSync(file, "utf8");
  const load = () => YAML.parseAllDocuments(pristine).map((d) => d.toJS()).filter(Boolean);
  const find = (objects, kind, name) => objects.find((o) => o.kind === kind && o.metadata.name === name);
  const victim = "payments";
  const cases = [
    ["a service without probes", (o) => { const c = find(o, "Deployment", victim).spec.template.spec.containers[0]; delete c.livenessProbe; delete c.readinessProbe; }, /policy: payments$/, /no HTTP liveness probe/],
    ["a service without resource limits", (o) => { delete find(o, "Deployment", victim).spec.template.spec.containers[0].resources.limits; }, /policy: payments$/, /no cpu limit/],
    ["a service without its NetworkPolicy", (o) => o.splice(o.indexOf(find(o, "NetworkPolicy", victim)), 1), /project payments is deployed$/, /no NetworkPolicy/],
    ["a project in src/Services without a manifest", (o) => o.splice(o.indexOf(find(o, "Deployment", victim)), 1), /project payments is deployed$/, /has no Deployment payments/],
    ["a writable root file system", (o) => { find(o, "Deployment", victim).spec.template.spec.containers[0].securityContext.readOnlyRootFilesystem = false; }, /policy: payments$/, /not read-only/],
    ["a container that may run as root", (o) => { delete find(o, "Deployment", victim).spec.template.spec.securityContext.runAsNonRoot; }, /policy: payments$/, /runAsNonRoot/],
    ["a committed secret value", (o) => o.push({ apiVersion: "v1", kind: "Secret", metadata: { name: "leak", namespace: table.namespace }, stringData: { password: "x" } }), /no secret values/, /carries values/],
    ["a second public entry", (o) => { find(o, "Service", "identity").spec.type = "LoadBalancer"; }, /only the gateway is reachable/, /LoadBalancer/],
    ["a misspelt field", (o) => { const c = find(o, "Deployment", victim).spec.template.spec.containers[0]; c.readinesProbe = c.readinessProbe; }, /schema: Deployment/, /readinesProbe is not a field/],
    ["egress to a service it does not call", (o) => { find(o, "NetworkPolicy", victim).spec.egress.push({ to: [{ podSelector: { matchLabels: { "app.kubernetes.io/name": "staff" } } }] }); }, /network scope: payments$/, /does not call/],
  ];
  for (const [label, mutate, check, why] of cases) {
    const objects = load();
    mutate(objects);
    sink = [];
    await checkSchemas("self-test", objects);
    unitPolicies("self-test", objects);
    projectsHaveWorkloads("self-test", objects);
    networkScope("self-test", objects);
    const caught = sink.some((r) => check.test(r.name) && r.problems.some((p) => why.test(p)));
    sink = null;
    result(`self-test: the checks refuse ${label}`, caught ? [] : [`no check matching ${check} reported ${why}`]);
  }
}

// ---- main ---------------------------------------------------------------------------------------------------
if (process.argv[2] === "--self-test") {
  await selfTest(process.argv[3]);
  process.exit(0);
}
const units = process.argv.slice(2).map((a) => a.split("="));
for (const [unit, file] of units) {
  let objects;
  try {
    objects = YAML.parseAllDocuments(readFileSync(file, "utf8")).map((d) => d.toJS()).filter(Boolean);
  } catch (e) {
    result(`${unit}: rendered YAML parses`, [e.message]);
    continue;
  }
  await checkSchemas(unit, objects);
  unitPolicies(unit, objects);
  if (unit.startsWith("overlays/")) {
    projectsHaveWorkloads(unit, objects);
    networkScope(unit, objects);
  }
}
callsCoverCode();
checkMetricNames();
checkCollector();
