// One judgement, the pack's half: every stack variant the program's validation accepts (exported by the Java test
// PolicyAgreementTest to target/policy-input/variants/<stack>--<name>.json) passes every policy that is mandatory
// for its stack. The Java half proves that the variants this pack would refuse are config errors first.

import { describe, it } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as path from "path";
import { CONFIG_DIR, PACK_DIR, loadDump, loadPolicyConfig, runPack } from "./harness";

const DIR = path.resolve(PACK_DIR, "..", "target", "policy-input", "variants");

describe(`stack variants validation accepts (${DIR})`, () => {
    const files = fs.existsSync(DIR) ? fs.readdirSync(DIR).filter(f => f.endsWith(".json")).sort() : [];
    it("the Java test exported them", () => {
        assert.ok(files.length >= 10, `${DIR} holds ${files.length} variants: run \`mvn test\` at the repo root first`);
    });
    for (const file of files) {
        it(`${file}: no mandatory violation`, () => {
            const dump = loadDump(path.join(DIR, file));
            const config = loadPolicyConfig(path.join(CONFIG_DIR, `${dump.stack}.json`));
            const mandatory = runPack(dump, config).filter(d => d.level === "mandatory");
            assert.deepEqual(mandatory.map(d => `${d.policy}: ${d.message}`), [], `${file}: validation accepted what the pack refuses`);
        });
    }
});
