// The enforcement configuration: code defaults and one --policy-pack-config file per stack.

import { describe, it } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as path from "path";
import { CONFIG_DIR, STACKS, allPolicies, effectiveLevel, loadPolicyConfig } from "./harness";
import { renderConfig } from "../tools/config";
import { STACKS as DIFFERENCES } from "../config/stacks";

const LEVELS = new Set(["advisory", "mandatory", "remediate", "disabled"]);
const PRODUCTION_ONLY = ["k8s-production-hpa", "k8s-production-pdb"];

describe("policy metadata", () => {
    it("has unique kebab-case names", () => {
        const names = allPolicies.map(p => p.name);
        assert.equal(new Set(names).size, names.length);
        for (const n of names) {
            assert.match(n, /^[a-z0-9]+(-[a-z0-9]+)*$/);
        }
    });
    it("describes the fix and the matching rule ids", () => {
        for (const p of allPolicies) {
            assert.match(p.description, / Fix: .+ \(.+\)$/s, p.name);
        }
    });
    it("defaults to mandatory, except the advisory WAF rule", () => {
        for (const p of allPolicies) {
            assert.equal(effectiveLevel(p), p.name === "cloudfront-waf" ? "advisory" : "mandatory", p.name);
        }
    });
});

describe("config/<stack>.json", () => {
    for (const stack of STACKS) {
        const file = path.join(CONFIG_DIR, `${stack}.json`);
        it(`${stack}: is exactly what config/stacks.ts generates (run \`npm run config\` after changing rules or stacks.ts)`, () => {
            assert.equal(fs.readFileSync(file, "utf8"), renderConfig(stack),
                `config/${stack}.json is stale or edited by hand: change config/stacks.ts and run \`npm run config\``);
        });
        it(`${stack}: config/stacks.ts states only differences from the base`, () => {
            for (const [name, level] of Object.entries(DIFFERENCES[stack].levels ?? {})) {
                const p = allPolicies.find(x => x.name === name)!;
                assert.notEqual(level, p.enforcementLevel ?? "mandatory", `${stack}: ${name} repeats its base level`);
            }
        });
        it(`${stack}: names exactly the pack's policies with valid levels`, () => {
            const raw = JSON.parse(fs.readFileSync(file, "utf8"));
            assert.deepEqual(Object.keys(raw).sort(), allPolicies.map(p => p.name).sort());
            for (const [name, v] of Object.entries(loadPolicyConfig(file))) {
                assert.ok(LEVELS.has(String(v.enforcementLevel)), `${stack}: ${name} has level ${v.enforcementLevel}`);
            }
        });
        it(`${stack}: WAF is advisory`, () => {
            assert.equal(loadPolicyConfig(file)["cloudfront-waf"].enforcementLevel, "advisory");
        });
    }
    for (const stack of ["staging", "production"]) {
        it(`${stack}: everything else is mandatory`, () => {
            const cfg = loadPolicyConfig(path.join(CONFIG_DIR, `${stack}.json`));
            for (const p of allPolicies.filter(p => p.name !== "cloudfront-waf")) {
                assert.equal(effectiveLevel(p, cfg), "mandatory", `${stack}: ${p.name}`);
            }
        });
    }
    it("every stack names the allowed registries of the program's images", () => {
        for (const stack of STACKS) {
            const registries = loadPolicyConfig(path.join(CONFIG_DIR, `${stack}.json`))["k8s-image-registry-allowed"].allowedRegistries;
            assert.ok(Array.isArray(registries) && registries.includes("registry.gitlab.com/verto"), `${stack}: ${JSON.stringify(registries)}`);
        }
    });
    it("development: production-only rules disabled, a few costly ones advisory, the rest mandatory", () => {
        const cfg = loadPolicyConfig(path.join(CONFIG_DIR, "development.json"));
        for (const name of PRODUCTION_ONLY) {
            assert.equal(cfg[name].enforcementLevel, "disabled");
        }
        const advisory = allPolicies.filter(p => effectiveLevel(p, cfg) === "advisory").map(p => p.name).sort();
        assert.deepEqual(advisory, ["cloudfront-access-logging", "cloudfront-tls-1-2", "cloudfront-waf", "k8s-no-opaque-installers",
            "s3-bucket-versioning"]);
        const mandatory = allPolicies.filter(p => effectiveLevel(p, cfg) === "mandatory");
        assert.equal(mandatory.length, allPolicies.length - advisory.length - PRODUCTION_ONLY.length);
    });
});
