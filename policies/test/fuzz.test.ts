// Fuzz-style test: generates spelling variants of fields the pack used to judge by spelling (quantities, CIDRs,
// capability names, Pod Security label values, image tags, sysctl names) and checks every variant is judged by its
// meaning through the real rules. The generator must really produce variants (counted), and each one is judged.

import { describe, it } from "node:test";
import * as assert from "node:assert/strict";
import * as k8s from "../src/kubernetes/pod";
import { networkPolicyNoAllowAll } from "../src/kubernetes/network";
import { namespacePodSecurity } from "../src/kubernetes/namespace";
import { resourceDiagnostics, stackDiagnostics } from "./assertions";
import { goodPodSpec, res, workload } from "./builders";
import type { Diagnostic, DumpResource } from "./harness";

interface Variant { field: string; value: string; unsafe: boolean; run: () => Diagnostic[] }

const product = <A, B>(as: readonly A[], bs: readonly B[]): [A, B][] => as.flatMap(a => bs.map(b => [a, b] as [A, B]));

function withResources(cpu: string): DumpResource {
    const s = goodPodSpec();
    s.containers[0].resources = { requests: { cpu, memory: "64Mi" }, limits: { cpu: "1T", memory: "128Mi" } };
    return workload("Deployment", "w", s);
}

function quantities(): Variant[] {
    const zeros = ["0", "00", "0.0", ".0", "0.", "+0", "-0", "000.000"];
    const suffixes = ["", "m", "u", "n", "k", "M", "G", "Ki", "Mi", "Gi"];
    const exponents = ["0e0", "0E3", "0e-3", "0.0e9"];
    const positives = ["1", "0.5", "500m", "1e3", "1Ki", ".1", "100u", "2G"];
    return [
        ...product(zeros, suffixes).map(([z, s]) => z + s).concat(exponents).map(v => ({ field: "requests.cpu", value: v, unsafe: true,
            run: () => resourceDiagnostics(k8s.requestsAndLimits, withResources(v)) })),
        ...positives.map(v => ({ field: "requests.cpu", value: v, unsafe: false, run: () => resourceDiagnostics(k8s.requestsAndLimits, withResources(v)) })),
    ];
}

function policy(peers: unknown[]): DumpResource {
    return res("kubernetes:networking.k8s.io/v1:NetworkPolicy", "np", { apiVersion: "networking.k8s.io/v1", kind: "NetworkPolicy",
        metadata: { name: "np", namespace: "verto" }, spec: { podSelector: { matchLabels: { app: "web" } }, egress: [{ to: peers }] } });
}

/** `2^bits` blocks of prefix `bits` that together cover IPv4. */
function split4(bits: number): string[] {
    return Array.from({ length: 2 ** bits }, (_, i) => `${(i << (8 - bits)) & 255}.0.0.0/${bits}`);
}

function cidrs(): Variant[] {
    const anyHost = ["0.0.0.0", "10.1.2.3", "192.168.0.1", "255.255.255.255", "8.8.8.8"].map(h => [`${h}/0`]);
    const halves = [1, 2, 3, 4].map(split4);
    const v6 = ["::/0", "0::/0", "0:0:0:0:0:0:0:0/0", "::0/0", "0000:0000::/0", "2000::/3", "::ffff:1.2.3.4/0", "fe80::1/0"].map(c => [c]);
    const v6halves = [["2000::/4", "3000::/4"], ["::/1", "8000::/1"]];
    const carved = [["0.0.0.0/0 except 10.0.0.0/8,172.16.0.0/12,192.168.0.0/16"], ["0.0.0.0/0 except 169.254.169.254/32"]];
    const narrow = [["10.0.0.0/8"], ["0.0.0.0/1"], ["203.0.113.0/24"], ["2001:db8::/32"], ["1.0.0.0/8", "2.0.0.0/7"]];
    const peer = (c: string) => {
        const [cidr, except] = c.split(" except ");
        return { ipBlock: { cidr, ...(except ? { except: except.split(",") } : {}) } };
    };
    return [...anyHost, ...halves, ...v6, ...v6halves, ...carved].map(set => ({ field: "ipBlock", value: set.join(" + "), unsafe: true,
        run: () => resourceDiagnostics(networkPolicyNoAllowAll, policy(set.map(peer))) }))
        .concat(narrow.map(set => ({ field: "ipBlock", value: set.join(" + "), unsafe: false,
            run: () => resourceDiagnostics(networkPolicyNoAllowAll, policy(set.map(peer))) })));
}

function spellings(name: string): string[] {
    const lower = name.toLowerCase();
    const title = lower.replace(/(^|_)([a-z])/g, (_m, p, c) => p + c.toUpperCase());
    return [name, lower, title, `CAP_${name}`, `cap_${lower}`, `Cap_${title}`, ` ${name} `, `${name}\t`];
}

function capabilities(): Variant[] {
    const withAdd = (cap: string) => {
        const s = goodPodSpec();
        s.containers[0].securityContext.capabilities = { drop: ["ALL"], add: [cap] };
        return workload("Deployment", "w", s);
    };
    const withDrop = (drop: string) => {
        const s = goodPodSpec();
        s.containers[0].securityContext.capabilities = { drop: [drop] };
        s.initContainers = [];
        return workload("Deployment", "w", s);
    };
    return [
        ...["SYS_ADMIN", "NET_RAW", "SYS_PTRACE", "NET_ADMIN"].flatMap(spellings).map(c => ({ field: "capabilities.add", value: c, unsafe: true,
            run: () => resourceDiagnostics(k8s.dropAllCapabilities, withAdd(c)) })),
        ...spellings("NET_BIND_SERVICE").map(c => ({ field: "capabilities.add", value: c, unsafe: false,
            run: () => resourceDiagnostics(k8s.dropAllCapabilities, withAdd(c)) })),
        ...["ALL", "all", "All", " ALL "].map(d => ({ field: "capabilities.drop", value: d, unsafe: false,
            run: () => resourceDiagnostics(k8s.dropAllCapabilities, withDrop(d)) })),
    ];
}

