// Proof against our own program: the Java tests (`mvn test`, run before `npm test`) dump every stack's resources to
// target/policy-input/<stack>.json at the repo root. Each dump must pass every policy that is mandatory for that stack
// in config/<stack>.json. Advisory findings are printed. Override the directory with VERTO_POLICY_INPUT_DIR.

import { describe, it } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as path from "path";
import { CONFIG_DIR, PACK_DIR, STACKS, loadDump, loadPolicyConfig, runPack } from "./harness";

const INPUT_DIR = process.env.VERTO_POLICY_INPUT_DIR
    ? path.resolve(process.env.VERTO_POLICY_INPUT_DIR)
    : path.resolve(PACK_DIR, "..", "target", "policy-input");

describe(`program stacks (${INPUT_DIR})`, () => {
    for (const stack of STACKS) {
        it(`${stack}: no mandatory violation`, (t) => {
            const file = path.join(INPUT_DIR, `${stack}.json`);
            if (!fs.existsSync(file)) {
                assert.fail(`${file} is missing: run \`mvn test\` first (at the repo root) so the Java tests write `
                    + "target/policy-input/<stack>.json for every stack, then run `npm test` again");
            }
            const dump = loadDump(file);
            assert.equal(dump.stack, stack, `${file} says stack ${dump.stack}`);
            assert.ok(dump.resources.length > 0, `${file} has no resources`);
            const config = loadPolicyConfig(path.join(CONFIG_DIR, `${stack}.json`));
            const diagnostics = runPack(dump, config);
            for (const d of diagnostics.filter(x => x.level !== "mandatory")) {
                t.diagnostic(`[${d.level}] ${d.policy}: ${d.message}${d.urn ? ` (${d.urn})` : ""}`);
            }
            const mandatory = diagnostics.filter(d => d.level === "mandatory");
            assert.deepEqual(mandatory.map(d => `${d.policy}: ${d.message}`), [],
                `${stack}: ${mandatory.length} mandatory violation(s)`);
        });
        // The variant scripts/engine-test registers under the real engine (no AWS resources), when it was exported.
        const engineFile = path.join(INPUT_DIR, `${stack}.engine.json`);
        it(`${stack} (engine variant): no mandatory violation`, { skip: !fs.existsSync(engineFile) && `${engineFile} not exported` }, () => {
            const config = loadPolicyConfig(path.join(CONFIG_DIR, `${stack}.json`));
            const mandatory = runPack(loadDump(engineFile), config).filter(d => d.level === "mandatory");
            assert.deepEqual(mandatory.map(d => `${d.policy}: ${d.message}`), []);
        });
    }
});
