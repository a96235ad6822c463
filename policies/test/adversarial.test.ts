// The adversarial suite: every attempt must be refused by the rule it targets, with a mandatory violation that says
// what will exist; every rule of the pack must face at least two attempts.

import { describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { allPolicies } from "./harness";
import { Attempt } from "./adversarial/attempt";
import { awsAttempts } from "./adversarial/aws";
import { clusterAttempts } from "./adversarial/cluster";
import { namespaceAttempts, networkAttempts } from "./adversarial/network";
import { podAttempts } from "./adversarial/pods";

const ATTEMPTS: Attempt[] = [...podAttempts, ...networkAttempts, ...namespaceAttempts, ...clusterAttempts, ...awsAttempts];

describe("adversarial suite", () => {
    it("has at least two attempts against every rule, more than 80 in all", () => {
        const missing = allPolicies.map(p => p.name).filter(n => ATTEMPTS.filter(a => a.rule === n).length < 2);
        assert.deepEqual(missing, [], "rules with fewer than two attempts");
        assert.ok(ATTEMPTS.length > 80, `${ATTEMPTS.length} attempts`);
    });
    for (const a of ATTEMPTS) {
        it(`${a.rule} refuses: ${a.how}`, () => {
            const ds = a.run();
            const level = allPolicies.find(p => p.name === a.rule)!.enforcementLevel;
            const hits = ds.filter(d => d.policy === a.rule && d.level === level && d.message.includes(a.expect));
            assert.ok(hits.length > 0, `no ${level} violation containing ${JSON.stringify(a.expect)}; got ${JSON.stringify(ds.map(d => `${d.level}: ${d.message}`))}`);
            if (level === "mandatory") {
                assert.ok(hits.every(d => /\. Why: .+\. Fix: .+/.test(d.message)), "a mandatory message says why and how to fix");
            }
        });
    }
});