function labels(): Variant[] {
    const ns = (labelsOf: Record<string, string>) => [res("kubernetes:core/v1:Namespace", "verto", { metadata: { name: "verto", labels: labelsOf } })];
    const level = (v: string) => ns({ "pod-security.kubernetes.io/enforce": v });
    const version = (v: string) => ns({ "pod-security.kubernetes.io/enforce": "restricted", "pod-security.kubernetes.io/enforce-version": v });
    return [
        ...["Restricted", "RESTRICTED", "restricted ", " restricted", "restricted\n", "baseline", "privileged", "", "restrict"]
            .map(v => ({ field: "enforce", value: JSON.stringify(v), unsafe: true, run: () => stackDiagnostics(namespacePodSecurity, level(v)) })),
        ...["restricted"].map(v => ({ field: "enforce", value: v, unsafe: false, run: () => stackDiagnostics(namespacePodSecurity, level(v)) })),
        ...["v1.24", "v1.22", "v1.0", "1.30", "V1.30", "latest ", "LATEST", "v1.30.1", "v2", "v1.2x"]
            .map(v => ({ field: "enforce-version", value: JSON.stringify(v), unsafe: true, run: () => stackDiagnostics(namespacePodSecurity, version(v)) })),
        ...["latest", "v1.25", "v1.30", "v1.34"]
            .map(v => ({ field: "enforce-version", value: v, unsafe: false, run: () => stackDiagnostics(namespacePodSecurity, version(v)) })),
    ];
}

function images(): Variant[] {
    const withImage = (image: string) => {
        const s = goodPodSpec();
        s.containers[0].image = image;
        return workload("Deployment", "w", s);
    };
    const repo = "registry.gitlab.com/verto/platform/backend";
    const versions = ["1.2.3", "v1.2.3", "10.0.17"];
    const mutable = ["-SNAPSHOT", "-snapshot", ".SNAPSHOT", "-nightly", "_dev", "-rc.1-SNAPSHOT", "+latest", "-main", "-Nightly.20261126"];
    const fine = ["", "-alpine", "-rc1", "+build.7", "-bookworm"];
    return [
        ...product(versions, mutable).map(([v, s]) => ({ field: "image tag", value: v + s, unsafe: true,
            run: () => resourceDiagnostics(k8s.pinnedImages, withImage(`${repo}:${v}${s}`)) })),
        ...product(versions, fine).map(([v, s]) => ({ field: "image tag", value: v + s, unsafe: false,
            run: () => resourceDiagnostics(k8s.pinnedImages, withImage(`${repo}:${v}${s}`)) })),
    ];
}

function sysctls(): Variant[] {
    const withSysctl = (name: string) => workload("Deployment", "w", goodPodSpec({
        securityContext: { runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" }, sysctls: [{ name, value: "1" }] } }));
    const forms = (n: string) => [n, n.replace(/\./g, "/"), ` ${n}`];
    return [
        ...["kernel.msgmax", "net.ipv4.ip_forward", "vm.overcommit_memory"].flatMap(forms).map(n => ({ field: "sysctl", value: n, unsafe: true,
            run: () => resourceDiagnostics(k8s.restrictSysctls, withSysctl(n)) })),
        ...["net.ipv4.tcp_syncookies", "kernel.shm_rmid_forced"].flatMap(forms).map(n => ({ field: "sysctl", value: n, unsafe: false,
            run: () => resourceDiagnostics(k8s.restrictSysctls, withSysctl(n)) })),
    ];
}

/** Every generated variant. */
export function variants(): Variant[] {
    return [...quantities(), ...cidrs(), ...capabilities(), ...labels(), ...images(), ...sysctls()];
}

describe("fuzz: spelling variants are judged by meaning", () => {
    const all = variants();
    it("the generator produces variants of every field, safe and unsafe", (t) => {
        t.diagnostic(`${all.length} variants (${all.filter(v => v.unsafe).length} unsafe)`);
        const fields = new Set(all.map(v => v.field));
        assert.deepEqual([...fields].sort(), ["capabilities.add", "capabilities.drop", "enforce", "enforce-version", "image tag", "ipBlock",
            "requests.cpu", "sysctl"]);
        assert.ok(all.length >= 200, `only ${all.length} variants`);
        assert.ok(all.filter(v => v.unsafe).length >= 150 && all.filter(v => !v.unsafe).length >= 30);
        assert.equal(new Set(all.map(v => `${v.field}=${v.value}`)).size, all.length, "variants repeat");
    });
    it("judges every variant: every unsafe spelling is refused, every safe one passes", () => {
        const wrong: string[] = [];
        for (const v of all) {
            const mandatory = v.run().filter(d => d.level === "mandatory");
            if (v.unsafe !== mandatory.length > 0) {
                wrong.push(`${v.field}=${JSON.stringify(v.value)}: ${v.unsafe ? "passed" : mandatory.map(d => d.message).join(" | ")}`);
            }
        }
        assert.deepEqual(wrong, []);
    });
});
