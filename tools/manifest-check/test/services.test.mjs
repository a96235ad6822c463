import { test } from "node:test";
import assert from "node:assert/strict";
import { compareServices } from "../services.mjs";

const deployment = (name, container, image, port) => ({
  metadata: { name },
  spec: { template: { spec: { containers: [{ name: container, image, ports: [{ containerPort: port }] }] } } },
});
const reported = {
  frontend: { deployment: "verto-frontend", image: "r/frontend:1.0.0", port: 3000 },
  backend: { deployment: "verto-backend", image: "r/backend:1.0.0", port: 3001 },
};

test("Deployments that are the reported services pass", () => {
  assert.deepEqual(compareServices(reported, [deployment("verto-frontend", "frontend", "r/frontend:1.0.0", 3000),
    deployment("verto-backend", "backend", "r/backend:1.0.0", 3001)]), []);
});

test("a missing, extra or different Deployment is named", () => {
  const wrong = compareServices(reported, [deployment("verto-frontend", "frontend", "r/frontend:1.0.1", 3000),
    deployment("verto-worker", "worker", "r/worker:1.0.0", 3002)]);
  assert.deepEqual(new Set(wrong), new Set(["backend: no Deployment verto-backend",
    "verto-frontend: image r/frontend:1.0.1, reported r/frontend:1.0.0", "Deployment verto-worker is not a reported service"]));
});

test("a Deployment without the reported port is named", () => {
  assert.deepEqual(compareServices({ frontend: reported.frontend }, [deployment("verto-frontend", "frontend", "r/frontend:1.0.0", 8080)]),
    ["verto-frontend: no containerPort 3000"]);
});

test("the program's monitoring workloads (the mysqld-exporter) are not services; an unlabelled extra one still is named", () => {
  const exporter = deployment("mysqld-exporter", "mysqld-exporter", "quay.io/prometheus/mysqld-exporter:v0.14.0@sha256:eb6fe170738bf9181c51f5bc89f93adb26672ec49ffdcb22f55c24834003b45d", 9104);
  exporter.metadata.labels = { "app.kubernetes.io/component": "monitoring" };
  const both = [deployment("verto-frontend", "frontend", "r/frontend:1.0.0", 3000), deployment("verto-backend", "backend", "r/backend:1.0.0", 3001)];
  assert.deepEqual(compareServices(reported, [...both, exporter]), []);
  delete exporter.metadata.labels;
  assert.deepEqual(compareServices(reported, [...both, exporter]), ["Deployment mysqld-exporter is not a reported service"]);
});
