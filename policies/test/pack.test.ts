// End to end: loads the pack exactly as `pulumi preview --policy-pack policies` does and talks to it over gRPC
// like the engine.
//
// The CLI's analyzer plugin runs `node <pack>/node_modules/@pulumi/pulumi/cmd/run-policy-pack <engine> .` with the
// pack directory as working directory (pulumi/pulumi pkg/resource/plugin/analyzer_plugin.go); that runner registers
// ts-node, requires the package (main: index.ts), and the PolicyPack prints the port of its gRPC server on stdout.
// This test does the same, then sends GetAnalyzerInfo, Analyze, AnalyzeStack and Configure requests built from the
// protobuf classes of @pulumi/pulumi, with secrets as wire sentinels, as the engine marshals them (KeepSecrets).

import { after, before, describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { ChildProcess, spawn } from "child_process";
import * as path from "path";
import { CONFIG_DIR, DumpResource, PACK_DIR, UNKNOWN_STRING, allPolicies, loadDump, loadPolicyConfig, wireSecret } from "./harness";
import { k8sSecret, workload } from "./builders";

const pulumiDir = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
/* eslint-disable @typescript-eslint/no-var-requires */
const grpc = require(require.resolve("@grpc/grpc-js", { paths: [pulumiDir] }));
const analyzerPb = require("@pulumi/pulumi/proto/analyzer_pb");
const analyzerGrpc = require("@pulumi/pulumi/proto/analyzer_grpc_pb");
const { Struct } = require(require.resolve("google-protobuf/google/protobuf/struct_pb", { paths: [pulumiDir] }));
const { Empty } = require(require.resolve("google-protobuf/google/protobuf/empty_pb", { paths: [pulumiDir] }));
/* eslint-enable @typescript-eslint/no-var-requires */

const LEVEL_NAMES = ["advisory", "mandatory", "disabled", "remediate"]; // pulumirpc.EnforcementLevel
const LEVEL_VALUES: Record<string, number> = { advisory: 0, mandatory: 1, disabled: 2, remediate: 3 };

interface WireDiagnostic { policy: string; level: string; message: string; urn: string }

function options(): any {
    const o = new analyzerPb.AnalyzerResourceOptions();
    o.setProtect(false);
    return o;
}

function struct(props: Record<string, unknown> | undefined): any {
    return Struct.fromJavaScript(JSON.parse(JSON.stringify(props ?? {})));
}

function call<T>(client: any, method: string, request: any): Promise<T> {
    return new Promise((resolve, reject) => client[method](request, (err: Error | null, res: T) => (err ? reject(err) : resolve(res))));
}

function diagnostics(res: any): WireDiagnostic[] {
    return res.getDiagnosticsList().map((d: any) => ({
        policy: d.getPolicyname(), level: LEVEL_NAMES[d.getEnforcementlevel()], message: d.getMessage(), urn: d.getUrn(),
    }));
}

describe("the policy pack loaded by @pulumi/pulumi/cmd/run-policy-pack", () => {
    let child: ChildProcess | undefined;
    let client: any;
    let stderr = "";

    before(async () => {
        const runner = path.join(pulumiDir, "cmd", "run-policy-pack");
        child = spawn(process.execPath, [runner, "127.0.0.1:0", "."], { cwd: PACK_DIR, stdio: ["ignore", "pipe", "pipe"] });
        child.stderr!.on("data", (b: Buffer) => { stderr += b.toString(); });
        const port = await new Promise<string>((resolve, reject) => {
            let out = "";
            const timer = setTimeout(() => reject(new Error(`no port after 90 s; stderr: ${stderr}`)), 90_000);
            child!.stdout!.on("data", (b: Buffer) => {
                out += b.toString();
                const m = /^(\d+)\s*$/m.exec(out);
                if (m) {
                    clearTimeout(timer);
                    resolve(m[1]);
                }
            });
            child!.on("exit", code => { clearTimeout(timer); reject(new Error(`pack exited with ${code}: ${stderr}`)); });
        });
        client = new analyzerGrpc.AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
    });

    after(() => {
        client?.close();
        if (child && child.exitCode === null) {
            child.kill();
        }
    });

    it("reports every policy with its default enforcement level", async () => {
        const info: any = await call(client, "getAnalyzerInfo", new Empty());
        assert.equal(info.getName(), "verto-policies");
        const got = info.getPoliciesList().map((p: any) => `${p.getName()}=${LEVEL_NAMES[p.getEnforcementlevel()]}`).sort();
        const want = allPolicies.map(p => `${p.name}=${p.enforcementLevel}`).sort();
        assert.deepEqual(got, want);
    });

    async function analyze(r: DumpResource): Promise<WireDiagnostic[]> {
        const req = new analyzerPb.AnalyzeRequest();
        req.setType(r.type);
        req.setName(r.name);
        req.setUrn(r.urn);
        req.setProperties(struct(r.props));
        req.setOptions(options());
        return diagnostics(await call(client, "analyze", req));
    }

    it("tells secret from plaintext Secret values over the real Analyze path", async () => {
        const plain = await analyze(k8sSecret("db", { password: "hunter2", user: wireSecret("verto") }));
        assert.deepEqual(plain.map(d => d.policy), ["k8s-secret-not-plaintext"]);
        assert.match(plain[0].message, /plaintext value\(s\) in stringData\.password/);
        assert.equal(plain[0].level, "mandatory");
        assert.deepEqual(await analyze(k8sSecret("db", { password: wireSecret("hunter2") })), []);
    });

    it("checks workloads over the real Analyze path", async () => {
        assert.deepEqual(await analyze(workload("Deployment", "backend")), []);
        const bad = workload("Deployment", "backend");
        (bad.props as any).spec.template.spec.containers[0].image = "registry.gitlab.com/verto/platform/backend";
        const ds = await analyze(bad);
        assert.deepEqual(ds.map(d => d.policy), ["k8s-image-pinned"]);
    });

    async function analyzeStack(resources: DumpResource[]): Promise<WireDiagnostic[]> {
        const req = new analyzerPb.AnalyzeStackRequest();
        req.setResourcesList(resources.map(r => {
            const ar = new analyzerPb.AnalyzerResource();
            ar.setType(r.type);
            ar.setName(r.name);
            ar.setUrn(r.urn);
            ar.setProperties(struct(r.props));
            ar.setOptions(options());
            return ar;
        }));
        return diagnostics(await call(client, "analyzeStack", req));
    }

    it("runs the stack policies over the real AnalyzeStack path", async () => {
        const dump = loadDump(path.join(PACK_DIR, "test", "fixtures", "insecure.json"));
        const policies = new Set((await analyzeStack(dump.resources)).map(d => d.policy));
        for (const p of ["k8s-namespace-default-deny", "k8s-namespace-resource-quota", "k8s-production-hpa", "k8s-production-pdb",
            "s3-bucket-encryption", "s3-bucket-versioning", "s3-bucket-public-access-block", "s3-bucket-deny-insecure-transport",
            "s3-backup-bucket-lifecycle"]) {
            assert.ok(policies.has(p), `${p} did not fire over gRPC`);
        }
    });

    it("turns an undecidable preview match into the SDK's advisory diagnostic", async () => {
        const b = { type: "aws:s3/bucketV2:BucketV2", name: "assets", urn: "urn:pulumi:production::verto::aws:s3/bucketV2:BucketV2::assets", props: { bucket: "verto-assets" } };
        const sse = {
            type: "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2", name: "assets-sse",
            urn: "urn:pulumi:production::verto::aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2::assets-sse",
            props: { bucket: UNKNOWN_STRING, rules: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: "aws:kms" } }] },
        };
        const ds = (await analyzeStack([b, sse])).filter(d => d.policy === "s3-bucket-encryption");
        assert.equal(ds.length, 1);
        assert.equal(ds[0].level, "advisory");
        assert.match(ds[0].message, /can't run policy 's3-bucket-encryption' from policy pack 'verto-policies@v1\.0\.0' during preview/);
    });

    it("applies a --policy-pack-config file sent through Configure", async () => {
        const cfg = loadPolicyConfig(path.join(CONFIG_DIR, "development.json"));
        const req = new analyzerPb.ConfigureAnalyzerRequest();
        const map = req.getPolicyconfigMap();
        for (const [name, v] of Object.entries(cfg)) {
            const pc = new analyzerPb.PolicyConfig();
            pc.setEnforcementlevel(LEVEL_VALUES[v.enforcementLevel ?? "mandatory"]);
            const { enforcementLevel: _l, ...props } = v;
            pc.setProperties(struct(props));
            map.set(name, pc);
        }
        await call(client, "configure", req);
        const dump = loadDump(path.join(PACK_DIR, "test", "fixtures", "insecure.json"));
        const ds = await analyzeStack(dump.resources);
        assert.ok(!ds.some(d => d.policy === "k8s-production-hpa"), "HPA rule must be disabled in development");
        assert.equal(ds.find(d => d.policy === "s3-bucket-versioning")?.level, "advisory");
        assert.equal(ds.find(d => d.policy === "s3-bucket-encryption")?.level, "mandatory");
    });
});
