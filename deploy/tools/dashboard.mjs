// Writes deploy/monitoring/grafana/brigade-overview.json (run from deploy/: node tools/dashboard.mjs). The JSON is committed; this is how it was made.
import { writeFileSync } from "node:fs";
const ds = { type: "prometheus", uid: "${datasource}" };
let id = 0, y = 0;
const panels = [];
const row = (title) => { panels.push({ id: ++id, type: "row", title, collapsed: false, gridPos: { h: 1, w: 24, x: 0, y: y++ }, panels: [] }); };
function ts(title, unit, targets, x, w = 12, extra = {}) {
  panels.push({
    id: ++id, type: "timeseries", title, datasource: ds,
    gridPos: { h: 8, w, x, y },
    fieldConfig: { defaults: { unit, ...(extra.thresholds ? { thresholds: { mode: "absolute", steps: [{ color: "green", value: null }, { color: "red", value: extra.thresholds }] }, custom: { thresholdsStyle: { mode: "line" } } } : {}) }, overrides: [] },
    options: { legend: { displayMode: "table", placement: "right", calcs: ["lastNotNull", "max"] }, tooltip: { mode: "multi" } },
    targets: targets.map(([expr, legendFormat], i) => ({ refId: String.fromCharCode(65 + i), datasource: ds, expr, legendFormat })),
  });
}
const ns = 'namespace="$namespace"';
row("Gateway (availability SLO 99.9 %)");
ts("Requests per second by service", "reqps", [[`sum by (cluster) (rate(brigade_gateway_forwarded_duration_seconds_count{${ns}}[5m]))`, "{{cluster}}"], [`sum by (reason) (rate(brigade_gateway_rejected_total{${ns}}[5m]))`, "rejected: {{reason}}"]], 0);
ts("Error ratio (5xx or no response) and burn windows", "percentunit", [[`gateway:error_ratio:rate5m{${ns}}`, "5m"], [`gateway:error_ratio:rate1h{${ns}}`, "1h"], [`gateway:error_ratio:rate6h{${ns}}`, "6h"]], 12, 12, { thresholds: 0.001 });
y += 8;
ts("95th percentile time by upstream", "s", [[`gateway:latency_seconds:p95_5m{${ns}}`, "{{cluster}}"]], 0, 12, { thresholds: 2 });
ts("In-flight requests by upstream", "short", [[`sum by (cluster) (brigade_gateway_in_flight{${ns}})`, "{{cluster}}"]], 12);
y += 8;
row("Services");
ts("Requests per second", "reqps", [[`service:http_requests:rate5m{${ns}}`, "{{service}}"]], 0, 8);
ts("Error ratio (5xx)", "percentunit", [[`service:http_error_ratio:rate5m{${ns}}`, "{{service}}"]], 8, 8, { thresholds: 0.05 });
ts("95th percentile response time", "s", [[`service:http_latency_seconds:p95_5m{${ns}}`, "{{service}}"]], 16, 8, { thresholds: 2 });
y += 8;
row("Resources");
ts("CPU of limit", "percentunit", [[`max by (container) (container:cpu_usage_of_limit:ratio{${ns}})`, "{{container}}"]], 0, 8, { thresholds: 0.8 });
ts("Memory of limit", "percentunit", [[`max by (container) (container:memory_usage_of_limit:ratio{${ns}})`, "{{container}}"]], 8, 8, { thresholds: 0.85 });
ts("Replicas (available / desired)", "short", [[`kube_deployment_status_replicas_available{${ns}}`, "{{deployment}} available"], [`kube_deployment_spec_replicas{${ns}}`, "{{deployment}} desired"]], 16, 8);
y += 8;
ts("Data volumes used", "percentunit", [[`kubelet_volume_stats_used_bytes{namespace=~"brigade.*"} / kubelet_volume_stats_capacity_bytes{namespace=~"brigade.*"}`, "{{namespace}}/{{persistentvolumeclaim}}"]], 0, 12, { thresholds: 0.9 });
ts("Container restarts (15m)", "short", [[`sum by (container) (increase(kube_pod_container_status_restarts_total{${ns}}[15m]))`, "{{container}}"]], 12, 12);
y += 8;
row("Events (outbox, consumers, dead letters)");
ts("Outbox backlog", "short", [[`sum by (service) (brigade_messaging_outbox_backlog{${ns}})`, "{{service}}"]], 0, 8, { thresholds: 1000 });
ts("Oldest unpublished event", "s", [[`max by (service) (brigade_messaging_outbox_oldest_age_seconds{${ns}})`, "{{service}}"]], 8, 8, { thresholds: 300 });
ts("Published / consumed per second", "ops", [[`sum by (service) (rate(brigade_messaging_published_total{${ns}}[5m]))`, "{{service}} published"], [`sum by (service) (rate(brigade_messaging_consumed_total{${ns}}[5m]))`, "{{service}} consumed"]], 16, 8);
y += 8;
ts("Events handled more than 10 s late", "percentunit", [[`(sum by (service) (rate(brigade_messaging_consume_lag_seconds_count{${ns}}[5m])) - sum by (service) (rate(brigade_messaging_consume_lag_seconds_bucket{${ns},le="10"}[5m]))) / sum by (service) (rate(brigade_messaging_consume_lag_seconds_count{${ns}}[5m]))`, "{{service}}"]], 0, 8, { thresholds: 0.05 });
ts("Dead-lettered (15m)", "short", [[`sum by (service, type) (increase(brigade_messaging_dead_lettered_total{${ns}}[15m]))`, "{{service}} {{type}}"]], 8, 8, { thresholds: 0.5 });
ts("Circuit breakers opened and retries (5m)", "short", [[`sum by (service, event_name) (increase(resilience_polly_strategy_events_total{${ns},event_name=~"OnCircuitOpened|OnRetry"}[5m]))`, "{{service}} {{event_name}}"]], 16, 8);
y += 8;
const dashboard = {
  uid: "brigade-overview", title: "Brigade — overview", tags: ["brigade"], timezone: "browser", schemaVersion: 39, version: 1, editable: true,
  time: { from: "now-6h", to: "now" }, refresh: "30s",
  templating: { list: [
    { name: "datasource", type: "datasource", query: "prometheus", label: "Data source" },
    { name: "namespace", type: "query", datasource: ds, query: { query: "label_values(kube_deployment_spec_replicas, namespace)", refId: "namespace" }, definition: "label_values(kube_deployment_spec_replicas, namespace)", current: { text: "brigade", value: "brigade" }, refresh: 2, label: "Namespace" },
  ] },
  annotations: { list: [] },
  panels,
};
writeFileSync("monitoring/grafana/brigade-overview.json", JSON.stringify(dashboard, null, 2) + "\n");
