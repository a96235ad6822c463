// Prints how long the whole pack takes over a stack's exported resources (default: production), as the median of
// several runs. Each run builds the props the way the analyzer does (SDK deserialization and unknown-checking proxy),
// then runs every resource rule on every resource and every stack rule once, with the stack's config.
//
//   npm run bench [-- <stack> [runs]]      (after `mvn -B -ntp verify` at the repo root wrote target/policy-input)

import * as path from "path";
import { CONFIG_DIR, PACK_DIR, allPolicies, loadDump, loadPolicyConfig, runPack } from "./test/harness";

const stack = process.argv[2] ?? "production";
const runs = Number(process.argv[3] ?? 25);
const dir = process.env.VERTO_POLICY_INPUT_DIR ?? path.resolve(PACK_DIR, "..", "target", "policy-input");
const dump = loadDump(path.join(dir, `${stack}.json`));
const config = loadPolicyConfig(path.join(CONFIG_DIR, `${stack}.json`));

runPack(dump, config); // warm-up (JIT, module loading)
// Wall time, and the CPU time this process spent: on a shared machine the wall time also counts the time other
// processes held the cores, the CPU time only the pack's own work.
const times: number[] = [];
const cpu: number[] = [];
let findings = 0;
for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    const c0 = process.cpuUsage();
    findings = runPack(dump, config).length;
    const c = process.cpuUsage(c0);
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    cpu.push((c.user + c.system) / 1e3);
}
times.sort((a, b) => a - b);
cpu.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)];
console.log(`stack ${stack}: ${dump.resources.length} resources, ${allPolicies.length} rules, ${findings} finding(s)`);
console.log(`pack time over ${runs} runs: median ${median.toFixed(2)} ms, min ${times[0].toFixed(2)} ms, max ${times[times.length - 1].toFixed(2)} ms`);
console.log(`cpu time: median ${cpu[Math.floor(cpu.length / 2)].toFixed(2)} ms, min ${cpu[0].toFixed(2)} ms (load average ${require("os").loadavg()[0].toFixed(1)})`);
