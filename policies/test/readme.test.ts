// The README's rule table must list every rule of the pack with its anchor ids (as in the rule's description), the
// kinds it examines, and its enforcement per stack exactly as config/<stack>.json sets it.

import { describe, it } from "node:test";
import * as assert from "node:assert/strict";
import * as fs from "fs";
import * as path from "path";
import { CONFIG_DIR, PACK_DIR, STACKS, allPolicies, effectiveLevel, loadPolicyConfig } from "./harness";

const LEVEL_MARKS: Record<string, string> = { mandatory: "M", advisory: "A", disabled: "–", remediate: "R" };

interface Row { name: string; ids: string; kinds: string; levels: string[] }

function readmeRows(): Row[] {
    const text = fs.readFileSync(path.join(PACK_DIR, "README.md"), "utf8");
    const rows: Row[] = [];
    for (const line of text.split("\n")) {
        const m = /^\| `([a-z0-9-]+)` \|(.*)\|$/.exec(line);
        if (!m || m[2].split(/(?<!\\)\|/).length === 2) {
            continue; // the second table (normalises | known limits) has two cells
        }
        const cells = m[2].split(/(?<!\\)\|/).map(c => c.trim());
        assert.equal(cells.length, 4, `README row for ${m[1]} must have name | what | ids | kinds | levels`);
        rows.push({ name: m[1], ids: cells[1], kinds: cells[2], levels: cells[3].split("/").map(s => s.trim()) });
    }
    return rows;
}

/** Rows of the second table: rule | normalises | known limits. */
function limitRows(): string[] {
    const text = fs.readFileSync(path.join(PACK_DIR, "README.md"), "utf8");
    return text.split("\n").map(l => /^\| `([a-z0-9-]+)` \|([^|]*)\|([^|]*)\|$/.exec(l)).filter(m => m !== null)
        .filter(m => m![2].trim() !== "" && m![3].trim() !== "").map(m => m![1]);
}

describe("README rule table", () => {
    it("says, for every rule, what it normalises and its known limits", () => {
        assert.deepEqual(limitRows().sort(), allPolicies.map(p => p.name).sort());
    });
    const rows = readmeRows();
    it("lists every rule of the pack exactly once", () => {
        assert.deepEqual(rows.map(r => r.name).sort(), allPolicies.map(p => p.name).sort());
    });
    for (const p of allPolicies) {
        it(`${p.name}: ids match the rule's description, kinds are named, levels match config/<stack>.json`, () => {
            const row = rows.find(r => r.name === p.name);
            assert.ok(row, `${p.name} is missing from README.md`);
            const ids = / Fix: .+ \((.+)\)$/s.exec(p.description)?.[1];
            assert.equal(row.ids, ids, `${p.name}: README ids differ from the description`);
            assert.ok(/[A-Z][A-Za-z]+/.test(row.kinds), `${p.name}: no kinds listed`);
            const want = STACKS.map(s => LEVEL_MARKS[effectiveLevel(p, loadPolicyConfig(path.join(CONFIG_DIR, `${s}.json`)))]);
            assert.deepEqual(row.levels, want, `${p.name}: README levels (dev / test / staging / prod) differ from the configs`);
        });
    }
});
